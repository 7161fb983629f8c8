"""Query time of /api/stats over a month of generated traffic.

Generates 30 days of ``simulate`` traffic (with a long tail of blog pages, so
breakdowns have thousands of rows), aggregates it in-process through the real
embedded log, aggregator and rollup store, then times ``stats.answer`` —
what ``GET /api/stats`` runs, minus HTTP — for typical questions, each run
several times (median and worst). Wall-clock figures on a shared machine:
read them as an order of magnitude.

    python bench/stats_query.py [--visitors 20000] [--pages 2000] [--runs 7]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest_server import stats  # noqa: E402
from ingest_server.aggregator import Aggregator  # noqa: E402
from ingest_server.eventlog import EVENTS_TOPIC, ROLLUPS_TOPIC  # noqa: E402
from ingest_server.rollup_store import Retention, RollupStore  # noqa: E402
from ingest_server.simulate import Traffic  # noqa: E402
from ingest_server.sqlite_log import SqliteLog  # noqa: E402

SITE = "demo.example"
QUERIES = {
    "30d totals + daily series": [("period", "30d")],
    "30d page breakdown, top 10": [("period", "30d"), ("breakdown", "page"), ("metrics", "visitors,pageviews")],
    "30d page breakdown, rows 41-50": [("period", "30d"), ("breakdown", "page"), ("page", "5"), ("metrics", "pageviews")],
    "30d source breakdown, all metrics": [("period", "30d"), ("breakdown", "source")],
    "30d filtered source==search, pages": [("period", "30d"), ("filters", "source==search"), ("breakdown", "page")],
    "30d hourly series (720 points)": [("period", "30d"), ("interval", "hour"), ("metrics", "visitors,pageviews")],
    "30d vs previous 30d": [("period", "30d"), ("compare", "previous"), ("metrics", "visitors,visits,pageviews")],
    "today vs yesterday so far": [("period", "today"), ("compare", "previous")],
}


def load(root: Path, visitors: int, pages: int) -> tuple[RollupStore, int]:
    """A month of traffic through log -> aggregator -> store; returns the store and the event count."""
    now = int(time.time() * 1000)
    log = SqliteLog(root / "log.sqlite3")
    tail = random.Random(3)
    events = 0
    batch: list[tuple[bytes, bytes]] = []
    for visit in Traffic(SITE, days=30, visitors=visitors, seed=1, end_ms=now):
        if visit.bot:
            continue
        for event in visit.events:  # spread blog reads over a long tail of posts (log-uniform: Zipf-like)
            if "/blog/" in event["url"]:
                event["url"] = f"https://{SITE}/blog/post-{int(pages ** tail.random())}"
        vid = int.from_bytes(hashlib.blake2b(f"{visit.ip}|{visit.ua}".encode(), digest_size=8).digest(), "big") >> 1
        record = {"site": SITE, "rt": now, "vid": vid, "pvid": None, "ua": visit.ua, "country": None,
                  "events": visit.events}
        batch.append((vid.to_bytes(8, "big"), orjson.dumps(record)))
        events += len(visit.events)
        if len(batch) == 500:
            log.produce_sync(EVENTS_TOPIC, batch)
            batch = []
    log.produce_sync(EVENTS_TOPIC, batch)
    aggregator = Aggregator(log)
    consumer = log.consumer(EVENTS_TOPIC, "bench")
    aggregator._consumer = consumer
    aggregator._on_assign(consumer.assignment())
    store = RollupStore(root / "rollups.sqlite3", retention=Retention())  # the defaults: minutes kept 2 days
    rollups = log.consumer(ROLLUPS_TOPIC, None)
    while records := consumer.poll(0, max_records=2000):
        aggregator.process(records)
        aggregator.flush()
        while applied := rollups.poll(0, max_records=50):
            store.apply(applied)
    log.close()
    return store, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visitors", type=int, default=20_000)
    parser.add_argument("--pages", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        store, events = load(Path(tmp), args.visitors, args.pages)
        loaded = time.perf_counter() - started
        rows = store._reader().execute("SELECT span, COUNT(*) FROM rollups GROUP BY span").fetchall()
        size = sum(f.stat().st_size for f in Path(tmp).glob("rollups.sqlite3*"))
        print(f"month: {args.visitors:,} visitors, {events:,} events, {args.pages:,} blog pages; "
              f"loaded in {loaded:.0f} s; rollup rows {dict(rows)}; store {size / 2**20:.0f} MiB")
        now = int(time.time() * 1000)
        for name, params in QUERIES.items():
            query = stats.parse_query([("site", SITE), *params], now, store.retention)
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                body = stats.answer(store, query)
                times.append(time.perf_counter() - t)
            shown = (f"{len(body['breakdown']['results'])} of {body['breakdown']['total']} rows" if "breakdown" in body
                     else f"{len(body['series'])} points")
            _report(name, times, shown)
        for period in ("today", "30d"):  # the live snapshot, built on the event loop; past days' cache emptied
            times = []
            for _ in range(args.runs):
                store._history_cache.clear()
                t = time.perf_counter()
                store.snapshot(SITE, period)
                times.append(time.perf_counter() - t)
            _report(f"snapshot {period} (uncached)", times, "")
        store.close()


def _report(name: str, times: list[float], shown: str) -> None:
    print(f"  {name:38s} median {statistics.median(times) * 1000:7.1f} ms, worst {max(times) * 1000:7.1f} ms  {shown}")


if __name__ == "__main__":
    main()
