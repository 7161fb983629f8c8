"""Segments: rollups of one slice of the traffic, so that filters stay exact.

Rollups are sums per dimension; "pageviews of /pricing by visitors from
search" cannot be derived from the page counts and the source counts. So the
aggregator also counts each event into the segments it belongs to, and a
filter on exactly a segment's dimensions reads that segment's rollups.

- ``source`` is a visit property, known when the visit starts: its segment
  holds every event of those visits, so every metric and breakdown is exact.
- ``page`` is an event property: its segment holds the events on that page
  (page views, clicks, goals, engagement…) and who sent them. Visit metrics
  (visits, bounces, duration, entry/exit) and visit properties (referrer,
  browser…) are left out: a visit is not "on" one page.

Each materialised segment costs about one more copy of the rollups, which is
why only these are kept (see docs/stats-api.md#filters).
"""

from __future__ import annotations

import functools

import orjson

__all__ = ["FILTERABLE", "SPECS", "VisitSources", "event_segments", "segment_key", "spec_is_whole_visit"]

FILTERABLE = ("page", "source")
# The dimension sets with their own rollups; a filter must name exactly one of them.
SPECS = (("source",), ("page",), ("page", "source"))
_VISIT_DIMS = frozenset({"source"})
# Counters and dimensions that describe visits rather than events: left out of event segments.
VISIT_COUNTERS = frozenset({"visits", "bounces", "duration_ms"})
VISIT_DIMENSIONS = frozenset(
    {"entry", "exit", "referrer", "source", "utm_source", "utm_medium", "utm_campaign", "browser", "os", "device",
     "country"}
)
UNKNOWN_SOURCE = "(unknown)"


def segment_key(filters: dict[str, str]) -> str:
    """The segment of ``{dimension: value}``: ``""`` for everything, else canonical JSON of the sorted pairs."""
    if not filters:
        return ""
    return orjson.dumps([part for dim in sorted(filters) for part in (dim, filters[dim])]).decode()


def spec_is_whole_visit(dims: tuple[str, ...]) -> bool:
    """Whether a segment on ``dims`` holds whole visits (all of its dimensions are visit properties)."""
    return all(d in _VISIT_DIMS for d in dims)


@functools.lru_cache(maxsize=4096)
def event_segments(page: str, source: str) -> tuple[tuple[str, bool], ...]:
    """(segment key, holds whole visits) of every segment an event on ``page`` in a visit from ``source`` is in."""
    values = {"page": page, "source": source}
    return tuple(
        (segment_key({d: values[d] for d in spec}), spec_is_whole_visit(spec)) for spec in SPECS
    )


class VisitSources:
    """The source of each open visit, so that its later events count in that source's segment.

    It follows the sessionizer's verdicts (``new_source`` is given exactly when
    an event starts a visit) and forgets visits idle for twice the session
    timeout, which is longer than the sessionizer keeps them. Not thread-safe.
    """

    def __init__(self, timeout_ms: int) -> None:
        self.timeout_ms = timeout_ms
        self._open: dict[int, tuple[str, int]] = {}  # visitor -> (source, last event time)
        self._swept_at = 0

    def __len__(self) -> int:
        return len(self._open)

    def observe(self, visitor: int, previous: int | None, ts_ms: int, new_source: str | None) -> str:
        """The source of the visit this event belongs to; ``new_source`` when it starts one."""
        if new_source is not None:
            self._open[visitor] = (new_source, ts_ms)
            return new_source
        found = self._open.get(visitor)
        if found is None or ts_ms - found[1] > self.timeout_ms:
            # the visit began under yesterday's visitor id (the sessionizer carried it over)
            carried = self._open.pop(previous, None) if previous is not None else None
            found = carried or (UNKNOWN_SOURCE, ts_ms)
        self._open[visitor] = (found[0], max(ts_ms, found[1]))
        return found[0]

    def expire(self, now_ms: int) -> None:
        """Forget visits idle for more than twice the timeout; does the work at most once a minute."""
        if now_ms - self._swept_at < 60_000:
            return
        self._swept_at = now_ms
        limit = now_ms - 2 * self.timeout_ms
        self._open = {v: entry for v, entry in self._open.items() if entry[1] >= limit}
