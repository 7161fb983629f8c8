"""The dashboard side's store: sums the rollups topic into per-site history.

It reads every partition of ``activity.rollups`` and keeps, in one SQLite file:
counts per minute, hour and day (``rollups``), visitor sketches per minute,
hour and day (``uniques``) — each for the whole site and for every segment
(see segments.py) — the latest events, and the rollup offsets already
applied, all written in one transaction, so a restart neither loses nor
repeats a rollup. Minutes, hours and days are pruned after their retention.

Reads go through one SQLite connection per thread (WAL readers never wait for
the writer), so a long query never holds up the rollups or the live streams.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import orjson

from ingest_server.eventlog import Record
from ingest_server.rollups import DIMENSIONS, Counts, day_of, minute_of, split_prop, top
from ingest_server.sketches import UniqueCounter, union

MINUTE = 60_000
HOUR = 3_600_000
DAY = 86_400_000
SPANS = {"m": MINUTE, "h": HOUR, "d": DAY}
_COARSEST_FIRST = ("d", "h", "m")

LIVE_MINUTES = 60
CURRENT_MINUTES = 5
REALTIME_MINUTES = 30
LATEST = 20
PERIODS = ("realtime", "today", "7d", "30d")
_SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS applied (partition INTEGER PRIMARY KEY, next_offset INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rollups (
    span TEXT NOT NULL, site TEXT NOT NULL, seg TEXT NOT NULL, dim TEXT NOT NULL, start INTEGER NOT NULL,
    key TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (span, site, seg, dim, start, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS uniques (
    span TEXT NOT NULL, site TEXT NOT NULL, seg TEXT NOT NULL, goal TEXT NOT NULL, start INTEGER NOT NULL,
    blob BLOB NOT NULL,
    PRIMARY KEY (span, site, seg, goal, start)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS latest (site TEXT NOT NULL, ts INTEGER NOT NULL, id TEXT NOT NULL, event BLOB NOT NULL,
    PRIMARY KEY (site, id)) WITHOUT ROWID;
"""
# Version 1 kept minutes and days of the whole site only; its rows move over (hours derived from the minutes).
_MIGRATE_FROM_1 = """
INSERT OR IGNORE INTO rollups SELECT 'm', site, '', dim, minute, key, n FROM minute_counts;
INSERT OR IGNORE INTO rollups SELECT 'h', site, '', dim, minute - minute % 3600000, key, SUM(n)
    FROM minute_counts GROUP BY site, dim, minute - minute % 3600000, key;
INSERT OR IGNORE INTO rollups SELECT 'd', site, '', dim, day, key, n FROM day_counts;
INSERT OR IGNORE INTO uniques SELECT span, site, '', goal, start, blob FROM sketches;
DROP TABLE minute_counts;
DROP TABLE day_counts;
DROP TABLE sketches;
"""
_UPSERT = "INSERT INTO rollups VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n"
_ROLLUP_ROWS = "SELECT key, n FROM rollups WHERE span=? AND site=? AND seg=? AND dim=? AND start>=? AND start<?"

# (span, first bucket start, end): the buckets of that span with first <= start < end.
Piece = tuple[str, int, int]


class UnknownPeriod(ValueError):
    status = 400


@dataclass(frozen=True, slots=True)
class Retention:
    """How long each span of rollups is kept, in milliseconds; 0 keeps it forever."""

    minutes_ms: int = 2 * DAY
    hours_ms: int = 90 * DAY
    days_ms: int = 400 * DAY

    def spans(self) -> dict[str, int]:
        return {"m": self.minutes_ms, "h": self.hours_ms, "d": self.days_ms}

    def of(self, span: str) -> int:
        return self.spans()[span]


