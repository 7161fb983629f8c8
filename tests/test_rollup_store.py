"""The rollup store: covering ranges, retention, atomic applies, readers on other threads, the v1 migration."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest_server.eventlog import ROLLUPS_TOPIC, Record
from ingest_server.rollup_store import DAY, HOUR, MINUTE, SPANS, Retention, RollupStore, cover
from ingest_server.segments import segment_key
from ingest_server.sketches import UniqueCounter

BASE = 1_710_028_800_000  # 2024-03-10T00:00:00Z
SITE = "store.test"


def _record(offset: int, minutes: list[dict[str, Any]], latest: list[dict[str, Any]] | None = None) -> Record:
    value = orjson.dumps({"site": SITE, "minutes": minutes, "latest": latest or []})
    return Record(ROLLUPS_TOPIC, 0, offset, None, value, 0)


def _minute(ts: int, pageviews: int = 1, visitors: tuple[int, ...] = (1,), **extra: Any) -> dict[str, Any]:
    return {"m": ts, "c": {"pageviews": pageviews, "events": pageviews}, "d": {"page": {"/": pageviews}},
            "v": list(visitors), **extra}


def test_cover_tiles_a_range_with_the_fewest_buckets() -> None:
    start = BASE + 23 * HOUR + 58 * MINUTE
    end = BASE + 3 * DAY + 2 * HOUR + 3 * MINUTE
    assert cover(start, end) == [
        ("m", start, BASE + DAY),
        ("d", BASE + DAY, BASE + 3 * DAY),
        ("h", BASE + 3 * DAY, BASE + 3 * DAY + 2 * HOUR),
        ("m", BASE + 3 * DAY + 2 * HOUR, end),
    ]
    assert cover(BASE, BASE + DAY) == [("d", BASE, BASE + DAY)]
    assert cover(BASE, BASE) == []
    with pytest.raises(ValueError, match="whole minutes"):
        cover(BASE + 1, BASE + DAY)


@given(st.integers(0, 5 * 24 * 60), st.integers(0, 5 * 24 * 60))
def test_cover_pieces_are_aligned_disjoint_and_complete(a: int, b: int) -> None:
    start, end = BASE + min(a, b) * MINUTE, BASE + max(a, b) * MINUTE
    pieces = cover(start, end)
    position = start
    for span, lo, hi in pieces:
        assert lo == position and lo < hi and lo % SPANS[span] == 0 and hi % SPANS[span] == 0
        position = hi
    assert position == end
    assert sum(1 for span, _, _ in pieces if span == "d") <= 5


def test_one_apply_writes_minutes_hours_days_and_segments(tmp_path: Path) -> None:
    store = RollupStore(tmp_path / "r.sqlite3", retention=Retention(0, 0, 0), clock=lambda: BASE / 1000)
    seg = segment_key({"source": "search"})
    store.apply([_record(0, [
        _minute(BASE + 5 * MINUTE, 2, (1, 2), s={seg: {"c": {"visits": 1}, "v": [2]}}),
        _minute(BASE + HOUR + 7 * MINUTE, 3, (2, 3)),
    ])])
    assert store.series(SITE, "", "m", BASE, BASE + DAY) == {
        BASE + 5 * MINUTE: {"pageviews": 2, "events": 2}, BASE + HOUR + 7 * MINUTE: {"pageviews": 3, "events": 3}}
    assert store.series(SITE, "", "h", BASE, BASE + DAY) == {
        BASE: {"pageviews": 2, "events": 2}, BASE + HOUR: {"pageviews": 3, "events": 3}}
    assert store.totals(SITE, "", [("d", BASE, BASE + DAY)]) == {"pageviews": 5, "events": 5}
    assert store.bucket_uniques(SITE, "", "d", BASE, BASE + DAY) == {BASE: 3}
    assert store.totals(SITE, seg, [("h", BASE, BASE + DAY)]) == {"visits": 1}
    assert store.uniques(SITE, seg, [("m", BASE, BASE + DAY)]).estimate() == 1
    assert store.positions() == {0: 1}
    assert store.sites() == [SITE]


def test_a_failed_apply_leaves_nothing_behind(tmp_path: Path) -> None:
    store = RollupStore(tmp_path / "r.sqlite3", retention=Retention(0, 0, 0))
    broken = Record(ROLLUPS_TOPIC, 0, 1, None, b'{"site": "store.test", "minutes": [{"m": "x"}]}', 0)
    with pytest.raises(ValueError):
        store.apply([_record(0, [_minute(BASE)]), broken])
    assert store.totals(SITE, "", [("d", BASE, BASE + DAY)]) == {}
    assert store.positions() == {}


def test_retention_skips_and_prunes_old_buckets(tmp_path: Path) -> None:
    now = BASE + 10 * DAY
    store = RollupStore(tmp_path / "r.sqlite3", retention=Retention(DAY, 5 * DAY, 0), clock=lambda: now / 1000)
    store.apply([_record(0, [_minute(BASE + 3 * HOUR), _minute(now - HOUR)])])
    old = [("d", BASE, BASE + DAY)]
    assert store.totals(SITE, "", old) == {"pageviews": 1, "events": 1}  # days are kept forever
    assert store.totals(SITE, "", [("h", BASE, BASE + DAY)]) == {}  # hours beyond 5 days were never written
    assert store.totals(SITE, "", [("m", now - DAY, now)]) == {"pageviews": 1, "events": 1}
    later = now + 2 * DAY
    store.clock = lambda: later / 1000
    store.prune(later)
    assert store.totals(SITE, "", [("m", now - DAY, now)]) == {}  # a day of minutes: gone
    assert store.totals(SITE, "", [("h", now - DAY, now)]) == {"pageviews": 1, "events": 1}
    assert store.uniques(SITE, "", [("m", now - DAY, now)]).estimate() == 0
    assert store.totals(SITE, "", old) == {"pageviews": 1, "events": 1}


def test_readers_on_other_threads_see_committed_rollups(tmp_path: Path) -> None:
    store = RollupStore(tmp_path / "r.sqlite3", retention=Retention(0, 0, 0))
    store.apply([_record(0, [_minute(BASE, 4)])])
    seen: list[dict[str, int]] = []
    thread = threading.Thread(target=lambda: seen.append(store.totals(SITE, "", [("d", BASE, BASE + DAY)])))
    thread.start()
    thread.join(10)
    assert seen == [{"pageviews": 4, "events": 4}]
    store.close()


def test_breakdowns_page_through_keys_with_positive_sums(tmp_path: Path) -> None:
    store = RollupStore(tmp_path / "r.sqlite3", retention=Retention(0, 0, 0))
    store.apply([_record(0, [{"m": BASE, "d": {"exit": {"/a": 3, "/b": 3, "/c": 1, "/gone": -1}}},
                             {"m": BASE + DAY + HOUR, "d": {"exit": {"/c": 5, "/gone": 1}}}])])
    pieces = cover(BASE, BASE + 2 * DAY)
    assert store.breakdown(SITE, "", "exit", pieces, 2, 0) == ([("/c", 6), ("/a", 3)], 3)
    assert store.breakdown(SITE, "", "exit", pieces, 2, 2) == ([("/b", 3)], 3)


def test_a_version_1_store_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    sketch = UniqueCounter()
    sketch.add(7)
    with sqlite3.connect(path) as db:
        db.executescript("""
            CREATE TABLE applied (partition INTEGER PRIMARY KEY, next_offset INTEGER NOT NULL);
            CREATE TABLE minute_counts (site TEXT, minute INTEGER, dim TEXT, key TEXT, n INTEGER,
                PRIMARY KEY (site, minute, dim, key)) WITHOUT ROWID;
            CREATE TABLE day_counts (site TEXT, day INTEGER, dim TEXT, key TEXT, n INTEGER,
                PRIMARY KEY (site, day, dim, key)) WITHOUT ROWID;
            CREATE TABLE sketches (site TEXT, span TEXT, start INTEGER, goal TEXT, blob BLOB,
                PRIMARY KEY (site, span, start, goal)) WITHOUT ROWID;
            CREATE TABLE latest (site TEXT, ts INTEGER, id TEXT, event BLOB, PRIMARY KEY (site, id)) WITHOUT ROWID;
            INSERT INTO applied VALUES (0, 42);
        """)
        db.executemany("INSERT INTO minute_counts VALUES (?, ?, '', 'pageviews', ?)",
                       [(SITE, BASE + 5 * MINUTE, 2), (SITE, BASE + 9 * MINUTE, 3)])
        db.execute("INSERT INTO day_counts VALUES (?, ?, '', 'pageviews', 5)", (SITE, BASE))
        db.execute("INSERT INTO sketches VALUES (?, 'd', ?, '', ?)", (SITE, BASE, sketch.to_bytes()))
    store = RollupStore(path, retention=Retention(0, 0, 0))
    assert store.positions() == {0: 42}
    assert store.totals(SITE, "", [("h", BASE, BASE + HOUR)]) == {"pageviews": 5}
    assert store.totals(SITE, "", [("d", BASE, BASE + DAY)]) == {"pageviews": 5}
    assert store.uniques(SITE, "", [("d", BASE, BASE + DAY)]).estimate() == 1
    store.close()
    RollupStore(path).close()  # opening again is a no-op


def test_the_snapshot_keeps_its_v1_shape(tmp_path: Path) -> None:
    now = BASE + 12 * HOUR + 30 * MINUTE
    store = RollupStore(tmp_path / "r.sqlite3", clock=lambda: now / 1000)
    latest = [{"id": "e1", "type": "pageview", "ts": now - MINUTE, "path": "/", "title": "", "name": "", "ref": "",
               "target": ""}]
    store.apply([_record(0, [_minute(now - MINUTE, 2, (1, 2), d={"page": {"/": 2}, "goal": {"Signup": 1}},
                                     gv={"Signup": [2]}, gp={"Signup": {"plan=pro": 1}})], latest)])
    for period in ("realtime", "today", "7d", "30d"):
        snap = store.snapshot(SITE, period)
        assert snap["totals"]["pageviews"] == 2 and snap["totals"]["visitors"] == 2
        assert snap["goals"] == [{"name": "Signup", "count": 1, "visitors": 1, "props": {"plan": [["pro", 1]]}}]
    snap = store.snapshot(SITE)
    assert snap["current_visitors"] == 2
    assert [p["pageviews"] for p in snap["series"]][-2:] == [2, 0] and len(snap["series"]) == 60
    assert snap["latest"] == latest
