"""The chat eval: judged conversations -> share answered fully right, per kind, language and split.

A judged file (data/eval/tune/chat*.jsonl: tuned on; data/eval/test/chat*.jsonl: only reported;
provenance of each in data/eval/README.md) has one conversation per line:
`{"id", "split": "tune"|"test"|"unseen", "lang", "kind", "turns": [{"q", "expect": {...}}]}`.
Each turn is asked in one `Conversation` (so follow-ups see the previous answer);
a turn is right when every expectation it names holds:
- `kind`: the answer's kind ("region" questions answer as lists);
- `top`: the first hit; `set`: exactly these hits; `contains`: at least these;
- `values`: each string occurs in the answer line (NFKC, case-insensitive);
- `count`: the number occurs in the answer line; `none`: no hits.
A conversation is right when all its turns are. Constants are tuned on "tune";
"test" and "unseen" are only reported.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from index.resources import data_path

from .errors import EvalFileError

EVAL_DIR = data_path("eval")


def _by_part(paths) -> tuple[Path, ...]:
    """The tuning part's files first, then the test part's, each by name."""
    return tuple(sorted(paths, key=lambda p: (p.parent.name != "tune", p.name)))


DEFAULT_CHAT = _by_part(EVAL_DIR.glob("*/chat*.jsonl"))
DEFAULT_TOPICS = _by_part(EVAL_DIR.glob("*/topics*.jsonl"))
EXPECT_KEYS = {"kind", "top", "set", "contains", "values", "count", "none"}
ANSWER_KIND = {"region": "list"}


@dataclass(frozen=True)
class ChatCase:
    id: str
    split: str
    lang: str
    kind: str
    turns: tuple[tuple[str, dict], ...]


def load_chat(path: Path) -> list[ChatCase]:
    from .evaluate import read_cases

    out = []
    for where, obj in read_cases((path,), ("id", "split", "lang", "turns")):
        turns = []
        for turn in obj["turns"]:
            expect = turn.get("expect", {})
            unknown = set(expect) - EXPECT_KEYS
            if unknown or "q" not in turn:
                raise EvalFileError(f"{where}: a turn needs q and expect keys from {sorted(EXPECT_KEYS)}")
            turns.append((turn["q"], expect))
        out.append(ChatCase(str(obj["id"]), obj["split"], obj["lang"], obj.get("kind", turns[0][1].get("kind", "")),
                            tuple(turns)))
    return out


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def check(answer, expect: dict) -> list[str]:
    """What is wrong with one answer ([] when it is right)."""
    wrong = []
    got = [h.number for h in answer.hits]
    kind = expect.get("kind")
    if kind and ANSWER_KIND.get(kind, kind) != answer.kind:
        wrong.append(f"kind {answer.kind} (want {kind})")
    if "top" in expect and (not got or got[0] != expect["top"]):
        wrong.append(f"top {got[:1]} (want {expect['top']})")
    if "set" in expect and set(got) != set(expect["set"]):
        wrong.append(f"hits {sorted(got)} (want {sorted(expect['set'])})")
    if "contains" in expect and not set(expect["contains"]) <= set(got):
        wrong.append(f"hits {sorted(got)} (want at least {sorted(expect['contains'])})")
    line = _norm(answer.text)
    for v in expect.get("values", ()):
        if _norm(v) not in line:
            wrong.append(f"line lacks {v!r}")
    if "count" in expect and not re.search(rf"(?<![\d#]){expect['count']}(?!\d)", line):
        wrong.append(f"line lacks the number {expect['count']}")
    if expect.get("none") and got:
        wrong.append(f"hits {got} (want none)")
    return wrong


def run_chat(assistant, cases: list[ChatCase], *, progress: bool = False) -> dict:
    """Every conversation, turn by turn; per-case verdicts and rates per split x (kind, lang)."""
    from tqdm import tqdm

    from .errors import C2CError

    verdicts = []
    for case in tqdm(cases, desc="chat", disable=not progress, leave=False):
        conv = assistant.conversation()
        problems = []
        for q, expect in case.turns:
            try:
                answer = conv.ask(q)
            except C2CError as e:
                problems.append({"q": q, "wrong": [f"error: {e}"]})
                continue
            wrong = check(answer, expect)
            if wrong:
                problems.append({"q": q, "wrong": wrong, "answer": answer.text[:160]})
        verdicts.append({"id": case.id, "split": case.split, "lang": case.lang, "kind": case.kind,
                         "multi": len(case.turns) > 1, "right": not problems, "problems": problems})
    return {"cases": verdicts, "rates": rates(verdicts)}


def rates(verdicts: list[dict]) -> dict:
    """{split: {"all"|"ja"|"en"|kind|"multi-turn": [right, n]}}."""
    out: dict[str, dict[str, list[int]]] = {}
    for v in verdicts:
        for split in (v["split"], "all"):
            slot = out.setdefault(split, {})
            for name in ("all", v["lang"], v["kind"]) + (("multi-turn",) if v["multi"] else ()):
                cell = slot.setdefault(name, [0, 0])
                cell[0] += v["right"]
                cell[1] += 1
    return out


def format_chat(result: dict) -> str:
    rows = ["| split | slice | right | n | share |", "|---|---|---|---|---|"]
    order = ("tune", "test", "unseen", "unseen2", "unseen3", "blind1", "all")
    for split in sorted(result["rates"], key=lambda s: order.index(s) if s in order else 9):
        slices = result["rates"][split]
        names = [k for k in ("all", "ja", "en") if k in slices] \
            + sorted(k for k in slices if k not in ("all", "ja", "en", "multi-turn")) \
            + (["multi-turn"] if "multi-turn" in slices else [])  # (a set of one language has no slice of the other)
        for name in names:
            right, n = slices[name]
            rows.append(f"| {split} | {name} | {right} | {n} | {right / n:.3f} |")
    return "\n".join(rows)
