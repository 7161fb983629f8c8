"""Memory per 1M distinct visitors a day: open visits, dedupe ids and unique-count sketches.

Feeds 1,000,000 distinct visitor ids through what the aggregator and the
rollup store keep for them, one part at a time, and prints what each costs:

  visits     the sessionizer + each open visit's source (aggregator state),
             1M visitors spread over a UTC day, two events a visit, expired
             as the aggregator does; and the worst case, 1M open at once
  dedupe     the recent event ids (8 bytes each once sealed) for a day of
             2M events; what a --max-event-age of 40 days multiplies that to
  sketches   the HyperLogLog sketches the store writes for a day: per minute,
             hour and day (bytes on disk per segment), and in memory

Open visits are measured with tracemalloc; dedupe ids and sketches (C++) by
RSS growth and serialised size. Bounded: about a minute on an idle machine.

    python bench/analytics_memory.py [--visitors 1000000]
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
import tracemalloc
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest_server.dedupe import RecentIds  # noqa: E402
from ingest_server.segments import VisitSources  # noqa: E402
from ingest_server.sessions import Sessionizer  # noqa: E402
from ingest_server.sketches import UniqueCounter, union  # noqa: E402

DAY = 86_400_000
TIMEOUT = 30 * 60_000
MiB = 1024 * 1024


def _traced(label: str, work: object) -> tuple[int, int]:
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    keep = work()  # type: ignore[operator]
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  {label}: {current / MiB:.1f} MiB held, {peak / MiB:.1f} MiB peak ({time.perf_counter() - started:.1f} s)")
    del keep
    return current, peak


def visits(n: int) -> None:
    print(f"aggregator state for {n:,} visitors")
    ids = random.Random(1).sample(range(1, 2**63), n)

    def a_day() -> tuple[Sessionizer, VisitSources]:
        sessions, sources = Sessionizer(), VisitSources(TIMEOUT)
        step = DAY // n
        for i, visitor in enumerate(ids):
            ts = i * step
            sessions.observe(visitor, ts, "/")
            sources.observe(visitor, None, ts, "search")
            sessions.observe(visitor, ts + 60_000, "/pricing")
            sources.observe(visitor, None, ts + 60_000, None)
            if i % 100 == 0:  # the aggregator expires after every record
                sessions.expire(ts)
                sources.expire(ts)
        return sessions, sources

    def all_open() -> tuple[Sessionizer, VisitSources]:
        sessions, sources = Sessionizer(), VisitSources(TIMEOUT)
        for i, visitor in enumerate(ids):
            sessions.observe(visitor, i % TIMEOUT, "/")
            sources.observe(visitor, None, i % TIMEOUT, "search")
        return sessions, sources

    _, peak = _traced("spread over a day (sessionizer + sources)", a_day)
    held, _ = _traced("all open at once (worst case)", all_open)
    print(f"  => {held / n:.0f} bytes per open visit; a day's peak {peak / MiB:.1f} MiB")


def dedupe(n: int) -> None:
    events = 2 * n
    print(f"dedupe ids for {events:,} events in a day")
    process = psutil.Process()
    gc.collect()
    rss = process.memory_info().rss
    started = time.perf_counter()
    seen = RecentIds(DAY)
    step = DAY // events
    for i in range(events):
        seen.seen_or_add("example.com", f"e{i}", i * step)
    seen.seen_or_add("example.com", "seal", DAY)  # the next hour seals the last one
    held = process.memory_info().rss - rss
    print(f"  24 h window: {held / MiB:.1f} MiB RSS ({time.perf_counter() - started:.1f} s)")
    print(f"  => {held / events:.1f} bytes per id; a 40-day --max-event-age keeps 40 days: "
          f"{40 * held / MiB:.0f} MiB at this rate")


def sketches(n: int) -> None:
    print(f"unique-count sketches for {n:,} visitors in a day")
    rng = random.Random(2)
    process = psutil.Process()
    gc.collect()
    rss = process.memory_info().rss
    day = UniqueCounter()
    hours = [UniqueCounter() for _ in range(24)]
    minutes = [UniqueCounter() for _ in range(1440)]
    started = time.perf_counter()
    for i in range(n):
        visitor = rng.getrandbits(63)
        minute = i * 1440 // n
        day.add(visitor)
        hours[minute // 60].add(visitor)
        minutes[minute].add(visitor)
    grown = process.memory_info().rss - rss
    blob = {"day": len(day.to_bytes()), "hours": sum(len(h.to_bytes()) for h in hours),
            "minutes": sum(len(m.to_bytes()) for m in minutes)}
    error = abs(union(hours).estimate() - n) / n
    print(f"  in memory, all 1,465 at once: {grown / MiB:.1f} MiB RSS ({time.perf_counter() - started:.1f} s)")
    print(f"  on disk per segment and day: day {blob['day'] / 1024:.1f} KiB, hours {blob['hours'] / 1024:.0f} KiB, "
          f"minutes {blob['minutes'] / 1024:.0f} KiB (minutes are pruned after --minute-retention)")
    print(f"  union of the 24 hours: {error:.2%} from exact")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visitors", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {args.visitors:,} distinct visitors")
    sketches(args.visitors)  # first: RSS growth is only meaningful before memory has been freed
    dedupe(args.visitors)
    visits(args.visitors)


if __name__ == "__main__":
    main()
