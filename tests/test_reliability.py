"""Bad input, concurrent users, memory, and nothing leaving the machine."""
import concurrent.futures
import html
import os
import re
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.app import Callbacks, build_app, launch
from assistant.core import QuestionError

from .test_app import free_port

NASTY = ["\x00", "\u200b", "😀😀😀", "?!?!…", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
         "![a](http://example.com/a.png)", "[a](javascript:alert(1))", "｀｀｀", "\\", "%s%n", "' OR 1=1 --",
         "ＡＢＣ", "ｶﾀｶﾅ", "水素" * 400, "\ud800"[:0] + "end"]


@pytest.mark.parametrize("text", NASTY)
def test_odd_questions_answer_or_refuse_cleanly(assistant, text):
    try:
        answer = assistant.ask(text)
    except QuestionError:
        return
    for h in answer.hits:
        for q in h.quotes:
            assert q.text in h.proposal.summary


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300), st.integers(min_value=-5, max_value=60))
def test_property_the_query_path_never_raises_anything_else(assistant, text, k):
    try:
        answer = assistant.ask(text, top_k=k)
    except QuestionError:
        return
    assert 1 <= k <= 50
    assert len(answer.hits) <= max(k, 18)
    for h in answer.hits:
        assert all(q.text in h.proposal.summary for q in h.quotes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.integers(), st.text(max_size=12), st.none(), st.floats(allow_nan=True)))
def test_property_similar_accepts_only_real_numbers(assistant, n):
    try:
        hits = assistant.similar(n)
    except QuestionError:
        return
    assert 1 <= int(str(n).strip().lstrip("#")) <= 18 and len(hits) == 5


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_property_chat_callback_always_answers_with_escaped_text(assistant, text):
    history, _, _, _ = Callbacks(assistant).respond(text, [])
    assert len(history) == 2 and history[1]["role"] == "assistant"
    user = history[0]["content"]
    assert "<" not in user and ">" not in user
    shown = html.unescape(user)
    assert shown == ((text or "").strip()[:500] or "…")


def test_memory_stays_bounded_over_1000_requests(assistant):
    def rss_kb():
        with open(f"/proc/{os.getpid()}/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))
    questions = ["hydrogen fuel cells", "インドネシアの事業", "セメント産業の省エネ", "similar to #8",
                 "island microgrid", "廃棄物発電"]
    for q in questions * 10:
        assistant.ask(q)
    start = rss_kb()
    for i in range(1000):
        assistant.ask(questions[i % len(questions)] + f" {i % 7}")
    grown_mb = (rss_kb() - start) / 1024
    assert grown_mb < 50, f"RSS grew by {grown_mb:.1f} MB over 1000 requests"


class OutboundGuard:
    """Patch socket.connect so that only loopback is allowed; record any other attempt."""

    def __init__(self, monkeypatch):
        self.blocked = []
        real = socket.socket.connect

        def connect(sock, address):
            host = address[0] if isinstance(address, tuple) else address
            if isinstance(host, str) and (host.startswith("127.") or host in ("::1", "localhost") or
                                          sock.family == socket.AF_UNIX):
                return real(sock, address)
            self.blocked.append(address)
            raise OSError(f"outbound connection blocked by test: {address}")

        monkeypatch.setattr(socket.socket, "connect", connect)


def test_no_outbound_connection_while_starting_and_answering(assistant, monkeypatch):
    guard = OutboundGuard(monkeypatch)
    from gradio_client import Client

    demo = build_app(assistant)
    port = free_port()
    _, url = launch(demo, host="127.0.0.1", port=port, block=False)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        history, _, _ = client.predict("hydrogen", [], [], [], [], [], [], 5, api_name="/ask")
        assert len(history) == 2
    finally:
        demo.close()
    assert guard.blocked == []
    assert url.startswith("http://127.0.0.1:")


def test_fifty_concurrent_requests_from_several_clients(assistant):
    from gradio_client import Client

    demo = build_app(assistant)
    port = free_port()
    launch(demo, host="127.0.0.1", port=port, block=False)
    cases = [("インドネシアの事業は？", {4, 9, 14, 15}), ("hydrogen projects", {7, 10, 11, 15}),
             ("coke dry quenching", {2}), ("Kitakyushu projects", {2, 4, 12}), ("可倒式風力発電", {8})]
    try:
        clients = [Client(f"http://127.0.0.1:{port}/", verbose=False) for _ in range(5)]

        retries = []

        def one(i):
            question, expected = cases[i % len(cases)]
            for attempt in range(3):
                try:
                    history, _, _ = clients[i % len(clients)].predict(question, [], [], [], [], [], [], 5,
                                                                      api_name="/ask")
                    break
                except concurrent.futures.CancelledError:
                    # gradio_client's shared event stream can drop under load and cancel the jobs reading
                    # it (a client-side race: the server finished them); ask again, and count it
                    retries.append(i)
            else:
                return False
            text = history[-1]["content"]
            text = text[0]["text"] if isinstance(text, list) else text
            found = [int(n) for n in re.findall(r'c2c-n(\d+)"', text)]
            return expected <= set(found) and found[0] in expected

        with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
            results = list(pool.map(one, range(50), timeout=240))
    finally:
        demo.close()
    assert results == [True] * 50
    assert len(retries) <= 5, f"{len(retries)} of 50 requests were cancelled by the client and asked again"


def test_basic_auth_from_environment(assistant, monkeypatch):
    import httpx

    monkeypatch.setenv("C2C_AUTH_USER", "officer")
    monkeypatch.setenv("C2C_AUTH_PASSWORD", "s3cret-pass")
    demo = build_app(assistant)
    port = free_port()
    launch(demo, host="127.0.0.1", port=port, block=False)
    base = f"http://127.0.0.1:{port}"
    try:
        assert httpx.get(f"{base}/config", timeout=10).status_code == 401
        bad = httpx.post(f"{base}/login", data={"username": "officer", "password": "wrong"}, timeout=10)
        assert bad.status_code in (400, 401)
        with httpx.Client(base_url=base, timeout=10) as c:
            ok = c.post("/login", data={"username": "officer", "password": "s3cret-pass"})
            assert ok.status_code == 200
            assert c.get("/config").status_code == 200
    finally:
        demo.close()
