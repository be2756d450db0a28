"""Lists as ruled table PDFs, paged text PDFs, XLSX and CSV (issue #23): the same records as the text
layout through `c2c add`, characters exact, page furniture dropped, refusals that name the page/row
and column, and English questions over a year added in Japanese only. Files are generated in
tmp_path (tests/ministry_lists.py); fake embedder, a fresh data folder per test."""
import json
import re
from pathlib import Path

import pytest

from assistant.cli import main
from index.corpus import parse_document
from index.tables import is_page_number, read_list
from tests import ministry_lists as m
from tests.test_lists import env, fake_assistant  # noqa: F401  (fixture)

TTF = m.embeddable_font()


def records(capsys, year="2025") -> list[dict]:
    """`c2c proposals --json` for the year plus each summary's sentences (the quotable units),
    summaries and sentences without whitespace."""
    import os

    from index.lists import load_all

    capsys.readouterr()
    assert main(["proposals", "--json", "--year", year]) == 0
    out = json.loads(capsys.readouterr().out)
    sentences = {p.number: p.sentences for p in load_all(Path(os.environ["C2C_DATA_DIR"])) if p.year == int(year)}
    for r in out:
        r["summary"] = re.sub(r"\s+", "", r["summary"])
        r["sentences"] = [re.sub(r"\s+", "", t) for t in sentences[r["number"]]]
    return out


def add(path, *extra) -> int:
    return main(["add", str(path), "-q", *extra])


def text_file(tmp_path):
    path = tmp_path / "fy2025.txt"
    path.write_text(m.to_text(), encoding="utf-8")
    return path


FORMS = {
    "text file": text_file,
    "table PDF, one page": lambda d: m.table_pdf(d / "one.pdf", lines_per_page=80, furniture=False,
                                                 title_every_page=False),
    "table PDF, a row split across pages": lambda d: m.table_pdf(d / "split.pdf", lines_per_page=8),
    "table PDF, title and page number on every page (HeiseiMin-W3)":
        lambda d: m.table_pdf(d / "furniture.pdf", lines_per_page=9, font="HeiseiMin-W3"),
    "paged text PDF with title and page numbers": lambda d: m.text_pdf(d / "paged.pdf", m.to_text(),
                                                                       lines_per_page=12),
    "XLSX, Japanese headers": lambda d: m.xlsx(d / "list.xlsx"),
    "XLSX, English headers": lambda d: m.xlsx(d / "list_en.xlsx", header=m.HEADER_EN),
    "CSV, English headers": lambda d: m.csv_file(d / "list.csv"),
    "CSV, Japanese headers": lambda d: m.csv_file(d / "list_ja.csv", header=m.HEADER_JA),
    "table PDF, the title a row of the table": lambda d: m.table_pdf(d / "titlerow.pdf", title_row=True,
                                                                    title_every_page=False),
    "table PDF, embedded TrueType font": lambda d: m.table_pdf(d / "ttf.pdf", lines_per_page=8, font=TTF),
}


@pytest.mark.parametrize("form", list(FORMS))
def test_every_form_gives_the_same_records(env, tmp_path, capsys, form):  # noqa: F811
    if form.endswith("TrueType font") and TTF is None:
        pytest.skip("no Japanese TrueType font reportlab can embed here "
                    "(apt-get install fonts-ipafont-gothic; Noto CJK's CFF outlines cannot be embedded)")
    assert add(text_file(tmp_path)) == 0
    expected = records(capsys)
    assert [r["target_area"] for r in expected] == ["セブ市", "タクロバン市", "バリ州"]
    assert "北九州市－セブ市" in expected[0]["summary"] and "（令和７年８月〜９月頃）" in expected[0]["summary"]
    assert expected[0]["sentences"][2:] == ["具体的な活動は以下のとおり", "(1)公共施設のエネルギー診断",
                                            "(2)「ゼロカーボン・シティ計画」の策定支援"]
    assert main(["corpus", "remove", "2025"]) == 0
    path = FORMS[form](tmp_path)
    assert add(path) == 0, capsys.readouterr().err
    got = records(capsys)
    assert got == expected  # every field, the English rendering (none), ids; summaries whitespace aside
    for r in got:  # nothing of the page furniture entered a record
        text = json.dumps(r, ensure_ascii=False)
        assert "- 1 -" not in text and "- 2 -" not in text and "応募事業概要書" not in text and "事業概要" not in text


