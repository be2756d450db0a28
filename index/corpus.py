"""Parse the programme's proposal list into `Proposal` records.

This is the only module that knows the document's layout. The source is a PDF
extraction of a table with the columns 番号 提案者 国内都市 対象都市・地域 対象国
事業名 対象分野 事業概要. Each proposal looks like::

    <blank line>
    4                              <- number, then cells that fit on one visual row
    (公財)地球環境戦略研            <- a cell that wraps comes out as its own run of lines
    究機関
    <blank line>
    北九州市                        <- more single-row cells ...
    チレゴン市・西ジャ              <- ... and the next wrapped cell
    ワ州
    <blank line>
    インドネシア                    <- the last run: single-row cells, then the title
    インドネシアにおけるセメント産業の脱炭素化に向
    けた実現可能性調査
    <blank line>
    ・省エネルギー                  <- target fields, one bullet each (may wrap)
    ・廃棄物処理
    <blank line>
    セメント産業は、...              <- the summary, wrapped at a fixed width

A header row repeats at page breaks and is dropped wherever it appears.

Wrapped lines are joined without a separator (the document breaks Japanese text
mid-word), except that a space is put back between two ASCII letters, where a
PDF line break stands for the space between two Latin words. Spaces inside a
line are kept as they are. "Verbatim" everywhere in this project means: a
substring of a field as joined here.

Not handled: a table whose columns differ from the header above, summaries
that contain blank lines other than page breaks, cells that hold a space in
the proposer / city / country columns.
"""
from __future__ import annotations

import itertools
import json
from collections.abc import Callable
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from .errors import CorpusError
from .resources import data_path, data_root

HEADER = "番号 提案者 国内都市 対象都市・地域 対象国 事業名 対象分野 事業概要"
META_KEYS = ("proposer", "domestic_city", "target_area", "country")
BULLET = "・"

_START = re.compile(r"^(\d{1,3})(?: +(.*))?$")
# A summary line that starts a new item: (1) ① 1. ４． etc.
_ENUM = re.compile(r"^(?:[(（][0-9０-９]+[)）]|[\u2460-\u2473]|[0-9０-９]+[.．])")




RECORD_KEYS = ("proposer", "domestic_city", "target_area", "country", "title", "fields", "summary")


@dataclass(frozen=True, kw_only=True)
class Record:
    """The fields a proposal and its English rendering share."""

    proposer: str
    domestic_city: str
    target_area: str
    country: str
    title: str
    fields: tuple[str, ...]
    sentences: tuple[str, ...] = ()

    def _record(self) -> dict:
        """The shared fields as JSON-ready values."""
        return {k: list(getattr(self, k)) if k == "fields" else getattr(self, k) for k in RECORD_KEYS}


@dataclass(frozen=True, kw_only=True)
class English(Record):
    """An unofficial English rendering of one proposal, written for this project.

    `sentences` has one entry per Japanese summary sentence, in the same order.
    """

    @property
    def summary(self) -> str:
        return " ".join(self.sentences)

    def to_dict(self) -> dict:
        return {**self._record(), "sentences": list(self.sentences), "unofficial_translation": True}


@dataclass(frozen=True)
class View:
    """One proposal in one language: what every renderer and answer line reads.

    `official` is False for the English rendering (an unofficial translation).
    A proposal without an English rendering gives its Japanese text for "en".
    """

    number: int
    lang: str
    proposer: str
    domestic_city: str
    target_area: str
    country: str
    title: str
    fields: tuple[str, ...]
    sentences: tuple[str, ...]
    official: bool

    @property
    def summary(self) -> str:
        return ("" if self.official else " ").join(self.sentences)

    def metadata(self, key: str) -> tuple[str, ...]:
        return self.fields if key == "fields" else (getattr(self, key),)


