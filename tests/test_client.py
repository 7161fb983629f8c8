from __future__ import annotations

import json
import logging
import math
import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tracker_sdk import Client, schema
from tracker_sdk.client import parse_retry_after, retry_delay

ROOT = Path(__file__).resolve().parent.parent
WAIT = 10.0  # seconds: the bound on every wait; never a speed expectation


@dataclass
class Reply:
    status: int = 202
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None  # None: the default {"accepted", "rejected"} answer
    close: bool = False  # drop the keep-alive connection after answering, without saying so


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    size: int
    at: float

    @property
    def ids(self) -> list[str]:
        return [event["id"] for event in self.body["events"]]


class Collector:
    """A stand-in collector on 127.0.0.1: records requests, answers from a script, dedupes by id."""

    def __init__(self, port: int = 0) -> None:
        self.requests: list[Request] = []
        self.script: deque[Reply] = deque()  # replies to give, in order; then 202s
        self.stored: dict[str, dict[str, Any]] = {}
        self.deliveries: dict[str, int] = {}  # id -> times it was stored (1 unless dedupe failed)
        self.hold = threading.Event()  # requests wait on this while holding is on
        self.holding = False
        self.received = threading.Event()
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.01,), daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.hold.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(WAIT)

    def events(self) -> list[dict[str, Any]]:
        with self.lock:
            return [event for request in self.requests for event in request.body["events"]]

    def _answer(self, request: Request) -> Reply:
        with self.lock:
            self.requests.append(request)
            reply = self.script.popleft() if self.script else Reply()
            if reply.status == 202:
                refused = {r["index"] for r in (reply.body or {}).get("rejected", [])}
                for index, event in enumerate(request.body["events"]):
                    if index not in refused and event["id"] not in self.stored:
                        self.stored[event["id"]] = event
                        self.deliveries[event["id"]] = self.deliveries.get(event["id"], 0) + 1
            if reply.body is None:
                reply.body = {"accepted": len(request.body["events"]), "rejected": []}
        return reply

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        collector = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in two writes

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                request = Request(self.path, dict(self.headers), json.loads(raw), len(raw), time.monotonic())
                collector.received.set()
                if collector.holding:
                    collector.hold.wait(WAIT)
                reply = collector._answer(request)
                payload = json.dumps(reply.body).encode()
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                self.close_connection = reply.close

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


@pytest.fixture
def collector() -> Iterator[Collector]:
    server = Collector()
    yield server
    server.stop()


@pytest.fixture
def make_client() -> Iterator[Callable[..., Client]]:
    clients: list[Client] = []

    def make(endpoint: str, **options: Any) -> Client:
        options.setdefault("backoff", 0.01)
        clients.append(Client(endpoint, "example.com", **options))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)


def test_batches_up_to_batch_size(collector: Collector, make_client: Callable[..., Client]) -> None:
    client = make_client(collector.url, batch_size=50, flush_interval=60)
    ids = [client.track("signup", {"n": n}) for n in range(120)]
    assert client.flush(WAIT)
    assert len(collector.requests) == math.ceil(120 / 50)
    assert [event["id"] for event in collector.events()] == ids
    assert client.stats.sent == 120 and client.stats.queued == 120


def test_batches_stay_under_the_body_limit(collector: Collector, make_client: Callable[..., Client]) -> None:
    client = make_client(collector.url, batch_size=50, flush_interval=60)
    big = {f"k{i}": "x" * schema.MAX_PROP_VALUE_LEN for i in range(20)}
    ids = [client.track("big", big) for _ in range(20)]
    assert client.flush(WAIT)
    assert len(collector.requests) > 1
    assert all(request.size <= schema.MAX_BODY_BYTES for request in collector.requests)
    assert set(collector.stored) == set(ids)


