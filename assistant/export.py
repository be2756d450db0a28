"""Export: proposals, chat answers and similar-project lists as CSV, XLSX or JSON rows.

Everything here is small and pure: `*_rows` turn records into flat dicts (one
dict per table row, keys in column order) and `write_*` put rows in a file or a
text stream. The header row is the machine-readable column names (what
`c2c export` writes) unless the caller passes `headers` (the web app passes
`column_labels(lang)`, headers in the UI language). The numbers behind the
overview charts are in `assistant.charts`.

English columns come from `proposal.en`, an unofficial translation made for
this tool; every row says so in its `note` column.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
import unicodedata
from typing import IO, Iterable

from index.corpus import Proposal

NOTE = "English columns: unofficial translation"
NOTE_NO_EN = "English columns: no translation available"

PROPOSAL_COLUMNS = (
    "number", "title_ja", "title_en", "proposer_ja", "proposer_en", "domestic_city_ja",
    "domestic_city_en", "target_area_ja", "target_area_en", "country_ja", "country_en",
    "fields_ja", "fields_en", "summary_ja", "summary_en", "note",
)
ANSWER_COLUMNS = (
    "rank", "number", "score", "title_ja", "title_en", "proposer_ja", "proposer_en", "country_ja", "country_en",
    "domestic_city_ja", "domestic_city_en", "target_area_ja", "target_area_en", "fields_ja", "fields_en",
    "quotes_ja", "quotes_en", "question", "note",
)
SIMILAR_COLUMNS = ("rank", "number", "score", "title_ja", "title_en", "reasons", "note")

# Column headers in the web app's UI language (`c2c export` keeps the machine names above).
COLUMN_LABELS = {
    "ja": {
        "year": "年度", "rank": "順位", "number": "番号", "score": "スコア",
        "title_ja": "事業名", "title_en": "事業名（英語・非公式訳）",
        "proposer_ja": "提案者", "proposer_en": "提案者（英語）",
        "domestic_city_ja": "国内都市", "domestic_city_en": "国内都市（英語）",
        "target_area_ja": "対象都市・地域", "target_area_en": "対象都市・地域（英語）",
        "country_ja": "対象国", "country_en": "対象国（英語）",
        "fields_ja": "対象分野", "fields_en": "対象分野（英語）",
        "summary_ja": "事業概要", "summary_en": "事業概要（英語・非公式訳）",
        "quotes_ja": "引用", "quotes_en": "引用（英語・非公式訳）", "question": "質問",
        "reasons": "類似の理由", "note": "注記",
    },
    "en": {
        "year": "Fiscal year", "rank": "Rank", "number": "No.", "score": "Score",
        "title_ja": "Title (Japanese)", "title_en": "Title (unofficial English)",
        "proposer_ja": "Proposer (Japanese)", "proposer_en": "Proposer",
        "domestic_city_ja": "Japanese city (Japanese)", "domestic_city_en": "Japanese city",
        "target_area_ja": "Partner city/region (Japanese)", "target_area_en": "Partner city/region",
        "country_ja": "Country (Japanese)", "country_en": "Country",
        "fields_ja": "Fields (Japanese)", "fields_en": "Fields",
        "summary_ja": "Summary (Japanese)", "summary_en": "Summary (unofficial English)",
        "quotes_ja": "Quotes (Japanese)", "quotes_en": "Quotes (unofficial English)", "question": "Question",
        "reasons": "Why similar", "note": "Note",
    },
}


def column_labels(lang: str) -> dict[str, str]:
    """Machine column name -> header in `lang` ("ja" / "en"), for `headers=`."""
    return dict(COLUMN_LABELS[lang])


FIELDS_SEP_JA = "、"
FIELDS_SEP_EN = "; "


# ---------------------------------------------------------------- rows

def _en(p: Proposal, attr: str) -> str:
    return getattr(p.en, attr) if p.en else ""


def _score(value: float) -> float:
    return round(float(value), 6)


def _year(p: Proposal, with_year: bool) -> dict:
    return {"year": p.year} if with_year else {}


def proposal_rows(corpus: Iterable[Proposal], *, with_year: bool = False) -> list[dict]:
    """One row per proposal, Japanese and English side by side (`with_year`: a first "year" column)."""
    rows = []
    for p in corpus:
        rows.append({
            **_year(p, with_year),
            "number": p.number,
            "title_ja": p.title,
            "title_en": _en(p, "title"),
            "proposer_ja": p.proposer,
            "proposer_en": _en(p, "proposer"),
            "domestic_city_ja": p.domestic_city,
            "domestic_city_en": _en(p, "domestic_city"),
            "target_area_ja": p.target_area,
            "target_area_en": _en(p, "target_area"),
            "country_ja": p.country,
            "country_en": _en(p, "country"),
            "fields_ja": FIELDS_SEP_JA.join(p.fields),
            "fields_en": FIELDS_SEP_EN.join(p.en.fields) if p.en else "",
            "summary_ja": p.summary,
            "summary_en": p.en.summary if p.en else "",
            "note": NOTE if p.en else NOTE_NO_EN,
        })
    return rows


def _quote_en(p: Proposal, quote) -> str:
    """The quote's own English rendering, else the English sentence at its index."""
    if quote.en:
        return quote.en
    if p.en and 0 <= quote.sentence < len(p.en.sentences):
        return p.en.sentences[quote.sentence]
    return ""


