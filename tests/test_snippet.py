"""The t.js snippet in real Chromium: what pages actually send to the collector.

Pages come from ``tests/fixtures/snippet`` on one origin, t.js and the
collector on another (see ``browser_support``). The fixtures opt in to
tracking 127.0.0.1 and automated browsers (``data-track-localhost``,
``data-track-automation``) unless a test is about those defaults.

Absence ("nothing was sent") is never proven by sleeping. The snippet flushes
its queue synchronously when the page is hidden, so a test records every
``navigator.sendBeacon`` and ``fetch`` call the page makes (``RECORD_SENDS``),
hides the page, and checks the record right away; the same steps on a tracked
page are shown to produce a call.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.browser_support import *  # noqa: F403 (the browser fixtures)
from tests.browser_support import DROP, Collector, FixtureServer

pytestmark = pytest.mark.browser

# Records each beacon and fetch the page makes, synchronously, in window.__sent.
RECORD_SENDS = """
window.__sent = [];
const beacon = navigator.sendBeacon.bind(navigator);
navigator.sendBeacon = (url, body) => (window.__sent.push({via: 'beacon', url, body}), beacon(url, body));
const fetch0 = window.fetch;
window.fetch = (url, init) => (window.__sent.push({via: 'fetch', url, body: init && init.body}), fetch0(url, init));
"""

# What the browser does when the tab is switched away from or the page is left.
HIDE = """
Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
Object.defineProperty(document, 'hidden', {value: true, configurable: true});
document.dispatchEvent(new Event('visibilitychange', {bubbles: true}));
"""

# Back to the tab: visible again, and the window gets the focus.
SHOW = """
Object.defineProperty(document, 'visibilityState', {value: 'visible', configurable: true});
Object.defineProperty(document, 'hidden', {value: false, configurable: true});
document.dispatchEvent(new Event('visibilitychange', {bubbles: true}));
window.dispatchEvent(new FocusEvent('focus'));
"""

ID = re.compile(r"[A-Za-z0-9_-]{16,32}")


def hide(page: Any) -> None:
    page.evaluate(HIDE)


def sent(page: Any) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = page.evaluate("window.__sent")
    return calls


def is_pageview(event: dict[str, Any]) -> bool:
    return bool(event["type"] == "pageview")


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


# ---- page views -------------------------------------------------------------


def test_pageview_on_load_carries_the_wire_fields(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("page.html", "utm_source=hn&utm_medium=social"), referer="https://news.ycombinator.com/")
    view = collector.wait_for_event(is_pageview, "the first page view")
    assert ID.fullmatch(view["id"])
    assert view["url"] == fixtures.url("page.html", "utm_source=hn&utm_medium=social")
    assert view["ref"] == "https://news.ycombinator.com/"
    assert view["title"] == "Pricing"
    assert ID.fullmatch(view["sid"])
    assert view["wd"] is True  # Playwright's Chromium is automated; the page opted in
    assert abs(view["ts"] - page.evaluate("Date.now()")) < 60_000
    assert "status" not in view
    assert collector.beacons[0].site == "example.com"


def test_beacons_are_text_plain_and_need_no_preflight(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    """A preflight always precedes its POST, so once POSTs (fetch and beacon) arrived, none can still come."""
    page.add_init_script(RECORD_SENDS)
    page.goto(fixtures.url("page.html"))
    collector.wait_for_event(is_pageview, "the page view, sent by fetch")
    hide(page)  # the engagement event is flushed with sendBeacon
    collector.wait_for_event(lambda e: e["type"] == "engagement", "the engagement event, sent by sendBeacon")
    assert [call["via"] for call in sent(page)] == ["fetch", "beacon"]
    for beacon in collector.beacons:
        assert beacon.headers["content-type"] == "text/plain;charset=UTF-8"
        assert beacon.headers["origin"] == fixtures.origin  # cross-origin, as on a real site
        assert "cookie" not in beacon.headers
    assert [r.method for r in collector.requests if r.method == "OPTIONS"] == []


def test_data_api_overrides_the_endpoint(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("api.html"))
    collector.wait_for_event(is_pageview, "the page view")
    assert [b.path for b in collector.beacons] == ["/base/api/collect"]


def test_spa_navigations_are_page_views(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("spa.html"))
    page.evaluate("history.pushState({}, '', '/app/pricing?plan=pro')")
    page.evaluate("history.replaceState({}, '', '/app/pricing?plan=team')")  # same path: no page view
    page.evaluate("history.replaceState({}, '', '/app/checkout')")  # new path: a page view
    page.evaluate("history.pushState({}, '', '/app/checkout#step-2')")  # only the hash: none without data-hash
    page.go_back()  # popstate back to /app/checkout: same path, none
    page.go_back()  # popstate back to the first entry (the second was replaced by /app/checkout)
    # Events arrive in order: a page view that should not be would show up among the first four.
    views = collector.wait_for_events(is_pageview, 4, "four page views")
    assert [path_of(v["url"]) for v in views] == [
        "/spa.html",
        "/app/pricing?plan=pro",
        "/app/checkout",
        "/spa.html",
    ]
    assert views[1]["ref"] == fixtures.url("spa.html")  # an SPA navigation's referrer is the previous page
    assert views[2]["ref"] == views[1]["url"]
    assert len({v["sid"] for v in views}) == 1
    assert len({v["id"] for v in views}) == 4


def test_hash_routes_are_page_views_with_data_hash(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("hash.html"))
    page.click("#settings")  # a hash link: popstate
    page.evaluate("location.hash = '#/billing'")
    views = collector.wait_for_events(is_pageview, 3, "three page views")
    assert [path_of(v["url"]) for v in views] == ["/hash.html", "/hash.html#/settings", "/hash.html#/billing"]


def test_manual_mode_sends_only_the_apps_page_views(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("manual.html"))
    page.evaluate("history.pushState({}, '', '/ignored')")
    page.evaluate("activityTracker.pageview('/virtual/step-1')")
    page.evaluate("activityTracker.pageview()")
    views = collector.wait_for_events(is_pageview, 2, "two page views")
    assert [v["url"] for v in views] == [fixtures.origin + "/virtual/step-1", fixtures.origin + "/ignored"]


def test_a_404_page_sends_its_status(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("not-found.html"))
    view = collector.wait_for_event(is_pageview, "the page view")
    assert view["status"] == 404
    assert view["title"] == "Page not found"


# ---- the JavaScript API ------------------------------------------------------


def test_calls_queued_before_load_are_replayed(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("stub.html"))
    events = collector.wait_for_types("pageview", "custom")
    early = next(e for e in events if e["type"] == "custom")
    assert early["name"] == "Early"
    assert early["props"] == {"plan": "pro", "seats": 3, "trial": True, "coupon": None}
    assert page.evaluate("typeof activityTracker.track") == "function"


def test_track_sends_a_custom_event_with_props(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("page.html"))
    page.evaluate("activityTracker.track('Upgrade', {plan: 'pro', amount: 49.5})")
    page.evaluate("activityTracker.track('x'.repeat(300))")
    events = collector.wait_for_types("custom", "custom")
    upgrade, long = [e for e in events if e["type"] == "custom"]
    assert upgrade["name"] == "Upgrade"
    assert upgrade["props"] == {"plan": "pro", "amount": 49.5}
    assert upgrade["url"] == fixtures.url("page.html")
    assert long["name"] == "x" * 128  # cut to the wire limit instead of being rejected


# ---- clicks ------------------------------------------------------------------


def test_clicks_on_buttons_and_links_carry_a_short_label(
    page: Any, collector: Collector, fixtures: FixtureServer
) -> None:
    page.goto(fixtures.url("page.html"))
    page.fill("#secret", "hunter2 typed by the visitor")
    page.click("#secret")  # an input is not a button or a link: no event
    page.click("#aria")
    page.click("#text")
    page.click("#search")
    page.click("#internal")
    page.click("#mail")
    page.click("#plain")  # not a button or a link: no event
    clicks = collector.wait_for_events(lambda e: e["type"] == "click", 5, "five clicks")
    assert [(c["name"], c.get("target")) for c in clicks] == [
        ("Buy the pro plan", None),  # aria-label first
        ("Start free trial", None),  # the rendered text, whitespace collapsed
        ("Search", None),
        ("Compare plans", fixtures.url("page.html", "next=1")),
        ("Mail sales", "mailto:sales@example.com"),  # not another host: a click, not outbound
    ]
    assert all(len(c["name"]) <= 64 for c in clicks)
    assert not any(b"hunter2" in b.body for b in collector.beacons)


def test_outbound_link_is_delivered_before_the_browser_leaves(
    page: Any, collector: Collector, fixtures: FixtureServer
) -> None:
    page.goto(fixtures.url("page.html"))
    page.click("#outbound")  # a same-tab navigation to another host
    page.wait_for_url("http://localhost:*/landing.html")
    out = collector.wait_for_event(lambda e: e["type"] == "outbound", "the outbound click")
    assert out["name"] == "Read the docs"
    assert out["target"] == f"http://localhost:{fixtures.port}/landing.html"
    assert out["url"] == fixtures.url("page.html")


def test_download_links_are_downloads(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("page.html"))
    page.click("#download")
    event = collector.wait_for_event(lambda e: e["type"] == "download", "the download")
    assert event["target"] == fixtures.origin + "/files/Annual-Report.PDF?v=2"
    assert event["name"] == "Annual report"


def test_data_downloads_replaces_the_extension_list(
    page: Any, collector: Collector, fixtures: FixtureServer
) -> None:
    page.goto(fixtures.url("downloads.html"))
    page.click("#epub")
    page.click("#pdf")
    events = collector.wait_for_types("download", "click")
    assert [(e["type"], path_of(e["target"])) for e in events if "target" in e] == [
        ("download", "/books/guide.epub"),
        ("click", "/books/guide.pdf"),
    ]


def test_data_event_attributes_send_a_custom_event(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("page.html"))
    page.click("#tagged")
    event = collector.wait_for_event(lambda e: e["type"] == "custom", "the tagged element's event")
    assert event["name"] == "Signup"
    assert event["props"] == {"plan": "pro", "billing-period": "annual"}
    assert not [e for e in collector.events() if e["type"] == "click"]  # one event per click


# ---- engagement and leaving the page ----------------------------------------


def test_engagement_is_sent_when_the_page_is_hidden(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("tall.html"))
    collector.wait_for_event(is_pageview, "the page view")
    # Scroll to the middle, let the scroll event run, then back to the top:
    # the depth sent is the deepest one reached.
    scroll_to = "y => new Promise(done => { addEventListener('scroll', done, {once: true}); scrollTo(0, y) })"
    page.evaluate(scroll_to, 2000)
    page.evaluate(scroll_to, 0)
    page.wait_for_function("performance.now() > 300")
    hide(page)
    engagement = collector.wait_for_event(lambda e: e["type"] == "engagement", "the engagement event")
    depth = round((2000 + page.evaluate("innerHeight")) / 5000 * 100)
    assert depth - 1 <= engagement["scroll"] <= depth
    assert engagement["ms"] > 0
    assert engagement["url"] == fixtures.url("tall.html")


def test_time_while_hidden_is_not_engaged_time(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("page.html"))
    hide(page)
    first = collector.wait_for_event(lambda e: e["type"] == "engagement", "the first engagement event")
    page.wait_for_function("performance.now() > 1500")  # hidden for a while
    page.evaluate(SHOW)
    hide(page)
    second = collector.wait_for_event(lambda e: e["type"] == "engagement" and e["id"] != first["id"], "the second one")
    assert 0 < second["ms"] < 500, "the hidden second counted as engaged"


def test_engagement_of_an_spa_page_comes_before_the_next_page_view(
    page: Any, collector: Collector, fixtures: FixtureServer
) -> None:
    page.goto(fixtures.url("spa.html"))
    page.wait_for_function("performance.now() > 200")
    page.evaluate("history.pushState({}, '', '/app/next')")
    events = collector.wait_for_types("pageview", "engagement", "pageview")
    engagement = next(e for e in events if e["type"] == "engagement")
    assert engagement["url"] == fixtures.url("spa.html")  # the page that was left
    assert engagement["ms"] > 0
    assert engagement["scroll"] == 100  # a page shorter than the window is read to the end


def test_a_closed_page_delivers_its_batch(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    """Closing a tab hides the page (visibilitychange), its last chance to send."""
    page.goto(fixtures.url("page.html"))
    collector.wait_for_event(is_pageview, "the page view")
    page.evaluate("activityTracker.track('Last words')")  # queued for a second; the page closes first
    page.close(run_before_unload=True)
    last = collector.wait_for_event(lambda e: e["type"] == "custom", "the queued event")
    assert last["name"] == "Last words"
    assert collector.wait_for_event(lambda e: e["type"] == "engagement", "the engagement event")["ms"] > 0


def test_events_are_batched(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("page.html"))
    collector.wait_for_event(is_pageview, "the page view")
    page.evaluate("for (let i = 0; i < 3; i++) activityTracker.track('Step', {i})")
    steps = collector.wait_for_beacons(2)[1]
    assert [e["props"] for e in steps.events] == [{"i": 0}, {"i": 1}, {"i": 2}]  # one request
    # Ten queued events are sent at once, without waiting for the timer.
    page.evaluate("for (let i = 0; i < 12; i++) activityTracker.track('Burst', {i})")
    burst = collector.wait_for_beacons(3)[2]
    assert [e["props"]["i"] for e in burst.events] == list(range(10))
    ids = [e["id"] for e in collector.wait_for_events(lambda e: True, 16, "all 16 events")]
    assert len(set(ids)) == 16


# ---- delivery failures --------------------------------------------------------


def test_retries_after_503_with_the_same_ids(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    collector.reply_with((503, {"Retry-After": "0"}), (503, {"Retry-After": "0"}))
    page.goto(fixtures.url("page.html"))
    first, second, third = collector.wait_for_beacons(3)
    assert [e["type"] for e in first.events] == ["pageview"]
    assert third.events == second.events == first.events  # same ids, same everything
    # Delivered: the retry store is empty again.
    page.wait_for_function("localStorage.activity_tracker_q == '[]'")


def test_network_errors_are_retried(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    collector.reply_with((DROP, {}))
    page.goto(fixtures.url("page.html"))
    failed, retry = collector.wait_for_beacons(2)
    assert retry.events == failed.events


def test_retry_after_is_respected(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    collector.reply_with((429, {"Retry-After": "1"}))
    page.goto(fixtures.url("page.html"))
    refused, retry = collector.wait_for_beacons(2)
    assert retry.at - refused.at >= 0.95
    assert retry.events == refused.events


def test_final_errors_are_not_retried(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    """Retrying stores the events first; an empty store once the 400 was read proves none is scheduled."""
    page.add_init_script("window.__statuses = []; const f = window.fetch;"
                         "window.fetch = (...a) => f(...a).then(r => (__statuses.push(r.status), r));")
    collector.reply_with((400, {}))
    page.goto(fixtures.url("page.html"))
    page.wait_for_function("__statuses.includes(400)")
    assert page.evaluate("localStorage.activity_tracker_q") == "[]"


def test_failed_events_survive_a_reload(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    collector.reply_with((503, {"Retry-After": "3600"}))
    page.goto(fixtures.url("page.html"))
    page.wait_for_function("(localStorage.activity_tracker_q || '[]').length > 2")
    stored = json.loads(page.evaluate("localStorage.activity_tracker_q"))
    assert [e["type"] for e in stored] == ["pageview"]
    page.reload()
    views = collector.wait_for_events(is_pageview, 3, "the stored page view resent, and the reload's own")
    sends = [e for e in views if e["id"] == stored[0]["id"]]
    assert sends == [stored[0], stored[0]]  # the failed send and the resend after the reload, unchanged


def test_no_cookies_are_set(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.goto(fixtures.url("page.html"))
    collector.wait_for_event(is_pageview, "the page view")
    assert page.context.cookies() == []


# ---- not tracked -------------------------------------------------------------


def assert_sends_nothing(page: Any, url: str) -> None:
    """Load, track, hide (a synchronous flush): no beacon and no fetch was made."""
    page.add_init_script(RECORD_SENDS)
    page.goto(url)
    page.wait_for_function("window.activityTracker && !activityTracker.q")  # t.js has run
    page.evaluate("activityTracker.track('Should not be sent')")
    hide(page)
    assert sent(page) == []


def test_the_absence_check_sees_a_tracked_page_send(page: Any, fixtures: FixtureServer) -> None:
    """The control for the tests below: the same steps on a tracked page do send, synchronously."""
    page.add_init_script(RECORD_SENDS)
    page.goto(fixtures.url("page.html"))
    page.wait_for_function("window.activityTracker && !activityTracker.q")
    page.evaluate("activityTracker.track('Sent')")
    hide(page)
    calls = sent(page)
    assert calls and calls[-1]["via"] == "beacon"
    assert "Sent" in calls[-1]["body"]


@pytest.mark.parametrize("signal", ["navigator.doNotTrack", "navigator.globalPrivacyControl"])
def test_do_not_track_and_gpc_are_honoured(page: Any, fixtures: FixtureServer, signal: str) -> None:
    name = signal.split(".")[1]
    value = "'1'" if name == "doNotTrack" else "true"
    page.add_init_script(f"Object.defineProperty(Navigator.prototype, '{name}', {{get: () => {value}}})")
    assert_sends_nothing(page, fixtures.url("page.html"))


def test_do_not_track_can_be_overridden_by_the_site(page: Any, collector: Collector, fixtures: FixtureServer) -> None:
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'})")
    page.goto(fixtures.url("dnt-ignored.html"))
    collector.wait_for_event(is_pageview, "the page view")


def test_opt_out_switch_in_local_storage(page: Any, fixtures: FixtureServer) -> None:
    page.add_init_script("localStorage.activity_tracker_ignore = 'true'")
    assert_sends_nothing(page, fixtures.url("page.html"))


def test_localhost_and_automation_are_ignored_by_default(page: Any, fixtures: FixtureServer) -> None:
    assert_sends_nothing(page, fixtures.url("defaults.html"))


def test_automation_is_ignored_unless_the_site_opts_in(page: Any, fixtures: FixtureServer) -> None:
    assert_sends_nothing(page, fixtures.url("localhost-only.html"))


def test_local_development_is_ignored_unless_the_site_opts_in(page: Any, fixtures: FixtureServer) -> None:
    assert_sends_nothing(page, fixtures.url("automation-only.html"))


# ---- the per-tab session id ---------------------------------------------------


def test_session_id_is_per_tab(context: Any, collector: Collector, fixtures: FixtureServer) -> None:
    first = context.new_page()
    first.goto(fixtures.url("page.html"))
    first.reload()
    second = context.new_page()
    second.goto(fixtures.url("spa.html"))
    views = collector.wait_for_events(is_pageview, 3, "three page views")
    by_title: dict[str, set[str]] = {}
    for view in views:
        by_title.setdefault(view["title"], set()).add(view["sid"])
    assert len(by_title["Pricing"]) == 1  # a reload keeps the tab's id
    assert by_title["Pricing"].isdisjoint(by_title["App"])