def test_a_split_row_is_joined_to_its_start(env, tmp_path, capsys):  # noqa: F811
    doc = read_list(m.table_pdf(tmp_path / "split.pdf", lines_per_page=8))
    starts = [r for r in doc.rows if "".join(r.cells["number"]).strip()]
    continued = [r for r in doc.rows if not "".join(r.cells["number"]).strip()]
    assert len(starts) == 3 and continued and continued[0].where.startswith("page 2, ")
    assert add(tmp_path / "split.pdf") == 0
    data = env[0] / "lists" / "2025"
    assert (data / "rows.json").is_file() and not (data / "source.txt").exists()


SHARED_CITY = [m.PROPOSALS[0], {**m.PROPOSALS[1], "domestic_city": "北九州市"}, m.PROPOSALS[2]]


@pytest.mark.parametrize("make", [
    lambda d: m.table_pdf(d / "merged.pdf", SHARED_CITY, merge=("domestic_city", 1)),
    lambda d: m.xlsx(d / "merged.xlsx", SHARED_CITY, merge=("domestic_city", 1)),
], ids=["table PDF", "XLSX"])
def test_a_cell_merged_over_two_proposals_gives_both_the_value(env, tmp_path, capsys, make):  # noqa: F811
    text = tmp_path / "shared.txt"
    text.write_text(m.to_text(SHARED_CITY), encoding="utf-8")
    assert add(text) == 0
    expected = records(capsys)
    assert main(["corpus", "remove", "2025"]) == 0
    path = make(tmp_path)
    doc = read_list(path)
    assert [r.merged for r in doc.rows] == [(), ("domestic_city",), ()]
    assert add(path) == 0
    assert records(capsys) == expected
    assert [r["domestic_city"] for r in expected] == ["北九州市", "北九州市", "富山市"]


@pytest.mark.parametrize("font", ["HeiseiKakuGo-W5", "HeiseiMin-W3"])
def test_characters_survive_the_pdf_text_layer(tmp_path, font):
    """pdfplumber alone turns － (U+FF0D) into − (U+2212) and ～ (U+FF5E) into 〜 (U+301C); pypdfium2
    keeps them; the reader takes pypdfium2's characters at pdfplumber's positions."""
    import pdfplumber
    import pypdfium2

    from reportlab.pdfgen import canvas

    m.register_font(font)
    sample = "神戸市－セブ市（８月〜９月頃）・省エネ～「再エネ」：３０％、完了。−"
    line = tmp_path / "line.pdf"
    c = canvas.Canvas(str(line))
    c.setFont(font, 10)
    c.drawString(40, 800, sample)
    c.save()
    with pdfplumber.open(line) as pdf:
        plumber = pdf.pages[0].extract_text()
    pdfium = pypdfium2.PdfDocument(str(line))[0].get_textpage().get_text_range()
    # the measured fault: 3 of 41 characters changed by pdfplumber, none by pypdfium2
    assert plumber == sample.replace("－", "−").replace("～", "〜") != sample
    assert pdfium == sample
    p = m.PROPOSALS[0]
    path = m.table_pdf(tmp_path / "chars.pdf", [{**p, "title": sample, "summary": [sample]}], font=font)
    doc = read_list(path)
    assert "".join(doc.rows[0].cells["summary"]) == sample
    assert "".join(doc.rows[0].cells["title"]) == sample


def test_page_number_patterns():
    for text in ("- 3 -", "－ ３ －", "3 / 12", "Page 4", "page 4 of 9", "5ページ", "p. 2"):
        assert is_page_number(text), text
    for text in ("3 日本工営(株) 名古屋市", "2030年", "・省エネルギー", "1"):
        assert not is_page_number(text), text


def test_running_header_and_footer_are_dropped_from_a_text_pdf(tmp_path):
    text = read_list(m.text_pdf(tmp_path / "paged.pdf", m.to_text(), lines_per_page=10)).text
    assert text.count("応募事業概要書") == 1  # the first page's title stays: it names the year
    assert not re.search(r"^- \d+ -$", text, re.M)
    assert [p.to_dict() for p in parse_document(text, year=2025)] == \
        [p.to_dict() for p in parse_document(m.to_text(), year=2025)]


