"""Benchmarks 1 and 2: the collector's accepted events/s under load from a separate process (wrk).

Every run is interleaved with its baselines (A B A B …) so that the shared
machine's noise falls on both alike; each figure is the median over rounds.

1. ``activity-tracker serve`` on the embedded log (collector, aggregator and
   dashboards in one process, as users run it) vs ``baseline_app.py``, a bare
   Starlette app that only parses the same bodies.
2. ``activity-tracker collect --kafka`` (the collector role, as scaled out) vs
   the same baseline, and vs ``naive_collector.py`` (one event per request,
   one synchronous Kafka send per request) under the same wrk load with
   one-event bodies.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Callable

from bench import profile
from bench.common import (
    KAFKA,
    Row,
    Section,
    Server,
    Workdir,
    bench_app,
    fmt_rate,
    kafka_up,
    metric,
    tracker_server,
)
from bench.load import LoadResult, wrk

CONNECTIONS = 32
EVENTS = 20


def _measure(server: Server, seconds: float, events: int = EVENTS, max_requests: int = 2_000_000,
             profile_to: Path | None = None) -> LoadResult:
    wrk(server.url + "/api/collect", seconds=1, events=events, connections=CONNECTIONS, max_requests=2000)  # warm
    spy = profile.record(server.pid, seconds - 1, profile_to) if profile_to is not None else None
    result = wrk(server.url + "/api/collect", seconds=seconds, events=events, connections=CONNECTIONS,
                 max_requests=max_requests)
    if spy is not None:
        spy.wait(30)
    return result


def _rounds(contenders: dict[str, Callable[[], Server]], rounds: int, seconds: float, events: dict[str, int],
            profiles: dict[str, Path]) -> dict[str, list[LoadResult]]:
    """Run each contender ``rounds`` times, interleaved; a fresh server (and data dir) every time."""
    results: dict[str, list[LoadResult]] = {name: [] for name in contenders}
    for r in range(rounds):
        for name, make in contenders.items():
            with make() as server:
                prof = profiles.get(name) if r == rounds - 1 else None
                result = _measure(server, seconds, events.get(name, EVENTS), profile_to=prof)
                if result.other:
                    raise RuntimeError(f"{name}: {result.other} requests were not answered 202 (see {server.log})")
                if name.startswith("activity-tracker"):  # /metrics is served by our app only
                    durable = metric(server, "activity_events_accepted_total")
                    # every 202 counted by wrk is durable in the log (the server may have accepted a few more)
                    if durable < result.requests * result.events_per_request:
                        raise RuntimeError(f"{name}: wrk saw more 202s than the server made durable")
                results[name].append(result)
    return results


def _median_rate(results: list[LoadResult]) -> float:
    return statistics.median(r.events_per_s for r in results)


def embedded(quick: bool, profile_dir: Path) -> Section:
    section = Section("1. Collector, embedded log")
    rounds, seconds = (1, 4) if quick else (3, 12)
    with Workdir("collector") as root:
        counter = iter(range(1000))
        contenders = {
            "baseline": lambda: bench_app("baseline_app"),
            "activity-tracker collector": lambda: bench_app("collector_only", "--data-dir",
                                                            str(root / f"c{next(counter)}"), name="collector"),
            "activity-tracker serve": lambda: tracker_server(root / f"d{next(counter)}"),
        }
        prof = profile_dir / "collector-embedded.txt"
        results = _rounds(contenders, rounds, seconds, {}, {"activity-tracker collector": prof})
    base = _median_rate(results["baseline"])
    ours = _median_rate(results["activity-tracker collector"])
    serve = _median_rate(results["activity-tracker serve"])
    ratio = ours / base
    section.rows.append(Row(
        "1 collector (embedded)", "accepted events/s, 20-event beacons (collector role, embedded log)",
        fmt_rate(ours), f"bare Starlette parse-only: {fmt_rate(base)}", f"{ratio:.2f}", "≥ 0.70", ratio >= 0.70,
    ))
    section.rows.append(Row(
        "1 serve (embedded, all roles)", "accepted events/s, same load on `activity-tracker serve`",
        fmt_rate(serve), f"bare Starlette parse-only: {fmt_rate(base)}", f"{serve / base:.2f}", "(report)", None,
    ))
    p99 = statistics.median(r.latency_p99_ms for r in results["activity-tracker collector"])
    section.notes.append(
        f"wrk: {CONNECTIONS} connections, {rounds} interleaved round(s) of {seconds} s, medians; per round "
        f"baseline {[round(r.events_per_s) for r in results['baseline']]}, collector "
        f"{[round(r.events_per_s) for r in results['activity-tracker collector']]}, serve "
        f"{[round(r.events_per_s) for r in results['activity-tracker serve']]} events/s; collector p99 latency "
        f"{p99:.0f} ms (a 202 waits for the fsync of its group commit). Every 202 counted by wrk was checked "
        "against the server's activity_events_accepted_total (events made durable). The collector row runs "
        "`bench/collector_only.py`: the same Runtime and create_app as `serve` with the aggregator and dashboards "
        "left out (the embedded log cannot run them in another process); the serve row is the whole product in one "
        "process, where the aggregator works through the same log on the same GIL."
    )
    section.notes.append("Profile of the collector (py-spy, GIL holder, last round):\n```\n"
                         + profile.summarise(prof, top=14) + "\n```")
    return section


def kafka(quick: bool, profile_dir: Path, baseline_rate: float | None = None) -> Section:
    section = Section("2. Collector, Kafka mode")
    if not kafka_up():
        section.notes.append(f"Skipped: no Kafka broker at {KAFKA} (scripts/kafka-dev start).")
        return section
    rounds, seconds = (1, 4) if quick else (2, 12)
    with Workdir("collector-kafka") as root:
        counter = iter(range(1000))
        contenders = {
            "baseline": lambda: bench_app("baseline_app"),
            "activity-tracker collect --kafka": lambda: tracker_server(
                root / f"k{next(counter)}", "--kafka", KAFKA, command="collect", name="collect-kafka"),
            "naive": lambda: bench_app("naive_collector", "--kafka", KAFKA),
        }
        prof = profile_dir / "collector-kafka.txt"
        results = _rounds(contenders, rounds, seconds, {"naive": 1}, {"activity-tracker collect --kafka": prof})
    base = _median_rate(results["baseline"])
    ours = _median_rate(results["activity-tracker collect --kafka"])
    naive = _median_rate(results["naive"])
    section.rows.append(Row(
        "2 collector (Kafka)", "accepted events/s, 20-event beacons",
        fmt_rate(ours), f"bare Starlette parse-only: {fmt_rate(base)}", f"{ours / base:.2f}", "≥ 0.50",
        ours / base >= 0.50,
    ))
    section.rows.append(Row(
        "2 collector (Kafka)", "accepted events/s vs the naive design",
        fmt_rate(ours), f"one event + one sync send per request: {fmt_rate(naive)}", f"{ours / naive:.1f}×",
        "≥ 10×", ours / naive >= 10,
    ))
    section.notes.append(
        f"Same wrk load ({CONNECTIONS} connections, {rounds} interleaved round(s) of {seconds} s); the naive "
        f"collector gets one-event bodies. Per round: baseline {[round(r.events_per_s) for r in results['baseline']]}, "
        f"ours {[round(r.events_per_s) for r in results['activity-tracker collect --kafka']]}, naive "
        f"{[round(r.events_per_s) for r in results['naive']]} events/s. The broker runs on the same 2 cores."
    )
    section.notes.append("Profile (py-spy, GIL holder, last round):\n```\n" + profile.summarise(prof, top=14) + "\n```")
    return section


if __name__ == "__main__":
    import sys

    out = Path("/tmp/bench-profiles")
    out.mkdir(exist_ok=True)
    started = time.monotonic()
    which = sys.argv[1] if len(sys.argv) > 1 else "embedded"
    sec = embedded("--quick" in sys.argv, out) if which == "embedded" else kafka("--quick" in sys.argv, out)
    for row in sec.rows:
        print(row)
    print("\n".join(sec.notes))
    print(f"took {time.monotonic() - started:.0f} s")
