"""The assistant as MCP tools: a thin layer over the public API (load_assistant, ask, conversation, similar).

`c2c mcp` serves them over stdio (the official `mcp` SDK's MCPServer); `c2c serve --mcp` exposes the
same functions through Gradio's MCP endpoint (`assistant/app.py` wires `Tools` as API functions).
Nothing is generated here either: every tool returns what `Assistant` retrieved, counted and quoted.

Tools: `ask` (a question, follow-ups through `conversation_id`), `proposal` (one record in both
languages), `similar` (similar proposals with reasons), `filter` (the exact set for country,
Japanese city, partner, field, proposer, year: the CLI's filter resolution).
"""
from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from typing import Annotated, Any, Callable, Literal

from pydantic import Field

from .messages import shows_rendering
from .errors import C2CError, QuestionError

MAX_CONVERSATIONS = 256  # the least recently used conversation is forgotten beyond this

INSTRUCTIONS = (
    "Search Japan's FY2024 (令和6年度) City-to-City Collaboration Programme proposals for a zero-carbon "
    "society, in Japanese or English. Answers are retrieved, not generated: cite proposals as #N and "
    "quote the `quotes` verbatim (they are substrings of the source; `quotes_en` are unofficial "
    "renderings). Use `ask` for questions (pass the returned conversation_id for follow-ups such as "
    "'which of them involve hydrogen?'), `filter` for exact lists, `proposal` for a full record, "
    "`similar` for related projects.")


class Conversations:
    """A bounded map conversation_id -> Conversation (least recently used dropped first)."""

    def __init__(self, limit: int = MAX_CONVERSATIONS) -> None:
        self.limit = limit
        self._items: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, assistant, conversation_id: str | None) -> tuple[str, object]:
        """(id, conversation): a known id continues, an unknown or missing one starts afresh."""
        cid = (conversation_id or "").strip() or uuid.uuid4().hex
        if len(cid) > 200:
            raise QuestionError("conversation_id is too long (at most 200 characters)")
        with self._lock:
            conv = self._items.pop(cid, None) or assistant.conversation()
            self._items[cid] = conv
            while len(self._items) > self.limit:
                self._items.popitem(last=False)
        return cid, conv

    def __len__(self) -> int:
        return len(self._items)


def _cited(answer, lang: str) -> list[dict]:
    """The cited proposals of an answer, compact: number, title and the verbatim quotes."""
    out = []
    for h in answer.hits:
        p = h.proposal
        view = p.view(lang)
        quotes = [q.text for q in h.quotes]
        out.append({"number": p.number, "year": p.year, "id": p.id, "title": view.title,
                    "country": view.country, "quotes": quotes,
                    "quotes_en": [q.en for q in h.quotes if q.en] if shows_rendering(lang) else [],
                    "reasons": list(h.reasons)})
    return out