@dataclass(frozen=True, kw_only=True)
class Proposal(Record):
    number: int  # the number within its fiscal year's list
    summary: str
    year: int = 0  # the fiscal year (Western), read from the list's header; 0 when unknown
    en: English | None = field(default=None, compare=False)

    @cached_property
    def id(self) -> str:
        """Unique across years: "2024-7" (made once: a filtered question over 100k proposals reads it per proposal)."""
        return f"{self.year}-{self.number}"

    def to_dict(self) -> dict:
        """The `c2c proposals --json` shape: year, id, the Japanese fields, plus `en`."""
        return {"number": self.number, "year": self.year, "id": self.id, **self._record(),
                "en": self.en.to_dict() if self.en else None}

    def metadata(self, key: str) -> tuple[str, ...]:
        """Values of a filterable attribute (`fields` has several)."""
        if key == "fields":
            return self.fields
        return (getattr(self, key),)

    def view(self, lang: str) -> View:
        """The record in `lang` ("ja" or "en"); "en" falls back to Japanese without a rendering."""
        source: Record = self.en if (lang == "en" and self.en) else self
        return View(self.number, "en" if source is self.en else "ja", source.proposer, source.domestic_city,
                    source.target_area, source.country, source.title, source.fields, source.sentences,
                    official=source is self)


# ---------------------------------------------------------------- joining

def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: no separator, but a space between two ASCII letters."""
    out = ""
    for line in lines:
        if out and line and _is_ascii_letter(out[-1]) and _is_ascii_letter(line[0]):
            out += " "
        out += line
    return out


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def split_sentences(summary_lines: list[str]) -> tuple[str, ...]:
    """Cut a summary into sentences: after 。, and where a line opens an enumerated item.

    The sentences concatenate back to `join_lines(summary_lines)` exactly.
    """
    pieces: list[str] = []
    current = ""
    for line in summary_lines:
        if current and _ENUM.match(line):
            pieces.append(current)
            current = ""
        current = join_lines([current, line]) if current else line
        # flush every complete sentence that ends in 。 inside the buffer
        while "。" in current:
            cut = current.index("。") + 1
            pieces.append(current[:cut])
            current = current[cut:]
    if current:
        pieces.append(current)
    return tuple(p for p in pieces if p)


# ---------------------------------------------------------------- parsing

@dataclass
class _Block:
    number: int
    line_no: int  # 1-based line of the number
    row: str  # what follows the number on its line: the cells that fit on one row
    lines: list[tuple[int, str]]  # (line_no, text) after the number line; "" marks a blank


def parse_document(text: str, *, source: str = "<document>", year: int | None = None,
                   locate: Callable[[int], str] | None = None) -> list[Proposal]:
    """Parse the whole document; raise `CorpusError` naming the line on any problem.

    `locate(line_no)` says where a line of `text` is in the file ("page 2, line 14" for a PDF);
    by default "line N".

    The fiscal year is `year` if given, else the one named in the header (令和N年度); a
    header naming another year than `year` is refused.
    """
    if not text.strip():
        raise CorpusError(f"{source}: the document is empty")
    named = fiscal_year(text)
    if year is not None and named is not None and named != year:
        raise CorpusError(f"{source}: the header names fiscal year {named}, not {year}")
    year = year if year is not None else (named or 0)
    raw = text.splitlines()
    lines = [(i + 1, "" if _is_header(l) else l.strip()) for i, l in enumerate(raw)]
    loc = locate or (lambda n: f"line {n}")
    blocks = _split_blocks(lines, source, loc)
    if not blocks:
        raise CorpusError(
            f"{source}: no proposals found (expected lines that start with a proposal number "
            "after a blank line, below the header row)"
        )
    return [replace(_parse_block(b, source, loc), year=year) for b in blocks]


def _is_header(line: str) -> bool:
    return " ".join(line.split()) == HEADER


def _split_blocks(lines: list[tuple[int, str]], source: str, loc: Callable[[int], str]) -> list[_Block]:
    """Group lines by proposal: a proposal starts with its number after a blank line."""
    blocks: list[_Block] = []
    prev_blank = True
    for line_no, text in lines:
        if not text:
            prev_blank = True
            continue
        m = _START.match(text) if prev_blank else None
        if m:
            number = int(m.group(1))
            expected = blocks[-1].number + 1 if blocks else 1
            if number != expected:
                if any(b.number == number for b in blocks):
                    problem = f"proposal number {number} appears twice"
                else:
                    problem = f"proposal number {number} where {expected} was expected"
                raise CorpusError(f"{source}, {loc(line_no)}: {problem}")
            blocks.append(_Block(number, line_no, m.group(2) or "", []))
        elif blocks:
            if prev_blank:
                blocks[-1].lines.append((line_no, ""))  # keep the blank as a run separator
            blocks[-1].lines.append((line_no, text))
        # text before the first proposal is the document's title: ignored
        prev_blank = False
    return blocks


def _runs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Split a block's lines into runs separated by blank markers."""
    runs: list[list[tuple[int, str]]] = []
    for blank, group in itertools.groupby(lines, key=lambda x: x[1] == ""):
        if not blank:
            runs.append(list(group))
    return runs


