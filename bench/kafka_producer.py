"""kafka-python producer throughput with the collector's settings (acks=all,
idempotence, compression, linger), for two record shapes:

  event  one ~300-byte JSON event per record
  batch  one ~6 KB record holding a 20-event beacon

Prints records/s, events/s and MB/s per shape and codec. Bounded by --records
and --seconds per run; needs a broker (scripts/kafka-dev start).

    python bench/kafka_producer.py --bootstrap 127.0.0.1:19092
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
import uuid
import warnings

# kafka-python 3.0 imports its protocol schemas with importlib.resources.read_text,
# deprecated on Python 3.11/3.12.
warnings.filterwarnings("ignore", r"(read|open)_text is deprecated", DeprecationWarning)

from kafka import KafkaAdminClient, KafkaProducer  # noqa: E402
from kafka import codec as kafka_codec  # noqa: E402

CODECS = {
    "none": lambda: True,
    "gzip": kafka_codec.has_gzip,
    "lz4": kafka_codec.has_lz4,
    "zstd": kafka_codec.has_zstd,
    "snappy": kafka_codec.has_snappy,
}
PAGES = ["/", "/pricing", "/docs/getting-started", "/blog/launch", "/signup", "/about"]
TYPES = ["pageview", "click", "engagement", "outbound", "custom"]


def make_event(rng: random.Random) -> dict[str, object]:
    path = rng.choice(PAGES)
    return {
        "id": uuid.UUID(int=rng.getrandbits(128)).hex,
        "type": rng.choice(TYPES),
        "ts": 1_733_330_000_000 + rng.randrange(86_400_000),
        "url": f"https://example.com{path}?utm_source=news",
        "ref": "https://news.ycombinator.com/",
        "title": path.strip("/").title() or "Home",
        "sid": uuid.UUID(int=rng.getrandbits(128)).hex[:16],
        "site": "example.com",
        "vid": f"{rng.getrandbits(64):016x}",
        "recv": 1_733_330_000_000 + rng.randrange(86_400_000),
        "ua": "Chrome/126 Linux desktop",
        "props": {"plan": rng.choice(["free", "pro"])},
    }


def payloads(shape: str, count: int = 1000) -> list[tuple[bytes, bytes]]:
    """(key, value) pairs to cycle through: varied content, so compression is realistic."""
    rng = random.Random(42)
    pairs = []
    for _ in range(count):
        key = f"{rng.getrandbits(32):08x}".encode()
        if shape == "event":
            value = json.dumps(make_event(rng), separators=(",", ":")).encode()
        else:
            value = json.dumps([make_event(rng) for _ in range(20)], separators=(",", ":")).encode()
        pairs.append((key, value))
    return pairs


def run(bootstrap: str, topic: str, shape: str, codec: str, args: argparse.Namespace) -> None:
    pairs = payloads(shape)
    events_per_record = 1 if shape == "event" else 20
    producer = KafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        enable_idempotence=True,
        compression_type=None if codec == "none" else codec,
        linger_ms=args.linger_ms,
        batch_size=args.batch_size,
    )
    errors = 0

    def failed(_exc: BaseException) -> None:
        nonlocal errors
        errors += 1

    sent = sent_bytes = 0
    start = time.perf_counter()
    deadline = start + args.seconds
    while sent < args.records and time.perf_counter() < deadline:
        for key, value in pairs[: min(len(pairs), args.records - sent)]:
            producer.send(topic, key=key, value=value).add_errback(failed)
            sent_bytes += len(value)
        sent += min(len(pairs), args.records - sent)
    producer.flush()
    elapsed = time.perf_counter() - start
    producer.close()
    avg = sent_bytes / sent
    print(
        f"{shape:5} {codec:6} {sent:>7} records x {avg:6.0f} B in {elapsed:5.1f} s: "
        f"{sent / elapsed:>8,.0f} records/s  {sent * events_per_record / elapsed:>9,.0f} events/s  "
        f"{sent_bytes / elapsed / 1e6:6.1f} MB/s  errors={errors}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bootstrap", default=os.environ.get("ACTIVITY_TRACKER_TEST_KAFKA", "127.0.0.1:19092"))
    parser.add_argument("--records", type=int, default=200_000, help="per run (default 200000)")
    parser.add_argument("--seconds", type=float, default=30.0, help="per run, before the final flush (default 30)")
    parser.add_argument("--shapes", default="event,batch")
    parser.add_argument("--codecs", default=",".join(CODECS), help="unavailable ones are skipped")
    parser.add_argument("--linger-ms", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=64 * 1024)
    parser.add_argument("--partitions", type=int, default=6)
    args = parser.parse_args()

    topic = f"bench-producer-{uuid.uuid4().hex[:8]}"
    with KafkaAdminClient(bootstrap_servers=args.bootstrap) as admin:
        admin.create_topics({topic: {"num_partitions": args.partitions}}, wait_for_metadata=True)
    try:
        for codec in args.codecs.split(","):
            if not CODECS[codec]():
                print(f"{codec}: skipped, its Python package is not installed")
                continue
            for shape in args.shapes.split(","):
                run(args.bootstrap, topic, shape, codec, args)
    finally:
        with KafkaAdminClient(bootstrap_servers=args.bootstrap) as admin:
            admin.delete_topics([topic])


if __name__ == "__main__":
    main()