def answer_rows(answer, *, with_year: bool = False) -> list[dict]:
    """One row per hit of a chat answer (`assistant.answer.Answer`)."""
    rows = []
    for rank, hit in enumerate(answer.hits, 1):
        p = hit.proposal
        rows.append({
            "rank": rank,
            **_year(p, with_year),
            "number": p.number,
            "score": _score(hit.score),
            "title_ja": p.title,
            "title_en": _en(p, "title"),
            "proposer_ja": p.proposer,
            "proposer_en": _en(p, "proposer"),
            "country_ja": p.country,
            "country_en": _en(p, "country"),
            "domestic_city_ja": p.domestic_city,
            "domestic_city_en": _en(p, "domestic_city"),
            "target_area_ja": p.target_area,
            "target_area_en": _en(p, "target_area"),
            "fields_ja": FIELDS_SEP_JA.join(p.fields),
            "fields_en": FIELDS_SEP_EN.join(p.en.fields) if p.en else "",
            "quotes_ja": "\n".join(q.text for q in hit.quotes),
            "quotes_en": "\n".join(_quote_en(p, q) for q in hit.quotes),
            "question": answer.query,
            "note": NOTE if p.en else NOTE_NO_EN,
        })
    return rows


def similar_rows(target, hits, *, with_year: bool = False) -> list[dict]:
    """One row per `SimilarHit`; the target itself (a `Proposal`, or its number), if present among
    the hits, is left out."""
    rows = []
    for hit in hits:
        p = hit.proposal
        if p is target or (not isinstance(target, Proposal) and p.number == target):
            continue
        rows.append({
            "rank": len(rows) + 1,
            **_year(p, with_year),
            "number": p.number,
            "score": _score(hit.score),
            "title_ja": p.title,
            "title_en": _en(p, "title"),
            "reasons": "; ".join(hit.reasons),
            "note": NOTE if p.en else NOTE_NO_EN,
        })
    return rows


# ---------------------------------------------------------------- writers

def _is_path(target) -> bool:
    return isinstance(target, (str, os.PathLike))


def _columns(rows: list[dict], columns) -> list[str]:
    if columns is not None:
        return list(columns)
    return list(rows[0].keys()) if rows else []


def _header(cols: list[str], headers) -> list[str]:
    """The header row: the column names, or their labels from `headers` (a dict; unknown names kept)."""
    return [headers.get(c, c) for c in cols] if headers else list(cols)


def write_csv(rows: list[dict], target, *, columns=None, headers: dict[str, str] | None = None) -> None:
    """CSV with a header row (the column names, or `headers[name]`). A path gets UTF-8 with a BOM
    (Excel then reads the Japanese correctly); a text stream gets plain text and should be opened
    with newline=""."""
    cols = _columns(rows, columns)

    def _write(stream: IO[str]) -> None:
        if not cols:
            return
        csv.writer(stream).writerow(_header(cols, headers))
        writer = csv.DictWriter(stream, fieldnames=cols, extrasaction="raise")
        writer.writerows(rows)

    if _is_path(target):
        with open(target, "w", encoding="utf-8-sig", newline="") as f:
            _write(f)
    else:
        _write(target)


def write_json(rows: list[dict], target) -> None:
    """A JSON array of row objects, UTF-8, not ASCII-escaped, indented by 2."""
    text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if _is_path(target):
        with open(target, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        target.write(text)


MAX_WIDTH = 60
WRAP_OVER = 40


def _display_width(text: str) -> int:
    """Width in Excel character units: wide (CJK) characters count as two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def write_xlsx(rows: list[dict], path, *, columns=None, headers: dict[str, str] | None = None) -> None:
    """One sheet "c2c": bold, frozen header row (the column names, or `headers[name]`); widths fitted
    to content, long columns wrapped."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    cols = _columns(rows, columns)
    wb = Workbook()
    ws = wb.active
    ws.title = "c2c"
    bold = Font(bold=True)
    for c, label in enumerate(_header(cols, headers), 1):
        ws.cell(row=1, column=c, value=label).font = bold
    widths = [_display_width(label) for label in _header(cols, headers)]
    for r, row in enumerate(rows, 2):
        for c, name in enumerate(cols, 1):
            value = row.get(name)
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text that starts with "=" stays text, not a formula
            text = "" if value is None else str(value)
            widths[c - 1] = max(widths[c - 1], *(_display_width(line) for line in text.split("\n")))
    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    for c, width in enumerate(widths, 1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = min(width, MAX_WIDTH) + 2
        long = width > WRAP_OVER or any("\n" in str(row.get(cols[c - 1]) or "") for row in rows)
        for r in range(2, len(rows) + 2):
            ws.cell(row=r, column=c).alignment = wrapped if long else top
    ws.freeze_panes = "A2"
    wb.save(path)


# ---------------------------------------------------------------- stdout

def stdout_utf8() -> tuple[IO[str], callable]:
    """A UTF-8 text stream over stdout (no newline translation) and a function to release it."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        return sys.stdout, sys.stdout.flush
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="")

    def release() -> None:
        stream.flush()
        stream.detach()

    return stream, release
