"""Keyword side: a Japanese-aware tokenizer and a BM25 index (bm25s) over proposals.

Tokenization (`tokenize`), applied to documents and queries alike:
- NFKC, so full-width letters and digits equal half-width ones; lower case;
- runs of Japanese script (kanji, hiragana, katakana, ー, 々) become character
  bigrams (a one-character run stays a unigram); bigrams made only of hiragana
  are dropped, they are grammar, not content;
- runs of Latin letters and digits become words, English stop words removed,
  Snowball-stemmed (PyStemmer), so "projects" matches "project"; a hyphenated
  compound ("waste-to-energy") is one more word, its parts joined.

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
from typing import Callable, Container, Iterable

import numpy as np

from .errors import IndexCorrupt

TOKENIZER_NAME = "nfkc-cjk-bigram+en-snowball+compounds-v3"

_RUNS = re.compile(r"([\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff\uf900-\ufaff々ー]+)|([a-z0-9]+)")
# (the middle dot ・ ends a run: 「原料・燃料」 is two words, no bigram 「料・」 joins them)
_HIRAGANA = re.compile(r"^[\u3040-\u309f]+$")
_COMPOUND = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")

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


def by_first_letters(known: Iterable[str]) -> dict[str, list[str]]:
    """Latin tokens of three letters or more by their first two letters (where `nearest` looks)."""
    out: dict[str, list[str]] = {}
    for t in sorted(known):
        if t.isascii() and t.isalpha() and len(t) >= 3:
            out.setdefault(t[:2], []).append(t)
    return out


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def nearest(token: str, known, by_prefix: dict[str, list[str]], tokenizer, min_score: float,
            substitution: bool = False, words: Container[str] = ()) -> str | None:
    """The known token a misspelt Latin one stands for, keeping its first two letters: one letter less (a stray
    or doubled one, "biogass": the tokenizer's stem of it) or one more (one left out, "medial": medical, a word of
    `words`, the texts' own; when only one known token is that near) in a word of six letters or more, two
    neighbours the wrong way round ("plam": palm; not the first letter) in one of four or more, with `substitution`
    also one letter other ("septik": septic; for few candidates: "common" is no misspelt "compon(ent)"); else a
    rapidfuzz ratio of at least `min_score`. None for a short or non-Latin token."""
    if len(token) < 3 or not token.isascii() or not token.isalpha():
        return None
    if len(token) >= 4:  # two letters typed the wrong way round ("plam oil", "cemnet")
        swapped = [w for i in range(1, len(token) - 1) if token[i] != token[i + 1]
                   and (w := token[:i] + token[i + 1] + token[i] + token[i + 2:]) in known]
        if len(swapped) == 1:
            return swapped[0]
    if len(token) >= 6:
        for i in range(2, len(token)):
            shorter = tokenizer(token[:i] + token[i + 1:])
            if len(shorter) == 1 and shorter[0] in known:
                return shorter[0]
        longer = {w[0] for i in range(2, len(token) + 1) for c in _LETTERS  # one letter left out ("medial":
                  if (x := token[:i] + c + token[i:]) in words  # medical), a word of the text (not "residli",
                  and len(w := tokenizer(x)) == 1 and w[0] in known}  # whose stem resid(ent) is known)
        if len(longer) == 1:
            return longer.pop()
        if substitution:
            same = [t for t in by_prefix.get(token[:2], ()) if len(t) == len(token)
                    and sum(a != b for a, b in zip(t, token)) == 1]
            if len(same) == 1:
                return same[0]
    from rapidfuzz import fuzz, process

    hit = process.extractOne(token, by_prefix.get(token[:2], ()), scorer=fuzz.ratio, score_cutoff=min_score)
    return hit[0] if hit else None


def tokenize(text: str, compounds: bool = True) -> list[str]:
    tokens: list[str] = []
    latin: list[str] = []
    norm = normalize(text)
    for m in _RUNS.finditer(norm):
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
    # a hyphenated compound is also one word ("waste-to-energy" -> wastetoenergi), so it
    # matches itself more strongly than its parts do apart
    if compounds:
        latin.extend(m.group().replace("-", "") for m in _COMPOUND.finditer(norm))
    if latin:
        tokens.extend(_stemmer().stemWords(latin))
    return tokens


Tokenizer = Callable[[str], list[str]]

_FILES = ("data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy")

# BM25 parameters; the defaults equal assistant/config.py BM25_K1 / BM25_B (index/ does not import assistant/).
DEFAULT_K1 = 1.5
DEFAULT_B = 0.75
PARALLEL_MIN_DOCS = 20_000  # from this many documents, tokenisation runs in one process per core


def _count_chunk(texts: list[str], tokenizer: Tokenizer) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """(vocabulary, token ids, document index within the chunk, document lengths) of one chunk of texts."""
    vocab: dict[str, int] = {}
    get = vocab.setdefault
    ids: list[int] = []
    lengths = np.zeros(len(texts), dtype=np.int64)
    for d, text in enumerate(texts):
        toks = tokenizer(text)
        lengths[d] = len(toks)
        ids.extend([get(t, len(vocab)) for t in toks])
    token_ids = np.fromiter(ids, dtype=np.int64, count=len(ids))
    docs = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    return list(vocab), token_ids, docs, lengths


def _count_worker(args):  # pragma: no cover - runs in a child process
    texts, tokenizer = args
    return _count_chunk(texts, tokenizer)


def _count(texts: list[str], tokenizer: Tokenizer, processes: int | None):
    """Tokenise every text (in parallel when there are many) -> (vocab, token ids, doc ids, doc lengths)."""
    import os

    if processes is None:
        processes = min(os.cpu_count() or 1, 8) if len(texts) >= PARALLEL_MIN_DOCS else 1
    if processes <= 1 or len(texts) < 2:
        return _count_chunk(texts, tokenizer)
    import multiprocessing as mp

    size = -(-len(texts) // (processes * 4))
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    with mp.get_context("fork").Pool(processes) as pool:
        parts = pool.map(_count_worker, [(c, tokenizer) for c in chunks])
    vocab: dict[str, int] = {}
    all_ids, all_docs, all_lengths, offset = [], [], [], 0
    for (local_vocab, ids, docs, lengths), chunk in zip(parts, chunks):
        remap = np.fromiter((vocab.setdefault(t, len(vocab)) for t in local_vocab), dtype=np.int64,
                            count=len(local_vocab))
        all_ids.append(remap[ids] if len(ids) else ids)
        all_docs.append(docs + offset)
        all_lengths.append(lengths)
        offset += len(chunk)
    return (list(vocab), np.concatenate(all_ids), np.concatenate(all_docs), np.concatenate(all_lengths))


@dataclass
class LexicalIndex:
    """BM25 over one text per document.

    The index is Lucene BM25 (idf = ln(1 + (N - df + 0.5) / (df + 0.5)), k1, b as given;
    the same numbers bm25s computes), built with numpy and saved in bm25s's layout:
    a CSC matrix of per-token, per-document scores. Queries are scored straight from
    those arrays (the sum of the query tokens' columns, as bm25s's get_scores does),
    so neither building nor answering imports bm25s (and numba).
    """

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    vocab: dict[str, int]
    num_docs: int
    tokenizer: Tokenizer = tokenize
    k1: float = DEFAULT_K1
    b: float = DEFAULT_B

    @classmethod
    def build(cls, texts: Iterable[str], tokenizer: Tokenizer = tokenize, *, k1: float = DEFAULT_K1,
              b: float = DEFAULT_B, processes: int | None = None) -> "LexicalIndex":
        """Tokenise and index `texts`; `processes` = tokenising processes (default: one per core
        from PARALLEL_MIN_DOCS documents, else 1)."""
        texts = list(texts)
        n = len(texts)
        vocab_list, token_ids, docs, lengths = _count(texts, tokenizer, processes)
        v = len(vocab_list)
        # one entry per (token, document), sorted by token then document: the CSC order
        keys, tf = np.unique(token_ids * max(n, 1) + docs, return_counts=True)
        del token_ids, docs
        tok, doc = np.divmod(keys, max(n, 1))
        df = np.bincount(tok, minlength=v)
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        avg = float(lengths.mean()) if n and lengths.sum() else 1.0
        norm = k1 * ((1 - b) + b * lengths / avg)
        data = (idf[tok] * tf / (norm[doc] + tf)).astype(np.float32)
        indptr = np.zeros(v + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        index_dtype = np.int32 if n < 2**31 else np.int64
        return cls(data, doc.astype(index_dtype), indptr, {t: i for i, t in enumerate(vocab_list)}, n,
                   tokenizer, float(k1), float(b))

    def _columns(self, token: str) -> tuple[np.ndarray, np.ndarray]:
        tid = self.vocab.get(token)
        if tid is None or tid + 1 >= len(self.indptr):  # unknown, or bm25s's empty token (no column)
            return self.indices[:0], self.data[:0]
        start, end = self.indptr[tid], self.indptr[tid + 1]
        return self.indices[start:end], self.data[start:end]

    def near_token(self, token: str, min_score: float, words: Container[str] = ()) -> str | None:
        """For a Latin token the index never saw ("cel" from "cels"), the nearest one it has (`nearest`; the
        question's other words and the dense side are untouched; a typo only stops costing its keyword)."""
        if token in self.vocab:
            return None
        by_prefix = self.__dict__.get("_by_prefix")
        if by_prefix is None:
            by_prefix = self.__dict__["_by_prefix"] = by_first_letters(self.vocab)
        return nearest(token, self.vocab, by_prefix, self.tokenizer, min_score, words=words)

    def scores(self, query: str, typos: float | None = None) -> np.ndarray:
        """BM25 score of every document (0 where no query token occurs), float32 array; with `typos`
        (a rapidfuzz ratio), a Latin token the index never saw counts as its nearest known one."""
        toks = self.tokenizer(query)  # repeated tokens count again, as in bm25s
        if typos is not None:
            toks = [self.near_token(t, typos) or t for t in toks]
        cols = [self._columns(t) for t in toks]
        cols = [c for c in cols if len(c[0])]
        if not cols:
            return np.zeros(self.num_docs, dtype=np.float32)
        docs = np.concatenate([c[0] for c in cols])
        values = np.concatenate([c[1] for c in cols])
        return np.bincount(docs, weights=values, minlength=self.num_docs).astype(np.float32)

    def top(self, query: str, k: int, among: np.ndarray | None = None,
            typos: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(document positions, scores) of the k best-scoring documents with a score > 0, best first
        (ties by position); `among`: only these positions; `typos`: as in `scores`."""
        s = self.scores(query, typos)
        if among is None:
            hit = np.flatnonzero(s > 0)
        else:
            among = np.unique(np.asarray(among, dtype=np.int64))
            hit = among[s[among] > 0]
        if len(hit) > k:
            hit = hit[np.argpartition(-s[hit], k - 1)[:k]]
        order = np.lexsort((hit, -s[hit]))
        return hit[order], s[hit[order]]

    def coverage(self, query: str) -> np.ndarray:
        """Per document, the idf-weighted share of the query's distinct tokens it contains.

        Tokens the corpus never uses count in the denominator: a question about
        something the corpus lacks covers little of any document.
        """
        tokens = sorted(set(self.tokenizer(query)))
        if not tokens:
            return np.zeros(self.num_docs, dtype=np.float32)
        cols = [self._columns(t)[0] for t in tokens]
        weights = np.array([np.log1p(self.num_docs / max(len(c), 1)) for c in cols])
        total = float(weights.sum())
        docs = np.concatenate(cols)
        w = np.repeat(weights, [len(c) for c in cols])
        return (np.bincount(docs, weights=w, minlength=self.num_docs) / total).astype(np.float32)

    def document_frequency(self) -> dict[str, int]:
        """Token -> number of documents holding it (from the saved arrays, no re-tokenising)."""
        df = np.diff(self.indptr)
        return {t: int(df[i]) for t, i in self.vocab.items() if i < len(df)}

    def common_tokens(self, share: float) -> frozenset[str]:
        """Tokens found in at least `share` of the documents (vectorised over the CSC column sizes)."""
        df = np.diff(self.indptr)
        if not self.num_docs or not len(df):
            return frozenset()
        common = set(np.flatnonzero(df >= share * self.num_docs).tolist())
        return frozenset(t for t, i in self.vocab.items() if i in common)

    def save(self, folder: Path) -> None:
        """The arrays as .npy and the vocabulary and sizes as JSON (bm25s's file names)."""
        folder = Path(folder)
        for name, array in zip(_FILES, (self.data, self.indices, self.indptr)):
            np.save(folder / name, array, allow_pickle=False)
        (folder / "vocab.index.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")
        (folder / "params.index.json").write_text(json.dumps({"num_docs": self.num_docs, "method": "lucene",
                                                              "k1": self.k1, "b": self.b}), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, tokenizer: Tokenizer = tokenize) -> "LexicalIndex":
        folder = Path(folder)
        arrays = [np.load(folder / name, allow_pickle=False, mmap_mode="r") for name in _FILES]  # mapped, not read
        vocab = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        index = cls(*arrays, vocab, int(params["num_docs"]), tokenizer, float(params.get("k1", DEFAULT_K1)),
                    float(params.get("b", DEFAULT_B)))
        # Shapes only: reading every document number would page the whole array in at each start
        # (the files' sizes and checksums are the index's business: index.store checks them).
        if (len(index.indptr) > len(vocab) + 1 or len(index.data) != len(index.indices)
                or (len(index.indptr) and int(index.indptr[-1]) != len(index.data))):
            raise IndexCorrupt(f"{folder}: the keyword index arrays do not fit together")
        return index
