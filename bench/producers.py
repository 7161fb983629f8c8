"""Benchmark 7: kafka-python vs confluent-kafka producer throughput for the collector's record shape.

The records are what ``Collector._store`` writes: one JSON record per beacon
(20 events, ~4 KB), keyed by the 8-byte visitor id, with the collector's
producer settings (``kafka_log.producer_config``: acks=all, idempotence,
lz4/gzip, linger 5 ms) and the same settings for librdkafka. Each client runs
in its own process, bounded by a record count and a time limit, sending
asynchronously and flushing once at the end (never per record), as the
collector does.

    python bench/producers.py one --client kafka-python --topic T --records 20000 --seconds 10
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import uuid
import warnings
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
warnings.filterwarnings("ignore", category=DeprecationWarning)

from bench.common import KAFKA, Row, Section, kafka_up, run_quiet  # noqa: E402
from ingest_server.kafka_log import producer_config  # noqa: E402

EVENTS = 20


def records(count: int = 500) -> list[tuple[bytes, bytes]]:
    rng = random.Random(3)
    now = int(time.time() * 1000)
    out = []
    for n in range(count):
        vid = rng.getrandbits(63)
        events = [{"id": f"{n:x}-{i}-{rng.getrandbits(40):x}", "type": "pageview" if i % 3 == 0 else "click",
                   "ts": now, "url": f"https://example.com/docs/page-{rng.randrange(50)}?utm_source=news",
                   "ref": "https://news.ycombinator.com/", "title": "Docs", "sid": f"s{vid % 997:x}"}
                  for i in range(EVENTS)]
        record = {"site": "example.com", "rt": now, "vid": vid, "pvid": rng.getrandbits(63),
                  "ua": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36", "country": None,
                  "events": events}
        out.append((vid.to_bytes(8, "big"), orjson.dumps(record)))
    return out


def one(client: str, topic: str, count: int, seconds: float) -> dict[str, float]:
    pairs = records()
    config = producer_config(KAFKA)
    acked = [0]
    if client == "kafka-python":
        from kafka import KafkaProducer

        producer = KafkaProducer(**config)

        def send(key: bytes, value: bytes) -> None:
            producer.send(topic, key=key, value=value).add_callback(lambda _m: acked.__setitem__(0, acked[0] + 1))

        def flush() -> None:
            producer.flush(timeout=60)

        def close() -> None:
            producer.close(timeout=10)
    else:
        from confluent_kafka import Producer

        producer = Producer({
            "bootstrap.servers": KAFKA, "acks": "all", "enable.idempotence": True,
            "compression.type": config["compression_type"], "linger.ms": config["linger_ms"],
            "batch.size": config["batch_size"], "client.id": "activity-tracker-bench",
        })

        def delivered(err: object, _msg: object) -> None:
            if err is None:
                acked[0] += 1

        def send(key: bytes, value: bytes) -> None:
            while True:
                try:
                    producer.produce(topic, value=value, key=key, on_delivery=delivered)
                    break
                except BufferError:  # its local queue is full: serve callbacks, then retry
                    producer.poll(0.01)
            producer.poll(0)

        def flush() -> None:
            producer.flush(60)

        def close() -> None:
            return None
    send(*pairs[0])  # connect and fetch metadata outside the timed part
    flush()
    acked[0] = 0
    cpu = time.process_time()
    start = time.perf_counter()
    sent = 0
    deadline = start + seconds
    while sent < count and time.perf_counter() < deadline:
        for key, value in pairs:
            send(key, value)
        sent += len(pairs)
    flush()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    close()
    return {"sent": sent, "acked": acked[0], "seconds": elapsed, "cpu_s": cpu,
            "records_per_s": acked[0] / elapsed, "bytes": sum(len(v) for _, v in pairs) / len(pairs)}


def bench(quick: bool, collector_events_per_s: float | None = None) -> Section:
    section = Section("7. kafka-python vs confluent-kafka")
    if not kafka_up():
        section.notes.append(f"Skipped: no Kafka broker at {KAFKA}.")
        return section
    from kafka import KafkaAdminClient

    topic = f"bench.producers.{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=KAFKA)
    from kafka.admin import NewTopic

    admin.create_topics([NewTopic(topic, 6, 1)])
    count, seconds = (5_000, 4) if quick else (40_000, 15)
    results = {}
    try:
        for client in ("kafka-python", "confluent-kafka", "kafka-python", "confluent-kafka"):
            proc = run_quiet([sys.executable, __file__, "one", "--client", client, "--topic", topic,
                              "--records", str(count), "--seconds", str(seconds)], timeout=seconds + 120)
            if proc.returncode != 0:
                section.notes.append(f"{client} failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            best = results.get(client)
            if best is None or result["records_per_s"] > best["records_per_s"]:
                results[client] = result
            if quick:
                if len(results) == 2:
                    break
    finally:
        admin.delete_topics([topic])
        admin.close()
    py, cf = results.get("kafka-python"), results.get("confluent-kafka")
    if py and cf:
        section.rows.append(Row(
            "7 producers", f"acknowledged records/s, {py['bytes']:,.0f}-byte beacon records (×{EVENTS} events)",
            f"kafka-python: {py['records_per_s']:,.0f} rec/s ({py['records_per_s'] * EVENTS:,.0f} events/s)",
            f"confluent-kafka: {cf['records_per_s']:,.0f} rec/s ({cf['records_per_s'] * EVENTS:,.0f} events/s)",
            f"{py['records_per_s'] / cf['records_per_s']:.2f}", "(report)", None,
        ))
        section.notes.append(
            f"CPU per 1,000 records: kafka-python {1000 * py['cpu_s'] / max(1, py['acked']):.2f} s, confluent-kafka "
            f"{1000 * cf['cpu_s'] / max(1, cf['acked']):.2f} s (of this process; librdkafka's threads are native "
            f"and do not hold the GIL). Best of 2 interleaved runs each, {count:,} records / {seconds} s max."
        )
        if collector_events_per_s:
            share = collector_events_per_s / EVENTS / py["records_per_s"]
            section.notes.append(
                f"The Kafka-mode collector produced {collector_events_per_s / EVENTS:,.0f} records/s in benchmark 2: "
                f"{share:.0%} of what kafka-python can send on its own, in a process where the producer's I/O "
                "thread competes with the event loop for the GIL."
            )
    return section


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["one", "bench"])
    parser.add_argument("--client", default="kafka-python", choices=["kafka-python", "confluent-kafka"])
    parser.add_argument("--topic", default="")
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.what == "one":
        print(json.dumps(one(args.client, args.topic, args.records, args.seconds)))
    else:
        print(bench(args.quick))


if __name__ == "__main__":
    main()
