"""The proposal lists on this machine: the bundled FY2024 list and lists added for other years.

Added lists live in the data folder (`$C2C_DATA_DIR`, default
`~/.local/share/c2c-assistant`), one folder per fiscal year::

    lists/2025/source.txt     a list laid out as text (a text file, or a PDF laid out as text)
    lists/2025/rows.json      or: a list read from a table (PDF table, XLSX, CSV): its rows, each
                              cell's lines, and where each row was in the file (index/tables.py)
    lists/2025/en.json        optional English renderings, in the format of data/en
    lists/2025/list.json      {"year", "count", "added_at", "from", "kind", "english"}

`stage_list` parses a file strictly (the same parser as the bundled list, or `parse_rows` for a
table) and stages it in a temporary folder beside its place; `Staged.commit()` moves it into place
in one rename, so a damaged file, or a failure while the index is rebuilt, leaves the lists as
they were.

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

from .corpus import ENGLISH_PATH, SOURCE_PATH, Proposal, Row, attach_english, fiscal_year, load_corpus, \
    load_english, parse_document, parse_rows, read_json, read_source
from .errors import CorpusError, UsageError
from .tables import read_list


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
    return sorted(int(p.name) for p in folder.iterdir()
                  if p.name.isdigit() and ((p / "source.txt").is_file() or (p / ROWS).is_file()))


ROWS = "rows.json"  # a list read from a table (PDF table, XLSX, CSV): its rows, cells as lines


def load_added(data_dir: Path, year: int) -> list[Proposal]:
    folder = _lists_dir(data_dir) / str(year)
    if (folder / ROWS).is_file():
        raw = read_json(folder / ROWS, "list rows")
        rows = [Row(r["where"], {k: list(v) for k, v in r["cells"].items()}, tuple(r.get("merged", ())))
                for r in raw["rows"]]
        proposals = parse_rows(rows, source=raw.get("source", str(folder / ROWS)), year=year)
    else:
        proposals = parse_document(read_source(folder / "source.txt"), source=str(folder / "source.txt"),
                                   year=year)
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
    """The text of a list laid out as text: a UTF-8 file as it is, or a PDF's text layer line by line
    (page furniture dropped). A table (PDF, XLSX, CSV) is refused here: use `index.tables.read_list`."""
    doc = read_list(path)
    if doc.is_table:
        raise CorpusError(f"{path}: a table ({doc.kind}), not a text layout")
    return doc.text


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
               english: Path | None = None, bundled_years: tuple[int, ...] = (), progress: bool = False) -> Staged:
    """Parse `file` strictly and write it aside in the data folder; nothing in place changes.

    A text layout (text file, PDF laid out as text) is kept as source.txt; a table (PDF table,
    XLSX, CSV) as rows.json, its rows with their cells' lines and where they were in the file."""
    doc = read_list(file, progress=progress)
    if not doc.is_table and not doc.text.strip():
        raise CorpusError(f"{file}: the document is empty")
    named = fiscal_year(doc.text)
    if year is None and named is None:
        where = "the text above the table" if doc.is_table else "the header"
        raise CorpusError(f"{file}: {where} names no fiscal year (令和N年度): give one with --year")
    if doc.is_table:
        if year is not None and named is not None and named != year:
            raise CorpusError(f"{file}: the title names fiscal year {named}, not {year}")
        proposals = parse_rows(doc.rows, source=str(file), year=year or named)
    else:
        proposals = parse_document(doc.text, source=str(file), year=year, locate=doc.locate)
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
        if doc.is_table:
            rows = {"source": str(file), "kind": doc.kind, "title": doc.text,
                    "rows": [{"where": r.where, "cells": r.cells, "merged": list(r.merged)} for r in doc.rows]}
            (folder / ROWS).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        else:
            (folder / "source.txt").write_text(doc.text, encoding="utf-8")
        if en_data is not None:
            (folder / "en.json").write_text(json.dumps(en_data, ensure_ascii=False, indent=1), encoding="utf-8")
        meta = {"year": year, "count": len(proposals), "from": str(Path(file).resolve()),
                "kind": doc.kind,
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
