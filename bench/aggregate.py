"""Benchmark 5: the aggregator on one core, from a pre-filled embedded log.

Two data sets, each written to a fresh ``SqliteLog`` by one subprocess and
aggregated by another (pinned to one CPU, so RSS and CPU are the aggregator's
own):

  mix  beacons of 20 events (page views, clicks, engagement, goals with
       properties) from a few thousand visitors over an hour: events/s.
  day  1M distinct visitors spread over one UTC day, a page view and an
       engagement event each: RSS growth (open visits, dedupe ids, sources).

``Aggregator.process`` and ``flush`` are driven directly, with a flush every
0.1 s of work as ``Aggregator.run`` does. The baseline, in the same process, is
reading the same records and decoding them (orjson) without aggregating.

    python bench/aggregate.py fill --log DIR --set mix --beacons 10000
    python bench/aggregate.py run --log DIR
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import orjson
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Section  # noqa: E402
from ingest_server.aggregator import GROUP, Aggregator  # noqa: E402
from ingest_server.eventlog import EVENTS_TOPIC  # noqa: E402
from ingest_server.sqlite_log import SqliteLog  # noqa: E402
from ingest_server.useragent import parse_user_agent  # noqa: E402

DAY_MS = 86_400_000
PAGES = [f"/docs/page-{i}" for i in range(40)] + ["/", "/pricing", "/signup", "/blog/launch", "/about"]
REFS = ["", "", "https://www.google.com/", "https://news.ycombinator.com/", "https://twitter.com/x/status/1",
        "https://duckduckgo.com/", "https://example.org/links", "https://mail.google.com/"]
UAS = [
    f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0 Safari/537.36"
    for v in range(110, 126)
] + [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
    "Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
]


def _event(rng: random.Random, n: int, ts: int, visitor: int) -> dict[str, object]:
    page = PAGES[rng.randrange(len(PAGES))]
    url = f"https://example.com{page}" + ("?utm_source=newsletter&utm_medium=email" if n % 7 == 0 else "")
    base = {"id": f"e{visitor:x}-{n}-{rng.getrandbits(32):x}", "ts": ts, "url": url, "sid": f"s{visitor:x}"}
    kind = n % 5
    if kind in (0, 1):
        return {**base, "type": "pageview", "ref": REFS[rng.randrange(len(REFS))], "title": page.title()}
    if kind == 2:
        return {**base, "type": "click", "props": {"el": "button"}}
    if kind == 3:
        return {**base, "type": "engagement", "ms": rng.randrange(60_000), "scroll": rng.randrange(101)}
    return {**base, "type": "custom", "name": "signup", "props": {"plan": rng.choice(["free", "pro"])}}


def _record(site: str, rt: int, visitor: int, ua: str, events: list[dict[str, object]]) -> bytes:
    return orjson.dumps({"site": site, "rt": rt, "vid": visitor, "pvid": None, "ua": ua, "country": None,
                         "events": events})


def fill(log_dir: Path, data_set: str, beacons: int) -> dict[str, int]:
    """Append ``beacons`` records of the data set; return counts."""
    rng = random.Random(7)
    log = SqliteLog(log_dir / "log.sqlite3")
    now = int(time.time() * 1000)
    events = 0
    batch: list[tuple[bytes | None, bytes]] = []
    if data_set == "mix":
        start = now - 3_600_000
        visitors = [rng.getrandbits(63) for _ in range(max(10, beacons // 5))]
        for i in range(beacons):
            rt = start + i * 3_600_000 // beacons
            visitor = visitors[rng.randrange(len(visitors))]
            evs = [_event(rng, i * 20 + j, rt - 20 + j, visitor) for j in range(20)]
            events += len(evs)
            batch.append((visitor.to_bytes(8, "big"), _record("example.com", rt, visitor, UAS[visitor % len(UAS)], evs)))
            if len(batch) >= 2000:
                log.produce_sync(EVENTS_TOPIC, batch)
                batch = []
    else:  # day: one visit of two events per visitor, visitors spread evenly over one UTC day
        day = now - now % DAY_MS - DAY_MS
        for i in range(beacons):
            rt = day + i * DAY_MS // beacons
            visitor = rng.getrandbits(63)
            page = PAGES[i % len(PAGES)]
            evs = [
                {"id": f"p{i:x}", "type": "pageview", "ts": rt, "url": f"https://example.com{page}",
                 "ref": REFS[i % len(REFS)]},
                {"id": f"g{i:x}", "type": "engagement", "ts": rt + 5000, "url": f"https://example.com{page}",
                 "ms": 5000, "scroll": 50},
            ]
            events += 2
            batch.append((visitor.to_bytes(8, "big"), _record("example.com", rt + 5000, visitor,
                                                              UAS[i % len(UAS)], evs)))
            if len(batch) >= 5000:
                log.produce_sync(EVENTS_TOPIC, batch)
                batch = []
    if batch:
        log.produce_sync(EVENTS_TOPIC, batch)
    log.close()
    return {"records": beacons, "events": events}


def _rss() -> int:
    return int(psutil.Process().memory_info().rss)


def decode_only(log_dir: Path) -> dict[str, float]:
    """The baseline: read every record and decode it, nothing else."""
    log = SqliteLog(log_dir / "log.sqlite3")
    consumer = log.consumer(EVENTS_TOPIC, None)
    events = 0
    started = time.process_time()
    while True:
        records = consumer.poll(0, max_records=5000)
        if not records:
            break
        for record in records:
            events += len(orjson.loads(record.value)["events"])
    took = time.process_time() - started
    consumer.close()
    log.close()
    return {"events": events, "cpu_s": took, "events_per_s": events / took if took else 0.0}


def aggregate(log_dir: Path, profile: Path | None = None) -> dict[str, float]:
    """Drive ``Aggregator.process`` + ``flush`` over the whole log, as ``Aggregator.run`` would."""
    log = SqliteLog(log_dir / "log.sqlite3")
    aggregator = Aggregator(log)
    consumer = log.consumer(EVENTS_TOPIC, GROUP, on_assign=None)
    aggregator._consumer = consumer  # what Aggregator.run does before it polls
    aggregator._on_assign(consumer.assignment())
    parse_user_agent("")  # the UA parser's one-off start-up (a server pays it once, before any beacon)
    parse_user_agent(UAS[0])
    rss_before = _rss()
    flushes = 0
    profiler = None
    if profile is not None:
        import pyinstrument

        profiler = pyinstrument.Profiler(interval=0.0005)
        profiler.start()
    started = time.process_time()
    wall = time.perf_counter()
    last_flush = started
    while True:
        records = consumer.poll(0, max_records=5000)
        if not records:
            break
        for i in range(0, len(records), 500):  # as in run(): flush at least every 0.1 s of work
            chunk = records[i:i + 500]
            aggregator.process(chunk)
            if time.process_time() - last_flush >= 0.1:
                aggregator.flush()
                flushes += 1
                last_flush = time.process_time()
    aggregator.flush()
    took = time.process_time() - started
    wall = time.perf_counter() - wall
    if profiler is not None:
        profiler.stop()
        profile.write_text(profiler.output_text(unicode=False, color=False, show_all=False))
    rss_after = _rss()
    processed = aggregator.processed
    consumer.close()
    log.close()
    return {"records": processed, "cpu_s": took, "wall_s": wall, "flushes": flushes,
            "rss_before": rss_before, "rss_after": rss_after}


def _call(*args: str, timeout: float = 1200) -> dict[str, float]:
    from bench.common import run_quiet

    proc = run_quiet([sys.executable, __file__, *args], timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"aggregate.py {args[0]} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench(quick: bool, profile_dir: Path) -> Section:
    import shutil
    import statistics

    from bench.common import Row, Workdir

    section = Section("5. Aggregator")
    mix_beacons = 2_000 if quick else 10_000
    day_visitors = 100_000 if quick else 1_000_000
    rounds = 1 if quick else 3
    cpu = str(max(0, (os.cpu_count() or 1) - 1))
    with Workdir("aggregate") as root:
        pristine = root / "mix"
        pristine.mkdir()
        filled = _call("fill", "--log", str(pristine), "--set", "mix", "--beacons", str(mix_beacons))
        rates, base_rates = [], []
        for r in range(rounds):
            for what in ("decode", "run"):
                work = root / f"{what}{r}"
                shutil.copytree(pristine, work)
                extra = ["--profile", str(profile_dir / "aggregator.txt")] if (what == "run" and r == 0) else []
                result = _call(what, "--log", str(work), "--cpu", cpu, *extra)
                if what == "run":
                    if r > 0 or not extra:
                        rates.append(filled["events"] / result["cpu_s"])
                else:
                    base_rates.append(result["events_per_s"])
                shutil.rmtree(work)
        if not rates:  # quick: the only round was profiled; run once more unprofiled
            work = root / "again"
            shutil.copytree(pristine, work)
            rates.append(filled["events"] / _call("run", "--log", str(work), "--cpu", cpu)["cpu_s"])
        day = root / "day"
        day.mkdir()
        day_filled = _call("fill", "--log", str(day), "--set", "day", "--beacons", str(day_visitors))
        day_run = _call("run", "--log", str(day), "--cpu", cpu, timeout=3600)
    rate = statistics.median(rates)
    base = statistics.median(base_rates)
    section.rows.append(Row(
        "5 aggregator", f"events/s on one core ({filled['events']:,} events, mixed types)", f"{rate:,.0f} events/s",
        f"reading + decoding the same records only: {base:,.0f} events/s", f"{rate / 50_000:.2f} of target "
        f"({rate / base:.2f} of decode-only)", "≥ 50,000 events/s", rate >= 50_000,
    ))
    growth = (day_run["rss_after"] - day_run["rss_before"]) / 2**20
    section.rows.append(Row(
        "5 aggregator", f"RSS growth, {day_visitors:,} distinct visitors in one day ({day_filled['events']:,} events)",
        f"{growth:.0f} MB", f"RSS before: {day_run['rss_before'] / 2**20:.0f} MB",
        f"{growth / 100:.2f} of target", "≤ 100 MB", growth <= 100,
    ))
    section.notes.append(
        f"Process CPU time (one pinned core, flush every 0.1 s of work as in Aggregator.run, each flush a durable "
        f"SQLite commit). Per round: {[round(x) for x in rates]} events/s; decode-only {[round(x) for x in base_rates]}. "
        f"1M-visitor day: {day_filled['events'] / day_run['cpu_s']:,.0f} events/s."
    )
    prof = profile_dir / "aggregator.txt"
    if prof.exists():
        section.notes.append("Profile (pyinstrument, first round; its overhead inflates call-heavy code):\n```\n"
                             + "\n".join(prof.read_text().splitlines()[8:48]) + "\n```")
    return section


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["fill", "run", "decode", "bench"])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--log", type=Path, default=Path("."))
    parser.add_argument("--set", default="mix", choices=["mix", "day"])
    parser.add_argument("--beacons", type=int, default=10_000)
    parser.add_argument("--cpu", type=int, default=None, help="pin to this CPU")
    parser.add_argument("--profile", type=Path, default=None)
    args = parser.parse_args()
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})
    if args.what == "bench":
        print(bench(args.quick, Path("/tmp")))
        return
    if args.what == "fill":
        result: dict[str, float] = dict(fill(args.log, args.set, args.beacons))
    elif args.what == "decode":
        result = decode_only(args.log)
    else:
        result = aggregate(args.log, args.profile)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
