"""The <activity-dashboard> widget in real Chromium, fed by a fake stream server.

The fake serves /widget.js (the built file the package ships), /api/stream and
/api/snapshot per docs/stream-api.md, and /api/stats per docs/stats-api.md
(answers from fixtures, refusing what the real server refuses); the embedding
pages come from a second server, so every widget here talks to its API across
origins.
"""

from __future__ import annotations

import copy
import json
import re
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, STATIC

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "widget"
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:"
)
XSS = "<img src=x onerror=window.__xss=1>"
# What /api/stats refuses under a page filter (docs/stats-api.md#filters).
VISIT_METRICS = {"visits", "bounce_rate", "visit_duration", "pages_per_visit"}
VISIT_DIMENSIONS = {"entry", "exit", "referrer", "source", "utm_source", "utm_medium", "utm_campaign", "browser", "os",
                    "device", "country"}
STATS_PARAMETERS = {"site", "token", "period", "from", "to", "interval", "metrics", "breakdown", "filters", "limit",
                    "page", "compare", "format"}
FILTER_SPLIT = re.compile(r";(?=[a-z_]+==)")
# Panels the widget fills from /api/stats, with the breakdown each asks for.
BREAKDOWN_PANELS = {"pages": "page", "entry": "entry", "exit": "exit", "referrers": "referrer", "sources": "source",
                    "utm_sources": "utm_source", "utm_mediums": "utm_medium", "utm_campaigns": "utm_campaign",
                    "goals": "goal", "types": "type", "browsers": "browser", "os": "os", "devices": "device",
                    "countries": "country", "outbound": "outbound", "downloads": "download"}
VISIT_PANELS = {"entry", "exit", "referrers", "sources", "utm_sources", "utm_mediums", "utm_campaigns", "browsers",
                "os", "devices", "countries"}

Snapshot = dict[str, Any]
T = TypeVar("T")


def fixture(name: str) -> Snapshot:
    snapshot: Snapshot = json.loads((FIXTURES / name).read_text())
    return snapshot


class StatsRefusal(Exception):
    """A 400 of /api/stats: (field, reason)."""


def stats_answer(base: Snapshot, breakdowns: Snapshot, raw: dict[str, list[str]]) -> Snapshot:
    """The fake's /api/stats answer, built from fixtures; raises StatsRefusal where the real API answers 400."""
    for name, values in raw.items():
        if name not in STATS_PARAMETERS:
            raise StatsRefusal(name, "is not a parameter of /api/stats")
        if len(values) > 1:
            raise StatsRefusal(name, "is given more than once")
    query = {name: values[0] for name, values in raw.items()}
    custom = "from" in query or "to" in query
    period = query.get("period", "custom" if custom else "30d")
    if period not in ("realtime", "today", "yesterday", "7d", "30d", "custom"):
        raise StatsRefusal("period", "must be one of realtime, today, yesterday, 7d, 30d, custom")
    if custom and period != "custom":
        raise StatsRefusal("period", f"is {period}, but from/to ask for a custom range")
    if period == "custom" and not ("from" in query and "to" in query):
        raise StatsRefusal("from", "is required for a custom range")
    if custom and query["from"] > query["to"]:
        raise StatsRefusal("from", f"is after to ({query['to']})")
    filters = dict(part.split("==", 1) for part in FILTER_SPLIT.split(query["filters"])) if "filters" in query else {}
    if not set(filters) <= {"page", "source"} or "" in filters.values():
        raise StatsRefusal("filters", "page and source are the only filters")
    event_level = "page" in filters
    allowed = [m for m in base["metrics"] if not (event_level and m in VISIT_METRICS)]
    metrics = query["metrics"].split(",") if "metrics" in query else allowed
    if not set(metrics) <= set(allowed):
        raise StatsRefusal("metrics", "describes visits, and a page filter selects events")
    breakdown = query.get("breakdown")
    if breakdown is not None and (breakdown not in breakdowns or (event_level and breakdown in VISIT_DIMENSIONS)):
        raise StatsRefusal("breakdown", f"{breakdown} cannot be broken down here")

    def only(values: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in values.items() if k not in base["metrics"] or k in metrics}

    body = copy.deepcopy(base)
    body.update(period=period, filters=filters, metrics=metrics, totals=only(body["totals"]))
    body["series"] = [only(point) for point in body["series"]]
    if custom:
        body.update({"from": query["from"], "to": query["to"]})
    if query.get("compare") == "previous":
        compare = body["compare"]
        compare.update(totals=only(compare["totals"]), change=only(compare["change"]))
        compare["series"] = [only(point) for point in compare["series"]]
    else:
        del body["compare"]
    if breakdown is not None:
        rows = breakdowns[breakdown]
        body["breakdown"] = {"dimension": breakdown, "metric": rows["metric"], "page": 1, "limit": 10,
                             "total": len(rows["results"]), "next_page": None, "results": rows["results"]}
    return body


