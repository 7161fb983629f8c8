"""Sessionization: events → visits, reported as additive deltas.

Every ``observe`` returns the change the event makes to the visit totals
(visits, bounces, duration, entry and exit pages), so partial aggregates of
any slice of the stream can simply be summed.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

__all__ = ["SessionChange", "Sessionizer"]

DEFAULT_TIMEOUT_MS = 30 * 60 * 1000
# Open visits are filed by the time of their last event in buckets of
# timeout/30 (one minute for the default timeout), so ``expire`` only touches
# buckets that are wholly idle.
BUCKETS_PER_TIMEOUT = 30


@dataclass(slots=True)
class SessionChange:
    """What one event changed in the visit totals."""

    new_visit: bool  # this event started a visit
    bounce_delta: int  # +1 when a visit gets its first pageview, -1 at its second, else 0
    duration_delta_ms: int  # growth of the visit's last_ts - first_ts, never negative
    pageview: bool  # the event was a pageview
    entry_page: str | None  # the visit's entry page, given once, at its first pageview
    exit_from: str | None  # the visit's exit page moved away from this page...
    exit_to: str | None  # ...to this one (or it is the visit's first pageview)


class _Visit:
    __slots__ = ("visitor", "last_ts", "exit_ts", "exit_path", "pageviews")

    def __init__(self, visitor: int, ts: int, path: str | None) -> None:
        self.visitor = visitor  # the current key in Sessionizer._visits
        self.last_ts = ts
        self.exit_ts = ts  # time of the pageview that set exit_path
        self.exit_path = path
        self.pageviews = 0 if path is None else 1  # capped at 2: only 0, 1, "more" matter


class Sessionizer:
    """Open visits per visitor; a visit ends after ``timeout_ms`` without events.

    A visit is a bounce while it has exactly one pageview. Events should arrive
    per visitor in roughly time order: a late event joins the open visit but
    never moves its start, duration or exit page back. At most ``max_visitors``
    visits are kept; past that the least recently active one is dropped early
    (counted in ``evicted``). Not thread-safe.
    """

    def __init__(self, timeout_ms: int = DEFAULT_TIMEOUT_MS, max_visitors: int = 2_000_000) -> None:
        if timeout_ms <= 0:
            raise ValueError(f"timeout_ms must be positive, got {timeout_ms}.")
        if max_visitors <= 0:
            raise ValueError(f"max_visitors must be positive, got {max_visitors}.")
        self.timeout_ms = timeout_ms
        self.max_visitors = max_visitors
        self.evicted = 0
        self._bucket_ms = max(1, timeout_ms // BUCKETS_PER_TIMEOUT)
        self._visits: dict[int, _Visit] = {}
        # bucket number → visits whose last event fell in it at some point;
        # stale entries are skipped when the bucket is swept.
        self._buckets: dict[int, list[_Visit]] = {}

    def __len__(self) -> int:
        return len(self._visits)

    def observe(
        self, visitor: int, ts_ms: int, path: str | None, *, previous_visitor: int | None = None
    ) -> SessionChange:
        """Record one event: ``path`` for a pageview, None for any other event.

        ``previous_visitor`` is the same person's id under yesterday's salt: when
        it has an open visit and ``visitor`` has none, that visit continues
        under ``visitor``.
        """
        visits = self._visits
        visit = visits.get(visitor)
        if visit is not None and ts_ms - visit.last_ts > self.timeout_ms:
            visit = None
        if visit is None and previous_visitor is not None:
            carried = visits.get(previous_visitor)
            if carried is not None and ts_ms - carried.last_ts <= self.timeout_ms:
                del visits[previous_visitor]
                carried.visitor = visitor
                visits[visitor] = visit = carried
        if visit is None:
            return self._start(visitor, ts_ms, path)
        return self._continue(visit, ts_ms, path)

    def expire(self, now_ms: int) -> int:
        """Drop visits idle for more than ``timeout_ms`` at ``now_ms``; return how many.

        Works in steps of timeout/30: a visit may outlive its timeout by up to
        that much before it is dropped, never the other way round.
        """
        limit = (now_ms - self.timeout_ms) // self._bucket_ms
        done = [b for b in self._buckets if b < limit]
        dropped = 0
        for b in done:
            for visit in self._buckets.pop(b):
                if self._visits.get(visit.visitor) is visit and visit.last_ts // self._bucket_ms == b:
                    del self._visits[visit.visitor]
                    dropped += 1
        return dropped

    def _start(self, visitor: int, ts_ms: int, path: str | None) -> SessionChange:
        if visitor not in self._visits and len(self._visits) >= self.max_visitors:
            self._evict_one()
        if path is not None:
            path = sys.intern(path)  # open visits share one copy of each exit page
        visit = _Visit(visitor, ts_ms, path)
        self._visits[visitor] = visit
        self._file(visit)
        if path is None:
            return SessionChange(True, 0, 0, False, None, None, None)
        return SessionChange(True, 1, 0, True, path, None, path)

    def _continue(self, visit: _Visit, ts_ms: int, path: str | None) -> SessionChange:
        duration = 0
        if ts_ms > visit.last_ts:
            duration = ts_ms - visit.last_ts
            moved = ts_ms // self._bucket_ms != visit.last_ts // self._bucket_ms
            visit.last_ts = ts_ms
            if moved:
                self._file(visit)
        if path is None:
            return SessionChange(False, 0, duration, False, None, None, None)
        pageviews = visit.pageviews
        visit.pageviews = min(pageviews + 1, 2)
        bounce = 1 if pageviews == 0 else -1 if pageviews == 1 else 0
        entry = path if pageviews == 0 else None
        exit_from = exit_to = None
        if visit.exit_path is None or ts_ms >= visit.exit_ts:
            visit.exit_ts = ts_ms
            if path != visit.exit_path:
                exit_from, exit_to = visit.exit_path, sys.intern(path)
                visit.exit_path = exit_to
        return SessionChange(False, bounce, duration, True, entry, exit_from, exit_to)

    def _file(self, visit: _Visit) -> None:
        bucket = visit.last_ts // self._bucket_ms
        entries = self._buckets.get(bucket)
        if entries is None:
            self._buckets[bucket] = [visit]
        else:
            entries.append(visit)

    def _evict_one(self) -> None:
        """Drop the visit with the oldest last event."""
        for b in sorted(self._buckets):
            entries = self._buckets[b]
            for i, visit in enumerate(entries):
                if self._visits.get(visit.visitor) is visit and visit.last_ts // self._bucket_ms == b:
                    del entries[: i + 1]
                    del self._visits[visit.visitor]
                    self.evicted += 1
                    return
            del self._buckets[b]