# ---------------------------------------------------------------- refusals

def _no_text_layer(d):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(d / "scan.pdf"))
    c.rect(40, 40, 200, 200, fill=1)
    c.save()
    return d / "scan.pdf"


def _no_fields_pdf(d):
    rows = [dict(p) for p in m.PROPOSALS]
    rows[1]["fields"] = []
    return m.table_pdf(d / "nofields.pdf", rows)


def _no_fields_xlsx(d):
    rows = [dict(p) for p in m.PROPOSALS]
    rows[2]["fields"] = []
    return m.xlsx(d / "nofields.xlsx", rows)


def _no_fields_csv(d):
    rows = [dict(p) for p in m.PROPOSALS]
    rows[0]["fields"] = []
    return m.csv_file(d / "nofields.csv", rows)


REFUSED = {
    "no text layer": (_no_text_layer, "no text layer"),
    "no year": (lambda d: _title(d, "都市間連携事業　応募事業概要書"),
                "the text above the table names no fiscal year (令和N年度): give one with --year"),
    "a missing column": (lambda d: m.table_pdf(d / "nocountry.pdf", header=m.HEADER_JA[:4] + ("備考",) + m.HEADER_JA[5:]),
                         "page 1, table row 1: the table header has no column 対象国 (country) "
                         "(expected 番号 | 提案者 | 国内都市 | 対象都市・地域 | 対象国 | 事業名 | 対象分野 | 事業概要)"),
    "a row without fields (PDF)": (_no_fields_pdf, "page 1, table row 3, column 対象分野 (target fields): "
                                                   "no target fields"),
    "a row without fields (XLSX)": (_no_fields_xlsx, "sheet 'R7', row 6, column 対象分野 (target fields): "
                                                     "no target fields"),
    "a row without fields (CSV)": (_no_fields_csv, "line 3, column 対象分野 (target fields): no target fields"),
    "a number out of order (CSV)": (lambda d: m.csv_file(d / "order.csv", [m.PROPOSALS[0], m.PROPOSALS[2]]),
                                    "column 番号 (number): proposal number 3 where 2 was expected"),
}


def _title(d, title):
    old = m.TITLE
    m.TITLE = title
    try:
        return m.table_pdf(d / "noyear.pdf")
    finally:
        m.TITLE = old


@pytest.mark.parametrize("case", list(REFUSED))
def test_refusals_name_the_place_and_change_nothing(env, tmp_path, capsys, case):  # noqa: F811
    data, _ = env
    assert add(text_file(tmp_path)) == 0  # an existing year stays as it was
    before = sorted(str(p.relative_to(data)) for p in data.rglob("*"))
    make, message = REFUSED[case]
    path = make(tmp_path)
    capsys.readouterr()
    assert add(path) == 2
    err = capsys.readouterr().err
    assert err.startswith("c2c: ") and err.count("\n") == 1 and message in err, err
    assert str(path) in err
    assert sorted(str(p.relative_to(data)) for p in data.rglob("*")) == before


def test_the_same_year_twice_is_refused(env, tmp_path, capsys):  # noqa: F811
    assert add(text_file(tmp_path)) == 0
    capsys.readouterr()
    assert add(m.xlsx(tmp_path / "again.xlsx")) == 2
    assert "a list for FY2025 is already added: use --replace" in capsys.readouterr().err
    assert add(tmp_path / "again.xlsx", "--replace") == 0


# ---------------------------------------------------------------- English over a year added in Japanese

def test_english_questions_name_the_added_years_places(env, tmp_path):  # noqa: F811
    assert add(m.table_pdf(tmp_path / "fy2025.pdf", lines_per_page=8)) == 0
    a = fake_assistant(*env)
    # セブ市 is in places.json (Cebu); タクロバン市 is not: romanised (pykakasi) with spelling variants
    assert [h.proposal.id for h in a.ask("projects in Cebu").hits] == ["2025-1"]
    assert [h.proposal.id for h in a.ask("projects in Tacloban").hits] == ["2025-2"]
    assert [h.proposal.id for h in a.ask("Which projects are in Tacloban City?").hits] == ["2025-2"]
    assert [h.proposal.id for h in a.ask("Kitakyushu projects in Cebu").hits] == ["2025-1"]
    assert a.ask("who proposed the Cebu project?").text.startswith("Proposer of #1 (FY2025)")
    assert a.ask("Tell me about the project in Takloban").hits[0].proposal.id == "2025-2"  # a typo too
    # the English label of a place places.json knows is its English name
    assert a.ask("Cebu").text == "1 project with partner Cebu City: #1 (FY2025; Kitakyushu City – Cebu City, Philippines)"