class Tools:
    """The tool functions, over an assistant that is opened on first use (or given)."""

    def __init__(self, load: Callable[[], object]) -> None:
        self._load = load
        self._assistant = None
        self._lock = threading.Lock()
        self.conversations = Conversations()

    @property
    def assistant(self):
        with self._lock:
            if self._assistant is None:
                self._assistant = self._load()
            return self._assistant

    def ask(self, question: str, year: str | None = None, language: str | None = None,
            conversation_id: str | None = None, top_k: int | None = None) -> dict:
        a = self.assistant
        years = [year] if year else None
        cid, conv = self.conversations.get(a, conversation_id)
        answer = conv.ask(question, years=years, top_k=top_k)
        lang = language or answer.lang
        from .render import answer_text

        return {"answer": answer.text, "kind": answer.kind, "exhaustive": answer.exhaustive,
                "numbers": list(answer.numbers), "cited": _cited(answer, lang), "conversation_id": cid,
                "text": answer_text(answer, tag=a.tag), "structured": answer.to_dict()}

    def proposal(self, number: str, year: str | None = None) -> dict:
        a = self.assistant
        from .core import check_year

        if year:
            y = check_year(year)
            text = str(number).strip().lstrip("#")
            if not text.isdigit():
                raise QuestionError(f"{number!r} is not a proposal number")
            p = a.find(int(text), (y,))
            if p is None:
                raise QuestionError(f"there is no proposal #{text} in FY{y}")
        else:
            p = a.get(number)
        return p.to_dict()

    def similar(self, number: str, top_k: int = 5, language: str = "en") -> dict:
        a = self.assistant
        target = a.get(number)
        hits = a.similar(target.id, top_k=top_k, lang=language)
        return {"number": target.number, "year": target.year, "id": target.id,
                "title": target.view(language).title,
                "hits": [{**h.to_dict(), "title": h.proposal.view(language).title} for h in hits]}

    def filter(self, country: list[str] | None = None, city: list[str] | None = None,
               partner: list[str] | None = None, field: list[str] | None = None,
               proposer: list[str] | None = None, year: list[str] | None = None,
               language: str = "en") -> dict:
        from .core import check_year
        from .query import FILTERS, filter_corpus

        a = self.assistant
        given = {"country": country, "city": city, "partner": partner, "field": field, "proposer": proposer}
        filters = {f.key: _as_list(given[f.flag]) for f in FILTERS if given.get(f.flag)}
        years = {check_year(y) for y in _as_list(year)}
        missing = years - set(a.years)
        if missing:
            raise QuestionError(f"no list for FY{min(missing)} is loaded (loaded: "
                                + ", ".join(f"FY{y}" for y in a.years) + ")")
        corpus = [p for p in a.corpus if not years or p.year in years]
        found = filter_corpus(corpus, a.glossary, filters)
        return {"count": len(found), "filters": {k: list(v) for k, v in a.resolve_filters(filters).items()},
                "years": sorted(years), "numbers": [p.number for p in found],
                "proposals": [_summary(p, language) for p in found]}


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _summary(p, lang: str) -> dict:
    v = p.view(lang)
    return {"number": p.number, "year": p.year, "id": p.id, "title": v.title, "proposer": v.proposer,
            "domestic_city": v.domestic_city, "target_area": v.target_area, "country": v.country,
            "fields": list(v.fields)}


# ---------------------------------------------------------------- the stdio server

Lang = Literal["ja", "en"]
Names = list[str] | str | None


