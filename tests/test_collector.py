"""``POST /api/collect`` and the pixel, through the real app on the embedded log."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest_server.eventlog import EVENTS_TOPIC
from ingest_server.runtime import Runtime
from tests.conftest import CLIENT_IP, RunningApp
from tests.test_schema import json_values
from tracker_sdk.schema import MAX_BODY_BYTES, MAX_EVENTS

pytestmark = pytest.mark.asyncio(loop_scope="module")  # one app for the module: each test uses a site of its own

HOUR_MS = 3_600_000


def now_ms() -> int:
    return int(time.time() * 1000)


def pageview(event_id: str, path: str = "/", **fields: Any) -> dict[str, Any]:
    return {"id": event_id, "type": "pageview", "ts": now_ms(), "url": f"https://example.com{path}", **fields}


def beacon(*events: object, site: object = "example.com") -> bytes:
    return orjson.dumps({"site": site, "events": list(events)})


async def post(app: RunningApp, content: bytes, **headers: str) -> httpx.Response:
    return await app.client.post("/api/collect", content=content, headers={"content-type": "text/plain", **headers})


def assert_error(response: httpx.Response, status: int, field: str) -> dict[str, Any]:
    """A 4xx JSON body whose ``error`` names ``field``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    payload: dict[str, Any] = response.json()
    assert payload["field"] == field
    assert payload["error"].startswith(f"{field}: ") and len(payload["error"]) > len(field) + 5
    return payload


def logged_ids(runtime: Runtime, site: str | None) -> list[str]:
    """Ids of ``site``'s events (all sites' for None) in the log, read back through a connection of their own."""
    consumer = runtime.log.consumer(EVENTS_TOPIC, None)
    ids: list[str] = []
    try:
        while records := consumer.poll(0):
            for record in records:
                batch = orjson.loads(record.value)
                if site is None or batch["site"] == site:
                    ids.extend(event["id"] for event in batch["events"])
    finally:
        consumer.close()
    return ids


async def settle(app: RunningApp, site: str) -> dict[str, Any]:
    """Send a marker event after everything else and wait until it is counted: on the embedded
    log's one partition, everything sent before it has then been counted too."""
    marker = {"id": f"marker-{now_ms()}", "type": "custom", "name": "marker", "ts": now_ms(),
              "url": f"https://{site}/"}
    assert (await post(app, beacon(marker, site=site))).status_code == 202
    return await app.wait_for_snapshot(
        site, lambda s: marker["id"] in {e["id"] for e in s["latest"]}, f"the marker event counted on {site}"
    )


# -- accepted ----------------------------------------------------------------------------


async def test_a_valid_beacon_is_accepted_with_202(runtime_app: RunningApp) -> None:
    response = await post(runtime_app, beacon(pageview("a1"), pageview("a2", "/pricing")))
    assert response.status_code == 202
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"accepted": 2, "rejected": []}


@pytest.mark.parametrize("content_type", ["text/plain;charset=UTF-8", "application/json", "APPLICATION/JSON; x=y", None])
async def test_the_snippet_and_sdk_content_types_are_accepted(runtime_app: RunningApp, content_type: str | None) -> None:
    headers = {} if content_type is None else {"content-type": content_type}
    response = await runtime_app.client.post("/api/collect", content=beacon(pageview("c1")), headers=headers)
    assert response.status_code == 202, response.text


async def test_acked_events_are_in_the_log(runtime_app: RunningApp) -> None:
    acked: list[str] = []
    for n in range(5):
        ids = [f"durable-{n}-{i}" for i in range(n + 1)]
        response = await post(runtime_app, beacon(*(pageview(i) for i in ids), site="durable.test"))
        assert response.status_code == 202
        acked.extend(ids)
    assert logged_ids(runtime_app.runtime, "durable.test") == acked


# -- hostile bodies: the envelope ------------------------------------------------------

