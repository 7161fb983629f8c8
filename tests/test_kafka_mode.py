"""Kafka mode against the real broker that scripts/kafka-dev runs (no mocks).

Every test uses its own site name, so they share the broker's topics without
seeing each other's counts.
"""

from __future__ import annotations

import concurrent.futures
import json
import re
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Iterator

import pytest

from tests import kafka_broker
from tests.serve_process import CHROME_UA, ServeProcess

pytestmark = [pytest.mark.kafka, pytest.mark.slow]


@pytest.fixture
def bootstrap() -> str:
    address = kafka_broker.bootstrap()
    if address is None:
        pytest.skip(f"set {kafka_broker.ENV} (scripts/test starts the broker and sets it)")
    kafka_broker.wait_ready(address, timeout=60)
    return address


@pytest.fixture
def site() -> str:
    return f"k{uuid.uuid4().hex[:10]}.example"


def _batch(site: str, start: int, n: int) -> dict:
    now = int(time.time() * 1000)
    return {"site": site, "events": [
        {"id": f"{site.split('.')[0]}-{i}", "type": "pageview" if i % 5 == 0 else "click", "ts": now,
         "url": f"https://{site}/p{i % 9}"} for i in range(start, start + n)
    ]}


def _send(server: ServeProcess, site: str, batches: range, size: int = 20, visitors: int = 16) -> int:
    """Send batches (spread over several fake visitors via User-Agent); return events acked."""
    def one(i: int) -> int:
        ua = f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/12{i % visitors}.0 Safari/537.36"
        status, body = server.collect(_batch(site, i * size, size), headers={"User-Agent": ua})
        return body["accepted"] if status == 202 else 0

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        return sum(pool.map(one, batches))


@pytest.fixture
def procs(tmp_path: Path) -> Iterator[list[ServeProcess]]:
    started: list[ServeProcess] = []
    yield started
    for p in started:
        p.stop()


def _start(procs: list[ServeProcess], data: Path, *args: str, command: str = "serve") -> ServeProcess:
    p = ServeProcess(data, *args, command=command).start(timeout=90)
    procs.append(p)
    return p


def test_round_trip_exact_counts(bootstrap: str, site: str, tmp_path: Path, procs: list[ServeProcess]) -> None:
    server = _start(procs, tmp_path / "all", "--kafka", bootstrap)
    acked = _send(server, site, range(30))
    assert acked == 600
    _send(server, site, range(0, 30, 3))  # re-sent ids: counted once
    snap = server.wait_for_totals(site, "events", 600, timeout=60)
    assert snap["totals"]["events"] == 600
    assert snap["totals"]["pageviews"] == 120
    assert dict(snap["event_types"]) == {"click": 480, "pageview": 120}
    status, body = server.get("/readyz")
    assert status == 200 and b"KafkaLog" in body


def _metric(p: ServeProcess, name: str) -> float:
    status, body = p.get("/metrics")
    match = re.search(rb"^" + name.encode() + rb" ([0-9.e+]+)$", body, re.M)
    return float(match.group(1)) if match else 0.0


def _aggregated(p: ServeProcess) -> float:
    return _metric(p, "activity_events_aggregated_total")


def test_two_aggregators_split_partitions_totals_exact(
    bootstrap: str, site: str, tmp_path: Path, procs: list[ServeProcess]
) -> None:
    collector = _start(procs, tmp_path / "c", "--kafka", bootstrap, command="collect")
    agg1 = _start(procs, tmp_path / "a1", "--kafka", bootstrap, command="aggregate")
    agg2 = _start(procs, tmp_path / "a2", "--kafka", bootstrap, command="aggregate")
    dash = _start(procs, tmp_path / "d", "--kafka", bootstrap, command="dashboard")
    deadline = time.monotonic() + 60  # until the group has split the partitions between them
    while not (_metric(agg1, "activity_aggregator_partitions") > 0 and _metric(agg2, "activity_aggregator_partitions") > 0):
        assert time.monotonic() < deadline, "the two aggregators never shared the partitions"
        time.sleep(0.2)
    assert _metric(agg1, "activity_aggregator_partitions") + _metric(agg2, "activity_aggregator_partitions") == 6
    before = (_aggregated(agg1), _aggregated(agg2))
    acked = _send(collector, site, range(60), visitors=32)
    assert acked == 1200
    snap = dash.wait_for_totals(site, "events", acked, timeout=90)
    assert snap["totals"]["events"] == acked
    # both members did part of the work: the group split the partitions
    did = (_aggregated(agg1) - before[0], _aggregated(agg2) - before[1])
    assert did[0] > 0 and did[1] > 0, did
    assert sum(did) >= acked
    # a second dashboard server, started later, shows the same numbers
    dash2 = _start(procs, tmp_path / "d2", "--kafka", bootstrap, command="dashboard")
    assert dash2.wait_for_totals(site, "events", acked, timeout=90)["totals"]["events"] == acked


