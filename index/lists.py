"""The proposal lists on this machine: the bundled FY2024 list and lists added for other years.

Added lists live in the data folder (`$C2C_DATA_DIR`, default
`~/.local/share/c2c-assistant`), one folder per fiscal year::

    lists/2025/source.txt     the list as text (extracted from the PDF when a PDF was added)
    lists/2025/en.json        optional English renderings, in the format of data/en
    lists/2025/list.json      {"year", "count", "added_at", "from", "english"}

`add_list` parses a file strictly (the same parser as the bundled list) and stages it in a
temporary folder beside its place; `Staged.commit()` moves it into place in one rename, so a
damaged file, or a failure while the index is rebuilt, leaves the lists as they were.

Not handled: two lists for one year (a year is replaced as a whole), lists whose table has
other columns than the bundled one, scanned PDFs without a text layer.
"""
from __future__ import annotations

import datetime
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .corpus import ENGLISH_PATH, SOURCE_PATH, Proposal, attach_english, fiscal_year, load_corpus, load_english, \
    parse_document, read_json, read_source
from .errors import CorpusError, UsageError


def default_data_dir() -> Path:
    """$C2C_DATA_DIR, else $XDG_DATA_HOME/c2c-assistant, else ~/.local/share/c2c-assistant."""
    if os.environ.get("C2C_DATA_DIR"):
        return Path(os.environ["C2C_DATA_DIR"])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "c2c-assistant"


@dataclass(frozen=True)
class ListInfo:
    year: int
    count: int
    bundled: bool
    english: bool
    path: str

    def to_dict(self) -> dict:
        return {"year": self.year, "count": self.count, "bundled": self.bundled, "english": self.english,
                "path": self.path}


def _lists_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "lists"


def added_years(data_dir: Path) -> list[int]:
    folder = _lists_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit() and (p / "source.txt").is_file())


def load_added(data_dir: Path, year: int) -> list[Proposal]:
    folder = _lists_dir(data_dir) / str(year)
    proposals = parse_document(read_source(folder / "source.txt"), source=str(folder / "source.txt"), year=year)
    en = folder / "en.json"
    return attach_english(proposals, load_english(en), source=str(en)) if en.is_file() else proposals


def load_all(data_dir: Path | None, source: Path = SOURCE_PATH, english: Path | None = ENGLISH_PATH) -> list[Proposal]:
    """The bundled list and every added year, ordered by year then number."""
    corpus = load_corpus(source, english)
    bundled = {p.year for p in corpus}
    for year in (added_years(data_dir) if data_dir else []):
        if year not in bundled:
            corpus += load_added(data_dir, year)
    return sorted(corpus, key=lambda p: (p.year, p.number))


def list_lists(data_dir: Path | None, source: Path = SOURCE_PATH) -> list[ListInfo]:
    bundled = load_corpus(source, None)
    out = [ListInfo(bundled[0].year, len(bundled), True, True, str(source))] if bundled else []
    for year in (added_years(data_dir) if data_dir else []):
        folder = _lists_dir(data_dir) / str(year)
        meta = read_json(folder / "list.json", "list description") if (folder / "list.json").is_file() else {}
        count = meta.get("count") or len(load_added(data_dir, year))
        out.append(ListInfo(year, count, False, (folder / "en.json").is_file(), str(folder)))
    return sorted(out, key=lambda i: i.year)


def read_list_file(path: Path) -> str:
    """The text of a list: UTF-8 text as it is, or a PDF's text layer (pdfplumber), page by page."""
    path = Path(path)
    try:
        head = path.read_bytes()[:5]
    except FileNotFoundError:
        raise CorpusError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise CorpusError(f"{path} is a folder, not a list file") from None
    if head != b"%PDF-":
        return read_source(path)
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            pages = [pdf_page_lines(page) for page in pdf.pages]
    except Exception as e:  # pdfminer raises many types for a damaged file
        raise CorpusError(f"{path}: not a readable PDF ({type(e).__name__}: {e})") from None
    text = "\n\n".join("\n".join(lines) for lines in pages) + "\n"
    if not text.strip():
        raise CorpusError(f"{path}: the PDF has no text layer (a scan?); add the list as text instead")
    return text


# A vertical gap between two text lines larger than this share of the line height is a blank
# line in the text: the list's cells and paragraphs are separated that way (see index/corpus.py).
# Wrapped lines inside a cell sit closer (a gap of about 0.3 line heights in the programme's PDF).
BLANK_LINE_GAP = 0.6


def pdf_page_lines(page) -> list[str]:
    """One PDF page as text lines, with "" where the layout leaves a vertical gap."""
    out: list[str] = []
    previous_bottom = None
    for row in page.extract_text_lines(strip=True):
        height = max(row["bottom"] - row["top"], 1.0)
        if previous_bottom is not None and row["top"] - previous_bottom > BLANK_LINE_GAP * height:
            out.append("")
        out.append(row["text"])
        previous_bottom = row["bottom"]
    return out


@dataclass
class Staged:
    """A parsed list written aside; `commit()` puts it in place, `discard()` removes it."""

    year: int
    proposals: list[Proposal]
    folder: Path
    target: Path

    def commit(self) -> None:
        old = None
        if self.target.exists():
            old = self.target.with_name(f".old-{self.year}-{os.getpid()}")
            os.replace(self.target, old)
        os.replace(self.folder, self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def stage_list(file: Path, data_dir: Path, *, year: int | None = None, replace: bool = False,
               english: Path | None = None, bundled_years: tuple[int, ...] = ()) -> Staged:
    """Parse `file` strictly and write it aside in the data folder; nothing in place changes."""
    text = read_list_file(file)
    if not text.strip():
        raise CorpusError(f"{file}: the document is empty")
    named = fiscal_year(text)
    if year is None and named is None:
        raise CorpusError(f"{file}: the header names no fiscal year (令和N年度): give one with --year")
    proposals = parse_document(text, source=str(file), year=year)
    year = proposals[0].year
    if year in bundled_years:
        raise UsageError(f"FY{year} is the bundled list and cannot be replaced")
    target = _lists_dir(data_dir) / str(year)
    if target.exists() and not replace:
        raise UsageError(f"a list for FY{year} is already added: use --replace to replace it")
    en_data = None
    if english is not None:
        proposals = attach_english(proposals, load_english(english), source=str(english))
        en_data = read_json(english, "English renderings")
    _lists_dir(data_dir).mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".add-{year}-", dir=_lists_dir(data_dir)))
    try:
        (folder / "source.txt").write_text(text, encoding="utf-8")
        if en_data is not None:
            (folder / "en.json").write_text(json.dumps(en_data, ensure_ascii=False, indent=1), encoding="utf-8")
        meta = {"year": year, "count": len(proposals), "from": str(Path(file).resolve()),
                "english": en_data is not None,
                "added_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
        (folder / "list.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Staged(year, proposals, folder, target)


def remove_list(data_dir: Path, year: int, bundled_years: tuple[int, ...] = ()) -> None:
    if year in bundled_years:
        raise UsageError(f"FY{year} is the bundled list and cannot be removed")
    target = _lists_dir(data_dir) / str(year)
    if not target.is_dir():
        have = ", ".join(str(y) for y in added_years(data_dir)) or "none"
        raise UsageError(f"no added list for FY{year} (added: {have})")
    trash = target.with_name(f".removed-{year}-{os.getpid()}")
    os.replace(target, trash)
    shutil.rmtree(trash, ignore_errors=True)
