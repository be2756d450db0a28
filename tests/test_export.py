"""Export: rows, CSV/XLSX/JSON round trips, localized headers, filters in both languages, `c2c export`.

Nothing here loads the embedding model or the index. Expected proposal numbers
are typed by hand from data/source/r06_c2c_proposals.txt.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from assistant.answer import Answer, Hit, Quote
from assistant.cli import main
from assistant.core import QuestionError
from assistant.export import (
    ANSWER_COLUMNS,
    NOTE,
    PROPOSAL_COLUMNS,
    SIMILAR_COLUMNS,
    answer_rows,
    proposal_rows,
    similar_rows,
    write_csv,
    write_json,
    write_xlsx,
)
from assistant.query import FILTERS, Intent, load_glossary
from assistant.query import filter_corpus as query_filter_corpus


def filter_corpus(corpus, glossary, **flags):
    """The library's filter resolver, called with the CLI's flag names (--country, --city, ...)."""
    return query_filter_corpus(corpus, glossary, {f.key: flags[f.flag] for f in FILTERS if f.flag in flags})
from assistant.similar import SimilarHit

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def expected_row(p) -> dict:
    """The row a proposal should become, built straight from the record."""
    return {
        "number": p.number,
        "title_ja": p.title,
        "title_en": p.en.title,
        "proposer_ja": p.proposer,
        "proposer_en": p.en.proposer,
        "domestic_city_ja": p.domestic_city,
        "domestic_city_en": p.en.domestic_city,
        "target_area_ja": p.target_area,
        "target_area_en": p.en.target_area,
        "country_ja": p.country,
        "country_en": p.en.country,
        "fields_ja": "、".join(p.fields),
        "fields_en": "; ".join(p.en.fields),
        "summary_ja": p.summary,
        "summary_en": " ".join(p.en.sentences),
        "note": "English columns: unofficial translation",
    }


def numbers(proposals) -> list[int]:
    return [p.number for p in proposals]


# ---------------------------------------------------------------- rows

def test_proposal_rows_columns_and_values(corpus):
    rows = proposal_rows(corpus)
    assert len(rows) == len(corpus) == 18
    assert list(PROPOSAL_COLUMNS) == [
        "number", "title_ja", "title_en", "proposer_ja", "proposer_en", "domestic_city_ja",
        "domestic_city_en", "target_area_ja", "target_area_en", "country_ja", "country_en",
        "fields_ja", "fields_en", "summary_ja", "summary_en", "note"]
    for row, p in zip(rows, corpus):
        assert list(row) == list(PROPOSAL_COLUMNS)
        assert row == expected_row(p)
    # spot check against the document
    assert rows[0]["proposer_ja"] == "日本工営(株)" and rows[0]["country_ja"] == "ベトナム"
    assert rows[3]["domestic_city_ja"] == "北九州市" and rows[3]["target_area_ja"] == "チレゴン市・西ジャワ州"


def _quote(p, i, *, en: bool) -> Quote:
    return Quote(p.sentences[i], i, en=p.en.sentences[i] if en else None)


def test_answer_rows_quotes_columns(corpus):
    by = {p.number: p for p in corpus}
    p7, p10 = by[7], by[10]
    hits = (
        Hit(p7, 0.91234567, (_quote(p7, 0, en=True), _quote(p7, 2, en=False)), ("keyword match",)),
        Hit(p10, 0.5, (_quote(p10, 1, en=False),), ()),
        Hit(by[15], 0.25, (), ()),
    )
    answer = Answer("水素技術の事業は？", Intent("水素技術の事業は？", "ja"), "line", hits, False)
    rows = answer_rows(answer)
    assert [list(r) for r in rows] == [list(ANSWER_COLUMNS)] * 3
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert [r["number"] for r in rows] == [7, 10, 15]
    assert rows[0]["score"] == pytest.approx(0.912346)
    assert rows[0]["quotes_ja"] == p7.sentences[0] + "\n" + p7.sentences[2]
    # the first quote carries its own English, the second falls back to the same index
    assert rows[0]["quotes_en"] == p7.en.sentences[0] + "\n" + p7.en.sentences[2]
    assert rows[1]["quotes_ja"] == p10.sentences[1]
    assert rows[1]["quotes_en"] == p10.en.sentences[1]
    assert rows[2]["quotes_ja"] == rows[2]["quotes_en"] == ""
    for r, h in zip(rows, hits):
        p = h.proposal
        assert r["title_ja"] == p.title and r["title_en"] == p.en.title
        assert r["country_ja"] == p.country and r["country_en"] == p.en.country
        assert r["domestic_city_ja"] == p.domestic_city and r["target_area_ja"] == p.target_area
        assert r["fields_ja"] == "、".join(p.fields)
        assert r["question"] == "水素技術の事業は？"
        assert r["note"] == NOTE


def test_answer_quote_own_english_wins(corpus):
    p = corpus[0]
    q = Quote(p.sentences[1], 1, en="my own rendering")
    rows = answer_rows(Answer("q", Intent("q", "en"), "", (Hit(p, 1.0, (q,)),), True))
    assert rows[0]["quotes_en"] == "my own rendering"


def test_similar_rows(corpus):
    by = {p.number: p for p in corpus}
    hits = [SimilarHit(by[10], 0.8, ("content similarity 0.900", "same country: Viet Nam"), 0.9),
            SimilarHit(by[18], 0.7, ("content similarity 0.850",), 0.85)]
    rows = similar_rows(7, hits)
    assert [list(r) for r in rows] == [list(SIMILAR_COLUMNS)] * 2
    assert rows[0] == {"rank": 1, "number": 10, "score": 0.8, "title_ja": by[10].title,
                       "title_en": by[10].en.title,
                       "reasons": "content similarity 0.900; same country: Viet Nam", "note": NOTE}
    assert rows[1]["rank"] == 2 and rows[1]["number"] == 18 and rows[1]["reasons"] == "content similarity 0.850"
    # the target itself is never listed as similar to itself
    assert [r["number"] for r in similar_rows(10, hits)] == [18]


# ---------------------------------------------------------------- round trips

def test_csv_round_trip(corpus, tmp_path):
    rows = proposal_rows(corpus)
    path = tmp_path / "all.csv"
    write_csv(rows, path)
    assert path.read_bytes().startswith(BOM)
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        back = list(reader)
    assert header == list(PROPOSAL_COLUMNS)
    assert len(back) == 18
    for cells, p in zip(back, corpus):
        want = expected_row(p)
        assert cells == [str(want[c]) for c in PROPOSAL_COLUMNS]


def test_csv_multiline_cells_and_stream_without_bom(corpus, tmp_path):
    p = corpus[6]
    rows = answer_rows(Answer("q", Intent("q", "en"), "",
                              (Hit(p, 1.0, (_quote(p, 0, en=True), _quote(p, 1, en=True))),), False))
    path = tmp_path / "answer.csv"
    write_csv(rows, path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        back = list(csv.DictReader(f))
    assert back[0]["quotes_ja"] == p.sentences[0] + "\n" + p.sentences[1]
    assert back[0]["quotes_en"] == p.en.sentences[0] + "\n" + p.en.sentences[1]
    stream = io.StringIO(newline="")
    write_csv(proposal_rows(corpus), stream)
    text = stream.getvalue()
    assert not text.startswith("\ufeff")
    assert list(csv.DictReader(io.StringIO(text, newline=""))) == [
        {k: str(v) for k, v in expected_row(q).items()} for q in corpus]


def test_xlsx_round_trip(corpus, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "all.xlsx"
    write_xlsx(proposal_rows(corpus), path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["c2c"]
    ws = wb["c2c"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == list(PROPOSAL_COLUMNS)
    assert all(c.font.bold for c in ws[1])
    data = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(data) == 18
    for values, p in zip(data, corpus):
        want = expected_row(p)
        assert list(values) == [want[c] for c in PROPOSAL_COLUMNS]
    summary_col = ws.cell(row=1, column=PROPOSAL_COLUMNS.index("summary_ja") + 1).column_letter
    assert ws.cell(row=2, column=PROPOSAL_COLUMNS.index("summary_ja") + 1).alignment.wrap_text
    assert 20 <= ws.column_dimensions[summary_col].width <= 62
    assert ws.column_dimensions["A"].width < 12  # "number"


def test_xlsx_keeps_formula_like_text_as_text(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "f.xlsx"
    write_xlsx([{"question": "=1+1", "n": 3}], path)
    ws = load_workbook(path)["c2c"]
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s"
    assert ws["B2"].value == 3


def test_json_round_trip(corpus, tmp_path):
    rows = proposal_rows(corpus)
    path = tmp_path / "all.json"
    write_json(rows, path)
    raw = path.read_text(encoding="utf-8")
    assert "ベトナム" in raw  # not \u-escaped
    assert raw.startswith("[\n  {")
    back = json.loads(raw)
    assert back == [expected_row(p) for p in corpus]
    assert [list(r) for r in back] == [list(PROPOSAL_COLUMNS)] * 18


# ---------------------------------------------------------------- filters

VIETNAM = [1, 3, 6, 7, 10, 18]
HYDROGEN = [7, 10, 11, 15]
KITAKYUSHU = [2, 4, 12]
NIPPON_KOEI = [1, 7, 10, 11, 14, 17, 18]


@pytest.mark.parametrize("kwarg, spellings, expected", [
    ("country", ["ベトナム", "Vietnam", "viet nam", "Viet Nam"], VIETNAM),
    ("field", ["水素技術", "hydrogen", "水素", "Hydrogen"], HYDROGEN),
    ("proposer", ["日本工営", "Nippon Koei", "日本工営(株)", "NIPPON KOEI"], NIPPON_KOEI),
    ("city", ["北九州市", "Kitakyushu", "北九州"], KITAKYUSHU),
    ("country", ["インドネシア", "Indonesia"], [4, 9, 14, 15]),
    ("partner", ["バリ州", "Bali"], [15]),
    ("city", ["大阪市", "Osaka"], [16, 17, 18]),
])
def test_filters_in_both_languages(corpus, glossary, kwarg, spellings, expected):
    results = [numbers(filter_corpus(corpus, glossary, **{kwarg: [s]})) for s in spellings]
    assert results == [expected] * len(spellings)
    # a bare string works like a one-item list
    assert numbers(filter_corpus(corpus, glossary, **{kwarg: spellings[0]})) == expected
    assert [r["number"] for r in proposal_rows(filter_corpus(corpus, glossary, **{kwarg: spellings[-1]}))] == expected


def test_filters_and_across_keys_or_within(corpus, glossary):
    assert numbers(filter_corpus(corpus, glossary, country=["Indonesia"], field=["hydrogen"])) == [15]
    assert numbers(filter_corpus(corpus, glossary, country=["インドネシア"], field=["水素技術"])) == [15]
    assert numbers(filter_corpus(corpus, glossary, country=["Vietnam"], proposer=["日本工営"])) == [1, 7, 10, 18]
    assert numbers(filter_corpus(corpus, glossary, country=["Vietnam", "インドネシア"])) == [1, 3, 4, 6, 7, 9, 10,
                                                                                             14, 15, 18]
    assert numbers(filter_corpus(corpus, glossary, city=["Kitakyushu"], country=["Vietnam"])) == []
    assert numbers(filter_corpus(corpus, glossary)) == list(range(1, 19))
    assert numbers(filter_corpus(corpus, glossary, country=[], field=None)) == list(range(1, 19))


@pytest.mark.parametrize("kwarg, value", [("country", "Atlantis"), ("field", "nuclear fusion"),
                                          ("city", "Sapporo"), ("proposer", "ACME"), ("partner", "Gotham")])
def test_unknown_filter_value(corpus, glossary, kwarg, value):
    with pytest.raises(QuestionError) as e:
        filter_corpus(corpus, glossary, **{kwarg: [value]})
    msg = str(e.value)
    assert repr(value) in msg and "known values:" in msg


def test_unknown_value_message_names_it_and_lists_labels(corpus, glossary):
    with pytest.raises(QuestionError) as e:
        filter_corpus(corpus, glossary, country=["Vietnam", "Atlantis"])
    msg = str(e.value)
    assert "'Atlantis'" in msg and "Vietnam" in msg and "Indonesia" in msg and "Palau" in msg


# ---------------------------------------------------------------- c2c export

def test_cli_export_csv_file(tmp_path, capsys):
    out = tmp_path / "v.csv"
    assert main(["export", "--format", "csv", "--country", "Vietnam", "--output", str(out)]) == 0
    assert out.read_bytes().startswith(BOM)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 6
    assert [int(r["number"]) for r in rows] == VIETNAM
    err = capsys.readouterr().err
    assert err.strip() == f"wrote 6 rows to {out}"


def test_cli_export_filters_xlsx_and_json(tmp_path, capsys, corpus):
    from openpyxl import load_workbook

    out = tmp_path / "h.xlsx"
    assert main(["export", "--format", "xlsx", "--field", "水素", "--country", "インドネシア", "-o", str(out)]) == 0
    data = list(load_workbook(out)["c2c"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in data] == [15]
    assert main(["export", "--format", "json", "--proposer", "Nippon Koei", "--proposer", "ATGREEN"]) == 0
    captured = capsys.readouterr()
    back = json.loads(captured.out)
    assert [r["number"] for r in back] == sorted(NIPPON_KOEI + [12])
    by = {p.number: p for p in corpus}
    assert back == [expected_row(by[r["number"]]) for r in back]


def test_cli_export_csv_stdout_has_no_bom(capsys):
    assert main(["export", "--city", "Kitakyushu"]) == 0
    out = capsys.readouterr().out
    assert not out.startswith("\ufeff")
    assert [int(r["number"]) for r in csv.DictReader(io.StringIO(out, newline=""))] == KITAKYUSHU


def test_cli_export_xlsx_needs_output(capsys):
    assert main(["export", "--format", "xlsx"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "--output" in lines[0] and lines[0].startswith("c2c: ")
    assert captured.out == ""


def test_cli_export_unknown_filter(capsys, tmp_path):
    out = tmp_path / "x.csv"
    assert main(["export", "--country", "Atlantis", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "'Atlantis'" in err[0]
    assert not out.exists()


# ---------------------------------------------------------------- localized headers (the web app's)

@pytest.mark.parametrize("lang, first, title", [("ja", "番号", "事業名"), ("en", "No.", "Title (Japanese)")])
def test_localized_headers_csv_and_xlsx(corpus, tmp_path, lang, first, title):
    from openpyxl import load_workbook

    from assistant.export import COLUMN_LABELS, column_labels

    for columns in (PROPOSAL_COLUMNS, ANSWER_COLUMNS, SIMILAR_COLUMNS):
        assert set(columns) <= set(COLUMN_LABELS["ja"]) == set(COLUMN_LABELS["en"])
    rows = proposal_rows(corpus[:2])
    path = tmp_path / "p.csv"
    write_csv(rows, path, columns=PROPOSAL_COLUMNS, headers=column_labels(lang))
    with open(path, encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0][:2] == [first, title] and len(table) == 3
    assert table[1][1] == corpus[0].title
    write_xlsx(rows, tmp_path / "p.xlsx", columns=PROPOSAL_COLUMNS, headers=column_labels(lang))
    ws = load_workbook(tmp_path / "p.xlsx")["c2c"]
    assert [c.value for c in ws[1]][:2] == [first, title] and ws.cell(row=2, column=2).value == corpus[0].title
    # without headers= the machine names stay (what `c2c export` writes)
    write_csv(rows, path, columns=PROPOSAL_COLUMNS)
    assert open(path, encoding="utf-8-sig").readline().strip() == ",".join(PROPOSAL_COLUMNS)


def test_rows_with_a_year_column(corpus):
    assert list(proposal_rows(corpus[:1], with_year=True)[0])[:2] == ["year", "number"]
    assert "year" not in proposal_rows(corpus[:1])[0]
