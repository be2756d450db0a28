"""The chat eval: file checks, the verdict of one turn, and a run over the judged tune part (fake embedder)."""
import json

import pytest

from assistant.chat_eval import DEFAULT_CHAT, check, load_chat, rates, run_chat
from assistant.errors import EvalFileError


def test_judged_files_load_and_are_split():
    cases = [c for path in DEFAULT_CHAT for c in load_chat(path)]
    assert len(cases) >= 300
    assert {c.split for c in cases} >= {"tune", "test", "unseen"}
    assert sum(len(c.turns) > 1 for c in cases) >= 20
    assert sum(c.kind == "none" for c in cases) >= 15


def test_check_each_expectation(fake):
    answer = fake.ask("How many projects are in Thailand?")
    assert check(answer, {"kind": "count", "set": [5, 17], "count": 2, "values": ["Thailand"]}) == []
    wrong = check(answer, {"kind": "list", "top": 17, "set": [5], "count": 3, "values": ["Laos"], "none": True})
    assert len(wrong) == 6


def test_bad_files(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "split": "tune", "lang": "en", "turns": [{"q": "x", "expect": {"nope": 1}}]}\n')
    with pytest.raises(EvalFileError, match="line 1"):
        load_chat(bad)
    bad.write_text("not json\n")
    with pytest.raises(EvalFileError, match="not valid JSON"):
        load_chat(bad)


def test_tune_part_runs_and_rates_add_up(fake):
    cases = [c for c in load_chat(DEFAULT_CHAT[0]) if c.split == "tune"][:40]
    result = run_chat(fake, cases)
    table = rates(result["cases"])
    right, n = table["tune"]["all"]
    assert n == 40 and right >= 36  # the fake embedder only misses topical (ranked) questions
    assert json.dumps(result, ensure_ascii=False)