class Recorded:
    """One request the fake server received."""

    def __init__(self, path: str, query: dict[str, str], headers: dict[str, str]) -> None:
        self.path = path
        self.query = query
        self.headers = headers


class FakeServer:
    """A threaded HTTP server on 127.0.0.1 playing the dashboard side of the real one.

    Streams follow the contract: a full snapshot on connect, then one per
    publish(), heartbeats as comments. drop_streams() cuts every open stream;
    refuse_streams() makes the next stream requests fail with an HTTP error.
    """

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, bytes, dict[str, str]]] = {}
        self.snapshot: Snapshot = fixture("snapshot-1.json")
        self.event_id = 1
        self.refusals: list[int] = []
        self.snapshot_status = 200
        self.stats: Snapshot = fixture("stats.json")
        self.breakdowns: Snapshot = fixture("stats-breakdowns.json")
        self.requests: list[Recorded] = []
        self.changed = threading.Condition()
        self.generation = 0
        self.open_streams = 0
        self.closing = False
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        with self.changed:
            self.closing = True
            self.changed.notify_all()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()

    def serve(self, path: str, body: str | bytes, content_type: str = "text/html", **headers: str) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.pages[path] = (content_type, data, headers)

    def publish(self, snapshot: Snapshot) -> None:
        with self.changed:
            self.snapshot = snapshot
            self.event_id += 1
            self.changed.notify_all()

    def drop_streams(self) -> None:
        with self.changed:
            self.generation += 1
            self.changed.notify_all()

    def refuse_streams(self, *statuses: int) -> None:
        with self.changed:
            self.refusals.extend(statuses)

    def streams(self) -> list[Recorded]:
        with self.changed:
            return [r for r in self.requests if r.path == "/api/stream"]

    def wait_until(self, check: Callable[[], T | None], timeout: float = 15) -> T:
        """Block until check() (called under the lock) returns something truthy; return it."""
        with self.changed:
            found = self.changed.wait_for(check, timeout)
        if not found:
            seen = [(r.path, r.query, r.headers.get("last-event-id"))
                    for r in self.requests if r.path.startswith("/api/")]
            raise AssertionError(f"condition not met within {timeout}s; API requests: {seen}")
        return found

    def wait_for_stream(self, predicate: Callable[[Recorded], bool]) -> Recorded:
        """Block until a stream request matching predicate arrived; return it."""
        return self.wait_until(lambda: next((r for r in self.requests if r.path == "/api/stream" and predicate(r)), None))

    def stats_requests(self) -> list[Recorded]:
        with self.changed:
            return [r for r in self.requests if r.path == "/api/stats"]

    def wait_for_stats(self, predicate: Callable[[Recorded], bool], after: int = 0) -> Recorded:
        """Block until the after-th or a later /api/stats request matches predicate; return it."""
        return self.wait_until(
            lambda: next((r for r in self.requests[after:] if r.path == "/api/stats" and predicate(r)), None)
        )

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(url.query).items()}
                with server.changed:
                    server.requests.append(Recorded(url.path, query, {k.lower(): v for k, v in self.headers.items()}))
                    server.changed.notify_all()
                if url.path in server.pages:
                    content_type, body, headers = server.pages[url.path]
                    self.reply(200, content_type, body, headers)
                elif url.path == "/widget.js":
                    self.reply(200, "text/javascript", (STATIC / "widget.js").read_bytes())
                elif url.path == "/api/snapshot":
                    if server.snapshot_status != 200:
                        self.reply_error(server.snapshot_status)
                    else:
                        self.reply(200, "application/json", json.dumps(server.snapshot).encode())
                elif url.path == "/api/stream":
                    self.stream()
                elif url.path == "/api/stats":
                    try:
                        answer = stats_answer(server.stats, server.breakdowns, parse_qs(url.query))
                    except StatsRefusal as refusal:
                        field, reason = refusal.args
                        error = {"error": f"{field}: {reason}", "field": field}
                        self.reply(400, "application/json", json.dumps(error).encode())
                    else:
                        self.reply(200, "application/json", json.dumps(answer).encode())
                else:
                    self.reply_error(404)

            def reply(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Access-Control-Allow-Origin", "*")
                for name, value in (headers or {}).items():
                    self.send_header(name.replace("_", "-"), value)
                self.end_headers()
                self.wfile.write(body)

            def reply_error(self, status: int) -> None:
                message = {401: "invalid token", 404: "unknown site"}.get(status, "too many streams")
                self.reply(status, "application/json", json.dumps({"error": message}).encode())

            def stream(self) -> None:
                with server.changed:
                    refusal = server.refusals.pop(0) if server.refusals else None
                    generation = server.generation
                if refusal:
                    self.reply_error(refusal)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                sent = 0
                chunk = b"retry: 100\n\n"
                with server.changed:
                    server.open_streams += 1
                try:
                    while True:
                        self.wfile.write(chunk)
                        self.wfile.flush()
                        with server.changed:
                            server.changed.wait_for(
                                lambda: server.closing or server.generation != generation or server.event_id != sent,
                                timeout=1,
                            )
                            if server.closing or server.generation != generation:
                                return
                            if server.event_id == sent:
                                chunk = b": heartbeat\n\n"
                                continue
                            sent = server.event_id
                            data = json.dumps(server.snapshot)
                        chunk = f"event: snapshot\nid: {sent}\ndata: {data}\n\n".encode()
                except OSError:
                    return  # the browser went away
                finally:
                    with server.changed:
                        server.open_streams -= 1
                        server.changed.notify_all()

        return Handler


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def api() -> Iterator[FakeServer]:
    server = FakeServer()
    yield server
    server.close()


@pytest.fixture
def host() -> Iterator[FakeServer]:
    """The embedding site: another port, so another origin than the widget's."""
    server = FakeServer()
    yield server
    server.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], "uncaught errors in the page"


