"""Dense + keyword retrieval over proposals, fused, filtered.

- Dense: the question's vector against every row of the FAISS index. A
  proposal's dense score blends its best whole-proposal vector (Japanese or
  English) with its best sentence vector (`sentence_weight`).
- Keyword: BM25 over each proposal's Japanese text and English rendering.
  Zero keyword scores are dropped (they say nothing, and would otherwise
  take part in a fusion as the lowest ranks).
- Fusion (`fuse_linear`, `fuse_rrf`): pure functions over {proposal id: score}.
- Filters from the question (and from the UI/CLI) restrict the candidates.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from index.store import LANGS, Index

from . import lines
from .config import FUZZY_MIN_SCORE, ROWS_PER_PROPOSAL, RRF_TIE_BREAK, RetrievalConfig
from .view import positions_of


@dataclass(frozen=True)
class Scores:
    """Per-proposal scores for one question, before fusion."""

    dense: dict[str, float]  # blended dense score
    dense_best: dict[str, float]  # best single vector cosine
    sentence: dict[tuple[str, int, str], float]  # (id, sentence, lang) -> cosine
    lexical: dict[str, float]  # BM25, zero scores removed
    dense_at: np.ndarray | None = None  # the corpus positions of `dense`'s keys, in its order
    lexical_at: np.ndarray | None = None  # the same of `lexical`'s


def fuse_linear(dense: dict[int, float], lexical: dict[int, float], dense_weight: float) -> dict[int, float]:
    """w * minmax(dense) + (1 - w) * lexical / max(lexical), over the union of keys.

    A key missing from one side gets 0 from that side.
    """
    out: dict[int, float] = {}
    if dense:
        lo, hi = min(dense.values()), max(dense.values())
        span = hi - lo
        for k, v in dense.items():
            out[k] = dense_weight * ((v - lo) / span if span > 0 else 1.0)
    if lexical:
        top = max(lexical.values())
        for k, v in lexical.items():
            out[k] = out.get(k, 0.0) + (1.0 - dense_weight) * (v / top if top > 0 else 0.0)
    return out


def fuse_rrf(rankings: list[dict[int, float]], k: int = 60) -> dict[int, float]:
    """Reciprocal rank fusion: sum over rankings of 1 / (k + rank), ranks from 1."""
    out: dict[int, float] = {}
    for scores in rankings:
        ordered = sorted(scores, key=lambda key: (-scores[key], key))
        for rank, key in enumerate(ordered, start=1):
            out[key] = out.get(key, 0.0) + 1.0 / (k + rank)
    return out


def score(index: Index, query_vector: np.ndarray | Callable[[], np.ndarray | None] | None, question: str,
          config: RetrievalConfig, keys: list[str], among: np.ndarray | None = None) -> Scores:
    """Dense and keyword scores for one question, without per-row Python loops. `query_vector` may be a
    function that returns it, called once the keyword side is done (the question embedded meanwhile).

    Dense: the `config.dense_candidates` nearest vectors, reduced per proposal by
    `Index.best_per_proposal`. Keyword: the `config.dense_candidates` best BM25 documents
    (a document ranked beyond that adds less than 1 / (rrf_k + dense_candidates) in RRF).
    `among`: corpus positions a filter allows. When the corpus has more vectors than
    `dense_candidates` and the allowed proposals hold fewer, they are scored exactly (every
    vector of each, keyword scores among them only), so that no cut over the whole corpus
    misses them; otherwise (always for the real 18 proposals) the filter applies afterwards.
    """
    dense: dict[str, float] = {}
    dense_best: dict[str, float] = {}
    sentence: dict[tuple[str, int, str], float] = {}
    exact = (among is not None and index.faiss_index.ntotal > config.dense_candidates
             and len(among) * ROWS_PER_PROPOSAL <= config.dense_candidates)
    lexical: dict[str, float] = {}
    dense_at = lexical_at = None
    if config.use_lexical:  # (first: the question may still be being embedded meanwhile)
        lexical_at, values = index.lexical.top(question, config.dense_candidates, among if exact else None,
                                               typos=FUZZY_MIN_SCORE)
        lexical = dict(zip([keys[i] for i in lexical_at.tolist()], values.tolist()))
    if callable(query_vector):
        query_vector = query_vector()
    if query_vector is not None and config.use_dense:
        if exact:
            values, ids = index.search_rows(query_vector, among)
        else:
            values, ids = index.search(query_vector, config.dense_candidates)
        dense_at, doc_best, sent_best = index.best_per_proposal(values, ids)
        w = config.sentence_weight
        names = [keys[i] for i in dense_at.tolist()]
        dense = dict(zip(names, ((1 - w) * doc_best + w * sent_best).tolist()))
        dense_best = dict(zip(names, np.maximum(doc_best, sent_best).tolist()))
        is_sentence = index.row_sentence[ids] >= 0
        sid = ids[is_sentence]
        sentence = {(keys[d], s, LANGS[lang]): v for d, s, lang, v in zip(
            index.row_doc[sid].tolist(), index.row_sentence[sid].tolist(), index.row_lang[sid].tolist(),
            values[is_sentence].tolist())}
    return Scores(dense, dense_best, sentence, lexical, dense_at, lexical_at)


def fuse(scores: Scores, config: RetrievalConfig) -> dict[int, float]:
    if config.use_dense and config.use_lexical:
        if config.fusion == "rrf":
            # RRF ties when the two sides swap their top two ("palm oil waste": dense #2 > #14 by 0.001,
            # keywords #14 > #2 by 20x); the linear blend of the scores breaks such ties (scaled far
            # below any difference of RRF ranks that matters)
            return _rrf_with_tie_break(scores.dense, scores.lexical, config)
        return fuse_linear(scores.dense, scores.lexical, config.dense_weight)
    if config.use_dense:
        return dict(scores.dense)
    return dict(scores.lexical)


def _rrf_with_tie_break(dense: dict, lexical: dict, config: RetrievalConfig) -> dict:
    """fuse_rrf of the two sides plus RRF_TIE_BREAK * fuse_linear, in arrays: the same numbers, operation for
    operation, as the two pure functions (a question over 100k proposals fuses ~3,500 keys: 7 ms in dicts)."""
    keys = list(dict.fromkeys([*dense, *lexical]))
    if not keys:
        return {}
    place = {k: i for i, k in enumerate(keys)}  # each key's place among `keys`: the dense side's first
    key_rank = np.argsort(np.argsort(np.array(keys), kind="stable"), kind="stable")
    at, values = _rrf_at(np.arange(len(dense), dtype=np.int64), _values(dense),
                         np.fromiter((place[k] for k in lexical), dtype=np.int64, count=len(lexical)),
                         _values(lexical), key_rank, config)
    return dict(zip([keys[i] for i in at.tolist()], values.tolist()))


def _fuse_at(scores: Scores, config: RetrievalConfig, key_rank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`_rrf_with_tie_break` over corpus positions (`key_rank`: each position's place in key order)."""
    return _rrf_at(scores.dense_at, _values(scores.dense), scores.lexical_at, _values(scores.lexical), key_rank,
                   config)


