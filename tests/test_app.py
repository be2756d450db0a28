"""The web app: callbacks without a server, then the API through gradio_client on localhost."""
import html
import os
import socket

import pytest

from assistant.app import LABELS, RELABELED, Callbacks, auth_from_env, build_app, launch
from assistant.core import Conversation


@pytest.fixture(scope="module")
def cb(assistant):
    return Callbacks(assistant)


def last(history):
    """The newest message as the browser shows it (entities decoded, tags kept)."""
    return html.unescape(history[-1]["content"])


def test_gradio_analytics_are_off():
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"


def test_respond_japanese_question(cb, assistant):
    history, box, update, _ = cb.respond("水素製造と燃料電池による系統連系", [])
    html = last(history)
    assert box == ""
    assert history[0] == {"role": "user", "content": "水素製造と燃料電池による系統連系"}
    assert 'c2c-n15"' in html
    assert assistant.get(15) is not None
    assert "<mark>" in html
    assert update["choices"][0][1] == 15


def test_respond_english_question_shows_unofficial_rendering(cb):
    history, _, _, _ = cb.respond("tiltable wind turbines", [])
    html = last(history)
    assert 'c2c-n8"' in html and "unofficial" in html and "c2c-quote-en" in html


def test_respond_with_filters_and_top_k(cb):
    history, _, _, _ = cb.respond("Which projects work on hydrogen?", [], ["インドネシア"], None, None, None, None, 3)
    html = last(history)
    assert "1 project" in html and 'c2c-n15"' in html and 'c2c-n7"' not in html


@pytest.mark.parametrize("evil", [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "![x](http://example.com/x.png)",
    "[click](javascript:alert(1))",
])
def test_questions_are_shown_as_text_never_markup(cb, evil):
    history, _, _, _ = cb.respond(evil, [])
    user = history[-2]["content"]
    for bad in ("<script", "<img", "](", "![", "<"):
        assert bad not in user  # entities only: the browser shows the text, runs nothing
    assert html.unescape(user) == evil
    assert "<script" not in last(history) and "<img" not in last(history)


def test_bad_input_gets_a_message_and_keeps_serving(cb):
    history, _, _, _ = cb.respond("   ", [])
    assert "empty" in last(history)
    history, _, _, _ = cb.respond("x" * 5000, history)
    assert "limit" in last(history)
    history, _, _, _ = cb.respond("coke dry quenching", history)
    assert 'c2c-n2"' in last(history)


def test_similar_in_chat_and_panel(cb):
    history, *_ = cb.similar_in_chat(8, [], None, "en")
    assert "Projects most similar to #8" in last(history)
    panel = html.unescape(cb.similar_panel(8, "en"))
    assert 'c2c-n12"' in panel and "same country: Palau" in panel
    assert "unofficial" in panel
    assert "no proposal" in cb.similar_panel(99, "en")


def test_relabel_switches_every_label(cb):
    updates = dict(zip(RELABELED, cb.relabel("English")))
    assert updates["ui_lang"] == "en"
    assert updates["box"]["label"] == LABELS["en"]["question"]
    country = updates["country"]
    assert country["label"] == "Country" and ("Palau", "パラオ") in country["choices"]
    assert cb.relabel("日本語")[-1] == "ja"


def test_auth_from_env(monkeypatch):
    monkeypatch.delenv("C2C_AUTH_USER", raising=False)
    monkeypatch.delenv("C2C_AUTH_PASSWORD", raising=False)
    assert auth_from_env() is None
    monkeypatch.setenv("C2C_AUTH_USER", "officer")
    with pytest.raises(ValueError, match="both"):
        auth_from_env()
    monkeypatch.setenv("C2C_AUTH_PASSWORD", "s3cret")
    assert auth_from_env() == ("officer", "s3cret")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(assistant):
    demo = build_app(assistant)
    port = free_port()
    _, url = launch(demo, host="127.0.0.1", port=port, block=False)
    yield demo, f"http://127.0.0.1:{port}/"
    demo.close()