def embed(page: Page, api: FakeServer, host: FakeServer, attributes: str = 'site="example.com"') -> Locator:
    host.serve(
        "/embed.html",
        f"""<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>embed</title></head>
<body style="margin:0;font-family:sans-serif">
<script src="{api.origin}/widget.js"></script>
<activity-dashboard {attributes}></activity-dashboard>
</body></html>""",
    )
    page.goto(f"{host.origin}/embed.html")
    return page.locator("activity-dashboard")


def stat(widget: Locator, panel: str, label: str, part: str = "value") -> Locator:
    """The value (or with part="change", the change against the previous period) of a headline number."""
    group = widget.locator(f"[data-panel={panel}] .stat").filter(has=widget.page.get_by_text(label, exact=True))
    return group.locator(f"dd.{part}")


def row_count(widget: Locator, panel: str, label: str) -> Locator:
    row = widget.locator(f"[data-panel={panel}] tbody tr").filter(has=widget.page.get_by_text(label, exact=True))
    return row.locator("td.count").first


def png_facts(png: bytes) -> tuple[int, int, int]:
    """Width, height and how many distinct byte values the pixel rows hold.

    A flat colour decompresses to a handful of values (filter type, channels,
    zero deltas), so many distinct values mean something was drawn.
    """
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError("not a PNG")
    pos, width, height, pixels = 8, 0, 0, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        body = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            pixels += body
        pos += 12 + length
    return width, height, len(set(zlib.decompress(pixels)))


def test_renders_the_snapshot_across_origins(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host)

    expect(stat(widget, "live", "Current visitors")).to_have_text("3")
    expect(stat(widget, "live", "Events / min")).to_have_text("18")
    expect(row_count(widget, "pages", "/pricing")).to_have_text("5")
    expect(row_count(widget, "referrers", "news.ycombinator.com")).to_have_text("3")
    expect(row_count(widget, "types", "pageview")).to_have_text("10")
    expect(widget.locator("[data-panel=latest] tbody tr").first).to_contain_text("Buy")
    expect(widget.locator("[data-panel=chart] canvas").first).to_be_visible()
    expect(widget.locator(".status")).to_have_text("Live")

    request = api.wait_for_stream(lambda r: True)
    assert request.query == {"site": "example.com"}
    assert request.headers["origin"] == host.origin


def test_a_new_snapshot_updates_the_numbers(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host)
    expect(stat(widget, "live", "Current visitors")).to_have_text("3")

    api.publish(fixture("snapshot-2.json"))

    expect(stat(widget, "live", "Current visitors")).to_have_text("7")
    expect(stat(widget, "live", "Events / min")).to_have_text("31")
    expect(row_count(widget, "pages", "/pricing")).to_have_text("12")
    expect(row_count(widget, "referrers", "news.ycombinator.com")).to_have_text("9")
    expect(widget.locator("[data-panel=latest] tbody tr").first).to_contain_text("signup")
    expect(widget.locator("[data-panel=latest] tbody tr")).to_have_count(5)


def test_large_numbers_are_abbreviated(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host, 'site="example.com" panels="totals"')

    expect(stat(widget, "totals", "Pageviews")).to_have_text("1.2k")
    expect(stat(widget, "totals", "Pageviews")).to_have_attribute("title", "1,234")
    expect(stat(widget, "totals", "Events")).to_have_text("26k")
    expect(stat(widget, "totals", "Bounce rate")).to_have_text("40%")
    expect(stat(widget, "totals", "Visit duration")).to_have_text("1m 13s")


