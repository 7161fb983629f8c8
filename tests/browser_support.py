"""Helpers for tests that drive the t.js snippet in Debian's Chromium.

A ``Collector`` stands in for the real collector: it serves the built t.js and
records every request to ``/api/collect`` (answering 202, or a programmed
sequence of statuses). Fixture pages come from a second server on another
port, so every beacon crosses origins as it does on a real site. Tests wait on
the collector's condition variable, never on a blind sleep.

Test modules use the fixtures with ``from tests.browser_support import *``.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tracker_sdk.schema import EnvelopeError, parse_beacon

__all__ = ["DROP", "Beacon", "Collector", "FixtureServer", "browser", "collector", "context", "fixtures", "page", "WAIT_S"]

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "ingest_server" / "static"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "snippet"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_S = 15.0  # the bound on every wait; never a speed expectation
DROP = 0  # a Collector reply: close the connection without answering

T = TypeVar("T")


@dataclass(frozen=True)
class Beacon:
    """One request the collector received."""

    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: bytes
    at: float  # time.monotonic() on arrival

    @property
    def events(self) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = json.loads(self.body)["events"]
        return events

    @property
    def site(self) -> str:
        return str(json.loads(self.body)["site"])


class _Handler(BaseHTTPRequestHandler):
    """Keep-alive, silent, with one way to answer."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def extra_headers(self) -> None:
        pass

    def reply(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.extra_headers()
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class _Server:
    """A threaded stdlib HTTP server on a random loopback port."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(WAIT_S)


class Collector(_Server):
    """Serves /t.js and records what the snippet sends to /api/collect."""

    def __init__(self) -> None:
        self.requests: list[Beacon] = []
        self.problems: list[str] = []  # beacons the real wire schema refused, in whole or in part
        self.replies: deque[tuple[int, dict[str, str]]] = deque()
        self.changed = threading.Condition()
        super().__init__(self._handler())

    def reply_with(self, *replies: tuple[int, dict[str, str]]) -> None:
        """Answer the next collect requests with these (status, headers); 202 after them.

        Status ``DROP`` closes the connection without an answer: a network error.
        """
        with self.changed:
            self.replies.extend(replies)

    @property
    def beacons(self) -> list[Beacon]:
        """The POSTs to /api/collect so far, in arrival order."""
        with self.changed:
            return [r for r in self.requests if r.method == "POST" and r.path.endswith("/api/collect")]

    def events(self) -> list[dict[str, Any]]:
        """Every event received so far, in arrival order (retries included)."""
        return [event for beacon in self.beacons for event in beacon.events]

    def wait_for(self, check: Callable[[Collector], T], what: str, timeout: float = WAIT_S) -> T:
        """Block until ``check(self)`` returns something truthy, and return it."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                result = check(self)
                if result:
                    return result
                left = deadline - time.monotonic()
                if left <= 0:
                    sent = [json.loads(b.body) for b in self.beacons]
                    raise AssertionError(f"timed out after {timeout} s waiting for {what}; received: {sent!r}")
                self.changed.wait(left)

    def wait_for_beacons(self, count: int) -> list[Beacon]:
        """The first ``count`` collect requests, once they arrived."""
        return self.wait_for(lambda c: c.beacons[:count] if len(c.beacons) >= count else [], f"{count} beacons")

    def wait_for_events(self, match: Callable[[dict[str, Any]], bool], count: int, what: str) -> list[dict[str, Any]]:
        """All events for which ``match`` is true, once there are at least ``count``."""
        def matching(c: Collector) -> list[dict[str, Any]]:
            found = [e for e in c.events() if match(e)]
            return found if len(found) >= count else []

        return self.wait_for(matching, what)

    def wait_for_event(self, match: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        """The first event received for which ``match`` is true."""
        return self.wait_for_events(match, 1, what)[0]

    def wait_for_types(self, *types: str) -> list[dict[str, Any]]:
        """Wait until events of these types arrived in this order (others may lie between); return all events."""
        def seen(c: Collector) -> list[dict[str, Any]]:
            events = c.events()
            kinds = iter(e["type"] for e in events)
            return events if all(t in kinds for t in types) else []

        return self.wait_for(seen, f"events of types {types}")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        collector = self

        class Handler(_Handler):
            def record(self, body: bytes) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                with collector.changed:
                    collector.requests.append(Beacon(self.command, self.path, headers, body, time.monotonic()))
                    collector.changed.notify_all()

            def extra_headers(self) -> None:
                # What the real collector must send for fetch() to read Retry-After.
                self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
                self.send_header("Access-Control-Expose-Headers", "Retry-After")
                self.send_header("Vary", "Origin")

            def do_GET(self) -> None:
                self.record(b"")
                if self.path.split("?")[0] != "/t.js":
                    self.reply(404, b"not found", "text/plain")
                    return
                self.reply(200, (STATIC / "t.js").read_bytes(), "text/javascript; charset=utf-8")

            def do_OPTIONS(self) -> None:  # a preflight: the snippet must never cause one
                self.record(b"")
                self.reply(204, b"", "text/plain", {"Access-Control-Allow-Methods": "POST"})

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with collector.changed:
                    status, headers = collector.replies.popleft() if collector.replies else (202, {})
                self.record(body)
                if status == DROP:
                    self.close_connection = True
                    return
                payload: dict[str, Any] = {"error": "programmed"}
                if status == 202:
                    # The snippet's beacons must pass the real wire schema, not just this fake.
                    try:
                        beacon = parse_beacon(body, int(time.time() * 1000))
                    except EnvelopeError as exc:
                        collector.problems.append(f"{exc}: {body!r}")
                        status, payload = exc.status, {"error": str(exc)}
                    else:
                        rejected = [r.as_dict() for r in beacon.rejected]
                        if rejected:
                            collector.problems.append(f"rejected {rejected}: {body!r}")
                        payload = {"accepted": len(beacon.events), "rejected": rejected}
                self.reply(status, json.dumps(payload).encode(), "application/json", headers)

        return Handler


class FixtureServer(_Server):
    """Serves tests/fixtures/snippet/*.html from its own origin.

    ``{{COLLECTOR}}`` in a page becomes the collector's origin and
    ``{{ELSEWHERE}}`` an origin on another host name (localhost) for outbound
    links.
    """

    def __init__(self, collector: Collector) -> None:
        self.collector = collector
        super().__init__(self._handler())

    def url(self, name: str, query: str = "") -> str:
        return f"{self.origin}/{name}{'?' + query if query else ''}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(_Handler):
            def do_GET(self) -> None:
                name = self.path.split("?")[0].split("#")[0].lstrip("/")
                if "/" in name or not (FIXTURES / name).is_file():
                    body, status = b"<!doctype html><title>Not found</title>", 404
                else:
                    text = (FIXTURES / name).read_text()
                    text = text.replace("{{COLLECTOR}}", server.collector.origin)
                    text = text.replace("{{ELSEWHERE}}", f"http://localhost:{server.port}")
                    body, status = text.encode(), 200
                self.reply(status, body, "text/html; charset=utf-8")

        return Handler


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def collector() -> Iterator[Collector]:
    server = Collector()
    yield server
    server.close()
    assert not server.problems, f"the collector's wire schema refused what the snippet sent: {server.problems}"


@pytest.fixture
def fixtures(collector: Collector) -> Iterator[FixtureServer]:
    server = FixtureServer(collector)
    yield server
    server.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser profile: empty localStorage and sessionStorage."""
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()