DEEP = b"[" * 10_000 + b"]" * 10_000
HOSTILE = [
    ("not-json", b"hello", {}, 400, "body"),
    ("empty", b"", {}, 400, "body"),
    ("json-array", b'[{"site": "example.com"}]', {}, 400, "body"),
    ("json-string", b'"example.com"', {}, 400, "body"),
    ("missing-site", orjson.dumps({"events": [pageview("x")]}), {}, 400, "site"),
    ("site-not-string", beacon(pageview("x"), site=["example.com"]), {}, 400, "site"),
    ("site-not-a-host", beacon(pageview("x"), site="<script>"), {}, 400, "site"),
    ("missing-events", b'{"site": "example.com"}', {}, 400, "events"),
    ("events-not-list", b'{"site": "example.com", "events": {"0": {}}}', {}, 400, "events"),
    ("events-empty", beacon(), {}, 400, "events"),
    ("too-many-events", beacon(*(pageview(f"n{i}") for i in range(MAX_EVENTS + 1))), {}, 400, "events"),
    ("invalid-utf8", b'{"site": "example.com", "events": [{"id": "\xc3\x28"}]}', {}, 400, "body"),
    ("nan", b'{"site": "example.com", "events": [{"id": "a", "type": "pageview", "ts": NaN, "url": "/"}]}', {},
     400, "body"),
    ("infinity", b'{"site": "example.com", "events": [{"id": "a", "ts": Infinity}]}', {}, 400, "body"),
    ("deep-nesting", DEEP, {}, 400, "body"),
    ("deep-props", b'{"site": "example.com", "events": [{"props": ' + DEEP + b"}]}", {}, 400, "body"),
    ("oversized", beacon(pageview("x", title="t" * MAX_BODY_BYTES)), {}, 413, "body"),
    ("declared-oversized", b"{}", {"content-length": str(MAX_BODY_BYTES + 1)}, 413, "body"),
    ("content-length-not-a-number", b"{}", {"content-length": "12abc"}, 400, "content-length"),
    ("form", b"site=example.com", {"content-type": "application/x-www-form-urlencoded"}, 415, "content-type"),
    ("multipart", b"--x--", {"content-type": "multipart/form-data; boundary=x"}, 415, "content-type"),
    ("xml", b"<site/>", {"content-type": "application/xml"}, 415, "content-type"),
]


@pytest.mark.parametrize(("content", "headers", "status", "field"), [case[1:] for case in HOSTILE],
                         ids=[case[0] for case in HOSTILE])
async def test_a_hostile_body_gets_a_4xx_naming_the_problem(
    runtime_app: RunningApp, content: bytes, headers: dict[str, str], status: int, field: str
) -> None:
    assert_error(await post(runtime_app, content, **headers), status, field)


async def test_an_oversized_chunked_body_is_413(runtime_app: RunningApp) -> None:
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        for _ in range(100):  # 1 MiB in all, without a Content-Length
            sent += 1
            yield b" " * 10_240

    response = await runtime_app.client.post("/api/collect", content=chunks(), headers={"content-type": "text/plain"})
    assert "content-length" not in response.request.headers
    assert_error(response, 413, "body")
    assert sent < 100  # the collector stopped reading once past the limit


async def test_a_chunked_body_within_the_limit_is_accepted(runtime_app: RunningApp) -> None:
    data = beacon(pageview("chunked"))

    async def chunks() -> AsyncIterator[bytes]:
        for i in range(0, len(data), 7):
            yield data[i:i + 7]

    response = await runtime_app.client.post("/api/collect", content=chunks(), headers={"content-type": "text/plain"})
    assert response.json() == {"accepted": 1, "rejected": []}


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
async def test_wrong_methods_are_405(runtime_app: RunningApp, method: str) -> None:
    response = await runtime_app.client.request(method, "/api/collect", content=beacon(pageview("m")))
    assert_error(response, 405, "method")
    assert set(response.headers["allow"].split(", ")) == {"POST", "OPTIONS"}


# -- hostile events: reported one by one -------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "reason"),
    [(2**80, "in the future"), (-(2**80), "in the past"), (-48 * HOUR_MS, "in the past"), (HOUR_MS, "in the future")],
    ids=["2**80", "-2**80", "48h-old", "1h-ahead"],
)
async def test_absurd_timestamps_are_rejected_naming_ts(runtime_app: RunningApp, offset: int, reason: str) -> None:
    bad = json.dumps(pageview("bad", ts=now_ms() + offset))  # orjson cannot write integers this big
    content = b'{"site": "example.com", "events": [%s, %s]}' % (orjson.dumps(pageview("ok")), bad.encode())
    response = await post(runtime_app, content)
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["accepted"] == 1
    assert [(r["index"], r["field"]) for r in body["rejected"]] == [(1, "ts")]
    assert reason in body["rejected"][0]["reason"]