def test_api_through_gradio_client(server):
    from gradio_client import Client

    _, url = server
    client = Client(url, verbose=False)
    history, box, _ = client.predict("インドネシアの事業は？", [], [], [], [], [], [], 5, api_name="/ask")
    text = history[-1]["content"]
    text = text[0]["text"] if isinstance(text, list) else text
    assert "4件" in text and all(f'c2c-n{n}"' in text for n in (4, 9, 14, 15))
    panel = client.predict(8, "en", api_name="/similar")
    assert 'c2c-n12"' in panel


def test_server_listens_on_loopback_only(server):
    _, url = server
    assert url.startswith("http://127.0.0.1:")
    port = int(url.rstrip("/").rsplit(":", 1)[1])
    addrs = [a for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET) if not a[4][0].startswith("127.")]
    for a in addrs[:1]:
        with socket.socket() as s:
            s.settimeout(1)
            assert s.connect_ex((a[4][0], port)) != 0


def test_overview_table_follows_filters_and_language(cb):
    update, figure = cb.overview(["Indonesia"], None, None, None, ["hydrogen"], "en")
    value = update["value"]
    assert value["headers"][0] == "No." and [row[0] for row in value["data"]] == [15]
    assert value["data"][0][5] == "Indonesia"
    assert figure is not None
    update, _ = cb.overview(["インドネシア"], None, None, None, None, "ja")
    assert [row[0] for row in update["value"]["data"]] == [4, 9, 14, 15]
    assert update["value"]["headers"][1] == "事業名"
    update, figure = cb.overview(["Palau"], None, None, None, ["hydrogen"], "ja")
    assert update["value"]["data"] == [] and figure is None


def test_detail_shows_the_full_proposal_and_similar(cb, assistant):
    page = html.unescape(cb.detail(9, "en"))
    assert assistant.get(9).sentences[0] in page
    assert assistant.get(9).en.sentences[0] in page and "unofficial" in page
    assert "Projects most similar to #9" in page


