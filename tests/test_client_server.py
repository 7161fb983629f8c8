"""The SDK client against a real ``activity-tracker serve`` on loopback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tracker_sdk import Client

pytest.importorskip("ingest_server.cli", reason="ingest_server.cli is not importable yet: the server is still being built")

ROOT = Path(__file__).resolve().parent.parent
WAIT = 30.0  # seconds: the bound on every wait; never a speed expectation


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


def wait_for(read: Callable[[], Any], done: Callable[[Any], bool], what: str) -> Any:
    deadline = time.monotonic() + WAIT
    value = None
    while time.monotonic() < deadline:
        try:
            value = read()
        except (OSError, ValueError):  # not up yet
            value = None
        if value is not None and done(value):
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} within {WAIT} s; last seen: {value!r}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "ingest_server.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--data-dir", str(tmp_path / "data")],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        def healthy() -> bool | None:
            if process.poll() is not None:
                raise AssertionError(f"serve exited with {process.returncode}:\n{(tmp_path / 'serve.log').read_text()}")
            with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
                return bool(response.status == 200)

        wait_for(healthy, bool, "serve did not answer /healthz")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(WAIT)
        log.close()


def snapshot(server: str, site: str) -> dict[str, Any]:
    return get_json(f"{server}/api/snapshot?site={site}")  # type: ignore[no-any-return]


def processed(server: str, site: str, n: int) -> dict[str, Any]:
    """The site's snapshot once the aggregator has seen ``n`` events, whether it counted them or not."""
    return wait_for(  # type: ignore[no-any-return]
        lambda: snapshot(server, site),
        lambda s: s["totals"]["events"] + s["totals"]["bots"] >= n,
        f"the aggregator did not see {n} events",
    )




def send(server: str, site: str) -> list[str]:
    with Client(server, site, flush_interval=0.05) as client:
        ids = [client.track("signup", {"plan": "pro"}, url=f"https://{site}/signup") for _ in range(3)]
        ids += [client.pageview(f"https://{site}/page/{n}", title=f"Page {n}") for n in range(2)]
        assert client.flush(WAIT)
        stats = client.stats
    assert (stats.sent, stats.rejected, stats.dropped, stats.failed_batches, stats.retries) == (5, 0, 0, 0, 0)
    return ids


def test_the_collector_accepts_client_batches(server: str) -> None:
    ids = send(server, "sdk.example.com")
    assert len(set(ids)) == 5


def test_client_events_reach_the_dashboard(server: str) -> None:
    ids = send(server, "sdk.example.com")
    view = processed(server, "sdk.example.com", len(ids))
    assert view["totals"]["events"] == len(ids)
    assert view["totals"]["pageviews"] == 2
    assert dict(view["event_types"])["custom"] == 3


def test_resent_ids_are_counted_once(server: str) -> None:
    first, *others = send(server, "dedupe.example.com")
    # Resend the first event as a retry would: same id, new request.
    body = {"site": "dedupe.example.com", "events": [
        {"id": first, "type": "custom", "name": "signup", "ts": time.time_ns() // 1_000_000, "url": "https://dedupe.example.com/"},
    ]}
    request = urllib.request.Request(server + "/api/collect", json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 202
    marker = send(server, "dedupe.example.com")  # processed after the resend: once these are seen, so is it
    view = processed(server, "dedupe.example.com", 1 + len(others) + len(marker))
    assert view["totals"]["events"] == 10


def test_visitor_key_identifies_visitors(server: str) -> None:
    with Client(server, "vid.example.com", flush_interval=0.05) as client:
        for visitor in ("alice", "bob", "alice"):
            client.pageview("https://vid.example.com/", visitor=visitor)
        assert client.flush(WAIT)
        assert client.stats.sent == 3
    view = processed(server, "vid.example.com", 3)
    assert view["totals"]["visitors"] == 2
