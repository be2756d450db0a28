"""Sweep the weights of the similar-projects blend on the judged `similar` questions.

Usage: python benchmarks/tune_similar.py [--queries FILE]
Prints, per weight setting, the share of cases whose top 3 holds min(3, |relevant|)
relevant proposals, and the mean precision@3 (relevant = 1, partial = 0.5).
"""
from __future__ import annotations

import argparse
import itertools

from assistant import load_assistant
from assistant.evaluate import DEFAULT_QUERIES, load_queries
from assistant.similar import DENSE_SHARE, keyword_similarity, proposal_vectors, rank_similar


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--queries", default=str(DEFAULT_QUERIES))
    args = ap.parse_args()
    a = load_assistant(progress=False)
    cases = [q for q in load_queries(args.queries) if q.kind == "similar"]
    pv = proposal_vectors(a.index.vectors(), a.index.rows, [p.number for p in a.corpus])
    dense, keyword = pv @ pv.T, keyword_similarity(a.corpus)
    rows = []
    for share, c, f, co, ci, pr in itertools.product((0.0, 0.25, 0.5, 0.75, 1.0), (0.3, 0.45, 0.6, 0.75),
                                                     (0.0, 0.15, 0.3), (0.1, 0.2, 0.35), (0.0, 0.1, 0.2),
                                                     (0.0, 0.1, 0.2)):
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
    print(f"current: DENSE_SHARE={DENSE_SHARE}")
    print("| top3 ok | P@3 | dense share | content | fields | country | city | proposer |")
    print("|---|---|---|---|---|---|---|---|")
    for ok, p3, w in rows[:15]:
        print(f"| {ok:.3f} | {p3:.3f} | {w['dense_share']} | {w['content']} | {w['fields']} | {w['country']} | {w['city']} | {w['proposer']} |")


if __name__ == "__main__":
    main()