def test_exports_from_the_app(cb):
    """Downloads carry headers in the UI language; the file box appears with the file."""
    import csv

    update = cb.export_table("csv", ["Vietnam"])
    assert update["visible"] is True
    raw = open(update["value"], "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [int(r["番号"]) for r in rows] == [1, 3, 6, 7, 10, 18]
    assert "number" not in rows[0] and "事業名" in rows[0]
    en = list(csv.DictReader(open(cb.export_table("csv", ["Vietnam"], lang="en")["value"], encoding="utf-8-sig")))
    assert [int(r["No."]) for r in en] == [1, 3, 6, 7, 10, 18] and "Title (unofficial English)" in en[0]
    _, _, _, answer = cb.respond("coke dry quenching", [])
    path = cb.export_answer(answer, "xlsx", "en")["value"]
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    header = [c.value for c in ws[1]]
    first = dict(zip(header, [c.value for c in ws[2]]))
    assert first["No."] == 2 and "コークス乾式消火設備" in first["Quotes (Japanese)"]
    path = cb.export_similar(8, "csv", "ja")["value"]
    rows = list(csv.DictReader(open(path, encoding="utf-8-sig")))
    assert rows[0]["番号"] == "12" and "類似の理由" in rows[0]


# ---------------------------------------------------------------- sessions (fast: the fake embedder)

def numbers_in(history) -> list[int]:
    """The proposal numbers of the cards in the newest answer."""
    import re

    return [int(n) for n in re.findall(r'c2c-card c2c-n(\d+)"', history[-1]["content"])]


def test_a_follow_up_refers_to_this_sessions_previous_answer(fake_assistant):
    cb = Callbacks(fake_assistant)
    history, _, _, first, conv = cb.chat("Which projects are in Indonesia?", [], None)
    assert isinstance(conv, Conversation) and first.numbers == (4, 9, 14, 15)
    history, _, _, answer, conv2 = cb.chat("which of them work on hydrogen?", history, conv)
    assert conv2 is conv and answer.numbers == (15,)
    assert numbers_in(history) == [15] and "#4, #9, #14, #15" in html.unescape(history[-1]["content"])
    history, _, _, answer, _ = cb.chat("who proposed it?", history, conv)
    assert answer.kind == "attribute" and answer.numbers == (15,)
    assert len(history) == 6


def test_two_sessions_are_independent(fake_assistant):
    cb = Callbacks(fake_assistant)
    a_hist, _, _, _, a = cb.chat("インドネシアの事業の一覧", [], None)
    b_hist, _, _, _, b = cb.chat("ベトナムの事業の一覧", [], None)
    assert a is not b
    _, _, _, a_answer, _ = cb.chat("そのうち水素技術のものは？", a_hist, a)
    _, _, _, b_answer, _ = cb.chat("そのうち水素技術のものは？", b_hist, b)
    indonesia = {p.number for p in fake_assistant.corpus if p.country == "インドネシア"}
    vietnam = {p.number for p in fake_assistant.corpus if p.country == "ベトナム"}
    assert set(a_answer.numbers) <= indonesia and set(b_answer.numbers) <= vietnam
    assert a_answer.numbers and set(a_answer.numbers) != set(b_answer.numbers)
    # a third session that never asked anything has no previous answer to refer to
    _, _, _, c_answer, c = cb.chat("そのうち水素技術のものは？", [], None)
    assert c is not a and c is not b
    assert set(c_answer.numbers) >= set(a_answer.numbers) | set(b_answer.numbers)


def test_new_conversation_button_resets(fake_assistant):
    cb = Callbacks(fake_assistant)
    history, _, _, _, conv = cb.chat("Which projects are in Indonesia?", [], None)
    assert conv.last is not None
    history, pick, last_answer, conv2 = cb.new_conversation(conv)
    assert history == [] and last_answer is None and conv2 is conv and conv.last is None
    assert pick["choices"] == [] and pick["value"] is None
    _, _, _, answer, _ = cb.chat("which of them work on hydrogen?", history, conv)
    assert "among" not in answer.text  # no longer scoped to the forgotten answer
    assert cb.new_conversation(None)[3].last is None  # a session that never asked


def test_no_conversation_is_shared_at_module_level():
    import assistant.app as app

    assert not any(isinstance(v, Conversation) for v in vars(app).values())


def test_ui_labels_follow_one_language(fake_assistant):
    cb = Callbacks(fake_assistant)
    en = dict(zip(RELABELED, cb.relabel("English")))
    ja = dict(zip(RELABELED, cb.relabel("日本語")))
    japanese = __import__("re").compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for name, update in en.items():
        if name in ("header", "ui_lang"):
            continue
        for key in ("label", "value", "placeholder"):
            if isinstance(update.get(key), str):
                assert not japanese.search(update[key]), (name, key, update[key])
        for label, _ in update.get("choices") or []:
            assert not japanese.search(str(label)), (name, label)
    assert en["fmt"]["label"] == en["sim_fmt"]["label"] == en["tab_fmt"]["label"] == "Format"
    assert en["ans_btn"]["label"] == "Download the last answer" and en["examples"]["label"] == "Example questions"
    assert all(not japanese.search(s[0]) for s in en["examples"]["samples"])
    assert ja["tab_fmt"]["label"] == "出力形式" and ja["chat_tab"]["label"] == "チャット"
    assert "Chat" not in ja["chat_tab"]["label"]
    table = cb.table(fake_assistant.corpus, "en")
    assert table["headers"][:2] == ["No.", "Title"] and not japanese.search(str(table["data"][7]))
    # the similar-to dropdown lists titles in the UI language
    _, _, _, answer, _ = cb.chat("Which projects are in Indonesia?", [], None)
    pick = dict(zip(RELABELED, cb.relabel("日本語", answer)))["sim_pick"]
    assert pick["choices"][0] == (f"#4 {fake_assistant.get(4).title}", 4)
    assert dict(zip(RELABELED, cb.relabel("English", answer)))["sim_pick"]["choices"][0] == (
        f"#4 {fake_assistant.get(4).en.title}", 4)


def test_welcome_lists_what_can_be_asked():
    for lang, words in (("en", ("Search", "List", "number", "Counts", "Compare", "Similar", "Follow-ups")),
                        ("ja", ("検索", "一覧", "番号", "件数", "比較", "類似", "続けて"))):
        for w in words:
            assert w in LABELS[lang]["welcome"]


def test_build_app_wires_session_state(fake_assistant):
    import gradio as gr

    demo = build_app(fake_assistant)
    states = [b for b in demo.blocks.values() if isinstance(b, gr.State)]
    assert not any(isinstance(s.value, Conversation) for s in states)  # made per session, not shared
    ids = {getattr(b, "elem_id", None) for b in demo.blocks.values()}
    assert {"c2c-new", "c2c-question", "c2c-filters", "c2c-chat"} <= ids


def test_detail_shows_the_proposal_once_under_a_clear_heading(fake_assistant):
    cb = Callbacks(fake_assistant)
    page = html.unescape(cb.detail(10, "ja"))
    p = fake_assistant.get(10)
    assert page.count(p.sentences[0]) == 1 and page.count("<h4>#10 ") == 1
    assert "#10に似ている事業" in page and "似ている事業：" not in page
    assert page.index("<h4>#10 ") < page.index("#10に似ている事業")
    # the similar tab shows the picked proposal once too, then what the score blends
    panel = html.unescape(cb.similar_panel(10, "en"))
    assert panel.count("<h4>#10 ") == 1 and "Projects most similar to #10" in panel
    assert all(w in panel for w in ("content", "shared fields", "same country", "same Japanese city", "same proposer"))
    assert "対象分野の重なり" in html.unescape(cb.similar_panel(10, "ja"))


def test_ranked_cards_say_why_in_the_answers_language(fake_assistant):
    cb = Callbacks(fake_assistant)
    history, _, _, answer, _ = cb.chat("tiltable wind turbines", [], None)
    assert answer.kind == "ranked" and answer.hits
    page = history[-1]["content"]
    assert page.count('class="c2c-reasons"') == len(answer.hits)
    assert html.unescape(page).count("; ".join(answer.hits[0].reasons)) >= 1


def test_one_year_app_hides_the_year_filter_and_downloads_where_clicked(fake_assistant):
    import gradio as gr

    demo = build_app(fake_assistant)
    by_id = {getattr(b, "elem_id", None): b for b in demo.blocks.values()}
    assert by_id["c2c-filter-year"].visible is False
    assert "c2c-file" not in by_id  # no separate file box: each download button is the download
    for name in ("c2c-export-answer", "c2c-export-similar", "c2c-export-table"):
        assert isinstance(by_id[name], gr.DownloadButton)
    assert by_id["c2c-chat"].buttons == [] or not by_id["c2c-chat"].buttons  # no HTML-copying buttons
    assert isinstance(by_id["c2c-table"], gr.Dataframe)
    assert Callbacks(fake_assistant).table(fake_assistant.corpus, "en")["headers"][:2] == ["No.", "Title"]


# ---------------------------------------------------------------- two fiscal years (fake embedder)

@pytest.fixture
def two_years(tmp_path, monkeypatch):
    """The bundled FY2024 list plus a three-proposal FY2025 list added with `c2c add`."""
    return two_year_assistant(tmp_path, monkeypatch)


def two_year_assistant(tmp_path, monkeypatch):
    """An assistant over FY2024 + a FY2025 list added with `c2c add` into tmp_path (fake embedder)."""
    from assistant.cli import main
    from assistant.config import Settings
    from assistant.core import load_assistant
    from tests.conftest import FakeEmbedder
    from tests.test_lists import FY2025

    data, cache = tmp_path / "data", tmp_path / "cache"
    monkeypatch.setenv("C2C_DATA_DIR", str(data))
    monkeypatch.setenv("C2C_CACHE_DIR", str(cache))
    monkeypatch.setattr("index.embed.make_embedder", lambda *a, **k: FakeEmbedder())
    path = tmp_path / "fy2025.txt"
    path.write_text(FY2025, encoding="utf-8")
    assert main(["add", str(path), "-q"]) == 0
    a = load_assistant(Settings(cache_dir=cache, data_dir=data), progress=False, embedder=FakeEmbedder())
    assert a.years == (2024, 2025)
    return a


def test_year_filter_in_chat_overview_and_exports(two_years):
    import csv

    cb = Callbacks(two_years)
    assert cb.year_choices("ja") == [("令和6年度", 2024), ("令和7年度", 2025)]
    assert cb.year_choices("en") == [("FY2024", 2024), ("FY2025", 2025)]
    years = dict(zip(RELABELED, cb.relabel("English")))["years"]
    assert years["label"] == "Fiscal year" and years["choices"][1] == ("FY2025", 2025)
    # the chat: restricted to the chosen year, cards cite the year beside #N
    history, _, pick, answer, _ = cb.chat("projects in Palau", [], None, years=[2025])
    assert answer.ids == ("2025-1",)
    page = html.unescape(history[-1]["content"])
    assert '<span class="c2c-num">#1 (FY2025)</span>' in page
    assert pick["choices"][0][1] == "2025-1"
    history, _, _, answer, _ = cb.chat("projects in Palau", [], None, years=[2024, 2025])
    assert answer.ids == ("2024-8", "2024-12", "2025-1")  # all years chosen = no restriction
    history, _, _, answer, _ = cb.chat("パラオの事業", [], None, years=[])
    assert "#1（令和7年度）" in html.unescape(history[-1]["content"])
    # the overview table and its year column follow the filter; a row opens that year's proposal
    update, figure = cb.overview(["Palau"], None, None, None, None, "en", [2025])
    value = update["value"]
    assert value["headers"][:3] == ["No.", "Fiscal year", "Title"] and value["data"][0][:2] == [1, "FY2025"]
    assert figure is not None and "FY2025" in figure.axes[0].get_title(loc="left")
    update, _ = cb.overview(None, None, None, None, None, "ja", [2024, 2025])
    assert len(update["value"]["data"]) == 21
    assert cb.row_proposal([1, "令和7年度", "…"]) == "2025-1"
    assert cb.row_proposal([1, "令和6年度", "…"]) == "2024-1"
    page = html.unescape(cb.detail(cb.row_proposal([1, "FY2025"]), "en"))
    assert "<h4>#1 (FY2025) " in page and "Projects most similar to #1 (FY2025)" in page
    # exports follow the year filter and carry a year column
    rows = list(csv.DictReader(open(cb.export_table("csv", years=[2025], lang="en")["value"], encoding="utf-8-sig")))
    assert [(r["Fiscal year"], r["No."]) for r in rows] == [("2025", "1"), ("2025", "2"), ("2025", "3")]
    rows = list(csv.DictReader(open(cb.export_similar("2025-1", "csv", "ja")["value"], encoding="utf-8-sig")))
    assert list(rows[0])[:3] == ["順位", "年度", "番号"]
    # the similar-to action names the year of the card it starts from
    history, _, _, answer, _ = cb.similar_in_chat("2025-1", [], None, "en")
    assert "similar to #1 of FY2025" in html.unescape(history[0]["content"])
    assert answer.kind == "similar" and answer.text.startswith("Projects most similar to #1 (FY2025)")
    _, _, _, answer, _ = cb.similar_in_chat("2025-1", [], None, "ja")
    assert answer.kind == "similar" and answer.text.startswith("#1（令和7年度） に似た事業")


def test_two_year_app_shows_the_year_filter(two_years):
    demo = build_app(two_years)
    by_id = {getattr(b, "elem_id", None): b for b in demo.blocks.values()}
    assert by_id["c2c-filter-year"].visible is True and by_id["c2c-filter-year"].value == [2024, 2025]
    assert "令和6年度・令和7年度" in by_id["c2c-header"].value and "21件" in by_id["c2c-header"].value


def test_a_row_names_its_year_in_either_language(tmp_path, monkeypatch):
    """A table drawn in one language and clicked after the page switched to the other: the year still reads."""
    assistant = two_year_assistant(tmp_path, monkeypatch)
    cb = Callbacks(assistant)
    assert cb.row_proposal([1, "FY2025", "…"]) == cb.row_proposal([1, "令和7年度", "…"]) == "2025-1"


def test_a_row_clicked_while_the_table_is_redrawn_opens_nothing(fake_assistant):
    """The row the page sends must hold the clicked cell: a stale row (the table redrawn under the click) opens no
    proposal rather than the wrong one."""
    from types import SimpleNamespace

    cb = Callbacks(fake_assistant)
    table = {"data": [[8, "Title of 8", "Airai"], [12, "Title of 12", "Koror"]]}
    clicked = SimpleNamespace(index=[1, 2], value="Koror", row_value=[12, "Title of 12", "Koror"])
    assert "<h4>#12 " in html.unescape(cb.select_row(table, "en", clicked))
    stale = SimpleNamespace(index=[1, 2], value="Koror", row_value=[1, "Title of 1", "Dong Nai"])
    assert cb.select_row(table, "en", stale) == ""
