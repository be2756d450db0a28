"""The topic eval: judged "which proposals mention X?" questions, scored as sets.

A judged file (data/eval/{tune,test}/topics*.jsonl) has one question per line:
`{"id", "lang", "question", "relevant": [numbers], "split", "evidence"?, "note"?}` where
`relevant` is the exact set of proposals whose text (title, target fields or summary) states
the topic, judged by reading the source ([] when none does). Each question is asked on its own;
the answer's `hits` (the claimed set) are compared with `relevant`:
- precision / recall / F1 of the set (an empty set against an empty set is 1, 1, 1);
- `none_right`: of the questions with relevant = [], the share answered with no claim;
- `false_none`: of the questions with relevant proposals, the share answered with no claim.
Thresholds are chosen on the "tune" split only (benchmarks/tune_evidence.py); the rest is reported.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path



@dataclass(frozen=True)
class TopicCase:
    id: str
    lang: str
    question: str
    relevant: frozenset[int]
    split: str


def load_topics(path: Path) -> list[TopicCase]:
    from .evaluate import check_numbers, read_cases

    out = []
    for where, obj in read_cases((path,), ("id", "lang", "question", "relevant")):
        rel = check_numbers(where, "relevant", obj["relevant"])
        out.append(TopicCase(str(obj["id"]), obj["lang"], obj["question"], frozenset(rel),
                             str(obj.get("split", "test"))))
    return out


def set_scores(got: set[int], want: frozenset[int]) -> tuple[float, float, float]:
    if not got and not want:
        return 1.0, 1.0, 1.0
    tp = len(got & want)
    p = tp / len(got) if got else 0.0
    r = tp / len(want) if want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_topics(assistant, cases: list[TopicCase], *, progress: bool = False) -> dict:
    from tqdm import tqdm

    from .errors import C2CError

    verdicts = []
    for c in tqdm(cases, desc="topics", disable=not progress, leave=False):
        try:
            answer = assistant.ask(c.question)
            got, text, kind = {h.number for h in answer.hits}, answer.text, answer.kind
        except C2CError as e:
            got, text, kind = set(), f"error: {e}", "error"
        p, r, f = set_scores(got, c.relevant)
        verdicts.append({"id": c.id, "split": c.split, "lang": c.lang, "question": c.question,
                         "want": sorted(c.relevant), "got": sorted(got), "kind": kind,
                         "precision": p, "recall": r, "f1": f, "answer": text[:200]})
    return {"cases": verdicts, "rates": topic_rates(verdicts)}


def topic_rates(verdicts: list[dict]) -> dict:
    """{split: {"all"|"ja"|"en": {"n", "precision", "recall", "f1", "none_right", "false_none"}}}."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for v in verdicts:
        for split in (v["split"], "all"):
            for sl in ("all", v["lang"]):
                groups.setdefault((split, sl), []).append(v)
    out: dict[str, dict[str, dict]] = {}
    for (split, sl), vs in groups.items():
        empty = [v for v in vs if not v["want"]]
        full = [v for v in vs if v["want"]]
        out.setdefault(split, {})[sl] = {
            "n": len(vs),
            "precision": sum(v["precision"] for v in vs) / len(vs),
            "recall": sum(v["recall"] for v in vs) / len(vs),
            "f1": sum(v["f1"] for v in vs) / len(vs),
            "none_right": (sum(not v["got"] for v in empty) / len(empty)) if empty else None,
            "false_none": (sum(not v["got"] for v in full) / len(full)) if full else None,
        }
    return out


def format_topics(result: dict) -> str:
    rows = ["| split | slice | n | precision | recall | F1 | none answered none | false none |",
            "|---|---|---|---|---|---|---|---|"]
    order = ("tune", "test", "all")
    for split in sorted(result["rates"], key=lambda s: (order.index(s) if s in order else 1.5, s)):
        for sl in ("all", "ja", "en"):
            r = result["rates"][split].get(sl)
            if not r:
                continue
            def f(x):
                return "–" if x is None else f"{x:.3f}"
            rows.append(f"| {split} | {sl} | {r['n']} | {f(r['precision'])} | {f(r['recall'])} | {f(r['f1'])} | "
                        f"{f(r['none_right'])} | {f(r['false_none'])} |")
    return "\n".join(rows)