def test_visitor_strings_render_as_text(page: Page, api: FakeServer, host: FakeServer) -> None:
    snapshot = fixture("snapshot-1.json")
    snapshot["top_pages"] = [[f"/{XSS}", 5]]
    snapshot["referrers"] = [[XSS, 3]]
    snapshot["event_types"] = [[XSS, 1]]
    snapshot["outbound"] = [["javascript:window.__xss=1", 2], [f"https://ok.example/{XSS}", 1]]
    snapshot["downloads"] = []
    snapshot["goals"] = [{"name": XSS, "count": 1, "visitors": 1, "props": {XSS: [[XSS, 1]]}}]
    snapshot["latest"] = [{"id": XSS, "type": XSS, "ts": snapshot["ts"], "path": XSS, "title": XSS, "name": XSS}]
    api.snapshot = snapshot
    widget = embed(page, api, host, f'site="{XSS.replace("<", "&lt;")}" mode="full"')

    expect(widget.locator("h1")).to_have_text(XSS)
    expect(widget.locator("[data-panel=pages] tbody td.label")).to_have_text(f"/{XSS}")
    expect(widget.locator("[data-panel=referrers] tbody td.label")).to_have_text(XSS)
    expect(widget.locator("[data-panel=types] tbody td.label")).to_have_text(XSS)
    expect(widget.locator("[data-panel=goals] tbody tr.goal td.label")).to_have_text(XSS)
    expect(widget.locator("[data-panel=goals] tbody tr.prop td.label")).to_have_text(f"{XSS}: {XSS}")
    expect(widget.locator("[data-panel=latest] tbody tr")).to_contain_text(XSS)
    expect(widget.locator("[data-panel=outbound] tbody td.label").first).to_have_text("javascript:window.__xss=1")
    # No element was made from the payloads, so no handler can ever run.
    assert widget.evaluate("el => el.shadowRoot.querySelectorAll('img').length") == 0
    hrefs = widget.evaluate("el => [...el.shadowRoot.querySelectorAll('a:not(.csv)')].map(a => [a.href, a.rel])")
    assert hrefs == [["https://ok.example/%3Cimg%20src=x%20onerror=window.__xss=1%3E", "noopener noreferrer"]]
    assert page.evaluate("() => window.__xss") is None

    # A clicked row's value goes on into the filter chip and the query, still as text.
    widget.locator("[data-panel=pages]").get_by_role("button", name=f"/{XSS}").click()
    expect(widget.locator(".chip .text")).to_have_text(f"Page: /{XSS}")
    api.wait_for_stats(lambda r: r.query.get("filters") == f"page==/{XSS}")
    expect(row_count(widget, "pages", "/docs")).to_have_text("1.5k")
    assert widget.evaluate("el => el.shadowRoot.querySelectorAll('img').length") == 0
    assert page.evaluate("() => window.__xss") is None


def test_reconnect_resumes_with_last_event_id(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host)
    api.publish(fixture("snapshot-2.json"))
    expect(stat(widget, "live", "Current visitors")).to_have_text("7")

    api.drop_streams()

    resumed = api.wait_for_stream(lambda r: "last-event-id" in r.headers)
    assert resumed.headers["last-event-id"] == "2"
    snapshot = fixture("snapshot-2.json")
    snapshot["current_visitors"] = 9
    api.publish(snapshot)
    expect(stat(widget, "live", "Current visitors")).to_have_text("9")


def test_reconnects_itself_when_the_browser_gives_up(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host)
    api.publish(fixture("snapshot-2.json"))
    expect(stat(widget, "live", "Current visitors")).to_have_text("7")

    # An HTTP error closes an EventSource for good: the widget must retry.
    api.refuse_streams(503)
    api.drop_streams()
    expect(widget.locator(".status")).to_have_text("Reconnecting…")

    resumed = api.wait_for_stream(lambda r: r.query.get("last_event_id") == "2")
    assert resumed.query["site"] == "example.com"
    expect(widget.locator(".status")).to_have_text("Live")


def test_malformed_and_unknown_fields_are_tolerated(page: Page, api: FakeServer, host: FakeServer) -> None:
    api.snapshot = {
        "v": 1,
        "site": "example.com",
        "ts": 1e300,
        "current_visitors": "lots",
        "totals": None,
        "series": [{"t": "x"}, None],
        "top_pages": "nope",
        "referrers": [["only-key"], None, ["b.example", "x"], ["a.example", 4]],
        "latest": [None, {"ts": 1e300, "type": 5}],
        "goals": [1, {"name": None, "props": {"plan": "x"}}],
        "a_future_field": [[1, 2]],
    }
    widget = embed(page, api, host, 'site="example.com" mode="full"')

    expect(row_count(widget, "referrers", "a.example")).to_have_text("4")
    expect(row_count(widget, "referrers", "b.example")).to_have_text("0")
    expect(stat(widget, "live", "Current visitors")).to_have_text("0")
    expect(stat(widget, "totals", "Visits")).to_have_text("—")
    expect(widget.locator("[data-panel=pages] .empty")).to_have_text("No data yet")
    expect(widget.locator("[data-panel=latest] tbody tr")).to_have_count(1)

    api.publish(fixture("snapshot-2.json"))
    expect(stat(widget, "live", "Current visitors")).to_have_text("7")