def test_request_shape(collector: Collector, make_client: Callable[..., Client]) -> None:
    client = make_client(collector.url + "/", flush_interval=0)
    event_id = client.track("signup", {"plan": "pro", "seats": 3, "trial": True, "ratio": 0.5, "none": None}, visitor="user-42")
    page_id = client.pageview("https://example.com/pricing", title="Pricing", referrer="https://news.example/")
    assert client.flush(WAIT)
    request = collector.requests[0]
    assert request.path == "/api/collect"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"].startswith("activity-tracker-python/")
    assert "X-Forwarded-For" not in request.headers
    assert request.body["site"] == "example.com"
    custom, page = collector.events()
    assert custom["id"] == event_id and len(event_id) >= 16
    assert custom["type"] == "custom" and custom["name"] == "signup" and custom["vid"] == "user-42"
    assert custom["props"] == {"plan": "pro", "seats": 3, "trial": True, "ratio": 0.5, "none": None}
    assert custom["url"] == "https://example.com/"
    assert page == {"id": page_id, "type": "pageview", "ts": page["ts"], "url": "https://example.com/pricing",
                    "title": "Pricing", "ref": "https://news.example/", "vid": "(server)"}
    now_ms = time.time_ns() // 1_000_000
    assert schema.parse_beacon(json.dumps(request.body).encode(), now_ms).rejected == []


def test_endpoint_path_prefix(make_client: Callable[..., Client]) -> None:
    server = Collector()
    try:
        client = make_client(server.url + "/analytics", flush_interval=0)
        client.track("signup")
        assert client.flush(WAIT)
        assert server.requests[0].path == "/analytics/api/collect"
    finally:
        server.stop()


def test_retries_503_with_the_same_ids(collector: Collector, make_client: Callable[..., Client]) -> None:
    collector.script.append(Reply(503, {"Retry-After": "0"}))
    client = make_client(collector.url, flush_interval=60)
    ids = [client.track("signup") for _ in range(3)]
    assert client.flush(WAIT)
    first, second = collector.requests
    assert first.ids == second.ids == ids
    assert collector.deliveries == dict.fromkeys(ids, 1)
    stats = client.stats
    assert (stats.sent, stats.retries, stats.failed_batches, stats.dropped) == (3, 1, 0, 0)


def test_429_waits_for_retry_after(collector: Collector, make_client: Callable[..., Client]) -> None:
    collector.script.append(Reply(429, {"Retry-After": "1"}))
    client = make_client(collector.url, flush_interval=0)
    client.track("signup")
    assert client.flush(WAIT)
    first, second = collector.requests
    assert second.ids == first.ids
    assert second.at - first.at >= 1.0  # a lower bound the client promises, not a speed
    assert client.stats.retries == 1 and client.stats.sent == 1


def test_gives_up_after_max_retries(collector: Collector, make_client: Callable[..., Client]) -> None:
    collector.script.extend(Reply(503, {"Retry-After": "0"}) for _ in range(3))
    client = make_client(collector.url, flush_interval=60, max_retries=2)
    client.track("a")
    client.track("b")
    assert client.flush(WAIT)
    assert len(collector.requests) == 3
    stats = client.stats
    assert (stats.retries, stats.failed_batches, stats.dropped, stats.sent) == (2, 1, 2, 0)


def test_network_error_then_delivered() -> None:
    # A port that is bound but not listening refuses connections, and stays ours for the server.
    reserved = socket.socket()
    reserved.bind(("127.0.0.1", 0))
    port = reserved.getsockname()[1]
    client = Client(f"http://127.0.0.1:{port}", "example.com", flush_interval=0, backoff=0.05)
    server = None
    try:
        event_id = client.track("signup")
        wait_until(lambda: client.stats.retries >= 1)
        reserved.close()
        server = Collector(port)
        assert client.flush(WAIT)
        assert list(server.stored) == [event_id]
        assert client.stats.sent == 1 and client.stats.failed_batches == 0
    finally:
        client.close()
        reserved.close()
        if server is not None:
            server.stop()


def test_reconnects_when_the_server_drops_keep_alive(collector: Collector, make_client: Callable[..., Client]) -> None:
    collector.script.append(Reply(close=True))
    client = make_client(collector.url, flush_interval=0)
    first = client.track("a")
    assert client.flush(WAIT)
    second = client.track("b")
    assert client.flush(WAIT)
    assert set(collector.stored) == {first, second}
    assert client.stats.sent == 2


