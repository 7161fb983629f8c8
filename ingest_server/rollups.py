"""Additive per-minute rollups: what the aggregator emits and what dashboards sum.

Everything here is a count that can be added (sessions are expressed as
deltas, see ``sessions.py``), so the partial rollups of many partitions and
many aggregator flushes merge by addition, in any order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import orjson

# Counters kept per site and minute.
COUNTERS = (
    "events",
    "pageviews",
    "visits",
    "bounces",
    "duration_ms",
    "engagements",
    "engaged_ms",
    "scroll_sum",
    "bots",
    "spam",
    "duplicates",
)

# Breakdown dimensions: name -> what one count means.
DIMENSIONS = {
    "page": "pageviews of a path",
    "entry": "visits that started on a path",
    "exit": "visits that (so far) ended on a path",
    "referrer": "visits from a referring domain",
    "source": "visits by source group (direct, search, social, email, referral)",
    "utm_source": "visits by utm_source",
    "utm_medium": "visits by utm_medium",
    "utm_campaign": "visits by utm_campaign",
    "browser": "visits by browser",
    "os": "visits by operating system",
    "device": "visits by device type",
    "country": "visits by country",
    "type": "events by type",
    "goal": "custom events by name",
    "outbound": "outbound link clicks by URL",
    "download": "file downloads by URL",
}


def _dim_table() -> defaultdict[str, defaultdict[str, int]]:
    return defaultdict(lambda: defaultdict(int))


@dataclass(slots=True)
class Counts:
    """Counters, breakdowns and visitor ids for one site over some span of time."""

    counters: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))
    dims: defaultdict[str, defaultdict[str, int]] = field(default_factory=_dim_table)
    goal_props: defaultdict[str, defaultdict[str, int]] = field(default_factory=_dim_table)
    visitors: set[int] = field(default_factory=set)
    goal_visitors: defaultdict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def count(self, counter: str, n: int = 1) -> None:
        self.counters[counter] += n

    def dim(self, name: str, key: str, n: int = 1) -> None:
        self.dims[name][key] += n

    def add(self, other: Counts) -> None:
        for name, n in other.counters.items():
            self.counters[name] += n
        for name, table in other.dims.items():
            mine = self.dims[name]
            for key, n in table.items():
                mine[key] += n
        for goal, table in other.goal_props.items():
            mine = self.goal_props[goal]
            for key, n in table.items():
                mine[key] += n
        self.visitors |= other.visitors
        for goal, ids in other.goal_visitors.items():
            self.goal_visitors[goal] |= ids

    def to_json(self) -> dict[str, Any]:
        return {
            "c": {k: v for k, v in self.counters.items() if v},
            "d": {name: {k: v for k, v in t.items() if v} for name, t in self.dims.items()},
            "gp": {g: dict(t) for g, t in self.goal_props.items()},
            "v": sorted(self.visitors),
            "gv": {g: sorted(ids) for g, ids in self.goal_visitors.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Counts:
        counts = cls()
        for k, v in data.get("c", {}).items():
            counts.counters[k] = int(v)
        for name, table in data.get("d", {}).items():
            counts.dims[name].update(table)
        for goal, table in data.get("gp", {}).items():
            counts.goal_props[goal].update(table)
        counts.visitors.update(data.get("v", ()))
        for goal, ids in data.get("gv", {}).items():
            counts.goal_visitors[goal].update(ids)
        return counts


def prop_key(key: str, value: object) -> str:
    """How a goal's property and value are kept as one breakdown key (unambiguous whatever they contain)."""
    shown = value if isinstance(value, str) else orjson.dumps(value).decode()
    return orjson.dumps([key, shown]).decode()


def split_prop(kv: str) -> tuple[str, str]:
    """The (property, value) of a ``prop_key``."""
    if kv.startswith("["):
        key, value = orjson.loads(kv)
        return str(key), str(value)
    key, _, value = kv.partition("=")  # rollups written before keys were JSON
    return key, value


def minute_of(ts_ms: int) -> int:
    return ts_ms - ts_ms % 60_000


def day_of(ts_ms: int) -> int:
    return ts_ms - ts_ms % 86_400_000


def top(table: dict[str, int], limit: int = 10) -> list[list[Any]]:
    """``[[key, count], ...]`` most first, ties by key; zero and negative counts left out."""
    items = [(k, n) for k, n in table.items() if n > 0]
    items.sort(key=lambda kv: (-kv[1], kv[0]))
    return [[k, n] for k, n in items[:limit]]
