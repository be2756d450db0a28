"""Helpers shared by the benchmark scripts: logging, statistics, timers, memory and result files.

Memory figures come from psutil (resident set size of any process) and from
`resource.getrusage` (peak resident set size of this process); a child's peak
comes from GNU time (`/usr/bin/time -f %M`) when present, else from the
rusage that `os.wait4` returns (see `run_measured`).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import psutil

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent  # run child modules from here: `python -m benchmarks.<name>`
RESULTS_DIR = BENCH_DIR / "results"
MIB = 1024.0 * 1024.0


# ---------------------------------------------------------------- logging

def logger(tag: str) -> Callable[[str], None]:
    """A `log(msg)` that writes `[tag HH:MM:SS] msg` to stderr (stdout is kept for the tables)."""

    def log(msg: str) -> None:
        print(f"[{tag} {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    return log


# ---------------------------------------------------------------- statistics

def pct(values: Iterable[float], q: float) -> float:
    """The q-quantile (0..1) with linear interpolation; nan for no values."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    pos = (len(xs) - 1) * q
    lo, hi = int(pos), min(int(pos) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def percentiles(values: Iterable[float], qs: Sequence[float] = (0.5, 0.95)) -> dict[str, float]:
    """{"p50": ..., "p95": ...} for qs given as fractions."""
    xs = list(values)
    return {f"p{round(q * 100):d}": pct(xs, q) for q in qs}


def med(values: Iterable[float]) -> float:
    xs = list(values)
    return statistics.median(xs) if xs else float("nan")


def fmt(x: float | None, digits: int = 2) -> str:
    """A number for a table cell; an em dash for None / nan."""
    return "—" if x is None or x != x else f"{x:.{digits}f}"


def verdict(ok: bool | None) -> str:
    return "SKIPPED" if ok is None else ("PASS" if ok else "FAIL")


# ---------------------------------------------------------------- timers

class Stopwatch:
    """`with stopwatch() as sw: ...` then `sw.seconds` (also readable while running)."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.stopped: float | None = None

    @property
    def seconds(self) -> float:
        return (self.stopped if self.stopped is not None else time.perf_counter()) - self.started

    @property
    def ms(self) -> float:
        return self.seconds * 1000.0


@contextmanager
def stopwatch() -> Iterator[Stopwatch]:
    sw = Stopwatch()
    try:
        yield sw
    finally:
        sw.stopped = time.perf_counter()


def timed(fn: Callable, items: Iterable) -> tuple[list[float], list]:
    """Call fn on each item; (milliseconds per call, results)."""
    times, outs = [], []
    for it in items:
        t = time.perf_counter()
        outs.append(fn(it))
        times.append((time.perf_counter() - t) * 1000)
    return times, outs


def latency_ms(times_ms: Sequence[float]) -> dict:
    """{"n", "p50_ms", "p95_ms"} of milliseconds."""
    return {"n": len(times_ms), "p50_ms": pct(times_ms, .5), "p95_ms": pct(times_ms, .95)}


# ---------------------------------------------------------------- memory

def rss_mb(pid: int | None = None) -> float:
    """Resident set size of a process (default: this one) in MiB, via psutil; nan if it is gone."""
    try:
        return psutil.Process(pid).memory_info().rss / MIB
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return float("nan")


def peak_rss_mb(pid: int | None = None) -> float | None:
    """Peak resident set size in MiB: this process via getrusage; another one where psutil reports it.

    Linux reports ru_maxrss in KiB (macOS in bytes). psutil has a peak only on Windows (peak_wset);
    elsewhere another process's peak is None: have that process report its own (see latency_server).
    Note that a process started from a large one with fork/vfork + exec inherits that one's
    high-water mark in ru_maxrss: start it through GNU time (`clean_spawn_prefix`) for a clean figure.
    """
    if pid is None or pid == os.getpid():
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return maxrss / MIB if sys.platform == "darwin" else maxrss / 1024.0
    try:
        info = psutil.Process(pid).memory_info()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return None
    peak = getattr(info, "peak_wset", None)
    return peak / MIB if peak is not None else None


GNU_TIME = "/usr/bin/time"


def _gnu_time_ok() -> bool:
    try:
        r = subprocess.run([GNU_TIME, "-f", "%M", "-o", os.devnull, "true"], capture_output=True, timeout=10)
        return r.returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


USE_GNU_TIME = _gnu_time_ok()


def clean_spawn_prefix() -> list[str]:
    """GNU time with its report thrown away: a tiny process forks the command, so the command's
    ru_maxrss does not start at this (large) benchmark process's peak. Empty if GNU time is missing."""
    return [GNU_TIME, "-f", "", "-o", os.devnull] if USE_GNU_TIME else []


def run_measured(cmd: list[str], env: dict[str, str], timeout: float = 600, cwd: Path | str | None = None) -> dict:
    """Run a child to its end; wall seconds, its peak RSS in MiB, exit code, stdout and stderr.

    Peak RSS comes from GNU time (`/usr/bin/time -f %M`) when present: the command is
    then forked from that tiny process. The fallback, os.wait4's ru_maxrss, also counts
    this (large) benchmark process's own peak, since Python starts children with vfork
    and Linux keeps the old mm's high-water mark across exec: an upper bound.
    Children run in `cwd` (default ROOT, so that `python -m benchmarks.<name>` works).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        full = [GNU_TIME, "-f", "%M", "-o", rss_file.name, *cmd] if USE_GNU_TIME else cmd
        started = time.perf_counter()
        p = subprocess.Popen(full, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                             cwd=str(cwd or ROOT))
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        p.returncode = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss / 1024.0
        if USE_GNU_TIME:
            text = rss_file.read().strip().splitlines()
            try:
                peak = int(text[-1]) / 1024.0
            except (IndexError, ValueError):
                peak = float("nan")
        out.seek(0)
        err.seek(0)
        return {"wall_s": wall, "peak_rss_mb": peak, "rc": p.returncode,
                "stdout": out.read().decode("utf-8", "replace"), "stderr": err.read().decode("utf-8", "replace")}


def module_cmd(name: str, *args: object) -> list[str]:
    """`python -m benchmarks.<name> args...` with this interpreter (run it from ROOT)."""
    return [sys.executable, "-m", f"benchmarks.{name}", *map(str, args)]


# ---------------------------------------------------------------- machine

def machine_line(extra: str = "") -> str:
    load = os.getloadavg()
    line = (f"{os.cpu_count()} CPUs, load average at start {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} "
            f"(other jobs share the machine); python {sys.version.split()[0]}")
    return f"{line}; {extra}" if extra else line


# ---------------------------------------------------------------- results

def add_output_args(ap: argparse.ArgumentParser, quick_help: str) -> None:
    """--quick, --save and --results-dir, the same in every script."""
    ap.add_argument("--quick", action="store_true", help=quick_help)
    ap.add_argument("--save", action="store_true",
                    help="also write the tables to RESULTS_DIR/<name>.md and every raw number to "
                         "RESULTS_DIR/<name>.json (default RESULTS_DIR: benchmarks/results)")
    ap.add_argument("--results-dir", type=Path, default=None,
                    help="where --save writes (default benchmarks/results; required with --quick --save, "
                         "so that a quick run never replaces the recorded results)")


def check_output_args(ap: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.quick and args.save and args.results_dir is None:
        ap.error("--quick --save needs --results-dir: quick numbers do not replace benchmarks/results")


def to_jsonable(data: object) -> object:
    """JSON-safe copy (Paths and other objects become strings; nan stays nan as in json.dumps)."""
    return json.loads(json.dumps(data, ensure_ascii=False, default=str))


def write_results(name: str, markdown: str, data: object, results_dir: Path | None = None) -> tuple[Path, Path]:
    """Write `<dir>/<name>.md` (tables only) and `<dir>/<name>.json` (raw numbers) beside it."""
    folder = Path(results_dir) if results_dir is not None else RESULTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    md, js = folder / f"{name}.md", folder / f"{name}.json"
    md.write_text(markdown.rstrip("\n") + "\n", encoding="utf-8")
    js.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    return md, js


def emit(name: str, markdown: str, data: object, args: argparse.Namespace) -> None:
    """Print the tables; with --save also write them and the raw JSON to the results folder."""
    print(markdown, flush=True)
    if getattr(args, "save", False):
        md, js = write_results(name, markdown, data, getattr(args, "results_dir", None))
        print(f"[{name}] wrote {md} and {js}", file=sys.stderr, flush=True)


def apply_quick(ap: argparse.ArgumentParser, args: argparse.Namespace, quick: dict[str, object]) -> None:
    """With --quick, options still at their default take the small values in `quick`."""
    if not args.quick:
        return
    for key, value in quick.items():
        if getattr(args, key) == ap.get_default(key):
            setattr(args, key, value)