def test_kill9_aggregator_mid_stream(bootstrap: str, site: str, tmp_path: Path, procs: list[ServeProcess]) -> None:
    collector = _start(procs, tmp_path / "c", "--kafka", bootstrap, command="collect")
    dash = _start(procs, tmp_path / "d", "--kafka", bootstrap, command="dashboard")
    agg = _start(procs, tmp_path / "a", "--kafka", bootstrap, command="aggregate")
    acked = _send(collector, site, range(30))
    agg.kill9()
    acked += _send(collector, site, range(30, 60))
    restarted = _start(procs, tmp_path / "a", "--kafka", bootstrap, command="aggregate")
    acked += _send(collector, site, range(60, 70))
    snap = dash.wait_for_totals(site, "events", acked, timeout=120)
    assert snap["totals"]["events"] == acked == 1400
    time.sleep(1)  # one more commit interval: a double count would show now
    assert dash.snapshot(site)["totals"]["events"] == acked
    assert restarted.get("/healthz")[0] == 200


def test_broker_down_during_traffic_every_acked_event_counted_once(
    bootstrap: str, site: str, tmp_path: Path, procs: list[ServeProcess]
) -> None:
    server = _start(procs, tmp_path / "all", "--kafka", bootstrap)
    small = _start(procs, tmp_path / "small", "--kafka", bootstrap, "--spool-max-bytes", "30000", command="collect")
    acked = _send(server, site, range(20))
    kafka_broker.stop_broker(kill=True)
    try:
        acked += _send(server, site, range(20, 40))  # spooled to disk, still 202
        status, _ = server.get("/readyz")
        assert status == 503
        # a collector whose spool fills up answers 503 + Retry-After, and acks nothing it did not keep
        refused = None
        for i in range(100, 140):
            request = urllib.request.Request(small.url + "/api/collect", method="POST",
                                             data=json.dumps(_batch(site, i * 20, 20)).encode(),
                                             headers={"Content-Type": "text/plain", "User-Agent": CHROME_UA})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    acked += json.loads(response.read())["accepted"]
            except urllib.error.HTTPError as err:
                refused = err
                break
        assert refused is not None and refused.code == 503, "the small spool never filled"
        assert int(refused.headers["Retry-After"]) > 0
        assert b"spool is full" in refused.read()
    finally:
        kafka_broker.start_broker(keep_data=True)
    acked += _send(server, site, range(40, 50))
    snap = server.wait_for_totals(site, "events", acked, timeout=180)
    assert snap["totals"]["events"] == acked


def test_collector_restart_with_non_empty_spool(
    bootstrap: str, site: str, tmp_path: Path, procs: list[ServeProcess]
) -> None:
    dash_data = tmp_path / "d"
    collector = _start(procs, tmp_path / "c", "--kafka", bootstrap, command="collect")
    kafka_broker.stop_broker(kill=False)
    try:
        acked = _send(collector, site, range(15))
        assert acked == 300  # the spool took them
        collector.kill9()
    finally:
        kafka_broker.start_broker(keep_data=True)
    restarted = _start(procs, tmp_path / "c", "--kafka", bootstrap, command="collect")
    _start(procs, tmp_path / "a", "--kafka", bootstrap, command="aggregate")
    dash = _start(procs, dash_data, "--kafka", bootstrap, command="dashboard")
    snap = dash.wait_for_totals(site, "events", acked, timeout=180)
    assert snap["totals"]["events"] == acked
    assert restarted.get("/healthz")[0] == 200
