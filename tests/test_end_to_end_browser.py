"""The whole product in real Chromium: a page on one origin, `activity-tracker serve` on another.

Load, SPA navigation, a click, a custom event and an outbound click go from
t.js through the collector, the embedded log and the aggregator to the
snapshot and the live dashboard page, where the exact counts must show.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS
from tests.serve_process import CHROME_UA, ServeProcess

pytestmark = [pytest.mark.browser, pytest.mark.slow]
playwright = pytest.importorskip("playwright.sync_api")

SITE = "e2e.example"
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Home</title>
<script defer src="{collector}/t.js" data-site="{site}" data-track-localhost></script>
</head><body><h1>Shop</h1>
<button id="buy">Buy now</button>
<a id="out" href="{elsewhere}/landing.html">Partner site</a>
</body></html>"""


class _Pages(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        body = self.body if not self.path.startswith("/landing") else b"<!doctype html><title>Landing</title>ok"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def _serve_pages(body: bytes) -> Iterator[str]:
    handler = type("Pages", (_Pages,), {"body": body})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServeProcess]:
    proc = ServeProcess(tmp_path / "data").start()
    yield proc
    proc.stop()


@pytest.fixture
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: scripts/test installs it (apt-get install chromium)")
    with playwright.sync_playwright() as p:
        # A visitor's browser, not an automated one: the aggregator drops webdriver traffic and
        # HeadlessChrome user agents as bots (tested elsewhere), so look like a person's Chrome.
        instance = p.chromium.launch(executable_path=str(CHROMIUM),
                                     args=[*CHROMIUM_ARGS, "--disable-blink-features=AutomationControlled",
                                           f"--user-agent={CHROME_UA}"])  # beacons of unloading pages too
        yield instance
        instance.close()


def test_page_to_dashboard_exact_counts(server: ServeProcess, browser: Any) -> None:
    elsewhere_iter = _serve_pages(b"")
    elsewhere = next(elsewhere_iter)
    page_iter = _serve_pages(PAGE.format(collector=server.url, site=SITE, elsewhere=elsewhere).encode())
    origin = next(page_iter)
    assert origin != server.url  # the page and the collector are different origins
    try:
        context = browser.new_context(user_agent=CHROME_UA)
        page = context.new_page()
        beacons: list[Any] = []
        page.on("request", lambda r: beacons.append(r) if r.url.endswith("/api/collect") else None)
        page.goto(origin + "/")
        page.wait_for_function("window.activityTracker && typeof activityTracker.track === 'function'")
        page.evaluate("history.pushState({}, '', '/app/settings')")  # SPA navigation: a second page view
        page.click("#buy")
        page.evaluate("activityTracker.track('signup', {plan: 'pro'})")
        with page.expect_navigation():
            page.click("#out")  # outbound: delivered by the leaving page's beacon
        page.close()
        context.close()

        snap = server.wait_for_totals(SITE, "pageviews", 2)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            types = dict(snap["event_types"])
            if types.get("outbound") and types.get("custom") and types.get("click"):
                break
            time.sleep(0.2)
            snap = server.snapshot(SITE)
        types = dict(snap["event_types"])
        assert {k: types.get(k) for k in ("pageview", "click", "custom", "outbound")} == {
            "pageview": 2, "click": 1, "custom": 1, "outbound": 1}
        assert snap["totals"]["events"] == sum(types.values())
        assert snap["totals"]["pageviews"] == 2
        assert snap["totals"]["visitors"] == 1
        assert snap["current_visitors"] == 1
        assert dict(snap["top_pages"]) == {"/": 1, "/app/settings": 1}
        assert snap["goals"][0]["name"] == "signup" and snap["goals"][0]["props"] == {"plan": [["pro", 1]]}
        assert snap["outbound"] == [[elsewhere + "/landing.html", 1]]
        assert all(b.headers.get("content-type", "").startswith("text/plain") for b in beacons)

        # the dashboard page shows the same numbers, pushed over SSE
        dash = browser.new_page(user_agent=CHROME_UA)
        dash.goto(f"{server.url}/dashboard?site={SITE}")
        dash.get_by_text("/app/settings").first.wait_for(timeout=20_000)
        dash.get_by_text("signup").first.wait_for(timeout=20_000)
        text = dash.evaluate("document.querySelector('activity-dashboard').shadowRoot.textContent")
        assert "/app/settings" in text and "outbound" in text and "Partner site" in text
        # a new event arrives live, without reloading the page
        server.collect({"site": SITE, "events": [{"id": "live-1", "type": "pageview", "ts": int(time.time() * 1000),
                                                  "url": f"https://{SITE}/live-page"}]})
        dash.get_by_text("/live-page").first.wait_for(timeout=20_000)
        dash.close()
    finally:
        for it in (page_iter, elsewhere_iter):
            it.close()