def _parse_block(block: _Block, source: str, loc: Callable[[int], str]) -> Proposal:
    where = f"{source}, proposal {block.number} ({loc(block.line_no)})"
    runs = _runs(block.lines)
    bullet_run = next((i for i, r in enumerate(runs) if r[0][1].startswith(BULLET)), None)
    if bullet_run is None:
        raise CorpusError(f"{where}: no target-field bullets (lines starting with {BULLET})")
    head_runs = [[t for _, t in run] for run in runs[:bullet_run]]
    # the lines right below the number (no blank between) continue the number's run
    if head_runs and block.lines and block.lines[0][1]:
        first_wrapped = head_runs.pop(0)
    else:
        first_wrapped = []
    fields = _parse_fields(runs[bullet_run], where)
    summary_lines = [t for run in runs[bullet_run + 1:] for _, t in run]
    if not summary_lines:
        raise CorpusError(f"{where}: the summary is missing")
    proposer, domestic, target, country, title = _parse_head(
        block.row, first_wrapped, head_runs, where
    )
    return Proposal(
        number=block.number,
        proposer=proposer,
        domestic_city=domestic,
        target_area=target,
        country=country,
        title=title,
        fields=fields,
        summary=join_lines(summary_lines),
        sentences=split_sentences(summary_lines),
    )


def _parse_fields(run: list[tuple[int, str]], where: str) -> tuple[str, ...]:
    fields: list[list[str]] = []
    for _, text in run:
        if text.startswith(BULLET):
            fields.append([text[len(BULLET):].strip()])
        else:
            fields[-1].append(text)
    out = tuple(join_lines(f) for f in fields)
    if any(not f for f in out):
        raise CorpusError(f"{where}: an empty target-field bullet")
    return out


def _parse_head(row: str, wrapped: list[str], runs: list[list[str]], where: str) -> list[str]:
    """Read proposer, Japanese city, partner city, country and title from the head.

    The PDF extraction writes a visual table row as runs of lines separated by
    blank lines. The number's own run is always: the cells that fit on one line
    (after the number, space-separated), then at most one wrapped cell. Every
    later run is either (a) such a row followed by a wrapped cell, or (b) one
    wrapped cell alone. The title is the last cell. The reading that yields
    exactly five cells wins, trying (a) before (b) run by run.
    """
    first = row.split() + ([join_lines(wrapped)] if wrapped else [])
    options = []
    for texts in runs:
        opts = [texts[0].split() + ([join_lines(texts[1:])] if len(texts) > 1 else [])]
        if len(texts) > 1:
            opts.append([join_lines(texts)])
        options.append(opts)
    for choice in itertools.product(*options):
        cells = first + [c for part in choice for c in part]
        if len(cells) == 5:
            return cells
    # a one-line title that contains spaces: the title takes the rest of its line
    flat = first + [c for opts in options for c in opts[0]]
    last_line_cells = len(runs[-1][0].split()) if runs else len(row.split())
    if len(flat) > 5 and len(flat) - last_line_cells < 5 and (not runs or len(runs[-1]) == 1):
        return flat[:4] + [" ".join(flat[4:])]
    shown = " / ".join([row, *wrapped, *(t for run in runs for t in run)])
    raise CorpusError(
        f"{where}: cannot read proposer, Japanese city, partner city, country and title "
        f"from: {shown}"
    )


# ---------------------------------------------------------------- files

DATA_DIR = data_root()  # index/resources.py: the checkout's data/ or the installed package c2c_data
SOURCE_PATH = data_path("source", "r06_c2c_proposals.txt")
ENGLISH_PATH = data_path("en", "proposals_en.json")
GLOSSARY_PATH = data_path("glossary.json")


