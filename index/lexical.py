"""Keyword side: a Japanese-aware tokenizer and a BM25 index (bm25s) over proposals.

Tokenization (`tokenize`), applied to documents and queries alike:
- NFKC, so full-width letters and digits equal half-width ones; lower case;
- runs of Japanese script (kanji, hiragana, katakana, ー, 々) become character
  bigrams (a one-character run stays a unigram); bigrams made only of hiragana
  are dropped, they are grammar, not content;
- runs of Latin letters and digits become words, English stop words removed,
  Snowball-stemmed (PyStemmer), so "projects" matches "project".

Not handled: Japanese morphology (a bigram index finds 水素 inside 水素等 without
knowing words), English synonyms (that is the dense side's job).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from .errors import IndexCorrupt

TOKENIZER_NAME = "nfkc-cjk-bigram+en-snowball-v1"

_RUNS = re.compile(r"([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff々ー]+)|([a-z0-9]+)")
_HIRAGANA = re.compile(r"^[\u3040-\u309f]+$")

STOP_WORDS = frozenset(
    """a an and are as at be by can do does for from has have how i in into is it its
    of on or that the their them there these they this to was were what when where which
    who whose will with about any all me my our show tell list give find please us we
    you your there's project projects""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer  # PyStemmer; small C extension, imported on first use

    return Stemmer.Stemmer("english")


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    latin: list[str] = []
    for m in _RUNS.finditer(normalize(text)):
        cjk, word = m.groups()
        if word:
            if word not in STOP_WORDS:
                latin.append(word)
            continue
        if len(cjk) == 1:
            tokens.append(cjk)
            continue
        for i in range(len(cjk) - 1):
            gram = cjk[i:i + 2]
            if not _HIRAGANA.match(gram):
                tokens.append(gram)
    if latin:
        tokens.extend(_stemmer().stemWords(latin))
    return tokens


Tokenizer = Callable[[str], list[str]]

_FILES = ("data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy")


@dataclass
class LexicalIndex:
    """BM25 over one text per document.

    bm25s builds the index (Lucene BM25, k1 = 1.5, b = 0.75) and saves it as a
    CSC matrix of per-token, per-document scores. Queries are scored straight
    from those arrays with numpy (the sum of the query tokens' columns, as
    bm25s's get_scores does), so answering never imports bm25s (and numba).
    """

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    vocab: dict[str, int]
    num_docs: int
    tokenizer: Tokenizer = tokenize

    @classmethod
    def build(cls, texts: Iterable[str], tokenizer: Tokenizer = tokenize) -> "LexicalIndex":
        import bm25s

        retriever = bm25s.BM25()
        retriever.index([tokenizer(t) for t in texts], show_progress=False)
        sc = retriever.scores
        return cls(np.asarray(sc["data"]), np.asarray(sc["indices"]), np.asarray(sc["indptr"]),
                   dict(retriever.vocab_dict), int(sc["num_docs"]), tokenizer)

    def _columns(self, token: str) -> tuple[np.ndarray, np.ndarray]:
        tid = self.vocab.get(token)
        if tid is None or tid + 1 >= len(self.indptr):  # unknown, or bm25s's empty token (no column)
            return self.indices[:0], self.data[:0]
        start, end = self.indptr[tid], self.indptr[tid + 1]
        return self.indices[start:end], self.data[start:end]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document (0 where no query token occurs)."""
        out = np.zeros(self.num_docs, dtype=np.float32)
        for tok in self.tokenizer(query):  # repeated tokens count again, as in bm25s
            docs, values = self._columns(tok)
            np.add.at(out, docs, values)
        return out

    def coverage(self, query: str) -> np.ndarray:
        """Per document, the idf-weighted share of the query's distinct tokens it contains.

        Tokens the corpus never uses count in the denominator: a question about
        something the corpus lacks covers little of any document.
        """
        out = np.zeros(self.num_docs, dtype=np.float32)
        tokens = sorted(set(self.tokenizer(query)))
        if not tokens:
            return out
        total = 0.0
        for tok in tokens:
            docs, _ = self._columns(tok)
            weight = float(np.log1p(self.num_docs / max(len(docs), 1)))
            total += weight
            out[docs] += weight
        return out / total

    def save(self, folder: Path) -> None:
        """The arrays as .npy and the vocabulary and sizes as JSON (bm25s's file names)."""
        folder = Path(folder)
        for name, array in zip(_FILES, (self.data, self.indices, self.indptr)):
            np.save(folder / name, array, allow_pickle=False)
        (folder / "vocab.index.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")
        (folder / "params.index.json").write_text(json.dumps({"num_docs": self.num_docs, "method": "lucene",
                                                              "k1": 1.5, "b": 0.75}), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, tokenizer: Tokenizer = tokenize) -> "LexicalIndex":
        folder = Path(folder)
        arrays = [np.load(folder / name, allow_pickle=False) for name in _FILES]
        vocab = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        index = cls(*arrays, vocab, int(params["num_docs"]), tokenizer)
        if (len(index.indptr) > len(vocab) + 1 or len(index.data) != len(index.indices)
                or (len(index.indptr) and int(index.indptr[-1]) != len(index.data))):
            raise IndexCorrupt(f"{folder}: the keyword index arrays do not fit together")
        return index
