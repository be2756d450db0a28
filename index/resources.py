"""Where the bundled data lives: the one function every reader of `data/` goes through.

In the repository the data is the top-level `data/` folder. An installed wheel carries the same
files as the package `c2c_data` (pyproject maps `c2c_data` to `data/`, so nothing is copied in the
repository; data/__init__.py makes it a regular package, so importlib.resources works for wheels and
editable installs alike). `data_path()` finds the folder beside the code first (a checkout run with
PYTHONPATH, where c2c_data is not importable, or an editable install), then the installed package
(importlib.resources), so a checkout never reads an older installed copy.
"""
from __future__ import annotations

import importlib.resources
from functools import lru_cache
from pathlib import Path

from .errors import CorpusError

PACKAGE = "c2c_data"
_MARKER = "glossary.json"  # a file every data folder has


@lru_cache(maxsize=1)
def data_root() -> Path:
    """The folder that holds source/, en/, eval/ and the JSON knowledge files."""
    beside = Path(__file__).resolve().parent.parent / "data"
    if (beside / _MARKER).is_file():
        return beside
    try:
        marker = importlib.resources.files(PACKAGE).joinpath(_MARKER)
    except (ModuleNotFoundError, NotADirectoryError, TypeError):  # not installed, or an odd loader
        marker = None
    if marker is not None and marker.is_file():
        return Path(str(marker)).resolve().parent
    raise CorpusError(f"the bundled data is missing: no {beside} and no package {PACKAGE!r} installed; "
                      "reinstall c2c-assistant")


def data_path(*parts: str) -> Path:
    """A file or folder of the bundled data, e.g. data_path("eval", "queries.jsonl")."""
    return data_root().joinpath(*parts)