def test_removing_the_element_closes_its_stream(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host)
    expect(stat(widget, "live", "Current visitors")).to_have_text("3")
    assert api.open_streams == 1

    widget.evaluate("el => el.remove()")

    api.wait_until(lambda: api.open_streams == 0)


def test_refused_token_is_reported(page: Page, api: FakeServer, host: FakeServer) -> None:
    api.refuse_streams(401)
    api.snapshot_status = 401
    widget = embed(page, api, host, 'site="example.com" token="wrong"')

    expect(widget.get_by_role("alert")).to_contain_text("invalid token (HTTP 401)")
    expect(widget.locator(".status")).to_have_text("Error")
    assert api.streams()[0].query == {"site": "example.com", "token": "wrong"}


def test_panels_attribute_chooses_panels(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host, 'site="example.com" panels="live, latest"')
    expect(widget.locator("[data-panel=latest] tbody tr").first).to_contain_text("Buy")
    panels = widget.locator("section[data-panel]")
    expect(panels).to_have_count(2)
    assert panels.evaluate_all("els => els.map(el => el.dataset.panel)") == ["live", "latest"]

    widget.evaluate("el => el.setAttribute('panels', 'pages')")

    expect(panels).to_have_count(1)
    expect(row_count(widget, "pages", "/pricing")).to_have_text("5")


def test_full_mode_shows_every_breakdown_and_switches_period(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host, 'site="example.com" mode="full"')

    expect(stat(widget, "totals", "Unique visitors")).to_have_text("412")
    expect(stat(widget, "totals", "Pages / visit")).to_have_text("2.33")
    expect(widget.locator("[data-panel=totals] h2")).to_have_text("Today")
    expect(row_count(widget, "entry", "/")).to_have_text("4")
    expect(row_count(widget, "sources", "Direct")).to_have_text("4")
    expect(row_count(widget, "utm_sources", "newsletter")).to_have_text("2")
    expect(widget.locator("[data-panel=utm_campaigns] .empty")).to_be_visible()
    expect(row_count(widget, "countries", "Germany")).to_have_text("3")
    expect(widget.locator("[data-panel=goals] tr.prop")).to_have_count(2)
    expect(stat(widget, "engagement", "Scroll depth")).to_have_text("62%")
    expect(widget.get_by_role("link", name="other.example/")).to_have_attribute("href", "https://other.example/")

    widget.get_by_role("button", name="7 days").click()

    api.wait_for_stream(lambda r: r.query.get("period") == "7d")
    expect(widget.get_by_role("button", name="7 days")).to_have_attribute("aria-pressed", "true")
    snapshot = fixture("snapshot-2.json")
    snapshot["period"] = "7d"
    api.publish(snapshot)
    expect(widget.locator("[data-panel=totals] h2")).to_have_text("Last 7 days")


def open_dashboard(page: Page, api: FakeServer, query: str) -> tuple[Locator, list[str]]:
    """/dashboard?query served under the strict CSP; the list fills with the CSP violations the page reports."""
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)
    api.serve("/dashboard", (STATIC / "dashboard.html").read_bytes(), Content_Security_Policy=STRICT_CSP)
    page.goto(f"{api.origin}/dashboard?{query}")
    return page.locator("activity-dashboard"), violations


def test_dashboard_page_works_under_strict_csp(page: Page, api: FakeServer) -> None:
    widget, violations = open_dashboard(page, api, "site=example.com&token=s3cret&period=today")

    expect(widget.locator("h1")).to_have_text("example.com")
    expect(stat(widget, "totals", "Unique visitors")).to_have_text("412")
    expect(page).to_have_title("example.com · Activity dashboard")
    assert api.streams()[0].query == {"site": "example.com", "token": "s3cret", "period": "today"}

    widget.get_by_role("button", name="30 days").click()
    api.wait_for_stream(lambda r: r.query.get("period") == "30d")
    expect(page).to_have_url(f"{api.origin}/dashboard?site=example.com&token=s3cret&period=30d")
    assert violations == []


def shown_panels(widget: Locator) -> list[str]:
    names: list[str] = widget.locator("section[data-panel]").evaluate_all("els => els.map(el => el.dataset.panel)")
    return names