async def test_a_batch_with_no_valid_event_is_400_listing_every_rejection(runtime_app: RunningApp) -> None:
    response = await post(runtime_app, beacon(pageview("a", url=""), 7, pageview("b", ts=1)))
    payload = assert_error(response, 400, "events")
    assert [(r["index"], r["field"]) for r in payload["rejected"]] == [(0, "url"), (1, "event"), (2, "ts")]


async def test_a_mixed_batch_stores_and_counts_exactly_the_valid_events(runtime_app: RunningApp) -> None:
    site = "mixed.test"
    sent = [
        pageview("v0", "/a"),
        pageview("x1", "/b", ts=now_ms() - 48 * HOUR_MS),
        pageview("v2", "/c", title="Ünïcødé ✓"),
        pageview("x3", "/d", url="https://mixed.test/" + "u" * 2048),
        "not an event",
        pageview("x5", "/e", props={"nested": {"no": 1}}),
        pageview("v0", "/f"),  # the same id twice in one batch
        {"id": "v7", "type": "custom", "name": "Signup", "ts": now_ms(), "url": "https://mixed.test/g",
         "props": {"plan": "pro", "seats": 3}},
        pageview("x8", "/h", scroll=101),
        pageview("v9", "/i", unknown_field="dropped", ref="https://news.example.org/"),
    ]
    response = await post(runtime_app, beacon(*sent, site=site))
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["accepted"] == 4
    assert [(r["index"], r["field"]) for r in body["rejected"]] == [
        (1, "ts"), (3, "url"), (4, "event"), (5, "props.nested"), (6, "id"), (8, "scroll"),
    ]
    assert all(r["reason"] for r in body["rejected"])
    assert logged_ids(runtime_app.runtime, site) == ["v0", "v2", "v7", "v9"]

    snapshot = await settle(runtime_app, site)
    assert snapshot["totals"]["events"] == 5  # the four valid events and the marker
    assert snapshot["totals"]["pageviews"] == 3
    assert sorted(snapshot["top_pages"]) == [["/a", 1], ["/c", 1], ["/i", 1]]
    assert sorted(snapshot["event_types"]) == [["custom", 2], ["pageview", 3]]
    assert {e["id"] for e in snapshot["latest"] if e["name"] != "marker"} == {"v0", "v2", "v7", "v9"}


async def test_legal_but_odd_events_are_all_counted(runtime_app: RunningApp) -> None:
    site = "odd.test"
    odd = [
        pageview("o1", url="http://[::1"),  # not a parseable URL, still a URL string
        pageview("o2", url="javascript:alert(1)", title="<script>alert(1)</script>"),
        pageview("o3", url="/relative/only", ref="::::"),
        pageview("o4", url="https://odd.test/" + "%" * 100, props={"k": 2**64 - 1}),
        pageview("o5", url="https://odd.test/\u0000\u202e", sid="s" * 64, props={"x": -0.0, "y": True, "z": None}),
    ]
    response = await post(runtime_app, beacon(*odd, site=site))
    assert response.json() == {"accepted": len(odd), "rejected": []}
    snapshot = await settle(runtime_app, site)
    assert snapshot["totals"]["pageviews"] == len(odd)


async def test_a_resent_batch_is_counted_once(runtime_app: RunningApp) -> None:
    site = "resend.test"
    batch = beacon(*(pageview(f"r{i}", f"/r{i}") for i in range(3)), site=site)
    for _ in range(3):  # a client retrying after a lost response
        response = await post(runtime_app, batch)
        assert response.json() == {"accepted": 3, "rejected": []}
    partly_new = beacon(pageview("r0", "/r0"), pageview("r3", "/r3"), site=site)
    assert (await post(runtime_app, partly_new)).json() == {"accepted": 2, "rejected": []}
    snapshot = await settle(runtime_app, site)
    assert snapshot["totals"]["pageviews"] == 4
    assert snapshot["totals"]["events"] == 5
    assert sorted(snapshot["top_pages"]) == [["/r0", 1], ["/r1", 1], ["/r2", 1], ["/r3", 1]]


# -- hypothesis: whatever arrives, never a 5xx ------------------------------------------

