"""Lower bound of the cold-start baseline, run by bench_latency in a fresh process.

Only imports sentence_transformers and faiss (no model) and prints the seconds it took.

    python -m benchmarks.latency_imports
"""
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        print(__doc__.strip())
        return 0 if argv[0] in ("-h", "--help") else 2
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    t0 = time.perf_counter()
    import faiss  # noqa: F401
    import numpy  # noqa: F401
    from sentence_transformers import SentenceTransformer  # noqa: F401
    print(time.perf_counter() - t0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
