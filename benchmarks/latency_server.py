"""The web app in a subprocess for bench_latency's request-latency part.

Loads the assistant from CACHE_DIR, builds the app and launches it on
127.0.0.1:PORT (not blocking), changes into WORKDIR (so that nothing the web
framework writes lands in the repository), then prints one line

    READY <url> <seconds to start> <pid>

and serves while reading commands from stdin, one per line:
    mem   -> prints {"rss_mb": ..., "peak_rss_mb": ...} (this process: psutil RSS,
             getrusage peak; start it through GNU time for a peak that does not
             include the launching process's, see benchmarks.common.clean_spawn_prefix)
end of input stops the server.

    python -m benchmarks.latency_server CACHE_DIR PORT [WORKDIR]
"""
import json
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) not in (2, 3) or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    t0 = time.perf_counter()
    from pathlib import Path

    from assistant.app import build_app, launch
    from assistant.config import Settings
    from assistant.core import load_assistant

    if len(argv) == 3:
        os.chdir(argv[2])
    a = load_assistant(Settings(cache_dir=Path(argv[0])), progress=False, rebuild=False)
    demo = build_app(a)
    app, url = launch(demo, host="127.0.0.1", port=int(argv[1]), block=False)
    print("READY", url, time.perf_counter() - t0, os.getpid(), flush=True)
    from benchmarks.common import peak_rss_mb, rss_mb  # after READY: not part of the start-up time

    for line in sys.stdin:  # the parent closes stdin to stop the server
        if line.strip() == "mem":
            print(json.dumps({"rss_mb": rss_mb(), "peak_rss_mb": peak_rss_mb()}), flush=True)
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
