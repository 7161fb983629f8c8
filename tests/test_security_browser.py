"""Hostile event data on a real dashboard in real Chromium: rendered as text, never run.

Events whose URLs, titles, referrers, props, custom-event names and link
targets carry HTML and script go through a real ``activity-tracker serve``;
the dashboard page (private: opened with a read token) must show them as text,
run none of them, and trip no Content-Security-Policy violation (a violation
would mean markup got into the page and only the CSP stopped it).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import orjson
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from ingest_server.sites import Site, SiteRegistry
from tests.browser_support import browser  # noqa: F401  (the shared Chromium fixture)
from tests.conftest import WAIT_S
from tests.serve_process import ServeProcess

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=1</script>"
HOSTILE_SITE = 'a.com"><img src=x onerror="window.__xss=1">'

# Collected before any page script runs (init scripts are not subject to the page's CSP).
WATCH_CSP = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI), true);
"""


def hostile_events() -> list[dict[str, object]]:
    now = int(time.time() * 1000)
    return [
        {"id": "x1", "type": "pageview", "ts": now, "title": "Title " + SCRIPT,
         "url": "https://example.com/" + IMG + "?utm_source=" + quote(SCRIPT) + "&utm_campaign=" + quote(IMG),
         "ref": "https://news.example.net/" + SCRIPT},
        {"id": "x2", "type": "custom", "ts": now, "url": "https://example.com/signup", "name": "Signup " + IMG,
         "props": {"plan": SCRIPT, "how" + IMG: "x"}},
        {"id": "x3", "type": "outbound", "ts": now, "url": "https://example.com/links",
         "target": "https://out.example.org/" + IMG},
        {"id": "x4", "type": "outbound", "ts": now, "url": "https://example.com/links", "target": "javascript:window.__xss=1"},
    ]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(WAIT_S * 1000)
    page.add_init_script(WATCH_CSP)
    yield page
    context.close()


@pytest.fixture
def private_server(tmp_path: Path) -> Iterator[tuple[ServeProcess, str]]:
    """A real server with example.com registered (private) and a read token for it."""
    data_dir = tmp_path / "data"
    registry = SiteRegistry.open(data_dir)
    try:
        registry.add(Site("example.com"))
        _, token = registry.tokens.create("example.com", "browser test")
    finally:
        registry.close()
    server = ServeProcess(data_dir).start()
    try:
        yield server, token
    finally:
        server.stop()


def test_hostile_event_strings_are_rendered_as_text(page: Page, private_server: tuple[ServeProcess, str]) -> None:
    server, token = private_server
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if _is_csp(message) else None)
    status, body = server.collect({"site": "example.com", "events": hostile_events()},
                                  {"Origin": "https://example.com"})
    assert status == 202 and body["accepted"] == 4, body
    totals = server.wait_for_totals("example.com", "events", 4, timeout=WAIT_S, token=token)["totals"]
    assert totals["events"] == 4, totals

    response = page.goto(f"{server.url}/dashboard?site=example.com&token={token}")
    assert response is not None and response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    for text in [
        "/" + IMG,  # top pages, entry and exit pages, the latest feed
        "Title " + SCRIPT,  # the latest feed shows a page view's title
        "Signup " + IMG,  # goals and the latest feed
        "plan: " + SCRIPT,  # a goal's props
        SCRIPT,  # UTM source
        IMG,  # UTM campaign
        "https://out.example.org/" + IMG,  # outbound links
        "javascript:window.__xss=1",
    ]:
        expect(page.get_by_text(text, exact=True).first).to_be_visible(timeout=WAIT_S * 1000)
    # the referrer, shown by host
    expect(page.get_by_text("news.example.net", exact=True).first).to_be_visible(timeout=WAIT_S * 1000)

    assert page.evaluate("window.__xss") is None
    assert page.evaluate("window.__violations") == []
    assert console == []
    assert page.locator("img[src=x]").count() == 0  # locators pierce the widget's open shadow root
    assert page.locator('a[href^="javascript:"]').count() == 0
    assert page.locator("script:not([src])").count() == 0


def test_a_hostile_site_name_is_refused_everywhere(page: Page, private_server: tuple[ServeProcess, str]) -> None:
    server, token = private_server
    status, body = server.collect({"site": HOSTILE_SITE, "events": hostile_events()[:1]})
    assert status == 400 and body["field"] == "site"

    response = page.goto(f"{server.url}/dashboard?site={quote(HOSTILE_SITE)}&token={token}")
    assert response is not None and response.status == 400
    assert orjson.loads(response.body())["field"] == "site"
    assert page.evaluate("window.__xss") is None and page.evaluate("window.__violations") == []


def _is_csp(message: ConsoleMessage) -> bool:
    return "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
