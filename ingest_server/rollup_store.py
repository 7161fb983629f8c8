"""The dashboard side's store: sums the rollups topic into per-site views.

It reads every partition of ``activity.rollups`` and keeps, in one SQLite file,
minute and day counts, visitor sketches, the latest events, and the rollup
offsets already applied — all written in one transaction, so a restart
neither loses nor repeats a rollup. Today and the last hour are also kept in
memory, which is what live snapshots are computed from.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import defaultdict, deque
from pathlib import Path
from typing import Any, Callable, Iterable

import orjson

from ingest_server.eventlog import Record
from ingest_server.rollups import Counts, day_of, minute_of, top
from ingest_server.sketches import UniqueCounter, union

_SCHEMA = """
CREATE TABLE IF NOT EXISTS applied (partition INTEGER PRIMARY KEY, next_offset INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS minute_counts (
    site TEXT NOT NULL, minute INTEGER NOT NULL, dim TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (site, minute, dim, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS day_counts (
    site TEXT NOT NULL, day INTEGER NOT NULL, dim TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (site, day, dim, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sketches (
    site TEXT NOT NULL, span TEXT NOT NULL, start INTEGER NOT NULL, goal TEXT NOT NULL, blob BLOB NOT NULL,
    PRIMARY KEY (site, span, start, goal)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS latest (site TEXT NOT NULL, ts INTEGER NOT NULL, id TEXT NOT NULL, event BLOB NOT NULL,
    PRIMARY KEY (site, id)) WITHOUT ROWID;
"""

_UPSERT = "INSERT INTO {t} VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n"
LIVE_MINUTES = 60
CURRENT_MINUTES = 5
REALTIME_MINUTES = 30
LATEST = 20
PERIODS = ("realtime", "today", "7d", "30d")
_DAY = 86_400_000


class UnknownPeriod(ValueError):
    status = 400


def _rows(counts: Counts) -> Iterable[tuple[str, str, int]]:
    """Flatten counts into (dim, key, n) rows; counters use dim ''; goal props use 'gp:<goal>'."""
    for name, n in counts.counters.items():
        if n:
            yield "", name, n
    for dim, table in counts.dims.items():
        for key, n in table.items():
            if n:
                yield dim, key, n
    for goal, table in counts.goal_props.items():
        for key, n in table.items():
            if n:
                yield "gp:" + goal, key, n


def _load(rows: Iterable[tuple[str, str, int]]) -> Counts:
    counts = Counts()
    for dim, key, n in rows:
        if dim == "":
            counts.counters[key] += n
        elif dim.startswith("gp:"):
            counts.goal_props[dim[3:]][key] += n
        else:
            counts.dims[dim][key] += n
    return counts


class _Live:
    """One site's in-memory view: today, the last hour by minute, and the latest events."""

    def __init__(self) -> None:
        self.day = 0
        self.today = Counts()
        self.today_visitors = UniqueCounter()
        self.goal_visitors: dict[str, UniqueCounter] = {}
        self.minutes: dict[int, tuple[Counts, UniqueCounter]] = {}
        self.latest: deque[dict[str, Any]] = deque(maxlen=LATEST)


class RollupStore:
    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.clock = clock
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # the rollups topic is the source of truth
        self._db.executescript(_SCHEMA)
        self._lock = threading.RLock()
        self._live: dict[str, _Live] = {}
        self._history_cache: dict[tuple[str, int, int], tuple[Counts, UniqueCounter, dict[str, UniqueCounter]]] = {}
        self.versions: defaultdict[str, int] = defaultdict(int)
        self._restore()

    # -- persistence ---------------------------------------------------------

    def positions(self) -> dict[int, int]:
        return dict(self._db.execute("SELECT partition, next_offset FROM applied").fetchall())

    def sites(self) -> list[str]:
        with self._lock:
            rows = self._db.execute("SELECT DISTINCT site FROM day_counts").fetchall()
            return sorted({r[0] for r in rows} | set(self._live))

    def _restore(self) -> None:
        now = int(self.clock() * 1000)
        today = day_of(now)
        since = minute_of(now) - LIVE_MINUTES * 60_000
        db = self._db
        for (site,) in db.execute("SELECT DISTINCT site FROM day_counts WHERE day=?", (today,)).fetchall():
            live = self._site(site, today)
            live.today = _load(db.execute("SELECT dim, key, n FROM day_counts WHERE site=? AND day=?", (site, today)))
        for site, span, start, goal, blob in db.execute(
            "SELECT site, span, start, goal, blob FROM sketches WHERE (span='d' AND start=?) OR (span='m' AND start>=?)",
            (today, since),
        ).fetchall():
            live = self._site(site, today)
            sketch = UniqueCounter.from_bytes(blob)
            if span == "d" and goal == "":
                live.today_visitors = sketch
            elif span == "d":
                live.goal_visitors[goal] = sketch
            else:
                counts = _load(
                    db.execute("SELECT dim, key, n FROM minute_counts WHERE site=? AND minute=?", (site, start))
                )
                live.minutes[start] = (counts, sketch)
        for site, event in db.execute("SELECT site, event FROM latest ORDER BY ts").fetchall():
            self._site(site, today).latest.appendleft(orjson.loads(event))

    def _site(self, site: str, today: int) -> _Live:
        live = self._live.get(site)
        if live is None:
            live = self._live[site] = _Live()
            live.day = today
        if live.day != today:  # a new UTC day: start today's view afresh
            live.day = today
            live.today = Counts()
            live.today_visitors = UniqueCounter()
            live.goal_visitors = {}
        return live

    def apply(self, records: list[Record]) -> set[str]:
        """Apply rollup records (and their offsets) in one transaction; return the sites that changed."""
        if not records:
            return set()
        now = int(self.clock() * 1000)
        today = day_of(now)
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
                    self._apply_site(db, site, payload, today, now)
                db.executemany("INSERT OR REPLACE INTO applied VALUES (?, ?)", offsets.items())
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                self._live.clear()
                self._restore()
                raise
        for site in changed:
            self.versions[site] += 1
        return changed

    def _apply_site(self, db: sqlite3.Connection, site: str, payload: dict[str, Any], today: int, now: int) -> None:
        live = self._site(site, today)
        horizon = minute_of(now) - LIVE_MINUTES * 60_000
        for minute_json in payload["minutes"]:
            minute = int(minute_json["m"])
            day = day_of(minute)
            counts = Counts.from_json(minute_json)
            rows = list(_rows(counts))
            db.executemany(_UPSERT.format(t="minute_counts"), [(site, minute, d, k, n) for d, k, n in rows])
            db.executemany(_UPSERT.format(t="day_counts"), [(site, day, d, k, n) for d, k, n in rows])
            sketches: list[tuple[str, int, str, UniqueCounter]] = []
            day_sketch = live.today_visitors if day == today else self._stored_sketch(db, site, "d", day, "")
            for v in counts.visitors:
                day_sketch.add(v)
            sketches.append(("d", day, "", day_sketch))
            for goal, ids in counts.goal_visitors.items():
                if day == today:
                    goal_sketch = live.goal_visitors.setdefault(goal, UniqueCounter())
                else:
                    goal_sketch = self._stored_sketch(db, site, "d", day, goal)
                for v in ids:
                    goal_sketch.add(v)
                sketches.append(("d", day, goal, goal_sketch))
            if minute >= horizon:
                entry = live.minutes.get(minute)
                if entry is None:
                    entry = live.minutes[minute] = (Counts(), UniqueCounter())
                entry[0].add(Counts.from_json({k: v for k, v in minute_json.items() if k != "v"}))
                for v in counts.visitors:
                    entry[1].add(v)
                sketches.append(("m", minute, "", entry[1]))
            if day == today:
                counts.visitors.clear()
                counts.goal_visitors.clear()
                live.today.add(counts)
            else:
                self._history_cache = {k: v for k, v in self._history_cache.items() if k[0] != site}
            db.executemany(
                "INSERT OR REPLACE INTO sketches VALUES (?, ?, ?, ?, ?)",
                [(site, span, start, goal, s.to_bytes()) for span, start, goal, s in sketches],
            )
        for minute in [m for m in live.minutes if m < horizon]:
            del live.minutes[minute]
        for event in payload.get("latest", ()):
            live.latest.appendleft(event)
            db.execute(
                "INSERT OR REPLACE INTO latest VALUES (?, ?, ?, ?)", (site, event["ts"], event["id"], orjson.dumps(event))
            )
        db.execute(
            "DELETE FROM latest WHERE site=? AND id NOT IN (SELECT id FROM latest WHERE site=? ORDER BY ts DESC LIMIT ?)",
            (site, site, LATEST),
        )

    def _stored_sketch(self, db: sqlite3.Connection, site: str, span: str, start: int, goal: str) -> UniqueCounter:
        row = db.execute(
            "SELECT blob FROM sketches WHERE site=? AND span=? AND start=? AND goal=?", (site, span, start, goal)
        ).fetchone()
        return UniqueCounter() if row is None else UniqueCounter.from_bytes(row[0])

    def prune(self, minute_retention_ms: int = 2 * _DAY, day_retention_ms: int = 400 * _DAY) -> None:
        now = int(self.clock() * 1000)
        with self._lock:
            self._db.execute("DELETE FROM minute_counts WHERE minute < ?", (now - minute_retention_ms,))
            self._db.execute("DELETE FROM sketches WHERE span='m' AND start < ?", (now - minute_retention_ms,))
            self._db.execute("DELETE FROM day_counts WHERE day < ?", (now - day_retention_ms,))
            self._db.execute("DELETE FROM sketches WHERE span='d' AND start < ?", (now - day_retention_ms,))

    # -- snapshots -----------------------------------------------------------

    def snapshot(self, site: str, period: str = "today") -> dict[str, Any]:
        """The v1 snapshot (see docs/stream-api.md) for one site."""
        if period not in PERIODS:
            raise UnknownPeriod(f"period must be one of {', '.join(PERIODS)}")
        now = int(self.clock() * 1000)
        today = day_of(now)
        with self._lock:
            live = self._site(site, today) if site in self._live else _Live()
            this_minute = minute_of(now)
            horizon = this_minute - (LIVE_MINUTES - 1) * 60_000
            series = []
            for i in range(LIVE_MINUTES):
                t = horizon + i * 60_000
                entry = live.minutes.get(t)
                c = entry[0].counters if entry else {}
                series.append(
                    {"t": t, "events": c.get("events", 0), "pageviews": c.get("pageviews", 0),
                     "visitors": entry[1].estimate() if entry else 0}
                )
            current = union(
                s for m, (_, s) in live.minutes.items() if m > this_minute - CURRENT_MINUTES * 60_000
            ).estimate()
            if period == "realtime":
                counts = Counts()
                recent = [(c, s) for m, (c, s) in live.minutes.items() if m > this_minute - REALTIME_MINUTES * 60_000]
                for c, _ in recent:
                    counts.add(c)
                visitors = union(s for _, s in recent)
                goal_visitors: dict[str, UniqueCounter] = {}
            elif period == "today":
                counts, visitors, goal_visitors = live.today, live.today_visitors, live.goal_visitors
            else:
                days = 7 if period == "7d" else 30
                past, past_visitors, past_goals = self._history(site, today - (days - 1) * _DAY, today)
                counts = Counts()
                counts.add(past)
                counts.add(live.today)
                visitors = union([past_visitors, live.today_visitors])
                goal_visitors = {
                    g: union([past_goals.get(g, UniqueCounter()), live.goal_visitors.get(g, UniqueCounter())])
                    for g in set(past_goals) | set(live.goal_visitors)
                }
            return _render(site, now, period, counts, visitors, goal_visitors, current, series, list(live.latest))

    def _history(self, site: str, start: int, end: int) -> tuple[Counts, UniqueCounter, dict[str, UniqueCounter]]:
        key = (site, start, end)
        cached = self._history_cache.get(key)
        if cached is None:
            db = self._db
            counts = _load(
                db.execute(
                    "SELECT dim, key, SUM(n) FROM day_counts WHERE site=? AND day>=? AND day<? GROUP BY dim, key",
                    (site, start, end),
                )
            )
            by_goal: defaultdict[str, list[UniqueCounter]] = defaultdict(list)
            for goal, blob in db.execute(
                "SELECT goal, blob FROM sketches WHERE site=? AND span='d' AND start>=? AND start<?", (site, start, end)
            ):
                by_goal[goal].append(UniqueCounter.from_bytes(blob))
            visitors = union(by_goal.pop("", []))
            cached = (counts, visitors, {g: union(s) for g, s in by_goal.items()})
            self._history_cache[key] = cached
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
    visits = c.get("visits", 0)
    engagements = c.get("engagements", 0)
    goals = []
    for name, n in top(d.get("goal", {}), 20):
        props: defaultdict[str, dict[str, int]] = defaultdict(dict)
        for kv, count in counts.goal_props.get(name, {}).items():
            k, _, v = kv.partition("=")
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
        "totals": {
            "pageviews": c.get("pageviews", 0),
            "events": c.get("events", 0),
            "visitors": visitors.estimate(),
            "visits": visits,
            "bounce_rate": round(c.get("bounces", 0) / visits, 4) if visits else 0.0,
            "visit_duration_s": round(c.get("duration_ms", 0) / visits / 1000, 1) if visits else 0.0,
            "pages_per_visit": round(c.get("pageviews", 0) / visits, 2) if visits else 0.0,
            "bots": c.get("bots", 0),
        },
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
