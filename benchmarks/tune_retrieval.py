"""Sweep the fusion constants on the judged set and print MRR@10 / Recall@5 per language.

Usage: python benchmarks/tune_retrieval.py [--queries FILE]
Query vectors are computed once and cached, so the sweep itself is fast. The
metrics here are plain-Python MRR@10 and Recall@5 over topic + paraphrase
questions (the ranked kinds); `c2c eval` computes the full set with ranx.
"""
from __future__ import annotations

import argparse
import itertools
from dataclasses import replace

import numpy as np

from assistant import load_assistant
from assistant.evaluate import DEFAULT_QUERIES, load_queries


class CachedEmbedder:
    def __init__(self, inner):
        self.inner, self.cache = inner, {}
        for attr in ("name", "engine", "dim", "query_prefix", "passage_prefix"):
            setattr(self, attr, getattr(inner, attr))

    def embed_queries(self, texts):
        out = []
        for t in texts:
            if t not in self.cache:
                self.cache[t] = self.inner.embed_queries([t])[0]
            out.append(self.cache[t])
        return np.vstack(out)

    def embed_passages(self, texts):
        return self.inner.embed_passages(texts)


def ranked_metrics(assistant, queries, config):
    out = {}
    for lang in ("ja", "en"):
        qs = [q for q in queries if q.lang == lang and q.kind in ("topic", "paraphrase")]
        mrr = rec5 = 0.0
        for q in qs:
            nums = [h.number for h in assistant.ask(q.query, top_k=10, config=config).hits]
            rel = set(q.relevant)
            mrr += next((1 / (i + 1) for i, n in enumerate(nums) if n in rel), 0.0)
            rec5 += len(set(nums[:5]) & rel) / len(rel)
        out[lang] = (mrr / len(qs), rec5 / len(qs))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--queries", default=str(DEFAULT_QUERIES))
    args = ap.parse_args()
    a = load_assistant()
    a.embedder = CachedEmbedder(a.embedder)
    queries = load_queries(args.queries)
    base = a.settings.retrieval
    print("| fusion | dense_weight | sentence_weight | rrf_k | MRR@10 ja | R@5 ja | MRR@10 en | R@5 en |")
    print("|---|---|---|---|---|---|---|---|")
    grid = [("linear", w, s, 0) for w, s in itertools.product((0.3, 0.4, 0.5, 0.6, 0.7), (0.25, 0.5, 0.75))]
    grid += [("rrf", 0.0, s, k) for s, k in itertools.product((0.25, 0.5, 0.75), (5, 20, 60))]
    for fusion, w, s, k in grid:
        cfg = replace(base, fusion=fusion, dense_weight=w, sentence_weight=s, rrf_k=k or base.rrf_k)
        m = ranked_metrics(a, queries, cfg)
        print(f"| {fusion} | {w} | {s} | {k or ''} | {m['ja'][0]:.3f} | {m['ja'][1]:.3f} | {m['en'][0]:.3f} | {m['en'][1]:.3f} |",
              flush=True)


if __name__ == "__main__":
    main()