def test_yesterday_comes_from_the_stats_api_and_follows_the_stream(
    page: Page, api: FakeServer, host: FakeServer
) -> None:
    widget = embed(page, api, host, 'site="example.com" token="t0k" mode="full"')
    expect(stat(widget, "totals", "Unique visitors")).to_have_text("412")

    widget.get_by_role("button", name="Yesterday").click()

    expect(widget.get_by_role("button", name="Yesterday")).to_have_attribute("aria-pressed", "true")
    expect(widget.locator("[data-panel=totals] h2")).to_have_text("Yesterday")
    expect(stat(widget, "totals", "Unique visitors")).to_have_text("2.3k")
    expect(stat(widget, "totals", "Visit duration")).to_have_text("1m 35s")
    expect(stat(widget, "totals", "Pages / visit")).to_have_text("3.03")
    expect(widget.locator("[data-panel=chart] h2")).to_have_text("Yesterday, per hour")
    expect(row_count(widget, "pages", "/docs")).to_have_text("1.5k")
    expect(row_count(widget, "sources", "Search")).to_have_text("1.3k")
    expect(row_count(widget, "countries", "France")).to_have_text("1k")
    expect(widget.locator("[data-panel=goals] tr.goal")).to_contain_text("Signup")
    expect(widget.locator("[data-panel=goals] tr.prop").first).to_have_text("plan: team30")
    # Engagement is not in the stats API; the real-time panels stay on the stream.
    assert "engagement" not in shown_panels(widget)
    expect(stat(widget, "live", "Current visitors")).to_have_text("3")
    expect(widget.get_by_role("alert")).to_be_hidden()

    auth = {"site": "example.com", "token": "t0k"}
    headline = api.wait_for_stats(lambda r: "breakdown" not in r.query)
    assert headline.query == {**auth, "period": "yesterday"}
    requests = api.stats_requests()
    asked = {r.query["breakdown"]: r.query for r in requests if "breakdown" in r.query}
    assert set(asked) == set(BREAKDOWN_PANELS.values())
    lean = {"metrics": "pageviews", "interval": "day"}  # every answer has totals and a series: the cheapest
    assert asked["page"] == {**auth, "period": "yesterday", "breakdown": "page", **lean}
    assert asked["referrer"]["metrics"] == "visits"
    assert [r.query for r in api.streams()] == [auth], "the stream was reopened"

    # A snapshot means the numbers moved: the stats view is fetched again.
    seen = len(api.requests)
    api.stats = {**api.stats, "totals": {**api.stats["totals"], "visitors": 3456}}
    api.publish(fixture("snapshot-2.json"))
    expect(stat(widget, "live", "Current visitors")).to_have_text("7")
    expect(stat(widget, "totals", "Unique visitors")).to_have_text("3.5k")
    api.wait_for_stats(lambda r: r.query == {**auth, "period": "yesterday"}, after=seen)


def test_custom_range_asks_for_its_utc_days(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host, 'site="example.com" mode="full"')
    expect(stat(widget, "totals", "Unique visitors")).to_have_text("412")

    widget.get_by_role("button", name="Custom").click()

    # It starts with the last 7 UTC days, today included.
    today = datetime.now(timezone.utc).date()
    first = api.wait_for_stats(lambda r: "breakdown" not in r.query)
    assert first.query == {"site": "example.com", "from": str(today - timedelta(days=6)), "to": str(today)}
    expect(widget.get_by_label("From", exact=True)).to_have_value(str(today - timedelta(days=6)))

    widget.get_by_label("From", exact=True).fill("2024-11-01")
    widget.get_by_label("To", exact=True).fill("2024-11-30")
    widget.get_by_label("To", exact=True).press("Enter")

    custom = api.wait_for_stats(lambda r: r.query.get("from") == "2024-11-01" and "breakdown" not in r.query)
    assert custom.query == {"site": "example.com", "from": "2024-11-01", "to": "2024-11-30"}
    expect(widget.locator("[data-panel=totals] h2")).to_have_text("2024-11-01 – 2024-11-30")
    expect(stat(widget, "totals", "Pageviews")).to_have_text("8.8k")
    expect(row_count(widget, "browsers", "Firefox")).to_have_text("1.7k")
    expect(widget.get_by_role("button", name="Custom")).to_have_attribute("aria-pressed", "true")

    # Back to a stream period: the inputs go away and the snapshot is shown again.
    widget.get_by_role("button", name="Today").click()
    expect(widget.get_by_label("From", exact=True)).to_be_hidden()
    expect(stat(widget, "totals", "Unique visitors")).to_have_text("412")