@pytest.mark.model
def test_english_topic_questions_over_an_added_year_put_it_first(tmp_path, monkeypatch):
    """With the real model (no English rendering: the English question meets the Japanese text)."""
    from assistant.config import Settings
    from assistant.core import load_assistant

    data, cache = tmp_path / "data", tmp_path / "cache"
    monkeypatch.setenv("C2C_DATA_DIR", str(data))
    monkeypatch.setenv("C2C_CACHE_DIR", str(cache))
    assert add(m.table_pdf(tmp_path / "fy2025.pdf", lines_per_page=8)) == 0
    a = load_assistant(Settings(cache_dir=cache, data_dir=data), progress=False)
    assert a.ask("solar power in Cebu City").hits[0].proposal.id == "2025-1"
    assert a.ask("waste to energy in Tacloban").hits[0].proposal.id == "2025-2"
    assert a.ask("solar panels and batteries for public buildings in Cebu").hits[0].proposal.id == "2025-1"


def test_a_text_pdf_refusal_names_the_page_and_line(env, tmp_path, capsys):  # noqa: F811
    text = m.to_text().replace("・水素技術\n", "").replace("・その他（観光地の交通）\n", "")
    path = m.text_pdf(tmp_path / "paged.pdf", text, lines_per_page=12)
    capsys.readouterr()
    assert add(path) == 2
    err = capsys.readouterr().err
    # proposal 3 starts on page 2, on its 8th text line (counting the running title as the 1st)
    assert err == f"c2c: {path}, proposal 3 (page 2, line 8): no target-field bullets (lines starting with ・)\n"


def _two_pages(tmp_path, image: bool):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / ("scanned_page.pdf" if image else "blank_page.pdf")
    rows = m.table_pdf(tmp_path / "rows.pdf", lines_per_page=80)
    import pypdfium2

    src = pypdfium2.PdfDocument(str(rows))
    extra = tmp_path / "extra.pdf"
    c = canvas.Canvas(str(extra), pagesize=landscape(A4))
    if image:
        src[0].render(scale=0.5).to_pil().save(tmp_path / "scan.png")
        c.drawImage(ImageReader(str(tmp_path / "scan.png")), 20, 20, width=800, height=550)
    c.showPage()
    c.save()
    out = pypdfium2.PdfDocument.new()
    out.import_pages(src)
    out.import_pages(pypdfium2.PdfDocument(str(extra)))
    out.save(str(path))
    return path


def test_a_blank_page_is_fine_a_scanned_page_is_refused(env, tmp_path, capsys):  # noqa: F811
    assert add(_two_pages(tmp_path, image=False)) == 0
    capsys.readouterr()
    path = _two_pages(tmp_path, image=True)
    assert add(path, "--replace") == 2
    assert capsys.readouterr().err == (f"c2c: {path}, page 2: the page is an image without a text layer "
                                       "(a scanned page?): add the list as text, XLSX or CSV\n")


def test_a_damaged_pdf_is_refused(env, tmp_path, capsys):  # noqa: F811
    good = m.table_pdf(tmp_path / "good.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(good[: len(good) // 3])
    assert add(path) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"c2c: {path}") and err.count("\n") == 1, err


def test_english_names_of_new_values():
    from assistant.knowledge import english_names

    assert english_names("target_area", "セブ市") == ("Cebu City", ("Cebu", "Cebu City"))  # places.json
    label, aliases = english_names("target_area", "タクロバン市")  # romanised: no label, aliases only
    assert label == "" and {"takuroban", "tacloban", "tacloban city"} <= set(aliases)
    assert english_names("target_area", "セブ州") == ("Cebu", ("Cebu",))  # never "Cebu City"
    assert english_names("domestic_city", "北九州市") == ("", ())  # kanji: asked in Japanese
    assert "ajiatec" in english_names("proposer", "(株)アジアテック")[1]  # company form stripped
