"""This checkout against another version, side by side, on the real 18 proposals.

For each of the two checkouts (this one and --ref, put in a temporary git worktree, or --other
PATH), in turns so that machine noise hits both alike:

1. the index is built once in a cache folder of its own (untimed: versions may differ in format);
2. cold: `python -m assistant.cli ask QUESTION --json -q` in a fresh process (wall time), --cold-runs
   times per version, alternating versions, after one untimed ask (page cache, and the bytecode an
   installed copy has: PYTHONDONTWRITEBYTECODE is dropped for the children);
3. warm: a fresh worker process per version opens the assistant and asks the judged topic,
   paraphrase and list questions of data/eval/queries.jsonl --repeat times (after one untimed
   pass); p50 / p95 of `Assistant.ask` wall time, alternating versions per pass.

Prints one table with medians and the ratio this / other; --save writes
benchmarks/results/versions.md and .json.

Run from the repository root: python -m benchmarks.bench_versions --ref 5f83180 [--quick]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import add_output_args, apply_quick, check_output_args, emit, logger, machine_line

NAME = "versions"
ROOT = Path(__file__).resolve().parent.parent
QUESTION = "水素を使った脱炭素の事業は？"
log = logger("bench_versions")


def env_for(tree: Path, cache: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree), C2C_CACHE_DIR=str(cache), C2C_DATA_DIR=str(cache / "data"))
    env.pop("PYTHONSTARTUP", None)
    # as an installed copy runs: pip compiles the bytecode at install, and a checkout writes it on its first
    # run; without it every cold ask compiles the source again and the bigger version loses by its size
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(tree: Path, cache: Path, args: list[str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, *args], cwd=tree, env=env_for(tree, cache), capture_output=True,
                          text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{tree}: {' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t


def worker(repeat: int) -> None:  # runs inside the version's own tree (cwd, PYTHONPATH)
    from assistant import load_assistant
    from assistant.evaluate import DEFAULT_QUERIES, load_queries

    a = load_assistant(progress=False)
    questions = [q.query for q in load_queries(DEFAULT_QUERIES)
                 if q.kind in ("topic", "paraphrase", "list")]
    for q in questions:
        a.ask(q)
    times = []
    for _ in range(repeat):
        for q in questions:
            t = time.perf_counter()
            a.ask(q)
            times.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"times_ms": times, "n_questions": len(questions)}))


def warm(tree: Path, cache: Path, repeat: int) -> list[float]:
    proc = subprocess.run([sys.executable, "-c", f"from benchmarks.bench_versions import worker; worker({repeat})"],
                          cwd=tree, env=env_for(tree, cache), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{tree}: warm worker failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])["times_ms"]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_versions", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    which = ap.add_mutually_exclusive_group(required=True)
    which.add_argument("--ref", help="a git commit to compare with (checked out in a temporary worktree)")
    which.add_argument("--other", help="a checkout folder to compare with")
    ap.add_argument("--cold-runs", type=int, default=7, help="fresh-process asks per version (default 7)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the questions per version (default 3)")
    add_output_args(ap, "3 cold runs and 1 warm pass per version")
    args = ap.parse_args(argv)
    check_output_args(ap, args)
    apply_quick(ap, args, {"cold_runs": 3, "repeat": 1})
    work = Path(tempfile.mkdtemp(prefix="c2c-versions-"))
    if args.ref:
        other = work / "other"
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(other), args.ref], cwd=ROOT, check=True)
        label = args.ref
    else:
        other = Path(args.other).resolve()
        label = str(other)
    # the worker function lives in this file: give the other tree the same one
    (other / "benchmarks").mkdir(exist_ok=True)
    if not (other / "benchmarks" / "bench_versions.py").exists():
        (other / "benchmarks" / "bench_versions.py").write_text(Path(__file__).read_text(encoding="utf-8"))
    trees = {"this": (ROOT, work / "cache-this"), "other": (other, work / "cache-other")}
    try:
        for name, (tree, cache) in trees.items():
            log(f"building the index for {name} ({tree})")
            run(tree, cache, ["-m", "assistant.cli", "index", "build", "-q"])
            cache.joinpath("data").mkdir(exist_ok=True)
        cold = {name: [] for name in trees}
        ask = ["-m", "assistant.cli", "ask", QUESTION, "--json", "-q"]
        for name, (tree, cache) in trees.items():
            run(tree, cache, ask)  # untimed: page cache
        for i in range(args.cold_runs):
            for name, (tree, cache) in (trees.items() if i % 2 == 0 else reversed(trees.items())):
                cold[name].append(run(tree, cache, ask))
        log("cold asks done; warm passes ...")
        hot = {name: [] for name in trees}
        for i in range(args.repeat):
            for name, (tree, cache) in (trees.items() if i % 2 == 0 else reversed(trees.items())):
                hot[name] += warm(tree, cache, 1)
    finally:
        if args.ref:
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, check=False)
    out = {"machine": machine_line(), "other": label, "question": QUESTION, "cold_s": cold, "warm_ms": hot}
    rows = [("cold `c2c ask --json` (s, median)", statistics.median(cold["this"]), statistics.median(cold["other"])),
            ("warm ask p50 (ms)", statistics.median(hot["this"]), statistics.median(hot["other"])),
            ("warm ask p95 (ms)", pct(hot["this"], 0.95), pct(hot["other"], 0.95))]
    lines = [f"# c2c-assistant: this checkout against {label}, side by side\n", out["machine"] + "\n",
             f"Real 18 proposals; cold: {args.cold_runs} fresh processes per version asking {QUESTION!r}; warm: "
             f"{len(hot['this'])} asks per version (judged topic, paraphrase and list questions, "
             f"{args.repeat} passes), versions alternating.\n",
             f"| measure | this | {label} | this / other |", "|---|---|---|---|"]
    for name, a, b in rows:
        lines.append(f"| {name} | {a:.3f} | {b:.3f} | {a / b:.2f} |")
    out["table"] = [{"measure": n, "this": a, "other": b, "ratio": a / b} for n, a, b in rows]
    emit(NAME, "\n".join(lines) + "\n", out, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
