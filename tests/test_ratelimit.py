"""Abuse limits: beacon rate limits, stream caps, stalled clients, and trusted proxies."""

from __future__ import annotations

import http.client
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from ingest_server import app as app_module
from ingest_server import collector as collector_module
from ingest_server.errors import HTTPError
from ingest_server.ratelimit import CollectLimits, RateLimiter, client_key
from ingest_server.sites import Site
from tests.conftest import BROWSER_UA, WAIT_S
from tests.secured_app import RawStream, secured_app
from tests.serve_process import ServeProcess


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def beacon(site: str = "example.com", event_id: str = "e1", url: str = "/") -> bytes:
    return orjson.dumps({"site": site, "events": [
        {"id": event_id, "type": "pageview", "ts": int(time.time() * 1000), "url": f"https://{site}{url}"}]})


# The token bucket, on a fake clock.

def test_a_bucket_allows_its_burst_then_refuses_until_it_refills() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2, burst=3, clock=clock)
    assert [limiter.hit("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.hit("a") == pytest.approx(0.5)  # one beacon comes back every 1/rate s
    assert limiter.hit("b") == 0.0  # buckets are per key
    clock.now += 0.5
    assert limiter.hit("a") == 0.0
    assert limiter.hit("a") == pytest.approx(0.5)
    clock.now += 60
    assert [limiter.hit("a") for _ in range(4)][:3] == [0.0, 0.0, 0.0]  # refills to the burst, no further


def test_the_default_burst_is_ten_seconds_worth_and_at_least_one() -> None:
    assert RateLimiter(5).burst == 50
    assert RateLimiter(0.01).burst == 1


def test_turning_a_limit_off_is_not_a_zero_rate() -> None:
    with pytest.raises(ValueError, match="must be positive"):
        RateLimiter(0)
    limits = CollectLimits.from_rates(0, 0)
    assert limits.per_ip is None and limits.per_site is None


def test_idle_buckets_are_evicted_and_memory_is_bounded() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1, burst=2, clock=clock, max_keys=100)
    for i in range(100):
        limiter.hit(f"10.0.0.{i}")
    assert len(limiter) == 100
    limiter.hit("one more")
    assert len(limiter) == 100  # the least recently used went
    clock.now += 2  # long enough for every bucket to have refilled: they are all like new ones
    limiter.hit("fresh")
    assert len(limiter) == 1


def test_an_evicted_bucket_was_full_so_nothing_is_forgiven() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1, burst=2, clock=clock)
    limiter.hit("a"), limiter.hit("a")
    clock.now += 1.9  # not yet full again: must be kept
    limiter.hit("b")
    assert limiter.hit("a") == 0.0 and limiter.hit("a") > 0


@pytest.mark.parametrize(("ip", "key"), [
    ("203.0.113.7", "203.0.113.7"),
    ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
    ("::ffff:203.0.113.7", "203.0.113.7"),
    ("testclient", "testclient"),
])
def test_ipv6_clients_are_counted_per_64(ip: str, key: str) -> None:
    assert client_key(ip) == key


def test_a_refusal_is_429_with_whole_seconds_to_wait() -> None:
    clock = FakeClock()
    limits = CollectLimits(per_ip=RateLimiter(0.4, burst=1, clock=clock))
    limits.check_ip("203.0.113.7")
    with pytest.raises(HTTPError) as refused:
        limits.check_ip("203.0.113.7")
    assert refused.value.status == 429 and refused.value.field == "rate"
    assert refused.value.headers == {"retry-after": "3"}  # 2.5 s, rounded up
    assert "0.4 beacons per second from this address" in refused.value.reason


# Through the app.

async def post(client: httpx.AsyncClient, content: bytes) -> httpx.Response:
    return await client.post("/api/collect", content=content, headers={"content-type": "text/plain"})


async def test_an_ip_over_its_limit_gets_429_with_retry_after(tmp_path: Path) -> None:
    limits = CollectLimits(per_ip=RateLimiter(0.1, burst=2))
    async with secured_app(tmp_path, limits=limits) as secured:
        async with secured.client("203.0.113.7") as noisy, secured.client("198.51.100.1") as quiet:
            assert [(await post(noisy, beacon(event_id=f"n{i}"))).status_code for i in range(2)] == [202, 202]
            refused = await post(noisy, beacon(event_id="n3"))
            assert refused.status_code == 429
            assert refused.headers["retry-after"].isdigit() and 1 <= int(refused.headers["retry-after"]) <= 10
            assert refused.json()["field"] == "rate" and "retry in" in refused.json()["error"]
            assert (await post(quiet, beacon(event_id="q1"))).status_code == 202


async def test_a_site_over_its_limit_gets_429_whoever_sends(tmp_path: Path) -> None:
    limits = CollectLimits(per_site=RateLimiter(0.1, burst=1))
    async with secured_app(tmp_path, limits=limits) as secured:
        async with secured.client("203.0.113.7") as first, secured.client("198.51.100.1") as second:
            assert (await post(first, beacon("example.com", "a"))).status_code == 202
            refused = await post(second, beacon("example.com", "b"))
            assert refused.status_code == 429 and refused.headers["retry-after"].isdigit()
            assert "for example.com" in refused.json()["error"]
            assert (await post(second, beacon("other.org", "c"))).status_code == 202


async def test_without_limits_nothing_is_refused(tmp_path: Path) -> None:
    async with secured_app(tmp_path) as secured, secured.client() as client:
        statuses = {(await post(client, beacon(event_id=f"e{i}"))).status_code for i in range(60)}
    assert statuses == {202}