def _values(side: dict) -> np.ndarray:
    return np.fromiter(side.values(), dtype=np.float64, count=len(side))


def _rrf_at(d_at: np.ndarray, d_val: np.ndarray, l_at: np.ndarray, l_val: np.ndarray, key_rank: np.ndarray,
            config: RetrievalConfig) -> tuple[np.ndarray, np.ndarray]:
    """The fusion of two sides given as places (each side's keys, as indices into `key_rank`) and scores: (the
    places either side scored, the dense side's first and then the keyword side's others, as the dictionaries'
    union; their fused scores). A side's ties go by key (`key_rank`), as in fuse_rrf; then fuse_linear's two terms,
    in its order."""
    at = np.concatenate([d_at, l_at[~np.isin(l_at, d_at)]]).astype(np.int64)
    by_at = np.argsort(at, kind="stable")
    l_where = by_at[np.searchsorted(at[by_at], l_at)]  # each keyword-side place's index in `at`
    rrf, linear = np.zeros(len(at)), np.zeros(len(at))
    for where, values in ((np.arange(len(d_at)), d_val), (l_where, l_val)):
        if len(where):
            best = np.lexsort((key_rank[at[where]], -values))
            rrf[where[best]] += 1.0 / (config.rrf_k + np.arange(1, len(where) + 1, dtype=np.float64))
    if len(d_val):
        lo, hi = d_val.min(), d_val.max()
        span = hi - lo
        linear[:len(d_at)] = config.dense_weight * ((d_val - lo) / span if span > 0 else 1.0)
    if len(l_val):
        top = l_val.max()
        linear[l_where] = linear[l_where] + (1.0 - config.dense_weight) * (l_val / top if top > 0 else 0.0)
    return at, rrf + RRF_TIE_BREAK * linear