def test_compare_shows_changes_and_the_previous_series(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host, 'site="example.com" mode="full"')
    legend = widget.locator("[data-panel=chart] .u-legend .u-series")
    expect(legend).to_have_count(3)
    expect(stat(widget, "totals", "Visits", "change")).to_have_count(0)

    widget.get_by_label("Compare with previous period").check()

    request = api.wait_for_stats(lambda r: r.query.get("compare") == "previous")
    assert request.query == {"site": "example.com", "period": "today", "compare": "previous"}
    expect(stat(widget, "totals", "Unique visitors", "change")).to_have_text("+23%")
    expect(stat(widget, "totals", "Visits", "change")).to_have_text("−10%")
    expect(stat(widget, "totals", "Pageviews", "change")).to_have_text("—")
    expect(stat(widget, "totals", "Events", "change")).to_have_text("0%")
    expect(stat(widget, "totals", "Unique visitors", "change")).to_have_attribute("title", "Previous period: 1,900")
    # A higher bounce rate is worse.
    expect(stat(widget, "totals", "Bounce rate", "change")).to_have_attribute("data-good", "false")
    expect(stat(widget, "totals", "Pages / visit", "change")).to_have_attribute("data-good", "true")

    expect(widget.locator("[data-panel=chart] h2")).to_have_text("Today, per hour")
    expect(legend).to_have_count(5)
    expect(legend.nth(3)).to_contain_text("Events, previous period")
    expect(legend.nth(4)).to_contain_text("Pageviews, previous period")
    previous = sum(point["events"] for point in api.stats["compare"]["series"])
    expect(widget.locator("[data-panel=chart] .chart")).to_have_attribute(
        "aria-label", re.compile(f"; {previous:,} in the previous period$")
    )
    # Breakdowns of a stream period still come from the snapshot.
    expect(row_count(widget, "pages", "/pricing")).to_have_text("5")
    assert all("breakdown" not in r.query for r in api.stats_requests())

    widget.get_by_label("Compare with previous period").uncheck()
    expect(legend).to_have_count(3)
    expect(stat(widget, "totals", "Unique visitors", "change")).to_have_count(0)
    expect(stat(widget, "totals", "Unique visitors")).to_have_text("412")


def test_clicking_rows_filters_the_view(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host, 'site="example.com" mode="full"')
    every_panel = shown_panels(widget)
    expect(row_count(widget, "sources", "Search")).to_have_text("2")
    # Only pages and sources filter.
    expect(widget.locator("[data-panel=referrers] button, [data-panel=entry] button")).to_have_count(0)

    # With the keyboard: a source row is a button.
    widget.locator("[data-panel=sources]").get_by_role("button", name="Search").press("Enter")

    expect(widget.locator(".chip .text")).to_have_text(["Source: Search"])
    expect(widget.get_by_role("button", name="Remove filter Source: Search")).to_be_focused()
    by_source = api.wait_for_stats(lambda r: "breakdown" not in r.query)
    assert by_source.query == {"site": "example.com", "period": "today", "filters": "source==search"}
    expect(stat(widget, "totals", "Unique visitors")).to_have_text("2.3k")
    assert shown_panels(widget) == [name for name in every_panel if name != "engagement"]
    expect(widget.locator("[data-panel=live] h2")).to_have_text("Right now · all traffic")

    seen = len(api.requests)
    widget.locator("[data-panel=pages]").get_by_role("button", name="/docs").click()

    expect(widget.locator(".chip .text")).to_have_text(["Page: /docs", "Source: Search"])
    both = api.wait_for_stats(lambda r: "breakdown" not in r.query, after=seen)
    assert both.query == {"site": "example.com", "period": "today", "filters": "page==/docs;source==search"}
    # A page filter selects events: what describes visits is hidden, never asked for.
    expect(widget.locator("[data-panel=totals] dt")).to_have_text(["Unique visitors", "Pageviews", "Events"])
    assert shown_panels(widget) == [n for n in every_panel if n not in VISIT_PANELS and n != "engagement"]
    expect(row_count(widget, "types", "click")).to_have_text("6k")
    expect(widget.get_by_role("alert")).to_be_hidden()
    asked = {r.query.get("breakdown") for r in api.requests[seen:] if r.path == "/api/stats"}
    assert asked == {None, "page", "goal", "type", "outbound", "download"}

    widget.get_by_role("button", name="Remove filter Page: /docs").click()
    expect(widget.locator(".chip .text")).to_have_text(["Source: Search"])
    expect(widget.get_by_role("button", name="Remove filter Source: Search")).to_be_focused()
    expect(widget.locator("[data-panel=totals] dt")).to_have_count(7)

    widget.get_by_role("button", name="Remove filter Source: Search").press("Enter")

    # Back on the stream: its numbers, every panel, no chips.
    expect(widget.locator(".chips")).to_be_hidden()
    expect(stat(widget, "totals", "Unique visitors")).to_have_text("412")
    expect(row_count(widget, "sources", "Search")).to_have_text("2")
    assert shown_panels(widget) == every_panel
    expect(widget.locator("[data-panel=live] h2")).to_have_text("Right now")
    expect(widget.get_by_role("button", name="Today")).to_be_focused()


