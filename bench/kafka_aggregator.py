"""Aggregator throughput in Kafka mode: one `activity-tracker aggregate` process catching up on a
pre-filled activity.events topic (read_committed consumer, transactional commits every 100 ms).

    scripts/kafka-dev start
    python bench/kafka_aggregator.py --kafka 127.0.0.1:19092 --events 200000

Prints events/s over the catch-up (from the aggregator's own activity_events_aggregated_total).
Bounded: --events records at most, --seconds of waiting at most.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import orjson
from kafka import KafkaProducer

from tests.serve_process import CHROME_UA, ServeProcess


def _aggregated(server: ServeProcess) -> float:
    body = urllib.request.urlopen(server.url + "/metrics", timeout=10).read()
    match = re.search(rb"^activity_events_aggregated_total ([0-9.e+]+)$", body, re.M)
    return float(match.group(1)) if match else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kafka", default="127.0.0.1:19092")
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--seconds", type=float, default=300)
    args = parser.parse_args()
    site = f"bench-{uuid.uuid4().hex[:8]}.example"
    now = int(time.time() * 1000)
    producer = KafkaProducer(bootstrap_servers=args.kafka, acks="all", linger_ms=20, compression_type="lz4")
    for b in range(args.events // 20):
        vid = b % 5000 + 1
        record = {"site": site, "rt": now, "vid": vid, "pvid": None, "ua": CHROME_UA, "country": None,
                  "events": [{"id": f"{b}-{i}", "type": "pageview" if i % 4 == 0 else "click", "ts": now,
                              "url": f"https://{site}/p{i % 13}?utm_source=s{b % 7}", "ref": "https://www.google.com/"}
                             for i in range(20)]}
        producer.send("activity.events", key=vid.to_bytes(8, "big"), value=orjson.dumps(record))
    producer.flush()
    producer.close()
    with tempfile.TemporaryDirectory() as tmp:
        agg = ServeProcess(Path(tmp) / "agg", "--kafka", args.kafka, command="aggregate").start(timeout=90)
        try:
            start = time.monotonic()
            first = None
            last, last_change = 0.0, time.monotonic()
            while time.monotonic() - start < args.seconds:
                done = _aggregated(agg)
                if done and first is None:
                    first = (time.monotonic(), done)
                if done != last:
                    last, last_change = done, time.monotonic()
                elif done and time.monotonic() - last_change > 5:
                    break  # caught up
                time.sleep(0.25)
            if first is None:
                raise SystemExit("the aggregator counted nothing")
            elapsed = last_change - first[0]
            counted = last - first[1]
            print(f"aggregator (Kafka mode, one process): {counted:,.0f} events in {elapsed:.1f} s = "
                  f"{counted / max(elapsed, 1e-9):,.0f} events/s")
        finally:
            agg.stop()


if __name__ == "__main__":
    main()
