"""Acked means durable: kill -9 the embedded server right after 202s, restart, counts exact."""

from __future__ import annotations

import concurrent.futures
import time
from pathlib import Path

import pytest

from tests.serve_process import ServeProcess

pytestmark = pytest.mark.slow

SITE = "crash.example"


def _batch(start: int, n: int) -> dict:
    now = int(time.time() * 1000)
    return {"site": SITE, "events": [
        {"id": f"crash-{i}", "type": "pageview" if i % 4 == 0 else "click", "ts": now,
         "url": f"https://{SITE}/p{i % 7}"} for i in range(start, start + n)
    ]}


def test_acked_events_survive_kill9_exactly_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    server = ServeProcess(data).start()
    acked = 0
    try:
        # concurrent beacons so several are in flight in one group commit when the kill lands
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda i: server.collect(_batch(i * 20, 20)), range(40)))
        for status, body in results:
            assert status == 202, body
            acked += body["accepted"]
        server.kill9()  # no shutdown, no flush: only what is on disk counts
    finally:
        server.stop()
    assert acked == 800

    restarted = ServeProcess(data, port=server.port).start()
    try:
        snap = restarted.wait_for_totals(SITE, "events", acked, timeout=60)
        assert snap["totals"]["events"] == acked
        assert snap["totals"]["pageviews"] == acked // 4
        # a client that never saw our 202s retries: same ids, still counted once
        for i in range(0, 40, 10):
            status, _ = restarted.collect(_batch(i * 20, 20))
            assert status == 202
        restarted.collect({"site": SITE, "events": [{"id": "marker", "type": "click", "ts": int(time.time() * 1000),
                                                     "url": f"https://{SITE}/"}]})
        snap = restarted.wait_for_totals(SITE, "events", acked + 1, timeout=30)
        assert snap["totals"]["events"] == acked + 1
    finally:
        restarted.stop()


def test_kill9_during_aggregation_then_restart_counts_exact(tmp_path: Path) -> None:
    data = tmp_path / "data"
    server = ServeProcess(data).start()
    try:
        for i in range(10):
            status, _ = server.collect(_batch(i * 20, 20))
            assert status == 202
        server.wait_for_totals(SITE, "events", 200)
        for i in range(10, 20):
            assert server.collect(_batch(i * 20, 20))[0] == 202
        server.kill9()  # the second half may or may not have been aggregated yet
    finally:
        server.stop()
    restarted = ServeProcess(data, port=server.port).start()
    try:
        snap = restarted.wait_for_totals(SITE, "events", 400, timeout=60)
        assert snap["totals"]["events"] == 400
        time.sleep(0.5)  # proving absence of a late double count needs one more commit interval
        assert restarted.snapshot(SITE)["totals"]["events"] == 400
    finally:
        restarted.stop()
