"""Reading a proposal list from a file: text, a PDF (a ruled table, or text laid out line by line),
an XLSX workbook or a CSV file. `read_list(path)` gives a `ListDocument`: either the text for
`corpus.parse_document`, or table rows for `corpus.parse_rows`, plus the text around the table
(its title, where the fiscal year is named).

PDF, how it is read:

* **Characters** come from pdfplumber's text layer, corrected character by character from pypdfium2
  at the same position (`fix_characters`). pdfminer's CID-to-Unicode map turns U+FF0D FULLWIDTH
  HYPHEN-MINUS into U+2212 MINUS SIGN and U+FF5E FULLWIDTH TILDE into U+301C WAVE DASH; pypdfium2
  reads the font's own ToUnicode data and keeps both (measured on reportlab PDFs with HeiseiKakuGo-W5
  and HeiseiMin-W3: pdfplumber 3 of 41 characters wrong, pypdfium2 none; tests/test_tables.py).
  Mapping U+2212 back to U+FF0D instead would break a list that really has a minus sign.
* **Tables** are found by pdfplumber from the drawn rules (`TABLE_SETTINGS`). A row whose cells
  name the columns (data/list_columns.json) is a header and is skipped wherever it repeats; a
  row with an empty 番号 cell continues the row above (a row split at a page break).
  Everything outside the tables (titles, page numbers) is never part of a record.
* **Text laid out line by line** (no ruled table): lines are read with their height on the page;
  page numbers and running headers/footers (`data/page_furniture.json`) are dropped, except the
  first page's header (the title naming the fiscal year, which the parser ignores anyway).

Not handled: tables without ruling lines, rotated pages, a table whose header row is missing on
the first page, two different tables in one file.
"""
from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .resources import data_path
from .corpus import Row, expected_columns, match_header, missing_columns, read_json, read_source
from .errors import CorpusError

FURNITURE_PATH = data_path("page_furniture.json")

# pdfplumber's table finder, for the ministry's ruled tables: cells are the rectangles the drawn
# lines make ("lines" both ways, never guessed from text alignment, which would split a wrapped
# summary into columns); rules closer than 3 pt are one rule (snap/join), and a cell's text is
# cut into lines at a 3 pt vertical change and into words at a 3 pt gap (pdfplumber's defaults).
TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "text_x_tolerance": 3,
    "text_y_tolerance": 3,
}

# A vertical gap between two text lines larger than this share of the line height is a blank
# line in the text: the list's cells and paragraphs are separated that way (see index/corpus.py).
# Wrapped lines inside a cell sit closer (a gap of about 0.3 line heights in the programme's PDF).
BLANK_LINE_GAP = 0.6


@dataclass
class ListDocument:
    """A list file as read: `text` (a text layout) or `rows` (a table), and the text around it."""

    source: str
    kind: str  # "text", "pdf-text", "pdf-table", "xlsx", "csv"
    text: str = ""  # the whole text (text layouts), or the text outside the table (tables)
    rows: list[Row] | None = None
    notes: list[str] = field(default_factory=list)  # what was dropped or corrected, for the user
    places: list[str] | None = None  # text layouts from a PDF: where each line of `text` is on its page

    def locate(self, line_no: int) -> str:
        """Where line `line_no` (1-based) of `text` is in the file: "page 2, line 14" or "line 57"."""
        if self.places and 0 < line_no <= len(self.places) and self.places[line_no - 1]:
            return self.places[line_no - 1]
        return f"line {line_no}"

    @property
    def is_table(self) -> bool:
        return self.rows is not None


def read_list(path: Path, *, progress: bool = False) -> ListDocument:
    """Read a list file of any supported kind; refuse (CorpusError) what cannot be read."""
    path = Path(path)
    try:
        head = path.read_bytes()[:8]
    except FileNotFoundError:
        raise CorpusError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise CorpusError(f"{path} is a folder, not a list file") from None
    if head.startswith(b"%PDF-"):
        return read_pdf(path, progress=progress)
    if head.startswith(b"PK\x03\x04"):
        return read_xlsx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise CorpusError(f"{path}: an old Excel (.xls) file: save it as .xlsx or CSV and add that")
    if path.suffix.lower() in (".csv", ".tsv"):
        return read_csv(path)
    return ListDocument(str(path), "text", text=read_source(path))


# ---------------------------------------------------------------- PDF

def _furniture() -> dict:
    raw = read_json(FURNITURE_PATH, "page furniture")
    return {**raw, "patterns": [re.compile(p) for p in raw["page_number_patterns"]]}


def is_page_number(text: str, patterns=None) -> bool:
    text = unicodedata.normalize("NFKC", text).strip()
    return any(p.match(text) for p in (patterns or _furniture()["patterns"]))


