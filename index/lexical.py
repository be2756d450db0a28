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

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

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


@dataclass
class LexicalIndex:
    """BM25 over one text per document; scores come back as a dense array."""

    retriever: object  # bm25s.BM25
    tokenizer: Tokenizer = tokenize

    @classmethod
    def build(cls, texts: Iterable[str], tokenizer: Tokenizer = tokenize) -> "LexicalIndex":
        import bm25s

        retriever = bm25s.BM25()
        retriever.index([tokenizer(t) for t in texts], show_progress=False)
        return cls(retriever, tokenizer)

    def scores(self, query: str) -> np.ndarray:
        tokens = self.tokenizer(query)
        n = self.retriever.scores["num_docs"]
        if not tokens:
            return np.zeros(n, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(tokens), dtype=np.float32)

    def coverage(self, query: str) -> np.ndarray:
        """Per document, the idf-weighted share of the query's distinct tokens it contains.

        Tokens the corpus never uses count in the denominator: a question about
        something the corpus lacks covers little of any document.
        """
        n = self.retriever.scores["num_docs"]
        tokens = sorted(set(self.tokenizer(query)))
        out = np.zeros(n, dtype=np.float32)
        if not tokens:
            return out
        indptr, indices = self.retriever.scores["indptr"], self.retriever.scores["indices"]
        vocab = self.retriever.vocab_dict
        total = 0.0
        for tok in tokens:
            tid = vocab.get(tok)
            docs = indices[indptr[tid]:indptr[tid + 1]] if tid is not None else indices[:0]
            weight = float(np.log1p(n / max(len(docs), 1)))
            total += weight
            out[docs] += weight
        return out / total

    def save(self, folder: Path) -> None:
        self.retriever.save(str(folder))

    @classmethod
    def load(cls, folder: Path, tokenizer: Tokenizer = tokenize) -> "LexicalIndex":
        import bm25s

        return cls(bm25s.BM25.load(str(folder)), tokenizer)