def read_source(path: Path = SOURCE_PATH) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"source document not found: {path}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise CorpusError(f"{path}, line {line}: not UTF-8 (byte 0x{data[e.start]:02x})") from None


def read_json(path: Path, what: str):
    """A data file's JSON, or a CorpusError that names the file (and the line)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{what} not found: {path}") from None
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not UTF-8") from None
    except json.JSONDecodeError as e:
        raise CorpusError(f"{path}, line {e.lineno}: invalid JSON ({e.msg})") from None


def load_english(path: Path = ENGLISH_PATH) -> dict[int, dict]:
    return {int(item["number"]): item for item in read_json(path, "English renderings")}


def attach_english(proposals: list[Proposal], english: dict[int, dict], *, source: str) -> list[Proposal]:
    """Return copies of `proposals` carrying their English rendering; check alignment."""
    out = []
    for p in proposals:
        item = english.get(p.number)
        if item is None:
            raise CorpusError(f"{source}: no English rendering for proposal {p.number}")
        sentences = tuple(item["sentences"])
        if len(sentences) != len(p.sentences):
            raise CorpusError(
                f"{source}: proposal {p.number} has {len(p.sentences)} Japanese summary sentences "
                f"but {len(sentences)} English ones"
            )
        if len(item["fields"]) != len(p.fields):
            raise CorpusError(f"{source}: proposal {p.number} has a different number of English fields")
        en = English(
            proposer=item["proposer"],
            domestic_city=item["domestic_city"],
            target_area=item["target_area"],
            country=item["country"],
            title=item["title"],
            fields=tuple(item["fields"]),
            sentences=sentences,
        )
        out.append(replace(p, en=en))
    return out


def load_corpus(source: Path = SOURCE_PATH, english: Path | None = ENGLISH_PATH) -> list[Proposal]:
    """Parse the source document and attach the English renderings (if a path is given)."""
    proposals = parse_document(read_source(source), source=str(source))
    if english is None:
        return proposals
    return attach_english(proposals, load_english(english), source=str(english))


_REIWA = re.compile(r"令和\s*([0-9]{1,2}|元)\s*年度")


def fiscal_year(text: str) -> int | None:
    """The Western fiscal year named in a document header (令和6年度 -> 2024), if any."""
    m = _REIWA.search(unicodedata.normalize("NFKC", text[:2000]))
    if not m:
        return None
    return 2018 + (1 if m.group(1) == "元" else int(m.group(1)))


def fiscal_label(year: int, lang: str) -> str:
    """2024 -> "FY2024" / 「令和6年度」."""
    return f"FY{year}" if lang == "en" else f"令和{year - 2018}年度" if year > 2018 else f"{year}年度"


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# ---------------------------------------------------------------- tables (PDF tables, spreadsheets)

COLUMNS_PATH = data_path("list_columns.json")
COLUMN_KEYS = ("number", "proposer", "domestic_city", "target_area", "country", "title", "fields", "summary")


@dataclass(frozen=True)
class Column:
    key: str
    ja: str
    en: str
    names: frozenset[str]  # every header that names it, compared by `header_key`

    @property
    def label(self) -> str:
        return f"{self.ja} ({self.en})"


def header_key(text: str) -> str:
    """A header cell as compared with the column names: NFKC, lower case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text or "").lower().split())


_COLUMNS: tuple[Column, ...] | None = None


def list_columns() -> tuple[Column, ...]:
    """The columns of a proposal table, in order (data/list_columns.json)."""
    global _COLUMNS
    if _COLUMNS is None:
        raw = read_json(COLUMNS_PATH, "list columns")["columns"]
        _COLUMNS = tuple(Column(c["key"], c["ja"], c["en"],
                                frozenset(header_key(n) for n in (c["ja"], c["en"], *c.get("aliases", ()))))
                         for c in raw)
        if tuple(c.key for c in _COLUMNS) != COLUMN_KEYS:
            raise CorpusError(f"{COLUMNS_PATH}: the columns must be {', '.join(COLUMN_KEYS)} in this order")
    return _COLUMNS


def expected_columns() -> str:
    return " | ".join(c.ja for c in list_columns())


