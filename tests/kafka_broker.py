"""The real Apache Kafka broker that scripts/kafka-dev runs, for tests marked `kafka`.

.ci/run starts the broker and exports ACTIVITY_TRACKER_TEST_KAFKA (its
bootstrap address); without it, Kafka tests skip. Failure tests stop the broker
(optionally as a crash) and start it again on the same data.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

from kafka import KafkaAdminClient
from kafka.errors import KafkaError

ENV = "ACTIVITY_TRACKER_TEST_KAFKA"
KAFKA_DEV = Path(__file__).resolve().parent.parent / "scripts" / "kafka-dev"


def bootstrap() -> str | None:
    """The test broker's bootstrap address, or None when Kafka tests should skip."""
    return os.environ.get(ENV) or None


def _kafka_dev(*args: str, timeout: float) -> str:
    result = subprocess.run(
        [str(KAFKA_DEV), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"scripts/kafka-dev {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stderr}"
        )
    return result.stdout.strip()


def stop_broker(kill: bool = False) -> None:
    """Stop the broker: cleanly, or with SIGKILL to simulate a crash."""
    _kafka_dev("stop", *(["--kill"] if kill else []), timeout=90)


def start_broker(keep_data: bool = True) -> str:
    """Start the broker (on its existing data by default), wait until it serves
    requests, and return its bootstrap address."""
    address = _kafka_dev("start", *(["--keep-data"] if keep_data else []), timeout=180)
    wait_ready(address, timeout=60)
    return address


def wait_ready(bootstrap: str, timeout: float = 60) -> None:
    """Block until the broker answers a metadata request with itself as a live
    broker; raise TimeoutError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    host, _, port = bootstrap.rpartition(":")
    while time.monotonic() < deadline:
        remaining_ms = max(1000, int((deadline - time.monotonic()) * 1000))
        try:
            # A KafkaAdminClient that fails to bootstrap leaks its sockets and
            # I/O thread, so only build one once the port accepts connections.
            socket.create_connection((host, int(port)), timeout=1).close()
            with KafkaAdminClient(
                bootstrap_servers=bootstrap,
                client_id="tests-wait-ready",
                bootstrap_timeout_ms=remaining_ms,
            ) as admin:
                brokers = admin.describe_cluster()["brokers"]
                if any(not broker["is_fenced"] for broker in brokers):
                    return
        except (OSError, KafkaError) as exc:
            last_error = exc
        time.sleep(0.2)
    raise TimeoutError(f"Kafka at {bootstrap} not ready after {timeout}s: {last_error!r}")
