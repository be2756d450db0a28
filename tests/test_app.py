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
    p = assistant.get(15)
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
    import csv

    path = cb.export_table("csv", ["Vietnam"])
    raw = open(path, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [int(r["number"]) for r in rows] == [1, 3, 6, 7, 10, 18]
    _, _, _, answer = cb.respond("coke dry quenching", [])
    path = cb.export_answer(answer, "xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    header = [c.value for c in ws[1]]
    first = dict(zip(header, [c.value for c in ws[2]]))
    assert first["number"] == 2 and "コークス乾式消火設備" in first["quotes_ja"]
    path = cb.export_similar(8, "csv", "en")
    rows = list(csv.DictReader(open(path, encoding="utf-8-sig")))
    assert rows[0]["number"] == "12"


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
    assert en["file"]["label"] == "File" and en["fmt"]["label"] == "Format"
    assert en["ans_btn"]["value"] == "Download the last answer" and en["examples"]["label"] == "Example questions"
    assert all(not japanese.search(s[0]) for s in en["examples"]["samples"])
    assert ja["file"]["label"] == "ファイル" and ja["chat_tab"]["label"] == "チャット"
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