def build_server(tools: Tools):
    """An MCPServer with the four tools; errors the user can fix come back as tool errors."""
    from mcp.server.mcpserver import MCPServer
    from mcp.server.mcpserver.exceptions import ToolError
    from mcp.types import ToolAnnotations

    server = MCPServer("c2c", instructions=INSTRUCTIONS, log_level="WARNING")
    read_only = ToolAnnotations(read_only_hint=True, open_world_hint=False)

    def guarded(fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except C2CError as e:
            raise ToolError(str(e)) from None

    @server.tool(annotations=read_only, structured_output=True)
    def ask(question: Annotated[str, Field(description="The question, in Japanese or English, e.g. "
                                                       "'which projects are in Indonesia?' or 「北九州市の事業は？」")],
            year: Annotated[str | None, Field(description="Only this fiscal year: 2024, FY2024, R6 or 令和6年度")] = None,
            language: Annotated[Lang | None, Field(description="Language of the cited titles and of `quotes_en` "
                                                               "(default: the question's)")] = None,
            conversation_id: Annotated[str | None, Field(description="Continue a conversation: the id a previous "
                                                                     "`ask` returned (follow-ups such as 'which of "
                                                                     "them…', 「そのうち…」)")] = None,
            top_k: Annotated[int | None, Field(ge=1, le=50, description="At most this many ranked hits (default 5)")] = None,
            ) -> dict[str, Any]:
        """Ask a question about the proposals. Returns the answer line (`answer`), its `kind` (list, ranked,
        lookup, attribute, count, breakdown, compare, similar, none), the cited proposal numbers with
        verbatim quotes (`cited`), the `conversation_id` to pass for a follow-up, a plain-text rendering
        (`text`) and the full structured answer (`structured`, as `c2c ask --json`). List and count answers
        are exhaustive (`exhaustive: true`)."""
        return guarded(tools.ask, question, year=year, language=language, conversation_id=conversation_id,
                       top_k=top_k)

    @server.tool(annotations=read_only, structured_output=True)
    def proposal(number: Annotated[str, Field(description="A proposal number (e.g. 8 or #8) or an id such as 2024-8")],
                 year: Annotated[str | None, Field(description="The fiscal year of the number (default: the latest "
                                                               "that has it)")] = None) -> dict[str, Any]:
        """One proposal's full record in both languages: number, year, id, proposer, Japanese city, partner
        city/region, country, title, target fields and every summary sentence (Japanese, verbatim), plus `en`
        (the unofficial English rendering)."""
        return guarded(tools.proposal, number, year=year)

    @server.tool(annotations=read_only, structured_output=True)
    def similar(number: Annotated[str, Field(description="A proposal number (e.g. 8) or an id such as 2024-8")],
                top_k: Annotated[int, Field(ge=1, le=50, description="How many similar proposals")] = 5,
                language: Annotated[Lang, Field(description="Language of titles and reasons")] = "en") -> dict[str, Any]:
        """Proposals most similar to the given one, ranked by content similarity and shared metadata
        (country, Japanese city, proposer, fields), each with its score and the reasons."""
        return guarded(tools.similar, number, top_k=top_k, language=language)

    @server.tool(name="filter", annotations=read_only, structured_output=True)
    def filter_(country: Annotated[Names, Field(description="Country, e.g. Indonesia, インドネシア, Viet Nam")] = None,
                city: Annotated[Names, Field(description="Japanese city or prefecture, e.g. Kitakyushu, 北九州市")] = None,
                partner: Annotated[Names, Field(description="Partner city or region, e.g. Bali")] = None,
                field: Annotated[Names, Field(description="Target field, e.g. hydrogen, 廃棄物処理")] = None,
                proposer: Annotated[Names, Field(description="Proposer, e.g. Nippon Koei, IGES, 日本工営")] = None,
                year: Annotated[Names, Field(description="Fiscal year(s): 2024, FY2024, R6, 令和6年度")] = None,
                language: Annotated[Lang, Field(description="Language of the listed records")] = "en") -> dict[str, Any]:
        """The exact set of proposals matching every given filter (several values of one filter: any of
        them). Names in Japanese or English with common aliases; an unknown name is an error that lists
        the known ones. Returns `count`, `numbers` and a short record of each."""
        return guarded(tools.filter, country=_as_list(country) or None, city=_as_list(city) or None,
                       partner=_as_list(partner) or None, field=_as_list(field) or None,
                       proposer=_as_list(proposer) or None, year=_as_list(year) or None, language=language)

    return server


def run_stdio(settings=None) -> None:
    """`c2c mcp`: serve the tools on stdin/stdout; the assistant opens in the background at start."""
    from .core import load_assistant

    tools = Tools(lambda: load_assistant(settings, progress=False))
    threading.Thread(target=lambda: _warm(tools), daemon=True).start()
    build_server(tools).run("stdio")


def _warm(tools: Tools) -> None:
    try:
        tools.assistant
    except Exception:  # noqa: BLE001 - reported again, as a tool error, on the first call
        pass


# ---------------------------------------------------------------- the same tools over HTTP (`c2c serve --mcp`)

MCP_PATH = "/gradio_api/mcp"


def http_lifespan(tools: Tools, *, host: str = "127.0.0.1", auth: tuple[str, str] | None = None):
    """A lifespan for the web app that serves the tools over streamable HTTP at MCP_PATH/.

    Gradio's own MCP server (`launch(mcp_server=True)`) needs mcp<2, and this project uses the mcp 2
    SDK; so the same MCPServer as `c2c mcp` is mounted into Gradio's app, and its session manager
    runs for the app's lifetime. With a login configured, MCP requests need it too (HTTP basic)."""
    from contextlib import asynccontextmanager

    from starlette.routing import Mount

    server = build_server(tools)
    inner = server.streamable_http_app(streamable_http_path="/", host=host)
    endpoint = inner if auth is None else BasicAuth(inner, auth)

    @asynccontextmanager
    async def lifespan(app):
        app.router.routes.insert(0, Mount(MCP_PATH, app=endpoint))  # before Gradio's routes, before serving
        async with server.session_manager.run():
            yield

    return lifespan


class BasicAuth:
    """ASGI wrapper: HTTP basic auth with the web chat's login (C2C_AUTH_USER / C2C_AUTH_PASSWORD)."""

    def __init__(self, app, credentials: tuple[str, str]) -> None:
        import base64

        self.app = app
        self.expected = "Basic " + base64.b64encode(":".join(credentials).encode()).decode()

    async def __call__(self, scope, receive, send):
        import hmac

        if scope["type"] == "http":
            given = dict(scope.get("headers") or ()).get(b"authorization", b"").decode("latin-1")
            if not hmac.compare_digest(given, self.expected):
                from starlette.responses import PlainTextResponse

                response = PlainTextResponse("login required", status_code=401,
                                             headers={"WWW-Authenticate": 'Basic realm="c2c"'})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