def test_dashboard_address_holds_the_view(page: Page, api: FakeServer) -> None:
    widget, violations = open_dashboard(page, api, "site=example.com&token=s3cret&period=7d")
    expect(stat(widget, "totals", "Unique visitors")).to_have_text("412")

    widget.get_by_role("button", name="Yesterday").click()
    widget.get_by_label("Compare with previous period").check()
    widget.locator("[data-panel=pages]").get_by_role("button", name="/docs").click()

    expect(page).to_have_url(re.compile("filters="))
    view = {"site": "example.com", "token": "s3cret", "period": "yesterday", "compare": "previous",
            "filters": "page==/docs"}
    assert {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()} == view
    csv = urlsplit(widget.get_by_role("link", name="Export CSV").get_attribute("href") or "")
    assert (csv.scheme, csv.netloc, csv.path) == ("http", urlsplit(api.origin).netloc, "/api/stats")
    assert {k: v[0] for k, v in parse_qs(csv.query).items()} == {
        "site": "example.com", "token": "s3cret", "period": "yesterday", "filters": "page==/docs", "format": "csv",
    }

    # The address alone brings the same view back.
    seen = len(api.requests)
    page.reload()
    restored = api.wait_for_stats(lambda r: "breakdown" not in r.query, after=seen)
    assert restored.query == view
    expect(widget.locator(".chip .text")).to_have_text(["Page: /docs"])
    expect(widget.get_by_label("Compare with previous period")).to_be_checked()
    expect(stat(widget, "totals", "Unique visitors", "change")).to_have_text("+23%")

    widget.get_by_role("button", name="Custom").click()
    expect(page).to_have_url(re.compile("period=custom"))
    query = parse_qs(urlsplit(page.url).query)
    assert set(query) == {"site", "token", "period", "from", "to", "compare", "filters"}
    widget.get_by_role("button", name="Remove filter Page: /docs").click()
    widget.get_by_role("button", name="30 days").click()
    expect(page).to_have_url(f"{api.origin}/dashboard?site=example.com&token=s3cret&period=30d&compare=previous")
    assert violations == []


def test_widget_attributes_ask_for_a_stats_view(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host, 'site="example.com" period="yesterday" filters="source==search" compare')

    expect(row_count(widget, "pages", "/docs")).to_have_text("1.5k")
    expect(widget.locator("[data-panel=chart] .u-legend .u-series")).to_have_count(5)
    expect(widget.locator(".chip .text")).to_have_text(["Source: Search"])
    # Compact mode has no controls, and rows do not filter.
    expect(widget.locator(".periods, .toolbar, [data-panel=pages] button.filter")).to_have_count(0)
    requests = api.stats_requests()
    headline = {"site": "example.com", "period": "yesterday", "filters": "source==search", "compare": "previous"}
    assert [r.query for r in requests if "breakdown" not in r.query] == [headline]
    assert {r.query.get("breakdown") for r in requests} == {None, "page", "referrer", "type"}


def test_a_refused_stats_query_is_reported(page: Page, api: FakeServer, host: FakeServer) -> None:
    widget = embed(page, api, host, 'site="example.com" period="custom" from="2024-12-01" to="2024-11-01"')

    expect(widget.get_by_role("alert")).to_have_text(
        "Cannot show this view: from: is after to (2024-11-01) (HTTP 400)."
    )
    expect(stat(widget, "live", "Current visitors")).to_have_text("3")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("mode", ["compact", "full"])
def test_screenshot_shows_drawn_panels(
    page: Page, api: FakeServer, host: FakeServer, tmp_path: Path, scheme: str, mode: str
) -> None:
    page.emulate_media(color_scheme=scheme, reduced_motion="reduce")
    widget = embed(page, api, host, f'site="example.com" mode="{mode}"')
    expect(widget.locator("[data-panel=latest] tbody tr").first).to_contain_text("Buy")
    expect(widget.locator("[data-panel=chart] canvas").first).to_be_visible()

    path = tmp_path / f"widget-{mode}-{scheme}.png"
    png = widget.screenshot(path=str(path), animations="disabled")

    width, height, distinct = png_facts(png)
    assert path.stat().st_size > 0
    assert width > 600 and height > 400
    assert distinct > 32, "the screenshot is a flat colour"
    background = widget.evaluate("el => getComputedStyle(el.shadowRoot.querySelector('.panel')).backgroundColor")
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(24, 27, 35)")


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("mode", ["compact", "full"])
def test_panels_stack_at_phone_width(browser: Browser, api: FakeServer, host: FakeServer, mode: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    try:
        widget = embed(page, api, host, f'site="example.com" mode="{mode}"')
        expect(widget.locator("[data-panel=latest] tbody tr").first).to_contain_text("Buy")

        assert widget.evaluate("el => el.scrollWidth") <= width
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        lefts = widget.locator("section[data-panel]").evaluate_all(
            "els => els.map(el => Math.round(el.getBoundingClientRect().left))"
        )
        assert len(set(lefts)) == 1, f"panels side by side at {width} px: {lefts}"
    finally:
        context.close()