CONTENT_TYPES = st.sampled_from(["text/plain", "application/json", "", "text/plain; charset=latin-1"]) | st.text(
    st.characters(min_codepoint=32, max_codepoint=126), max_size=30
)
BODIES = (
    st.binary(max_size=4096)
    | json_values.map(lambda value: json.dumps(value).encode())  # NaN, Infinity and huge integers included
    | st.builds(lambda events: json.dumps({"site": "fuzz.test", "events": events}).encode(),
                st.lists(json_values, max_size=8))
)


@settings(max_examples=150, deadline=None)
@given(content=BODIES, content_type=CONTENT_TYPES)
async def test_any_body_gets_a_json_answer_below_500(runtime_app: RunningApp, content: bytes, content_type: str) -> None:
    response = await post(runtime_app, content, **{"content-type": content_type})
    assert response.status_code < 500, response.text
    assert response.headers["content-type"] == "application/json"
    payload = response.json()
    if response.status_code == 202:
        assert payload["accepted"] >= 1
    else:
        assert 400 <= response.status_code < 500
        assert payload["error"].startswith(payload["field"] + ": ")


# -- CORS --------------------------------------------------------------------------------


async def test_cors_headers_on_accepted_and_refused_beacons(runtime_app: RunningApp) -> None:
    origin = "https://shop.example.com"
    for content in (beacon(pageview("cors")), b"not json"):
        response = await post(runtime_app, content, origin=origin)
        assert response.headers["access-control-allow-origin"] == origin
        assert "Origin" in response.headers["vary"]


async def test_cors_preflight(runtime_app: RunningApp) -> None:
    response = await runtime_app.client.options("/api/collect", headers={
        "origin": "https://shop.example.com", "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
    })
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "https://shop.example.com"
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "content-type" in response.headers["access-control-allow-headers"].lower()


# -- the pixel ---------------------------------------------------------------------------


async def test_the_pixel_serves_a_gif_and_counts_a_pageview(runtime_app: RunningApp) -> None:
    response = await runtime_app.client.get(
        "/api/collect.gif", params={"site": "pixel.test", "url": "https://pixel.test/noscript?x=1"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/gif"
    assert response.headers["cache-control"] == "no-store"
    assert response.content.startswith(b"GIF89a")
    snapshot = await runtime_app.wait_for_snapshot(
        "pixel.test", lambda s: s["totals"]["pageviews"] >= 1, "the pixel's pageview counted"
    )
    assert snapshot["top_pages"] == [["/noscript", 1]]


@pytest.mark.parametrize(
    "params",
    [{}, {"site": "not a site", "url": "/"}, {"site": "nopixel.test"}, {"site": "nopixel.test", "url": "u" * 5000},
     {"site": "nopixel.test", "url": "/", "id": "bad id!"}],
    ids=["nothing", "bad-site", "no-url", "long-url", "bad-id"],
)
async def test_a_bad_pixel_request_still_gets_the_gif_and_stores_nothing(
    runtime_app: RunningApp, params: dict[str, str]
) -> None:
    before = logged_ids(runtime_app.runtime, None)
    response = await runtime_app.client.get("/api/collect.gif", params=params)
    assert response.status_code == 200
    assert response.content.startswith(b"GIF89a")
    assert logged_ids(runtime_app.runtime, None) == before


# -- privacy -----------------------------------------------------------------------------


async def test_the_raw_ip_is_never_written_to_disk(runtime_app: RunningApp) -> None:
    site = "private.test"
    spoofed = "198.51.100.23"  # no trusted proxy is configured, so X-Forwarded-For is not the visitor
    response = await post(runtime_app, beacon(pageview("ip1", "/one"), site=site), **{"x-forwarded-for": spoofed})
    assert response.status_code == 202
    pixel = await runtime_app.client.get("/api/collect.gif", params={"site": site, "url": f"https://{site}/two"})
    assert pixel.status_code == 200
    await settle(runtime_app, site)
    files = [path for path in runtime_app.data_dir.rglob("*") if path.is_file()]
    assert any(path.name.startswith("log") for path in files), files
    for path in files:
        data = path.read_bytes()
        for ip in (CLIENT_IP, spoofed):
            for encoded in (ip.encode(), ip.encode("utf-16-le")):
                assert encoded not in data, f"the IP {ip} was written to {path}"