def _rank_at(at: np.ndarray, values: np.ndarray, among: np.ndarray | None, keys: list[str]) -> list[tuple]:
    """`rank` over positions: (key, score) of the positions `among` allows, best first, ties by position."""
    if among is not None:
        kept = np.isin(at, among)
        at, values = at[kept], values[kept]
    best = np.lexsort((at, -values))
    return list(zip([keys[i] for i in at[best].tolist()], values[best].tolist()))


def rank(fused: dict, allowed: set | None = None, order: dict | None = None) -> list[tuple]:
    """(key, score) best first; ties broken by corpus order (`order`: key -> position), else by key."""
    items = [(n, s) for n, s in fused.items() if allowed is None or n in allowed]
    if not order or len(items) < RANK_IN_ARRAYS:
        return sorted(items, key=lambda x: (-x[1], order[x[0]] if order else x[0]))
    values = np.fromiter((s for _, s in items), dtype=np.float64, count=len(items))
    places = np.fromiter((order[n] for n, _ in items), dtype=np.int64, count=len(items))
    return [items[i] for i in np.lexsort((places, -values)).tolist()]


RANK_IN_ARRAYS = 256  # more keys than this are ranked in arrays (the same order: score, then corpus position);
# from this many proposals on, the fusion too (`_fuse_at`: below it, numpy costs more than the dictionaries)


@dataclass(frozen=True)
class Ranked:
    """A ranked retrieval: (id, fused score) best first, the scores behind it, the fused scores of all and
    every allowed proposal scored, best first, before the relevance floor (`unfloored`)."""

    ranking: list[tuple[str, float]]
    scores: Scores
    fused: dict
    unfloored: list[tuple[str, float]]


def retrieve(index: Index, query_vector: np.ndarray | Callable[[], np.ndarray | None] | None, question: str,
             config: RetrievalConfig, keys: list[str], *, allowed: set[str] | None, lang: str, has_words: bool,
             position: dict[str, int] | None = None, key_rank: np.ndarray | None = None) -> Ranked:
    """Score, fuse, keep the allowed proposals, and apply the relevance floor. With `key_rank` (each corpus
    position's place in key order) the fusion and ranking run over positions (`_fuse_at`): the same numbers
    and order as `fuse` and `rank`, without a dictionary lookup per scored proposal."""
    order = position if position is not None else {k: i for i, k in enumerate(keys)}
    among = positions_of(allowed, order) if allowed is not None else None
    scores = score(index, query_vector, question, config, keys, among)
    if key_rank is not None and config.fusion == "rrf" and scores.dense_at is not None \
            and scores.lexical_at is not None:
        at, values = _fuse_at(scores, config, key_rank)
        fused = dict(zip([keys[i] for i in at.tolist()], values.tolist()))
        ranked = _rank_at(at, values, among, keys)
    else:
        fused = fuse(scores, config)
        ranked = rank(fused, allowed, order)
    if not has_words:
        return Ranked([], scores, fused, ranked)
    return Ranked(apply_floor(ranked, scores, index, question, lang, config, order), scores, fused, ranked)


def apply_floor(ranked: list[tuple[str, float]], scores: Scores, index: Index, question: str, lang: str,
                config: RetrievalConfig, position: dict[str, int]) -> list[tuple[str, float]]:
    """Nothing when no proposal matches well; else the ranking, cut far below the top.

    A proposal matches well if it covers at least `coverage_floor` of the question's
    (idf-weighted) words, or is at least `dense_floor_<lang>` close in meaning.
    """
    if not ranked:
        return []
    if config.use_lexical or config.use_dense:
        coverage = index.lexical.coverage(question) if config.use_lexical else None
        floor = getattr(config, f"dense_floor_{lang}")

        def good(n: int) -> bool:
            if coverage is not None and coverage[position[n]] >= config.coverage_floor:
                return True
            return scores.dense_best.get(n, 0.0) >= floor

        if not any(good(n) for n, _ in ranked):
            return []
    top = ranked[0][1]
    return [(n, s) for n, s in ranked if top <= 0 or s >= config.relative_floor * top]


def reasons(n: str, scores: Scores, filtered: bool, lang: str) -> tuple[str, ...]:
    """Why a proposal is in a ranked answer, in the answer's language."""
    out = []
    if n in scores.lexical:
        out.append(lines.reason("keyword", lang))
    if n in scores.dense_best:
        out.append(lines.reason("semantic", lang, scores.dense_best[n]))
    if filtered:
        out.append(lines.reason("filters", lang))
    return tuple(out)