def fix_characters(page, pdfium_page) -> int:
    """Replace pdfplumber's characters by pypdfium2's at the same position (x, baseline box bottom
    within 1 pt); returns how many changed. See the module doc for why."""
    textpage = pdfium_page.get_textpage()
    by_cell: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if len(ch) != 1 or ch.isspace() or not ch.isprintable():
            continue
        left, bottom, _, _ = textpage.get_charbox(i, loose=True)
        by_cell.setdefault((round(left), round(bottom)), []).append((left, bottom, ch))
    changed = 0
    for c in page.chars:
        x, y = c["x0"], c["y0"]
        best = None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for left, bottom, ch in by_cell.get((round(x) + dx, round(y) + dy), ()):
                    d = abs(left - x) + abs(bottom - y)
                    if d < 1.0 and (best is None or d < best[0]):
                        best = (d, ch)
        if best and best[1] != c["text"] and len(c["text"]) == 1 and not c["text"].isspace():
            c["text"] = best[1]
            changed += 1
    return changed


def read_pdf(path: Path, *, progress: bool = False) -> ListDocument:
    import pdfplumber
    import pypdfium2
    from pdfminer.pdfexceptions import PDFException, PSException

    try:
        pdf = pdfplumber.open(path)
        pages = pdf.pages
        exact = pypdfium2.PdfDocument(str(path))
    except Exception as e:  # pdfminer and pdfium raise many types for a damaged file
        raise CorpusError(f"{path}: not a readable PDF ({type(e).__name__}: {e})") from None
    try:
        return _read_pdf(path, pages, exact, progress)
    except (PDFException, PSException, pypdfium2.PdfiumError) as e:  # a damaged page shows when it is read
        raise CorpusError(f"{path}: not a readable PDF ({type(e).__name__}: {e})") from None
    finally:
        exact.close()
        pdf.close()


def _read_pdf(path: Path, pages, exact, progress: bool) -> ListDocument:
    from tqdm import tqdm

    if not any(page.chars for page in pages):
        raise CorpusError(f"{path}: the PDF has no text layer (a scan?): add the list as text, XLSX or CSV")
    scanned = [i + 1 for i, page in enumerate(pages) if not page.chars and page.images]  # a blank page is fine
    if scanned:
        raise CorpusError(f"{path}, page {scanned[0]}: the page is an image without a text layer (a scanned "
                          "page?): add the list as text, XLSX or CSV")
    fixed = 0
    tables = []
    for i, page in enumerate(tqdm(pages, desc="reading PDF", unit="page", disable=not progress)):
        fixed += fix_characters(page, exact[i])
        tables.append(page.find_tables(TABLE_SETTINGS))
    # a table PDF: a table with a header row among its first rows (a title may be a row above it)
    if any(match_header([c or "" for c in row]) for found in tables for t in found for row in t.extract()[:3]):
        doc = _pdf_table(str(path), pages, tables)
    else:
        text, places = _pdf_text(pages)
        doc = ListDocument(str(path), "pdf-text", text=text, places=places)
    if fixed:
        doc.notes.append(f"{fixed} characters read from the font's own map (pypdfium2)")
    return doc


def _pdf_table(source: str, pages, tables) -> ListDocument:
    """Rows of the ruled tables, page by page; text outside them is the title (first page only)."""
    rows: list[Row] = []
    mapping: dict[int, str] | None = None
    width = 0
    first = pages[0]
    top = min((t.bbox[1] for t in tables[0]), default=first.height)
    title = first.crop((0, 0, first.width, top)).extract_text() if top > 0 else ""
    for page_no, found in enumerate(tables, 1):
        for table in found:
            for row_no, raw in enumerate(table.extract(), 1):
                cells = [c or "" for c in raw]  # None: no cell of its own (merged with a neighbour)
                where = f"page {page_no}, table row {row_no}"
                header = match_header(cells)
                if header:
                    if mapping is None:
                        missing = missing_columns(header)
                        if missing:
                            raise CorpusError(
                                f"{source}, {where}: the table header has no column "
                                f"{', '.join(c.label for c in missing)} (expected {expected_columns()})")
                        mapping, width = header, len(cells)
                    continue
                if mapping is None:  # a title drawn as a row above the header
                    title = "\n".join([title or "", *(c for c in cells if c.strip())])
                    continue
                if len(cells) != width:
                    raise CorpusError(f"{source}, {where}: {len(cells)} columns where the header has {width} "
                                      f"(expected {expected_columns()})")
                rows.append(Row(where, {key: cells[i].splitlines() for i, key in mapping.items()},
                                tuple(key for i, key in mapping.items() if raw[i] is None)))
    return ListDocument(source, "pdf-table", text=title or "", rows=rows)


def _pdf_text(pages) -> tuple[str, list[str]]:
    """The text layout: lines with blank lines where the layout leaves a gap, furniture dropped;
    and for each line of the text, where it is ("page 2, line 14": the 14th text line on the page)."""
    furniture = _furniture()
    lines = [page.extract_text_lines(strip=True) for page in pages]
    drop = _furniture_lines(lines, [p.height for p in pages], furniture)
    out: list[str] = []
    places: list[str] = []
    for page_no, page_lines in enumerate(lines):
        if page_no:
            out.append("")
            places.append(f"page {page_no + 1}")
        kept = [(i, line) for i, line in enumerate(page_lines) if (page_no, i) not in drop]
        for text, i in _with_blank_lines(kept):
            out.append(text)
            places.append(f"page {page_no + 1}" + (f", line {i + 1}" if i is not None else ""))
    return "\n".join(out) + "\n", places


