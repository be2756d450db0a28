"""Similar projects: content similarity blended with shared metadata.

score(a, b) = CONTENT * content(a, b) rescaled to [0, 1] over a's candidates
            + FIELDS  * Jaccard(fields of a, fields of b)
            + COUNTRY * [same country]
            + CITY    * [same Japanese city]
            + PROPOSER* [same proposer]

content(a, b) = DENSE_SHARE * cos of the proposal vectors (the mean of each
proposal's Japanese and English whole-proposal vectors, renormalised)
+ (1 - DENSE_SHARE) * cos of TF-IDF keyword vectors (the index's tokenizer, over
title + summary, Japanese and English averaged). The weights were chosen with
benchmarks/tune_similar.py on the `similar` questions of data/eval (README);
the reasons list says which parts applied.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.corpus import Proposal

from .config import SIMILAR_DENSE_SHARE as DENSE_SHARE  # noqa: F401 - re-exported for assistant.core
from .config import SIMILAR_WEIGHTS as WEIGHTS
from .messages import join, msg


@dataclass(frozen=True)
class SimilarHit:
    proposal: Proposal
    score: float
    reasons: tuple[str, ...]
    content: float

    @property
    def number(self) -> int:
        return self.proposal.number

    def to_dict(self) -> dict:
        p = self.proposal
        return {"number": p.number, "year": p.year, "id": p.id, "score": round(float(self.score), 6), "title": p.title,
                "title_en": p.en.title if p.en else None, "country": p.country,
                "domestic_city": p.domestic_city, "proposer": p.proposer, "fields": list(p.fields),
                "reasons": list(self.reasons), "content_similarity": round(float(self.content), 4)}


def keyword_similarity(corpus: list[Proposal]) -> np.ndarray:
    """Cosine of TF-IDF vectors (log tf, log idf) between proposals, averaged over JA and EN."""
    from collections import Counter

    from index.lexical import tokenize

    def cosines(texts: list[str]) -> np.ndarray:
        counts = [Counter(tokenize(t, compounds=False)) for t in texts]  # words, as tuned (README)
        df = Counter(tok for c in counts for tok in c)
        vocab = {tok: i for i, tok in enumerate(df)}
        m = np.zeros((len(texts), len(vocab)), dtype=np.float64)
        for i, c in enumerate(counts):
            for tok, n in c.items():
                m[i, vocab[tok]] = (1 + np.log(n)) * np.log(len(texts) / df[tok])
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        m /= np.where(norms > 0, norms, 1.0)
        return m @ m.T

    ja = cosines([p.title + "\n" + p.summary for p in corpus])
    if not all(p.en for p in corpus):
        return ja
    return (ja + cosines([p.en.title + "\n" + p.en.summary for p in corpus])) / 2


def rank_similar(target: Proposal, corpus: list[Proposal], content: np.ndarray, *, lang: str,
                 weights: dict[str, float] = WEIGHTS, glossary=None) -> list[SimilarHit]:
    """Every other proposal ranked by the blend; `content[i]` is cos(target, corpus[i])."""
    others = [(i, p) for i, p in enumerate(corpus) if p.id != target.id]
    if not others:
        return []
    cos = np.array([content[i] for i, _ in others], dtype=np.float64)
    lo, hi = cos.min(), cos.max()
    scaled = (cos - lo) / (hi - lo) if hi > lo else np.ones_like(cos)
    label = (lambda key, v: glossary.label(key, v, lang)) if glossary else (lambda key, v: v)
    hits = []
    for (i, p), c, raw in zip(others, scaled, cos):
        shared = [f for f in target.fields if f in p.fields]
        union = set(target.fields) | set(p.fields)
        jac = len(shared) / len(union) if union else 0.0
        same_country = p.country == target.country
        same_city = p.domestic_city == target.domestic_city
        same_proposer = p.proposer == target.proposer
        s = (weights["content"] * c + weights["fields"] * jac + weights["country"] * same_country
             + weights["city"] * same_city + weights["proposer"] * same_proposer)
        reasons = []
        reasons.append(msg("similar.content", lang, value=raw))
        if same_country:
            v = label("country", p.country)
            reasons.append(msg("similar.same_country", lang, value=v))
        if same_city:
            v = label("domestic_city", p.domestic_city)
            reasons.append(msg("similar.same_city", lang, value=v))
        if same_proposer:
            v = label("proposer", p.proposer)
            reasons.append(msg("similar.same_proposer", lang, value=v))
        if shared:
            names = [label("fields", f) for f in shared]
            reasons.append(msg("similar.shared_fields", lang, names=join(names, lang)))
        hits.append(SimilarHit(p, float(s), tuple(reasons), float(raw)))
    hits.sort(key=lambda h: (-h.score, -h.proposal.year, h.number))
    return hits
