from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

from ingest_server.aggregator import Aggregator
from ingest_server.eventlog import DEADLETTER_TOPIC, EVENTS_TOPIC, ROLLUPS_TOPIC
from ingest_server.rollup_store import RollupStore
from ingest_server.sqlite_log import SqliteLog

CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


def beacon(vid: int, events: list[dict[str, Any]], *, ua: str = CHROME, site: str = "example.com") -> tuple[bytes, bytes]:
    now = int(time.time() * 1000)
    record = {"site": site, "rt": now, "vid": vid, "pvid": None, "ua": ua, "country": "DE", "events": events}
    return vid.to_bytes(8, "big"), orjson.dumps(record)


def ev(eid: str, kind: str = "pageview", path: str = "/", **extra: Any) -> dict[str, Any]:
    return {"id": eid, "type": kind, "ts": int(time.time() * 1000), "url": f"https://example.com{path}", **extra}


class Pipeline:
    """The embedded pipeline, stepped by hand: log -> aggregator -> rollups -> store."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.log = SqliteLog(root / "log.sqlite3", partitions=2)
        self.store = RollupStore(root / "rollups.sqlite3")
        self.aggregator = self._aggregator()
        self.rollups = self.log.consumer(ROLLUPS_TOPIC, None)
        for p, o in self.store.positions().items():
            self.rollups.seek(p, o)

    def _aggregator(self) -> Aggregator:
        agg = Aggregator(self.log)
        consumer = self.log.consumer(EVENTS_TOPIC, "test", on_assign=None)
        agg._consumer = consumer
        agg._on_assign(consumer.assignment())
        return agg

    def step(self) -> None:
        consumer = self.aggregator._consumer
        while records := consumer.poll(0):
            self.aggregator.process(records)
        self.aggregator.flush()
        while records := self.rollups.poll(0):
            self.store.apply(records)

    def restart(self) -> None:
        self.aggregator._consumer.close()
        self.rollups.close()
        self.log.close()
        self.__init__(self.root)  # type: ignore[misc]

    def close(self) -> None:
        self.log.close()


@pytest.fixture
def pipe(tmp_path: Path):
    p = Pipeline(tmp_path)
    yield p
    p.close()


def test_counts_pages_types_goals_and_sources(pipe: Pipeline) -> None:
    pipe.log.produce_sync(EVENTS_TOPIC, [
        beacon(1, [ev("a1", path="/?utm_source=News", ref="https://www.google.com/search"),
                   ev("a2", "click", path="/", name="Buy"),
                   ev("a3", "custom", path="/", name="signup", props={"plan": "pro"})]),
        beacon(2, [ev("b1", path="/pricing"), ev("b2", path="/docs")]),
        beacon(2, [ev("b3", "outbound", path="/docs", target="https://other.example/x")]),
    ])
    pipe.step()
    snap = pipe.store.snapshot("example.com")
    assert snap["totals"]["pageviews"] == 3
    assert snap["totals"]["events"] == 6
    assert snap["totals"]["visitors"] == 2
    assert snap["totals"]["visits"] == 2
    assert snap["totals"]["bounce_rate"] == 0.5  # visitor 1 saw one page, visitor 2 two
    assert snap["current_visitors"] == 2
    assert snap["top_pages"] == [["/", 1], ["/docs", 1], ["/pricing", 1]]
    assert snap["entry_pages"] == [["/", 1], ["/pricing", 1]]
    assert snap["exit_pages"] == [["/", 1], ["/docs", 1]]
    assert dict(snap["event_types"]) == {"pageview": 3, "click": 1, "custom": 1, "outbound": 1}
    assert snap["referrers"] == [["google.com", 1]]
    assert dict(snap["sources"]) == {"search": 1, "direct": 1}
    assert snap["utm_sources"] == [["news", 1]]
    assert snap["countries"] == [["DE", 2]]
    assert snap["goals"] == [{"name": "signup", "count": 1, "visitors": 1, "props": {"plan": [["pro", 1]]}}]
    assert snap["outbound"] == [["https://other.example/x", 1]]
    assert [e["id"] for e in snap["latest"]][:1] == ["b3"]
    assert sum(m["events"] for m in snap["series"]) == 6


def test_resent_ids_are_counted_once_even_across_a_restart(pipe: Pipeline) -> None:
    pipe.log.produce_sync(EVENTS_TOPIC, [beacon(1, [ev("x1"), ev("x2", "click")])])
    pipe.step()
    pipe.log.produce_sync(EVENTS_TOPIC, [beacon(1, [ev("x1"), ev("x2", "click"), ev("x3", "click")])])
    pipe.step()
    assert pipe.store.snapshot("example.com")["totals"]["events"] == 3
    pipe.restart()
    pipe.log.produce_sync(EVENTS_TOPIC, [beacon(1, [ev("x1"), ev("x3", "click")])])
    pipe.step()
    snap = pipe.store.snapshot("example.com")
    assert snap["totals"]["events"] == 3
    assert snap["totals"]["visits"] == 1  # the replayed window kept the open visit: no second visit


def test_counts_survive_restart_without_double_counting(pipe: Pipeline) -> None:
    pipe.log.produce_sync(EVENTS_TOPIC, [beacon(v, [ev(f"e{v}")]) for v in range(1, 21)])
    pipe.step()
    pipe.restart()
    pipe.step()  # nothing new: the committed offsets cover everything
    snap = pipe.store.snapshot("example.com")
    assert snap["totals"]["pageviews"] == 20
    assert snap["totals"]["visitors"] == 20


def test_uncommitted_work_is_redone_after_a_crash(pipe: Pipeline) -> None:
    pipe.log.produce_sync(EVENTS_TOPIC, [beacon(1, [ev("c1")]), beacon(2, [ev("c2")])])
    consumer = pipe.aggregator._consumer
    while records := consumer.poll(0):
        pipe.aggregator.process(records)
    # crash before flush: nothing was committed, so a new aggregator does it all
    pipe.restart()
    pipe.step()
    assert pipe.store.snapshot("example.com")["totals"]["pageviews"] == 2


def test_bots_are_dropped_and_counted(pipe: Pipeline) -> None:
    pipe.log.produce_sync(EVENTS_TOPIC, [
        beacon(1, [ev("h1")], ua="Googlebot/2.1 (+http://www.google.com/bot.html)"),
        beacon(2, [ev("h2", wd=True)]),
        beacon(3, [ev("h3")]),
    ])
    pipe.step()
    totals = pipe.store.snapshot("example.com")["totals"]
    assert totals["pageviews"] == 1
    assert totals["bots"] == 2


def test_unprocessable_record_goes_to_dead_letters_and_does_not_block(pipe: Pipeline) -> None:
    pipe.log.produce_sync(EVENTS_TOPIC, [(b"\0" * 8, b"not json"), beacon(1, [ev("ok1")])])
    pipe.step()
    assert pipe.store.snapshot("example.com")["totals"]["pageviews"] == 1
    dead = pipe.log.consumer(DEADLETTER_TOPIC, None).poll(0)
    assert [r.value for r in dead] == [b"not json"]
    assert orjson.loads(dead[0].key)["topic"] == EVENTS_TOPIC


def test_engagement_and_sessions(pipe: Pipeline) -> None:
    now = int(time.time() * 1000)
    pipe.log.produce_sync(EVENTS_TOPIC, [beacon(7, [
        {**ev("s1", path="/a"), "ts": now - 60_000},
        {**ev("s2", "engagement", path="/a"), "ts": now - 30_000, "ms": 4000, "scroll": 80},
        {**ev("s3", path="/b"), "ts": now},
    ])])
    pipe.step()
    snap = pipe.store.snapshot("example.com")
    assert snap["totals"]["visits"] == 1
    assert snap["totals"]["bounce_rate"] == 0.0
    assert snap["totals"]["visit_duration_s"] == 60.0
    assert snap["totals"]["pages_per_visit"] == 2.0
    assert snap["engagement"] == {"avg_time_ms": 4000, "avg_scroll": 80}
    assert snap["exit_pages"] == [["/b", 1]]


def test_run_loop_stops_and_flushes(tmp_path: Path) -> None:
    log = SqliteLog(tmp_path / "log.sqlite3")
    log.produce_sync(EVENTS_TOPIC, [beacon(1, [ev("r1")])])
    agg = Aggregator(log, flush_interval_s=0.05)
    stop = threading.Event()
    thread = threading.Thread(target=agg.run, args=(stop,))
    thread.start()
    rollups = log.consumer(ROLLUPS_TOPIC, None)
    got = rollups.poll(10)
    stop.set()
    thread.join(10)
    assert not thread.is_alive()
    assert orjson.loads(got[0].value)["site"] == "example.com"
    log.close()


def test_goal_properties_keep_keys_and_values_with_separators(pipe: Pipeline) -> None:
    pipe.log.produce_sync(EVENTS_TOPIC, [beacon(1, [
        ev("g1", "custom", name="Signup", props={"a=b": "c=d", "n": 3, "ok": True}),
    ])])
    pipe.step()
    goal = pipe.store.snapshot("example.com")["goals"][0]
    assert goal["props"] == {"a=b": [["c=d", 1]], "n": [["3", 1]], "ok": [["true", 1]]}


def test_referrer_spam_is_counted_not_stored(pipe: Pipeline) -> None:
    from ingest_server.sources import _SPAM_HOSTS

    spam = sorted(_SPAM_HOSTS)[0]
    pipe.log.produce_sync(EVENTS_TOPIC, [
        beacon(1, [ev("sp1", ref=f"https://{spam}/")]),
        beacon(2, [ev("sp2", ref="https://news.ycombinator.com/")]),
    ])
    pipe.step()
    snap = pipe.store.snapshot("example.com")
    assert snap["totals"]["spam"] == 1
    assert snap["totals"]["pageviews"] == 1
    assert spam not in {r for r, _ in snap["referrers"]}
