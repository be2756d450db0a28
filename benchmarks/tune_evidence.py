"""Choose the evidence thresholds (config.NAME_COVERAGE, config.MEANING_FLOOR) on the tuning part.

Runs the judged topic questions of data/eval/tune/topics*.jsonl (only those: the test part is
never looked at here) for each candidate value and prints mean set F1, the share of no-topic
questions answered "none" and the false-"none" rate, per language; the best row per language
is marked. Usage: python -m benchmarks.tune_evidence
"""
from __future__ import annotations

import itertools

import assistant.core as core
from assistant import load_assistant
from assistant.chat_eval import DEFAULT_TOPICS
from assistant.topic_eval import load_topics, run_topics

NAME_FLOORS = (0.5, 0.6, 0.67, 0.75)
MEANING_FLOORS = (0.86, 0.87, 0.88, 0.89, 0.9, 0.92, 2.0)  # 2.0: no evidence by meaning


def main() -> None:
    a = load_assistant(progress=False)
    cases = [c for p in DEFAULT_TOPICS if p.parent.name == "tune" for c in load_topics(p)]
    saved = (dict(core.NAME_COVERAGE), dict(core.MEANING_FLOOR))
    print(f"{len(cases)} tuning questions from", ", ".join(str(p) for p in DEFAULT_TOPICS if p.parent.name == "tune"))
    for lang in ("ja", "en"):
        subset = [c for c in cases if c.lang == lang]
        rows = []
        for nf, mf in itertools.product(NAME_FLOORS, MEANING_FLOORS):
            core.NAME_COVERAGE = {**saved[0], lang: nf}
            core.MEANING_FLOOR = {**saved[1], lang: mf}
            r = run_topics(a, subset)["rates"]["all"]["all"]
            rows.append((r["f1"], r["none_right"] or 0, -(r["false_none"] or 0), nf, mf))
        best = max(rows)
        print(f"\n{lang}: name floor | meaning floor | F1 | none right | false none")
        for f1, nr, fn, nf, mf in sorted(rows, key=lambda r: (r[3], r[4])):
            mark = "  <- best" if (f1, nr, fn, nf, mf) == best else ""
            print(f"  {nf:.2f} | {mf:.2f} | {f1:.3f} | {nr:.3f} | {-fn:.3f}{mark}")
    core.NAME_COVERAGE, core.MEANING_FLOOR = saved


if __name__ == "__main__":
    main()