def test_serve_rate_limit_ip_reaches_the_collector(tmp_path: Path) -> None:
    server = ServeProcess(tmp_path / "data", "--rate-limit-ip", "0.1").start()  # burst: max(1, 10 s × 0.1) = 1
    try:
        assert server.collect(orjson.loads(beacon(event_id="a")))[0] == 202
        status, body = server.collect(orjson.loads(beacon(event_id="b")))
        assert status == 429 and body["field"] == "rate"
        request = http.client.HTTPConnection("127.0.0.1", server.port, timeout=WAIT_S)
        request.request("POST", "/api/collect", beacon(event_id="c"), {"content-type": "text/plain"})
        response = request.getresponse()
        assert response.status == 429 and response.getheader("retry-after", "").isdigit()
        request.close()
    finally:
        server.stop()


async def test_a_stalled_upload_times_out_with_408(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collector_module, "BODY_TIMEOUT_S", 0.2)
    async with secured_app(tmp_path) as secured:
        upload = RawStream(secured.app, "/api/collect", method="POST", stall_upload=True,
                           headers={"content-type": "text/plain", "content-length": "100"})
        assert await upload.open() == 408
        assert b'"field":"body"' in upload.body()
        assert await upload.finished() is None


# Stream caps.

@pytest.fixture
def one_stream_server(tmp_path: Path) -> Iterator[ServeProcess]:
    server = ServeProcess(tmp_path / "data", "--max-streams", "1").start()
    try:
        yield server
    finally:
        server.stop()


def open_stream(server: ServeProcess) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=WAIT_S)
    connection.request("GET", "/api/stream?site=example.com", headers={"user-agent": BROWSER_UA})
    return connection, connection.getresponse()


def test_streams_beyond_the_process_cap_get_503_with_retry_after(one_stream_server: ServeProcess) -> None:
    first, response = open_stream(one_stream_server)
    assert response.status == 200
    assert response.readline().startswith(b"event: snapshot")
    second, refused = open_stream(one_stream_server)
    assert refused.status == 503 and refused.getheader("retry-after", "").isdigit()
    assert orjson.loads(refused.read())["field"] == "stream"
    second.close()
    first.close()  # a client that goes away frees its slot
    deadline = time.monotonic() + WAIT_S
    while True:
        again, response = open_stream(one_stream_server)
        status = response.status
        again.close()
        if status == 200:
            break
        assert time.monotonic() < deadline, f"the closed stream's slot was not freed within {WAIT_S} s"
        time.sleep(0.05)


async def test_streams_beyond_the_per_token_cap_get_503(tmp_path: Path) -> None:
    async with secured_app(tmp_path, Site("example.com")) as secured:
        broadcaster = secured.runtime.broadcaster
        assert broadcaster is not None
        broadcaster.max_per_token = 2
        _, busy = secured.registry.tokens.create("example.com", "wall screen")
        _, other = secured.registry.tokens.create("example.com", "laptop")
        streams = [RawStream(secured.app, f"/api/stream?site=example.com&token={busy}") for _ in range(3)]
        assert [await s.open() for s in streams] == [200, 200, 503]
        assert streams[2].header("retry-after") == "10"
        beside = RawStream(secured.app, "/api/stream?site=example.com", headers={"authorization": f"Bearer {other}"})
        assert await beside.open() == 200
        for stream in [*streams, beside]:
            await stream.close()
        assert broadcaster.clients == 0
        again = RawStream(secured.app, f"/api/stream?site=example.com&token={busy}")
        assert await again.open() == 200
        await again.close()


async def test_a_stalled_stream_client_is_dropped_and_its_slot_freed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "_SEND_TIMEOUT_S", 0.2)
    async with secured_app(tmp_path) as secured:
        broadcaster = secured.runtime.broadcaster
        assert broadcaster is not None
        stalled = RawStream(secured.app, "/api/stream?site=example.com", stall_download=True)
        assert await stalled.open() == 200
        assert broadcaster.clients == 1
        assert isinstance(await stalled.finished(), TimeoutError)  # sse-starlette's SendTimeoutError
        assert broadcaster.clients == 0


async def test_a_head_request_does_not_keep_a_stream_slot(tmp_path: Path) -> None:
    async with secured_app(tmp_path) as secured:
        broadcaster = secured.runtime.broadcaster
        assert broadcaster is not None
        broadcaster.max_clients = 1
        for _ in range(3):
            head = RawStream(secured.app, "/api/stream?site=example.com", method="HEAD")
            assert await head.open() == 200
            assert await head.finished() is None
        assert broadcaster.clients == 0


# Trusted proxies.

def two_visitors_behind_spoofed_headers(server: ServeProcess) -> dict[str, int]:
    for i, forwarded in enumerate(["203.0.113.1", "198.51.100.2"]):
        status, body = server.collect(orjson.loads(beacon(event_id=f"p{i}", url=f"/p{i}")),
                                      {"X-Forwarded-For": forwarded})
        assert status == 202, body
    totals: dict[str, int] = server.wait_for_totals("example.com", "pageviews", 2, timeout=WAIT_S)["totals"]
    assert totals["pageviews"] == 2, totals
    return totals


def test_a_spoofed_forwarded_header_from_an_untrusted_client_is_ignored(tmp_path: Path) -> None:
    server = ServeProcess(tmp_path / "data").start()
    try:
        assert two_visitors_behind_spoofed_headers(server)["visitors"] == 1
    finally:
        server.stop()


def test_a_trusted_proxy_forwarded_header_is_used(tmp_path: Path) -> None:
    server = ServeProcess(tmp_path / "data", "--forwarded-allow-ips", "127.0.0.1").start()
    try:
        assert two_visitors_behind_spoofed_headers(server)["visitors"] == 2
    finally:
        server.stop()
