"""Where the bundled data lives: the one function every reader of `data/` goes through.

In the repository the data is the top-level `data/` folder. An installed wheel carries the same
files as the package `c2c_data` (pyproject maps `c2c_data` to `data/`, so nothing is copied in the
repository). `data_path()` finds them in a checkout (PYTHONPATH or an editable install: the folder
beside the code) and in a wheel (importlib.resources), in that order, so a checkout never reads an
older installed copy.
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
    try:  # c2c_data has no __init__.py: files() may give a MultiplexedPath, its files are real paths
        marker = importlib.resources.files(PACKAGE).joinpath(_MARKER)
    except ModuleNotFoundError:
        marker = None
    if marker is not None and marker.is_file():
        return Path(str(marker)).resolve().parent
    raise CorpusError(f"the bundled data is missing: no {beside} and no package {PACKAGE!r} installed; "
                      "reinstall c2c-assistant")


def data_path(*parts: str) -> Path:
    """A file or folder of the bundled data, e.g. data_path("eval", "queries.jsonl")."""
    return data_root().joinpath(*parts)