@pytest.mark.parametrize("status", [400, 413, 403])
def test_refusals_are_not_retried(collector: Collector, make_client: Callable[..., Client], status: int) -> None:
    collector.script.append(Reply(status, body={"error": "bad", "field": "events"}))
    client = make_client(collector.url, flush_interval=60)
    client.track("a")
    client.track("b")
    assert client.flush(WAIT)
    assert len(collector.requests) == 1
    stats = client.stats
    assert (stats.rejected, stats.failed_batches, stats.retries, stats.sent) == (2, 1, 0, 0)


def test_per_event_rejections_are_counted(collector: Collector, make_client: Callable[..., Client], caplog: pytest.LogCaptureFixture) -> None:
    collector.script.append(Reply(202, body={"accepted": 1, "rejected": [{"index": 1, "field": "url", "reason": "no"}]}))
    client = make_client(collector.url, flush_interval=60)
    client.track("a")
    refused = client.track("b")
    with caplog.at_level(logging.WARNING, "tracker_sdk.client"):
        assert client.flush(WAIT)
    assert len(collector.requests) == 1
    assert (client.stats.sent, client.stats.rejected) == (1, 1)
    assert refused in caplog.text


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.track("x" * (schema.MAX_NAME_LEN + 1)),
        lambda c: c.track("nested", {"a": {"b": 1}}),
        lambda c: c.track("nan", {"a": float("nan")}),
        lambda c: c.track("keys", {1: "x"}),
        lambda c: c.track("props", ["not", "a", "mapping"]),
        lambda c: c.track("old", ts_ms=0),
        lambda c: c.track("", url="https://example.com/"),
        lambda c: c.track("who", visitor="v" * 65),
        lambda c: c.pageview(""),
        lambda c: c.pageview("https://example.com/" + "x" * schema.MAX_URL_LEN),
    ],
)
def test_invalid_event_is_dropped_not_raised(make_client: Callable[..., Client], call: Callable[[Client], str], caplog: pytest.LogCaptureFixture) -> None:
    client = make_client("http://127.0.0.1:9")  # never contacted
    with caplog.at_level(logging.WARNING, "tracker_sdk.client"):
        event_id = call(client)
    assert isinstance(event_id, str) and event_id
    assert client.stats.rejected == 1 and client.stats.queued == 0
    assert "invalid" in caplog.text
    assert client.flush(0)


def test_full_queue_drops_without_blocking(collector: Collector, make_client: Callable[..., Client]) -> None:
    collector.holding = True
    client = make_client(collector.url, batch_size=1, max_queue=2, flush_interval=0, timeout=WAIT * 2)
    held = client.track("held")
    assert collector.received.wait(WAIT)  # the worker is stuck in a request the server holds
    queued = [client.track("queued") for _ in range(2)]
    dropped = [client.track("dropped") for _ in range(3)]  # returning at all proves track() did not block
    assert all(dropped)
    stats = client.stats
    assert (stats.queued, stats.dropped) == (3, 3)
    collector.hold.set()
    assert client.flush(WAIT)
    assert set(collector.stored) == {held, *queued}


def test_flush_without_events_and_with_a_deadline(collector: Collector, make_client: Callable[..., Client]) -> None:
    client = make_client(collector.url, flush_interval=0)
    assert client.flush(0)
    collector.holding = True
    client.track("held")
    assert collector.received.wait(WAIT)
    assert client.flush(0.01) is False
    collector.hold.set()
    assert client.flush(WAIT)


def test_close_is_idempotent_and_later_events_are_dropped(collector: Collector) -> None:
    Client(collector.url, "example.com").close()  # never started
    client = Client(collector.url, "example.com", flush_interval=60)
    event_id = client.track("signup")
    client.close()
    client.close()
    assert list(collector.stored) == [event_id]
    assert client.track("late")
    assert client.stats.dropped == 1 and client.stats.sent == 1