def cover(start: int, end: int) -> list[Piece]:
    """The fewest whole days, hours and minutes that tile ``[start, end)``; both must be whole minutes."""
    if start % MINUTE or end % MINUTE:
        raise ValueError(f"cover() takes whole minutes, got {start}..{end}")
    pieces: list[Piece] = []

    def tile(lo: int, hi: int, level: int) -> None:
        if lo >= hi:
            return
        span = _COARSEST_FIRST[level]
        size = SPANS[span]
        first, last = -(-lo // size) * size, hi // size * size
        if first >= last:
            tile(lo, hi, level + 1)
            return
        pieces.append((span, first, last))
        tile(lo, first, level + 1)
        tile(last, hi, level + 1)

    tile(start, end, 0)
    return sorted(pieces, key=lambda p: p[1])


def _union(select: str, pieces: Sequence[Piece], *params: Any) -> tuple[str, list[Any]]:
    """``select`` once per piece, as one UNION ALL; its placeholders are the span, ``params``, then the bounds."""
    if not pieces:
        return f"{select.split(' WHERE ')[0]} WHERE 0", []
    sql = " UNION ALL ".join([select] * len(pieces))
    return sql, [x for span, lo, hi in pieces for x in (span, *params, lo, hi)]


def derived(counters: Mapping[str, int]) -> dict[str, Any]:
    """Page views, events, visits and the per-visit averages from summed counters."""
    visits = counters.get("visits", 0)
    return {
        "pageviews": counters.get("pageviews", 0),
        "events": counters.get("events", 0),
        "visits": visits,
        "bounce_rate": round(counters.get("bounces", 0) / visits, 4) if visits else 0.0,
        "visit_duration_s": round(counters.get("duration_ms", 0) / visits / 1000, 1) if visits else 0.0,
        "pages_per_visit": round(counters.get("pageviews", 0) / visits, 2) if visits else 0.0,
    }


def _rows(part: dict[str, Any]) -> Iterable[tuple[str, str, int]]:
    """A rollup's counts (``Counts.to_json``) as (dim, key, n) rows: counters under dim '', goal props 'gp:<goal>'."""
    for key, n in part.get("c", {}).items():
        yield "", key, n
    for dim, table in part.get("d", {}).items():
        for key, n in table.items():
            yield dim, key, n
    for goal, table in part.get("gp", {}).items():
        for key, n in table.items():
            yield "gp:" + goal, key, n


class RollupStore:
    def __init__(
        self, path: Path, *, retention: Retention | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.clock = clock
        self.retention = retention or Retention()
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # the rollups topic is the source of truth
        self._db.execute("PRAGMA cache_size=-32768")  # 32 MiB: a day's keys stay in memory while it is written
        self._migrate()
        self._lock = threading.RLock()  # the writer connection
        self._local = threading.local()  # a reader connection per thread
        self._readers: list[sqlite3.Connection] = []
        self._history_cache: dict[tuple[str, int, int], Counts] = {}
        self._pruned_at: dict[str, int] = {}
        self.versions: defaultdict[str, int] = defaultdict(int)

    def _migrate(self) -> None:
        db = self._db
        old = db.execute("SELECT 1 FROM sqlite_master WHERE name='minute_counts'").fetchone()
        moves = _MIGRATE_FROM_1 if old else ""
        db.executescript(f"BEGIN IMMEDIATE;\n{_SCHEMA}{moves}PRAGMA user_version={_SCHEMA_VERSION};\nCOMMIT;")

    def close(self) -> None:
        with self._lock:
            self._db.close()
            for reader in self._readers:
                reader.close()

    def _reader(self) -> sqlite3.Connection:
        reader: sqlite3.Connection | None = getattr(self._local, "db", None)
        if reader is None:
            reader = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            reader.execute("PRAGMA query_only=ON")
            self._local.db = reader
            with self._lock:
                self._readers.append(reader)
        return reader

    # -- writing -------------------------------------------------------------

    def positions(self) -> dict[int, int]:
        with self._lock:
            return dict(self._db.execute("SELECT partition, next_offset FROM applied").fetchall())

    def sites(self) -> list[str]:
        rows = self._reader().execute("SELECT DISTINCT site FROM rollups WHERE span='d'").fetchall()
        return sorted(r[0] for r in rows)

    def apply(self, records: list[Record]) -> set[str]:
        """Apply rollup records (and their offsets) in one transaction; return the sites that changed."""
        if not records:
            return set()
        now = int(self.clock() * 1000)
        changed: set[str] = set()
        with self._lock:
            db = self._db
            db.execute("BEGIN")
            try:
                offsets: dict[int, int] = {}
                for record in records:
                    offsets[record.partition] = record.offset + 1
                    payload = orjson.loads(record.value)
                    site = payload["site"]
                    changed.add(site)
                    self._apply_site(db, site, payload, now)
                db.executemany("INSERT OR REPLACE INTO applied VALUES (?, ?)", offsets.items())
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            self.prune(now)
        for site in changed:
            self.versions[site] += 1
        return changed

    def _apply_site(self, db: sqlite3.Connection, site: str, payload: dict[str, Any], now: int) -> None:
        today = day_of(now)
        rows: defaultdict[tuple[str, str, str, int, str], int] = defaultdict(int)  # (span, seg, dim, start, key)
        ids: defaultdict[tuple[str, str, str, int], set[int]] = defaultdict(set)  # (span, seg, goal, start)
        kept = {span: now - keep if keep else -1 for span, keep in self.retention.spans().items()}
        for minute_json in payload["minutes"]:
            minute = int(minute_json["m"])
            # buckets past their retention are not written: the next prune would delete them (a backfill)
            starts = tuple((span, start) for span, start in (("m", minute), ("h", minute - minute % HOUR),
                                                             ("d", day_of(minute))) if start >= kept[span])
            if day_of(minute) < today:  # an old day changed: cached history is stale
                self._history_cache = {k: v for k, v in self._history_cache.items() if k[0] != site}
            for seg, part in (("", minute_json), *minute_json.get("s", {}).items()):
                for dim, key, n in _rows(part):
                    for span, start in starts:
                        rows[(span, seg, dim, start, key)] += n
                for span, start in starts:
                    ids[(span, seg, "", start)].update(part.get("v", ()))
                    for goal, goal_ids in part.get("gv", {}).items():
                        ids[(span, seg, goal, start)].update(goal_ids)
        # in key order: each B-tree page is visited once
        db.executemany(_UPSERT, sorted((span, site, seg, dim, start, key, n)
                                       for (span, seg, dim, start, key), n in rows.items() if n))
        sketches = []
        for (span, seg, goal, start), new in sorted(ids.items()):
            if not new:
                continue
            row = db.execute(
                "SELECT blob FROM uniques WHERE span=? AND site=? AND seg=? AND goal=? AND start=?",
                (span, site, seg, goal, start),
            ).fetchone()
            sketch = UniqueCounter() if row is None else UniqueCounter.from_bytes(row[0])
            for v in new:
                sketch.add(v)
            sketches.append((span, site, seg, goal, start, sketch.to_bytes()))
        db.executemany("INSERT OR REPLACE INTO uniques VALUES (?, ?, ?, ?, ?, ?)", sketches)
        latest = payload.get("latest", ())
        if latest:
            db.executemany(
                "INSERT OR REPLACE INTO latest VALUES (?, ?, ?, ?)",
                [(site, e["ts"], e["id"], orjson.dumps(e)) for e in latest],
            )
            db.execute(
                "DELETE FROM latest WHERE site=? AND id NOT IN "
                "(SELECT id FROM latest WHERE site=? ORDER BY ts DESC LIMIT ?)",
                (site, site, LATEST),
            )

    def prune(self, now: int | None = None) -> None:
        """Delete minutes, hours and days older than their retention: minutes hourly, the others daily."""
        now = int(self.clock() * 1000) if now is None else now
        with self._lock:
            for span, keep in self.retention.spans().items():
                every = HOUR if span == "m" else DAY  # each prune reads every row of its span
                if keep and now - self._pruned_at.get(span, 0) >= every:
                    self._pruned_at[span] = now
                    self._db.execute("DELETE FROM rollups WHERE span=? AND start<?", (span, now - keep))
                    self._db.execute("DELETE FROM uniques WHERE span=? AND start<?", (span, now - keep))

    # -- reading -------------------------------------------------------------

    def totals(self, site: str, seg: str, pieces: Sequence[Piece]) -> dict[str, int]:
        """The counters (events, pageviews, visits, bounces, duration_ms, …) summed over ``pieces``."""
        return dict(self.table(site, seg, "", pieces))

    def table(self, site: str, seg: str, dim: str, pieces: Sequence[Piece]) -> dict[str, int]:
        """Every key of one dimension with its count summed over ``pieces`` (zero sums left out)."""
        rows, params = _union(_ROLLUP_ROWS, pieces, site, seg, dim)
        found = self._reader().execute(f"SELECT key, SUM(n) FROM ({rows}) GROUP BY key", params).fetchall()
        return {k: n for k, n in found if n}

    def breakdown(
        self, site: str, seg: str, dim: str, pieces: Sequence[Piece], limit: int, offset: int
    ) -> tuple[list[tuple[str, int]], int]:
        """One page of a dimension's keys, largest count first (ties by key), and how many keys there are."""
        rows, params = _union(_ROLLUP_ROWS, pieces, site, seg, dim)
        grouped = f"SELECT key, SUM(n) AS total FROM ({rows}) GROUP BY key HAVING total > 0"
        db = self._reader()
        found = db.execute(f"{grouped} ORDER BY total DESC, key LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
        count = db.execute(f"SELECT COUNT(*) FROM ({grouped})", params).fetchone()[0]
        return [(k, n) for k, n in found], count

    def series(self, site: str, seg: str, span: str, start: int, end: int) -> dict[int, dict[str, int]]:
        """The counters of each bucket of ``span`` in ``[start, end)`` that has any."""
        out: defaultdict[int, dict[str, int]] = defaultdict(dict)
        for bucket, key, n in self._reader().execute(
            "SELECT start, key, n FROM rollups WHERE span=? AND site=? AND seg=? AND dim='' AND start>=? AND start<?",
            (span, site, seg, start, end),
        ):
            out[bucket][key] = n
        return dict(out)

    def uniques(self, site: str, seg: str, pieces: Sequence[Piece], goal: str = "") -> UniqueCounter:
        """The visitors (of one goal, when given) over ``pieces``, as one merged sketch."""
        select, params = _union(
            "SELECT blob FROM uniques WHERE span=? AND site=? AND seg=? AND goal=? AND start>=? AND start<?",
            pieces, site, seg, goal,
        )
        blobs = self._reader().execute(select, params).fetchall()
        return union(UniqueCounter.from_bytes(b) for (b,) in blobs)

    def bucket_uniques(self, site: str, seg: str, span: str, start: int, end: int) -> dict[int, int]:
        """Visitors of each bucket of ``span`` in ``[start, end)`` that has any."""
        return {
            bucket: UniqueCounter.from_bytes(blob).estimate()
            for bucket, blob in self._reader().execute(
                "SELECT start, blob FROM uniques WHERE span=? AND site=? AND seg=? AND goal='' AND start>=? AND start<?",
                (span, site, seg, start, end),
            )
        }

    def counts(self, site: str, seg: str, pieces: Sequence[Piece]) -> Counts:
        """Every counter, dimension and goal property summed over ``pieces`` (no visitor ids)."""
        counts = Counts()
        counts.counters.update(self.totals(site, seg, pieces))
        for dim in DIMENSIONS:
            table = self.table(site, seg, dim, pieces)
            if table:
                counts.dims[dim].update(table)
        for goal in counts.dims.get("goal", {}):
            counts.goal_props[goal].update(self.table(site, seg, "gp:" + goal, pieces))
        return counts

    def latest(self, site: str) -> list[dict[str, Any]]:
        rows = self._reader().execute(
            "SELECT event FROM latest WHERE site=? ORDER BY ts DESC, id DESC LIMIT ?", (site, LATEST)
        ).fetchall()
        return [orjson.loads(e) for (e,) in rows]

    # -- snapshots -----------------------------------------------------------

    def snapshot(self, site: str, period: str = "today") -> dict[str, Any]:
        """The v1 snapshot (see docs/stream-api.md) for one site."""
        if period not in PERIODS:
            raise UnknownPeriod(f"period must be one of {', '.join(PERIODS)}")
        now = int(self.clock() * 1000)
        today = day_of(now)
        this_minute = minute_of(now)
        horizon = this_minute - (LIVE_MINUTES - 1) * MINUTE
        minutes = self.series(site, "", "m", horizon, this_minute + MINUTE)
        minute_visitors = self.bucket_uniques(site, "", "m", horizon, this_minute + MINUTE)
        series = []
        for i in range(LIVE_MINUTES):
            t = horizon + i * MINUTE
            c = minutes.get(t, {})
            series.append({"t": t, "events": c.get("events", 0), "pageviews": c.get("pageviews", 0),
                           "visitors": minute_visitors.get(t, 0)})
        current = self.uniques(site, "", [("m", this_minute - (CURRENT_MINUTES - 1) * MINUTE, this_minute + MINUTE)])
        if period == "realtime":
            pieces: list[Piece] = [("m", this_minute - (REALTIME_MINUTES - 1) * MINUTE, this_minute + MINUTE)]
            counts = self.counts(site, "", pieces)
        elif period == "today":
            pieces = [("d", today, today + DAY)]
            counts = self.counts(site, "", pieces)
        else:
            days = 7 if period == "7d" else 30
            pieces = [("d", today - (days - 1) * DAY, today + DAY)]
            counts = Counts()
            counts.add(self._history(site, today - (days - 1) * DAY, today))
            counts.add(self.counts(site, "", [("d", today, today + DAY)]))
        goal_visitors = {g: self.uniques(site, "", pieces, goal=g) for g, _ in top(counts.dims.get("goal", {}), 20)}
        return _render(site, now, period, counts, self.uniques(site, "", pieces), goal_visitors,
                       current.estimate(), series, self.latest(site))

    def _history(self, site: str, start: int, end: int) -> Counts:
        """Whole past days: they change only when a late rollup arrives, so they are cached until one does."""
        key = (site, start, end)
        cached = self._history_cache.get(key)
        if cached is None:
            if len(self._history_cache) > 1000:  # keys of days gone by
                self._history_cache = {}
            cached = self._history_cache[key] = self.counts(site, "", [("d", start, end)])
        return cached


def _render(
    site: str,
    now: int,
    period: str,
    counts: Counts,
    visitors: UniqueCounter,
    goal_visitors: dict[str, UniqueCounter],
    current: int,
    series: list[dict[str, int]],
    latest: list[dict[str, Any]],
) -> dict[str, Any]:
    c = counts.counters
    d = counts.dims
    engagements = c.get("engagements", 0)
    goals = []
    for name, n in top(d.get("goal", {}), 20):
        props: defaultdict[str, dict[str, int]] = defaultdict(dict)
        for kv, count in counts.goal_props.get(name, {}).items():
            k, v = split_prop(kv)
            props[k][v] = count
        gv = goal_visitors.get(name)
        goals.append(
            {"name": name, "count": n, "visitors": gv.estimate() if gv else 0,
             "props": {k: top(vals, 5) for k, vals in sorted(props.items())}}
        )
    return {
        "v": 1,
        "site": site,
        "ts": now,
        "period": period,
        "current_visitors": current,
        "totals": {**derived(c), "visitors": visitors.estimate(), "bots": c.get("bots", 0),
                   "spam": c.get("spam", 0)},
        "series": series,
        "top_pages": top(d.get("page", {})),
        "entry_pages": top(d.get("entry", {})),
        "exit_pages": top(d.get("exit", {})),
        "referrers": top(d.get("referrer", {})),
        "sources": top(d.get("source", {})),
        "utm_sources": top(d.get("utm_source", {})),
        "utm_mediums": top(d.get("utm_medium", {})),
        "utm_campaigns": top(d.get("utm_campaign", {})),
        "browsers": top(d.get("browser", {})),
        "os": top(d.get("os", {})),
        "devices": top(d.get("device", {})),
        "countries": top(d.get("country", {})),
        "event_types": top(d.get("type", {}), 20),
        "goals": goals,
        "outbound": top(d.get("outbound", {})),
        "downloads": top(d.get("download", {})),
        "engagement": {
            "avg_time_ms": round(c.get("engaged_ms", 0) / engagements) if engagements else 0,
            "avg_scroll": round(c.get("scroll_sum", 0) / engagements) if engagements else 0,
        },
        "latest": latest,
    }
