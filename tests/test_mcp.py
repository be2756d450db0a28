"""The MCP tools, through the official `mcp` client: in-process over the fake embedder (fast), and the
real servers — `c2c mcp` on stdio and `c2c serve --mcp` over HTTP — with the bundled model (model tier)."""
import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

mcp = pytest.importorskip("mcp")
from mcp import Client, StdioServerParameters  # noqa: E402

from assistant.mcp_server import Conversations, Tools, build_server  # noqa: E402

TOOLS = {"ask", "proposal", "similar", "filter"}
INDONESIA = [4, 9, 14, 15]
KITAKYUSHU = [2, 4, 12]


async def _exercise(client) -> dict:
    """List the tools and call each; returns what the checks need."""
    listed = await client.list_tools()
    out = {"tools": {t.name: t for t in listed.tools}}
    r = await client.call_tool("ask", {"question": "which projects are in Indonesia?"})
    out["en"] = r.structured_content
    r = await client.call_tool("ask", {"question": "which of them involve hydrogen?",
                                       "conversation_id": out["en"]["conversation_id"]})
    out["followup"] = r.structured_content
    out["ja"] = (await client.call_tool("ask", {"question": "北九州市の事業は？"})).structured_content
    out["filter"] = (await client.call_tool("filter", {"country": "インドネシア"})).structured_content
    out["filter_city"] = (await client.call_tool("filter", {"city": ["Kitakyushu"], "year": "R6"})).structured_content
    out["proposal"] = (await client.call_tool("proposal", {"number": "#8"})).structured_content
    out["similar"] = (await client.call_tool("similar", {"number": "8", "top_k": 3})).structured_content
    out["bad"] = await client.call_tool("proposal", {"number": "99"})
    out["bad_filter"] = await client.call_tool("filter", {"country": "Atlantis"})
    return out


def _check(out: dict) -> None:
    assert TOOLS <= set(out["tools"])
    for t in out["tools"].values():
        assert t.description and len(t.description) > 40
    assert {"question", "conversation_id", "year", "language"} <= set(out["tools"]["ask"].input_schema["properties"])
    assert out["en"]["kind"] == "list" and out["en"]["numbers"] == INDONESIA and out["en"]["exhaustive"]
    assert [c["number"] for c in out["en"]["cited"]] == INDONESIA
    assert out["en"]["structured"]["answer"] == out["en"]["answer"] and "#4" in out["en"]["answer"]
    assert out["followup"]["numbers"] == [15]
    assert out["followup"]["conversation_id"] == out["en"]["conversation_id"]
    assert out["ja"]["numbers"] == KITAKYUSHU and "北九州市" in out["ja"]["answer"]
    assert out["filter"]["numbers"] == INDONESIA and out["filter"]["count"] == 4
    assert out["filter_city"]["numbers"] == KITAKYUSHU
    p = out["proposal"]
    assert p["number"] == 8 and p["country"] == "パラオ" and p["en"]["country"] == "Palau"
    assert out["similar"]["number"] == 8 and len(out["similar"]["hits"]) == 3
    assert all(h["reasons"] for h in out["similar"]["hits"])
    assert out["bad"].is_error and "no proposal #99" in out["bad"].content[0].text
    assert out["bad_filter"].is_error and "Indonesia" in out["bad_filter"].content[0].text


def test_tools_in_process(fake):
    """The whole tool surface over the fake embedder (metadata answers do not depend on the model)."""
    out = asyncio.run(_run_in_process(Tools(lambda: fake)))
    _check(out)


async def _run_in_process(tools):
    async with Client(build_server(tools)) as client:
        return await _exercise(client)


def test_quotes_are_verbatim(fake):
    tools = Tools(lambda: fake)
    out = tools.ask("hydrogen fuel cells")
    for c in out["cited"]:
        p = fake.by_id[c["id"]]
        assert all(q in p.summary for q in c["quotes"])


def test_conversations_are_bounded(fake):
    convs = Conversations(limit=3)
    ids = [convs.get(fake, None)[0] for _ in range(5)]
    assert len(convs) == 3 and len(set(ids)) == 5
    cid, first = convs.get(fake, ids[-1])
    assert cid == ids[-1] and convs.get(fake, cid)[1] is first


# ---------------------------------------------------------------- real servers (model tier)

def _env(cache_dir) -> dict:
    root = str(Path(__file__).resolve().parents[1])
    return {**os.environ, "C2C_CACHE_DIR": str(cache_dir), "PYTHONPATH": root}


@pytest.mark.model
def test_stdio_server(assistant, cache_dir):
    params = StdioServerParameters(command=sys.executable, args=["-m", "assistant.cli", "mcp"], env=_env(cache_dir))

    async def go():
        async with Client(params, read_timeout_seconds=300) as client:
            return await _exercise(client)

    _check(asyncio.run(go()))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_listening(proc, port: int, timeout: float = 300) -> None:
    """Wait on the condition (the port accepts connections), not a fixed time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)  # polling interval while waiting on the port, not a wait for readiness
    raise AssertionError("server did not start listening")


@pytest.mark.model
def test_http_server(assistant, cache_dir):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--mcp", "--port", str(port), "-q"],
                            env=_env(cache_dir), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_listening(proc, port)

        async def go():
            async with Client(f"http://127.0.0.1:{port}/gradio_api/mcp/", read_timeout_seconds=300) as client:
                return await _exercise(client)

        out = asyncio.run(go())
        _check(out)
        assert set(out["tools"]) == TOOLS  # the question tools only, none of the page's callbacks
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read().decode()
        assert "<html" in page.lower()  # the web chat is still there
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# ---------------------------------------------------------------- the web app's MCP endpoint (fake embedder, fast)

INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
HEADERS = {"content-type": "application/json", "accept": "application/json, text/event-stream"}


def _launch(fake, monkeypatch, env):
    from assistant.app import build_app, launch

    for k in ("C2C_AUTH_USER", "C2C_AUTH_PASSWORD"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    demo = build_app(fake, browser_language=False)
    port = _free_port()
    launch(demo, host="127.0.0.1", port=port, block=False, mcp=fake)
    return demo, f"http://127.0.0.1:{port}/gradio_api/mcp/"


def test_web_app_serves_the_tools(fake, monkeypatch):
    demo, url = _launch(fake, monkeypatch, {})
    try:
        async def go():
            async with Client(url, read_timeout_seconds=60) as client:
                return await _exercise(client)

        out = asyncio.run(go())
        assert set(out["tools"]) == TOOLS
        assert out["filter"]["numbers"] == INDONESIA and out["en"]["numbers"] == INDONESIA
    finally:
        demo.close()


def test_web_app_mcp_needs_the_login_when_one_is_set(fake, monkeypatch):
    import base64

    import httpx

    demo, url = _launch(fake, monkeypatch, {"C2C_AUTH_USER": "officer", "C2C_AUTH_PASSWORD": "s3cret"})
    try:
        assert httpx.post(url, json=INIT, headers=HEADERS, timeout=30).status_code == 401
        wrong = "Basic " + base64.b64encode(b"officer:nope").decode()
        assert httpx.post(url, json=INIT, headers={**HEADERS, "authorization": wrong}, timeout=30).status_code == 401
        right = "Basic " + base64.b64encode(b"officer:s3cret").decode()
        ok = httpx.post(url, json=INIT, headers={**HEADERS, "authorization": right}, timeout=30)
        assert ok.status_code == 200 and "c2c" in ok.text
    finally:
        demo.close()
