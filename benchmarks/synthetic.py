"""Synthetic corpus generator for growth benchmarks.

`generate(n, seed=0)` returns `n` `Proposal` records (numbers 1..n) recombined
from the 18 real proposals:

- summary sentences are real Japanese summary sentences drawn from the pool of
  all real sentences, each carried together with its aligned English rendering
  (so `Proposal.sentences[i]` and `Proposal.en.sentences[i]` stay aligned);
  the number of sentences follows the real distribution;
- `summary` is the Japanese sentences joined without a separator (the corpus
  invariant: sentences concatenate back to the summary);
- metadata is recombined: the title, the proposer, the Japanese city and the
  (partner area, country) pair each come from a randomly chosen real proposal,
  with the English rendering of the same donor; target fields are a random
  subset of the real field vocabulary with their aligned English names.

Deterministic for a given (n, seed, corpus); the first k of n equal generate(k). Pure Python, ~4 s per 100k.

Library use: `from benchmarks.synthetic import generate`.
CLI (from the repository root): `python -m benchmarks.synthetic --n 5 --seed 0`
prints a markdown table of the first proposals and then one JSON object (counts,
fingerprint, sample): that JSON is this tool's output, not a benchmark result.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from typing import Sequence

from index.corpus import English, Proposal, load_corpus


def _pools(corpus: Sequence[Proposal]):
    sentences: list[tuple[str, str]] = []  # (ja, en) aligned pairs
    field_en: dict[str, str] = {}
    for p in corpus:
        if p.en is None:
            raise ValueError(f"proposal {p.number} has no English rendering: the generator needs aligned pairs")
        sentences.extend(zip(p.sentences, p.en.sentences))
        field_en.update(zip(p.fields, p.en.fields))
    counts = [len(p.sentences) for p in corpus]
    field_counts = [len(p.fields) for p in corpus]
    return sentences, sorted(field_en.items()), counts, field_counts


def generate(n: int, seed: int = 0, corpus: Sequence[Proposal] | None = None) -> list[Proposal]:
    """`n` synthetic proposals recombined from `corpus` (default: the real corpus)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    corpus = list(corpus) if corpus is not None else load_corpus()
    sentences, fields, counts, field_counts = _pools(corpus)
    rng = random.Random(seed)
    out: list[Proposal] = []
    for number in range(1, n + 1):
        k = rng.choice(counts)
        picked = [sentences[rng.randrange(len(sentences))] for _ in range(k)]
        ja = tuple(s for s, _ in picked)
        en_s = tuple(s for _, s in picked)
        t, pr, ci, ar = (corpus[rng.randrange(len(corpus))] for _ in range(4))
        nf = min(rng.choice(field_counts), len(fields))
        chosen = sorted(rng.sample(range(len(fields)), nf))
        f_ja = tuple(fields[i][0] for i in chosen)
        f_en = tuple(fields[i][1] for i in chosen)
        en = English(
            proposer=pr.en.proposer,
            domestic_city=ci.en.domestic_city,
            target_area=ar.en.target_area,
            country=ar.en.country,
            title=t.en.title,
            fields=f_en,
            sentences=en_s,
        )
        out.append(Proposal(
            number=number,
            proposer=pr.proposer,
            domestic_city=ci.domestic_city,
            target_area=ar.target_area,
            country=ar.country,
            title=t.title,
            fields=f_ja,
            summary="".join(ja),
            sentences=ja,
            en=en,
        ))
    return out


def fingerprint(proposals: Sequence[Proposal]) -> str:
    h = hashlib.sha256()
    for p in proposals:
        h.update(json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8"))
        h.update(json.dumps(list(p.sentences), ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.synthetic", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5, help="how many proposals (default 5)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--show", type=int, default=5, help="rows of the table / samples in the JSON (default 5)")
    ap.add_argument("--full", action="store_true", help="put every generated proposal in the JSON (to_dict + sentences)")
    ap.add_argument("--quick", action="store_true",
                    help="a small run: at most 5 proposals (the default size already is; for uniformity with the "
                         "other benchmark scripts)")
    args = ap.parse_args(argv)
    if args.quick:
        args.n, args.show = min(args.n, 5), min(args.show, 5)
    t = time.perf_counter()
    props = generate(args.n, args.seed)
    seconds = time.perf_counter() - t
    print(f"synthetic corpus: n={args.n} seed={args.seed} generated in {seconds:.3f} s\n")
    print("| # | title | domestic city | partner (country) | fields | sentences | summary chars |")
    print("|---|---|---|---|---|---|---|")
    for p in props[:args.show]:
        print(f"| {p.number} | {p.title[:40]} | {p.domestic_city} | {p.target_area}（{p.country}） | "
              f"{'、'.join(p.fields)} | {len(p.sentences)} | {len(p.summary)} |")
    print()
    items = props if args.full else props[:args.show]
    result = {
        "n": args.n,
        "seed": args.seed,
        "seconds": round(seconds, 4),
        "sha256": fingerprint(props),
        "sentences_total": sum(len(p.sentences) for p in props),
        "proposals": [{**p.to_dict(), "sentences": list(p.sentences)} for p in items],
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