def _furniture_lines(pages: list[list[dict]], heights: list[float], furniture: dict) -> set[tuple[int, int]]:
    """(page, line) positions of page numbers and running headers/footers.

    A running header/footer is the same text (digits ignored) at about the same height near the top
    or bottom edge on most pages. The first page keeps its header lines: its title names the year.
    """
    def key(line: dict) -> tuple[str, int]:
        text = re.sub(r"\d+", "#", unicodedata.normalize("NFKC", line["text"]))
        return text, round(line["top"] / furniture["same_height_points"])

    def margin(line: dict, height: float) -> str:
        share = furniture["margin_share"]
        if line["bottom"] <= height * share:
            return "top"
        if line["top"] >= height * (1 - share):
            return "bottom"
        return ""

    counts: Counter = Counter()
    for page_no, lines in enumerate(pages):
        counts.update({key(line) for line in lines if margin(line, heights[page_no])})
    needed = max(2, math.ceil(furniture["repeated_share"] * len(pages)))
    drop = set()
    for page_no, lines in enumerate(pages):
        for i, line in enumerate(lines):
            where = margin(line, heights[page_no])
            if not where:
                continue
            if is_page_number(line["text"], furniture["patterns"]) or counts[key(line)] >= needed:
                if not (page_no == 0 and where == "top"):
                    drop.add((page_no, i))
    return drop


def _with_blank_lines(lines: list[tuple[int, dict]]) -> list[tuple[str, int | None]]:
    """(text, its line number on the page) with ("", None) where the layout leaves a gap."""
    out: list[tuple[str, int | None]] = []
    previous_bottom = None
    for i, row in lines:
        height = max(row["bottom"] - row["top"], 1.0)
        if previous_bottom is not None and row["top"] - previous_bottom > BLANK_LINE_GAP * height:
            out.append(("", None))
        out.append((row["text"], i))
        previous_bottom = row["bottom"]
    return out


# ---------------------------------------------------------------- spreadsheets

def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table_rows(source: str, records, where_of, covered=frozenset()) -> ListDocument | None:
    """Rows from (position, cells) records: text above the header row is the title. `covered`:
    (position, column index) of cells merged into a cell above or beside them."""
    title: list[str] = []
    rows: list[Row] = []
    mapping = None
    for pos, cells in records:
        cells = [_cell_text(c) for c in cells]
        header = match_header(cells) if mapping is None else None
        if header:
            missing = missing_columns(header)
            if missing:
                raise CorpusError(f"{source}, {where_of(pos)}: the header has no column "
                                  f"{', '.join(c.label for c in missing)} (expected {expected_columns()})")
            mapping = header
            continue
        if mapping is None:
            title.extend(c for c in cells if c.strip())
            continue
        if match_header(cells):
            continue  # a repeated header
        rows.append(Row(where_of(pos), {key: (cells[i] if i < len(cells) else "").splitlines()
                                        for i, key in mapping.items()},
                        tuple(key for i, key in mapping.items() if (pos, i) in covered)))
    if mapping is None:
        return None
    return ListDocument(source, "", text="\n".join(title), rows=rows)


def read_xlsx(path: Path) -> ListDocument:
    """The first sheet that has a header row with the list's columns (Japanese or English)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True)  # not read-only: merged ranges are needed
    except Exception as e:  # a damaged or foreign zip
        raise CorpusError(f"{path}: not a readable XLSX workbook ({type(e).__name__}: {e})") from None
    try:
        for sheet in book.worksheets:
            records = enumerate(sheet.iter_rows(values_only=True), 1)
            covered = {(r, c - 1) for rng in sheet.merged_cells.ranges
                       for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)
                       if (r, c) != (rng.min_row, rng.min_col)}
            doc = _table_rows(str(path), records, lambda r, s=sheet.title: f"sheet {s!r}, row {r}", covered)
            if doc is not None:
                doc.kind = "xlsx"
                doc.text = "\n".join([sheet.title, doc.text])
                return doc
    finally:
        book.close()
    raise CorpusError(f"{path}: no sheet has a header row with the columns {expected_columns()}")


def read_csv(path: Path) -> ListDocument:
    """UTF-8 (with or without BOM) or Shift_JIS (cp932) CSV; tab-separated for .tsv."""
    data = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CorpusError(f"{path}: neither UTF-8 nor Shift_JIS text")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t" if path.suffix.lower() == ".tsv" else ",")

    def records():
        start = 1
        try:
            for cells in reader:
                yield start, cells
                start = reader.line_num + 1
        except csv.Error as e:
            raise CorpusError(f"{path}, line {start}: not CSV ({e})") from None

    doc = _table_rows(str(path), records(), lambda line: f"line {line}")
    if doc is None:
        raise CorpusError(f"{path}: no header row with the columns {expected_columns()}")
    doc.kind = "csv"
    return doc