def match_header(cells: list[str]) -> dict[int, str] | None:
    """{cell position: column key} when `cells` is a header row (at least three cells name columns)."""
    out: dict[int, str] = {}
    for i, cell in enumerate(cells):
        k = header_key(cell)
        for c in list_columns():
            if k and k in c.names and c.key not in out.values():
                out[i] = c.key
                break
    return out if len(out) >= 3 else None


def missing_columns(mapping: dict[int, str]) -> list[Column]:
    return [c for c in list_columns() if c.key not in mapping.values()]


@dataclass
class Row:
    """One row of a table as read from a file: where it is (for messages) and its cells as lines."""

    where: str  # "page 2, row 3" / "sheet R7, row 5" / "line 7"
    cells: dict[str, list[str]]  # column key -> the cell's lines (wrapped lines as they were)
    merged: tuple[str, ...] = ()  # keys whose cell is one cell with the cell above (no text of its own)


def parse_rows(rows: list[Row], *, source: str, year: int) -> list[Proposal]:
    """Proposals from table rows; a row whose number cell is empty continues the row above
    (a row split across pages, or cells merged over two rows). A proposer, city, partner, country
    or title cell merged with the cell above (two proposals sharing the value) takes its value.
    Errors name the row and column."""
    merged: list[Row] = []
    for row in rows:
        if not any(line.strip() for lines in row.cells.values() for line in lines):
            continue
        if not "".join(row.cells.get("number", [])).strip():
            if not merged:
                raise CorpusError(f"{source}, {row.where}, column {_label('number')}: empty, and no row above "
                                  "to continue (expected a proposal number)")
            above = merged[-1]
            above.where += f" (continued: {row.where})"
            for key, lines in row.cells.items():
                above.cells.setdefault(key, []).extend(lines)
            continue
        cells = {k: list(v) for k, v in row.cells.items()}
        for key in row.merged:
            if key in (*META_KEYS, "title") and merged and not any(s.strip() for s in cells.get(key, [])):
                cells[key] = list(merged[-1].cells.get(key, []))
        merged.append(Row(row.where, cells))
    if not merged:
        raise CorpusError(f"{source}: the table has no proposal rows (expected rows under the header "
                          f"{expected_columns()})")
    out = []
    for row in merged:
        p = _proposal_from_row(row, source)
        expected = out[-1].number + 1 if out else 1
        if p.number != expected:
            seen = any(q.number == p.number for q in out)
            problem = (f"proposal number {p.number} appears twice" if seen
                       else f"proposal number {p.number} where {expected} was expected")
            raise CorpusError(f"{source}, {row.where}, column {_label('number')}: {problem}")
        out.append(replace(p, year=year))
    return out


def _column(key: str) -> Column:
    return next(c for c in list_columns() if c.key == key)


def _label(key: str) -> str:
    return _column(key).label


def _proposal_from_row(row: Row, source: str) -> Proposal:
    def lines(key: str) -> list[str]:
        return [s for s in (line.strip() for line in row.cells.get(key, [])) if s]

    def where(key: str) -> str:
        return f"{source}, {row.where}, column {_label(key)}"

    number_text = nfkc("".join(lines("number")))
    if not number_text.isdigit():
        raise CorpusError(f"{where('number')}: expected a proposal number, found {number_text!r}")
    values = {}
    for key in ("proposer", "domestic_city", "target_area", "country", "title"):
        values[key] = join_lines(lines(key))
        if not values[key]:
            raise CorpusError(f"{where(key)}: the cell is empty (expected the {_column(key).en})")
    field_lines = lines("fields")
    if not field_lines:
        raise CorpusError(f"{where('fields')}: no target fields (expected one line per field, starting with "
                          f"{BULLET})")
    if field_lines[0].startswith(BULLET):
        fields = _parse_fields([(0, t) for t in field_lines], where("fields"))
    else:  # a spreadsheet may give one field per line without bullets
        fields = tuple(field_lines)
    summary_lines = lines("summary")
    if not summary_lines:
        raise CorpusError(f"{where('summary')}: the summary is missing")
    return Proposal(number=int(number_text), **values, fields=fields, summary=join_lines(summary_lines),
                    sentences=split_sentences(summary_lines))
