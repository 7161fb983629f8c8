"""Chaos reconciliation: processes are kill -9'd under load, and every acknowledged event is counted once.

Runs ``scripts/chaos --short`` (bench/chaos.py) and reads its ``--json`` report.
The Kafka part runs when ACTIVITY_TRACKER_TEST_KAFKA is set, like every Kafka
test, but kills a broker of its own: ``scripts/kafka-dev`` on free ports with
its data under ``tmp_path``, never the shared one.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests import kafka_broker
from tests.serve_process import free_port

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _chaos(tmp_path: Path, *args: str, timeout: float) -> dict[str, Any]:
    workdir = tmp_path / "chaos"
    result = subprocess.run(
        [sys.executable, "-m", "bench.chaos", "--short", "--json", "--workdir", str(workdir), *args],
        cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout,
    )
    if result.returncode not in (0, 1):
        pytest.fail(f"the chaos run could not be carried out ({result.returncode}):\n{result.stderr[-4000:]}")
    report: dict[str, Any] = json.loads(result.stdout)
    print(result.stderr)  # the table and the kill schedule, shown when the test fails
    return report


def _assert_exact(run: dict[str, Any]) -> None:
    assert run["lost"] == 0, run
    assert run["duplicated"] == 0, run
    assert run["acked"] == run["sent"] == run["counted"] > 0, run
    assert run["counted_types"] == run["expected_types"], run
    assert run["bots"] == 0, run
    assert run["ok"], run["notes"]
    # the load really ran into the faults: some attempts failed and were retried
    assert sum(n for outcome, n in run["attempts"].items() if outcome != "202") > 0, run["attempts"]


def test_embedded_serve_kill9_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    report = _chaos(tmp_path, "--mode", "embedded", timeout=240)
    (run,) = report["runs"]
    assert run["kills"]["serve"] >= 3, run["kills"]
    _assert_exact(run)
    assert report["ok"]


@pytest.mark.kafka
def test_kafka_kill9_every_role_and_the_broker_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    if kafka_broker.bootstrap() is None:
        pytest.skip(f"set {kafka_broker.ENV} to run the Kafka tests (the chaos run starts its own broker)")
    port = free_port()
    controller = free_port()
    while controller == port:
        controller = free_port()
    report = _chaos(tmp_path, "--mode", "kafka", "--broker-dir", str(tmp_path / "broker"),
                    "--broker-port", str(port), "--controller-port", str(controller), timeout=420)
    (run,) = report["runs"]
    assert set(run["kills"]) == {"broker", "collector", "aggregator-1", "aggregator-2", "dashboard"}
    assert all(n >= 1 for n in run["kills"].values()), run["kills"]
    _assert_exact(run)
    assert report["ok"]
