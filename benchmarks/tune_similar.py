"""Sweep the weights of the similar-projects blend on the judged `similar` questions.

Usage (from the repository root): python -m benchmarks.tune_similar [--queries FILE] [--quick]
Prints, per weight setting, the share of cases whose top 3 holds min(3, |relevant|)
relevant proposals, and the mean precision@3 (relevant = 1, partial = 0.5).
--save also writes the table to benchmarks/results/tune_similar.md and every
setting's numbers to benchmarks/results/tune_similar.json.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

from assistant import load_assistant
from assistant.evaluate import DEFAULT_QUERIES, load_queries
from assistant.similar import DENSE_SHARE, keyword_similarity, rank_similar
from benchmarks.common import add_output_args, check_output_args, machine_line, write_results

NAME = "tune_similar"

GRID = ((0.0, 0.25, 0.5, 0.75, 1.0), (0.3, 0.45, 0.6, 0.75), (0.0, 0.15, 0.3), (0.1, 0.2, 0.35), (0.0, 0.1, 0.2),
        (0.0, 0.1, 0.2))  # dense share, content, fields, country, city, proposer
QUICK_GRID = ((0.0, 0.5, 1.0), (0.45, 0.6), (0.15,), (0.2,), (0.1,), (0.1,))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.tune_similar", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--queries", default=str(DEFAULT_QUERIES))
    ap.add_argument("--cache-dir", type=Path, default=None,
                    help="c2c cache holding the index (default: the c2c default cache; built on first use)")
    add_output_args(ap, f"a small run: {len(list(itertools.product(*QUICK_GRID)))} weight settings instead of "
                        f"{len(list(itertools.product(*GRID)))}")
    args = ap.parse_args(argv)
    check_output_args(ap, args)
    if args.cache_dir is not None:
        from assistant.config import Settings

        a = load_assistant(Settings(cache_dir=args.cache_dir), progress=False)
    else:
        a = load_assistant(progress=False)
    cases = [q for q in load_queries(args.queries) if q.kind == "similar"]
    pv = a.index.proposal_vectors(np.arange(len(a.corpus)))
    dense, keyword = pv @ pv.T, keyword_similarity(a.corpus)
    rows = []
    for share, c, f, co, ci, pr in itertools.product(*(QUICK_GRID if args.quick else GRID)):
        w = {"content": c, "fields": f, "country": co, "city": ci, "proposer": pr}
        content = share * dense + (1 - share) * keyword
        ok = p3 = 0.0
        for q in cases:
            n = int(q.query)
            target = a.by_number[n]
            hits = rank_similar(target, a.corpus, content[n - 1], lang="en", weights=w)[:3]
            top = [h.number for h in hits]
            ok += len(set(top) & set(q.relevant)) >= min(3, len(q.relevant))
            p3 += sum(1.0 if t in q.relevant else 0.5 if t in q.partial else 0.0 for t in top) / 3
        rows.append((ok / len(cases), p3 / len(cases), {**w, "dense_share": share}))
    rows.sort(key=lambda r: (-r[0], -r[1]))
    lines = [f"current: DENSE_SHARE={DENSE_SHARE}",
             "| top3 ok | P@3 | dense share | content | fields | country | city | proposer |",
             "|---|---|---|---|---|---|---|---|"]
    for ok, p3, w in rows[:15]:
        lines.append(f"| {ok:.3f} | {p3:.3f} | {w['dense_share']} | {w['content']} | {w['fields']} | {w['country']} | "
                     f"{w['city']} | {w['proposer']} |")
    print("\n".join(lines))
    if args.save:
        data = {"machine": machine_line(), "queries": args.queries, "quick": args.quick, "dense_share": DENSE_SHARE,
                "cases": len(cases), "rows": [{"top3_ok": ok, "p3": p3, **w} for ok, p3, w in rows]}
        md, js = write_results(NAME, f"# Similar-projects weights sweep ({args.queries})\n\n" + "\n".join(lines),
                               data, args.results_dir)
        print(f"[{NAME}] wrote {md} and {js}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
