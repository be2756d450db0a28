"""Sweep the fusion constants on the judged set and print MRR@10 / Recall@5 per language.

Usage (from the repository root): python -m benchmarks.tune_retrieval [--queries FILE] [--quick]
Query vectors are computed once and cached, so the sweep itself is fast. The
metrics here are plain-Python MRR@10 and Recall@5 over topic + paraphrase
questions (the ranked kinds); `c2c eval` computes the full set with ranx.
--save also writes the table to benchmarks/results/tune_retrieval.md and the
numbers to benchmarks/results/tune_retrieval.json.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant import load_assistant
from assistant.evaluate import DEFAULT_QUERIES, load_queries
from benchmarks.common import add_output_args, check_output_args, machine_line, write_results

NAME = "tune_retrieval"


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


def grid(quick: bool) -> list[tuple[str, float, float, int]]:
    if quick:
        return [("linear", 0.5, 0.5, 0), ("linear", 0.3, 0.75, 0), ("rrf", 0.0, 0.5, 5), ("rrf", 0.0, 0.5, 60)]
    out = [("linear", w, s, 0) for w, s in itertools.product((0.3, 0.4, 0.5, 0.6, 0.7), (0.25, 0.5, 0.75))]
    out += [("rrf", 0.0, s, k) for s, k in itertools.product((0.25, 0.5, 0.75), (5, 20, 60))]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.tune_retrieval", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--queries", default=str(DEFAULT_QUERIES))
    ap.add_argument("--cache-dir", type=Path, default=None,
                    help="c2c cache holding the index (default: the c2c default cache; built on first use)")
    add_output_args(ap, "a small run: 4 settings (2 linear, 2 rrf) instead of 24")
    args = ap.parse_args(argv)
    check_output_args(ap, args)
    if args.cache_dir is not None:
        from assistant.config import Settings

        a = load_assistant(Settings(cache_dir=args.cache_dir))
    else:
        a = load_assistant()
    a = replace(a, embedder=CachedEmbedder(a.embedder))  # a new assistant around the caching embedder
    queries = load_queries(args.queries)
    base = a.settings.retrieval
    lines = ["| fusion | dense_weight | sentence_weight | rrf_k | MRR@10 ja | R@5 ja | MRR@10 en | R@5 en |",
             "|---|---|---|---|---|---|---|---|"]
    print("\n".join(lines), flush=True)
    rows = []
    for fusion, w, s, k in grid(args.quick):
        cfg = replace(base, fusion=fusion, dense_weight=w, sentence_weight=s, rrf_k=k or base.rrf_k)
        m = ranked_metrics(a, queries, cfg)
        lines.append(f"| {fusion} | {w} | {s} | {k or ''} | {m['ja'][0]:.3f} | {m['ja'][1]:.3f} | {m['en'][0]:.3f} | "
                     f"{m['en'][1]:.3f} |")
        print(lines[-1], flush=True)
        rows.append({"fusion": fusion, "dense_weight": w, "sentence_weight": s, "rrf_k": k or base.rrf_k,
                     "mrr10_ja": m["ja"][0], "recall5_ja": m["ja"][1], "mrr10_en": m["en"][0],
                     "recall5_en": m["en"][1]})
    if args.save:
        data = {"machine": machine_line(), "queries": args.queries, "quick": args.quick, "rows": rows}
        md, js = write_results(NAME, f"# Fusion constants sweep ({args.queries})\n\n" + "\n".join(lines), data,
                               args.results_dir)
        print(f"[{NAME}] wrote {md} and {js}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
