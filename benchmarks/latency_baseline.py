"""Cold-start baseline "written the obvious way", run by bench_latency in a fresh process.

Imports sentence_transformers and faiss, loads the converted bundled model folder,
embeds the corpus summaries ("passage: "), builds faiss.IndexFlatIP, embeds one
query and searches. Prints one JSON line: the top 5 proposal numbers and the seconds
of each phase.

    python -m benchmarks.latency_baseline MODEL_FOLDER SUMMARIES_JSON QUESTION
"""
import json
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 3 or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    t0 = time.perf_counter()
    import faiss
    import numpy as np
    from sentence_transformers import SentenceTransformer
    t1 = time.perf_counter()
    folder, data, question = argv
    with open(data, encoding="utf-8") as fh:
        summaries = json.load(fh)
    model = SentenceTransformer(folder, device="cpu", local_files_only=True)
    t2 = time.perf_counter()
    P = model.encode(["passage: " + s for s in summaries], normalize_embeddings=True, convert_to_numpy=True)
    index = faiss.IndexFlatIP(P.shape[1])
    index.add(np.ascontiguousarray(P, dtype=np.float32))
    t3 = time.perf_counter()
    q = model.encode(["query: " + question], normalize_embeddings=True, convert_to_numpy=True)
    scores, ids = index.search(np.ascontiguousarray(q, dtype=np.float32), 5)
    t4 = time.perf_counter()
    print(json.dumps({"top": [int(i) + 1 for i in ids[0]], "import_s": t1 - t0, "load_s": t2 - t1,
                      "embed_corpus_s": t3 - t2, "query_s": t4 - t3}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
