"""Regenerate the README's test figures from real runs, never typed by hand.

    python -m benchmarks.readme_figures            # collect every tier, time the fast tier, rewrite README
    python -m benchmarks.readme_figures --check    # exit 1 if the README block differs from a fresh count
                                                   # (counts only: timings always differ)

Rewrites the block between `<!-- figures:start -->` and `<!-- figures:end -->` in README.md: how many
tests each tier collects (`pytest --collect-only`), and how long the fast tier took on this machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"
TIERS = {"fast": "not model and not browser", "model": "model and not browser", "browser": "browser"}
PYTEST = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]


def collect(marker: str) -> int:
    """How many tests `pytest -m MARKER` selects."""
    out = subprocess.run([*PYTEST, "--collect-only", "-q", "-m", marker], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
    lines = [ln for ln in out.stdout.splitlines() if "::" in ln]
    if out.returncode not in (0, 5):  # 5: nothing selected
        raise SystemExit(f"cannot count the tests of -m {marker!r}:\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
    return len(lines)


def run_fast() -> tuple[int, float, str]:
    """(passed, seconds, summary line) of the fast tier."""
    started = time.perf_counter()
    out = subprocess.run([*PYTEST, "-q", "-m", TIERS["fast"]], cwd=ROOT, capture_output=True, text=True,
                         timeout=1800)
    seconds = time.perf_counter() - started
    summary = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr[-500:]
    if out.returncode != 0:
        raise SystemExit(f"the fast tier failed; README not changed:\n{summary}")
    passed = int(re.search(r"(\d+) passed", summary).group(1))
    return passed, seconds, summary


def block(counts: dict[str, int], fast: tuple[int, float, str] | None) -> str:
    total = sum(counts.values())
    lines = [START,
             "<!-- written by `python -m benchmarks.readme_figures`; edit that, not this -->",
             "| tier | selects | tests |", "|---|---|---|"]
    for name, marker in TIERS.items():
        lines.append(f"| {name} | `-m \"{marker}\"` | {counts[name]} |")
    lines.append(f"| all | `python -m pytest` | {total} |")
    if fast is not None:
        passed, seconds, _ = fast
        when = dt.date.today().isoformat()
        lines.append("")
        lines.append(f"The fast tier: {passed} passed in {seconds:.0f} s ({os.cpu_count()} cores, {when}).")
    lines.append(END)
    return "\n".join(lines)


def replace_block(text: str, new: str) -> str:
    if START not in text or END not in text:
        raise SystemExit(f"README.md has no {START} … {END} block")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + new + tail


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare the counts with the README; change nothing")
    ap.add_argument("--no-run", action="store_true", help="counts only: do not run and time the fast tier")
    args = ap.parse_args(argv)
    counts = {name: collect(marker) for name, marker in TIERS.items()}
    text = README.read_text(encoding="utf-8")
    if args.check:
        current = text.split(START, 1)[1].split(END, 1)[0] if START in text else ""
        stale = [n for n, c in counts.items() if f"| {n} | `-m \"{TIERS[n]}\"` | {c} |" not in current]
        print("README figures " + ("match" if not stale else "are stale for: " + ", ".join(stale)))
        return 1 if stale else 0
    fast = None if args.no_run else run_fast()
    if fast is None:  # keep the last timed line when only counting
        old = re.search(r"The fast tier: .*\.", text.split(START, 1)[1].split(END, 1)[0]) if START in text else None
        new = block(counts, None)
        if old:
            new = new.replace(END, "\n" + old.group(0) + "\n" + END)
    else:
        new = block(counts, fast)
    README.write_text(replace_block(text, new), encoding="utf-8")
    print(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