def test_close_gives_up_after_its_timeout(collector: Collector) -> None:
    collector.script.extend(Reply(503, {"Retry-After": "100"}) for _ in range(3))
    client = Client(collector.url, "example.com", flush_interval=0)
    client.track("signup")
    wait_until(lambda: len(collector.requests) >= 1)
    client.close(timeout=0.05)  # interrupts the 100 s wait
    wait_until(lambda: client.stats.dropped == 1)
    assert client.stats.failed_batches == 1 and len(collector.requests) == 1


def test_context_manager_flushes(collector: Collector) -> None:
    with Client(collector.url, "example.com", flush_interval=60) as client:
        event_id = client.pageview("https://example.com/")
    assert list(collector.stored) == [event_id]


def test_concurrent_tracking_delivers_each_event_once(collector: Collector, make_client: Callable[..., Client]) -> None:
    client = make_client(collector.url, batch_size=25, flush_interval=0.01)
    ids: list[list[str]] = [[] for _ in range(8)]

    def work(mine: list[str]) -> None:
        for n in range(150):
            mine.append(client.track("tick", {"n": n}))

    threads = [threading.Thread(target=work, args=(mine,)) for mine in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert client.flush(WAIT)
    every = [event_id for mine in ids for event_id in mine]
    assert len(set(every)) == 8 * 150
    assert sorted(event["id"] for event in collector.events()) == sorted(every)
    assert client.stats.sent == 8 * 150


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", textwrap.dedent(code)],
        cwd=ROOT, capture_output=True, text=True, timeout=WAIT * 3, check=False,
    )


def test_events_are_flushed_at_exit(collector: Collector) -> None:
    result = run_python(f"""
        from tracker_sdk import Client
        client = Client({collector.url!r}, "example.com", flush_interval=60)
        print(client.track("signup"))
    """)
    assert result.returncode == 0, result.stderr
    assert list(collector.stored) == [result.stdout.strip()]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")
def test_a_forked_child_gets_its_own_worker(collector: Collector) -> None:
    result = run_python(f"""
        import os, warnings
        warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)  # Python 3.12+
        from tracker_sdk import Client
        client = Client({collector.url!r}, "example.com", flush_interval=60)
        parent = client.track("parent")
        pid = os.fork()
        if pid == 0:
            print("child", client.track("child"), client.stats.queued, client.flush(10), flush=True)
            os._exit(0)
        os.waitpid(pid, 0)
        print("parent", parent, client.flush(10), flush=True)
    """)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    child_id, child_queued, child_flushed = lines["child"].split()
    parent_id, parent_flushed = lines["parent"].split()
    assert (child_queued, child_flushed, parent_flushed) == ("1", "True", "True")  # the parent's event stays the parent's
    assert collector.deliveries == {parent_id: 1, child_id: 1}


def test_bad_construction_raises_a_sentence() -> None:
    with pytest.raises(ValueError, match="endpoint must be an http"):
        Client("ftp://example.com", "example.com")
    with pytest.raises(ValueError, match="site 'not a host'"):
        Client("http://127.0.0.1", "not a host")
    with pytest.raises(ValueError, match="batch_size"):
        Client("http://127.0.0.1", "example.com", batch_size=schema.MAX_EVENTS + 1)


def test_retry_after_parsing() -> None:
    now = time.time()
    assert parse_retry_after("7", now) == 7.0
    assert parse_retry_after(formatdate(now + 30, usegmt=True), now) == pytest.approx(30, abs=1)
    assert parse_retry_after(formatdate(now - 30, usegmt=True), now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None


def test_retry_delay_is_jittered_and_bounded() -> None:
    for attempt in range(12):
        assert 0 <= retry_delay(attempt, None, 0.5) <= min(30.0, 0.5 * 2**attempt)
    assert 3 <= retry_delay(0, "3", 0.5) <= 3.5
    assert retry_delay(0, "86400", 0.5) <= 120.5
