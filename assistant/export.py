"""Export: proposals, chat answers and similar-project lists as CSV, XLSX or JSON rows.

Everything here is small and pure: `*_rows` turn records into flat dicts (one
dict per table row, keys in column order), `write_*` put rows in a file or a
text stream, `filter_corpus` applies user-typed filters without loading the
embedding model or the index, and `counts_by` / `city_country_matrix` give the
numbers behind an overview chart. `export_cli` is `c2c export`.

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
from collections import Counter
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
    "rank", "number", "score", "title_ja", "title_en", "country_ja", "country_en",
    "domestic_city_ja", "target_area_ja", "fields_ja", "quotes_ja", "quotes_en", "question", "note",
)
SIMILAR_COLUMNS = ("rank", "number", "score", "title_ja", "title_en", "reasons", "note")

FIELDS_SEP_JA = "、"
FIELDS_SEP_EN = "; "
COUNT_KEYS = ("country", "domestic_city", "proposer", "fields")


# ---------------------------------------------------------------- rows

def _en(p: Proposal, attr: str) -> str:
    return getattr(p.en, attr) if p.en else ""


def _score(value: float) -> float:
    return round(float(value), 6)


def proposal_rows(corpus: Iterable[Proposal]) -> list[dict]:
    """One row per proposal, Japanese and English side by side."""
    rows = []
    for p in corpus:
        rows.append({
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


def answer_rows(answer) -> list[dict]:
    """One row per hit of a chat answer (`assistant.answer.Answer`)."""
    rows = []
    for rank, hit in enumerate(answer.hits, 1):
        p = hit.proposal
        rows.append({
            "rank": rank,
            "number": p.number,
            "score": _score(hit.score),
            "title_ja": p.title,
            "title_en": _en(p, "title"),
            "country_ja": p.country,
            "country_en": _en(p, "country"),
            "domestic_city_ja": p.domestic_city,
            "target_area_ja": p.target_area,
            "fields_ja": FIELDS_SEP_JA.join(p.fields),
            "quotes_ja": "\n".join(q.text for q in hit.quotes),
            "quotes_en": "\n".join(_quote_en(p, q) for q in hit.quotes),
            "question": answer.query,
            "note": NOTE if p.en else NOTE_NO_EN,
        })
    return rows


def similar_rows(target_number: int, hits) -> list[dict]:
    """One row per `SimilarHit`; the target itself, if present among the hits, is left out."""
    rows = []
    for hit in hits:
        p = hit.proposal
        if p.number == target_number:
            continue
        rows.append({
            "rank": len(rows) + 1,
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


def write_csv(rows: list[dict], target, *, columns=None) -> None:
    """CSV with a header row. A path gets UTF-8 with a BOM (Excel then reads the Japanese
    correctly); a text stream gets plain text and should be opened with newline=""."""
    cols = _columns(rows, columns)

    def _write(stream: IO[str]) -> None:
        if not cols:
            return
        writer = csv.DictWriter(stream, fieldnames=cols, extrasaction="raise")
        writer.writeheader()
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


def write_xlsx(rows: list[dict], path, *, columns=None) -> None:
    """One sheet "c2c": bold, frozen header row; widths fitted to content, long columns wrapped."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    cols = _columns(rows, columns)
    wb = Workbook()
    ws = wb.active
    ws.title = "c2c"
    bold = Font(bold=True)
    for c, name in enumerate(cols, 1):
        ws.cell(row=1, column=c, value=name).font = bold
    widths = [_display_width(name) for name in cols]
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


# ---------------------------------------------------------------- charts

def counts_by(corpus: Iterable[Proposal], key: str, lang: str = "ja", *, glossary=None) -> list[tuple[str, int]]:
    """How many proposals per value of `key`, most first (ties by label).

    lang "ja": the Japanese value as written in the document; "en": the glossary's
    English label (values sharing a label are counted together). For `fields`,
    each proposal counts once for each of its fields.
    """
    if key not in COUNT_KEYS:
        raise ValueError(f"cannot count by {key!r}: use one of {', '.join(COUNT_KEYS)}")
    label = _labeler(key, lang, glossary)
    counts: Counter[str] = Counter()
    for p in corpus:
        counts.update({label(v) for v in p.metadata(key)})
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def city_country_matrix(corpus: Iterable[Proposal], lang: str = "ja", *,
                        glossary=None) -> tuple[list[str], list[str], list[list[int]]]:
    """(Japanese cities, countries, counts[city][country]), both axes ordered as `counts_by`."""
    corpus = list(corpus)
    if lang == "en" and glossary is None:
        glossary = _default_glossary()
    cities = [c for c, _ in counts_by(corpus, "domestic_city", lang, glossary=glossary)]
    countries = [c for c, _ in counts_by(corpus, "country", lang, glossary=glossary)]
    city_label = _labeler("domestic_city", lang, glossary)
    country_label = _labeler("country", lang, glossary)
    row_of = {c: i for i, c in enumerate(cities)}
    col_of = {c: i for i, c in enumerate(countries)}
    matrix = [[0] * len(countries) for _ in cities]
    for p in corpus:
        matrix[row_of[city_label(p.domestic_city)]][col_of[country_label(p.country)]] += 1
    return cities, countries, matrix


def _labeler(key: str, lang: str, glossary):
    if lang not in ("ja", "en"):
        raise ValueError(f"lang must be 'ja' or 'en', not {lang!r}")
    if lang == "ja":
        return lambda v: v
    g = glossary or _default_glossary()
    return lambda v: g.label(key, v, "en")


def _default_glossary():
    from .query import load_glossary

    return load_glossary()


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
