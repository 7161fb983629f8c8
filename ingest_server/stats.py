"""The query API, ``GET /api/stats``: totals, a time series and one breakdown over any range.

``parse_query`` turns query parameters into a ``StatsQuery`` (every mistake a
400 naming the parameter); ``answer`` computes the JSON body from the rollup
store; ``to_csv`` renders it for export. The contract is docs/stats-api.md.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

import orjson
from starlette.responses import Response

from ingest_server.errors import HTTPError
from ingest_server.rollup_store import DAY, MINUTE, SPANS, Piece, Retention, RollupStore, cover, derived
from ingest_server.rollups import DIMENSIONS, day_of, minute_of, split_prop, top
from ingest_server.segments import FILTERABLE, SPECS, VISIT_DIMENSIONS, segment_key, spec_is_whole_visit
from tracker_sdk.schema import MAX_URL_LEN, EnvelopeError, normalise_site

METRICS = ("visitors", "visits", "pageviews", "events", "bounce_rate", "visit_duration", "pages_per_visit")
VISIT_METRICS = frozenset({"visits", "bounce_rate", "visit_duration", "pages_per_visit"})
PERIODS = ("realtime", "today", "yesterday", "7d", "30d", "custom")
INTERVALS = {"minute": "m", "hour": "h", "day": "d"}
BREAKDOWNS = tuple(DIMENSIONS)
# What a breakdown row's own count is: the count the rollups keep for that dimension.
NATIVE_METRIC = {dim: "pageviews" if dim == "page" else "events" if dim in ("type", "goal", "outbound", "download")
                 else "visits" for dim in DIMENSIONS}
PARAMETERS = ("site", "token", "period", "from", "to", "interval", "metrics", "breakdown", "filters", "limit", "page",
              "compare", "format")
MAX_LIMIT = 1000
MAX_PAGE = 100_000
MAX_DAYS = 731
MAX_POINTS = 1500
REALTIME_MINUTES = 30
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FILTER_SPLIT_RE = re.compile(r";(?=[a-z_]+==)")  # page paths may hold ";", but not ";source=="
_SPAN_NAMES = {"m": "minute", "h": "hour", "d": "day"}


@dataclass(frozen=True, slots=True)
class Range:
    start: int  # ms, inclusive, a whole minute
    end: int  # ms, exclusive

    def shifted_back(self, by: int) -> Range:
        return Range(self.start - by, self.end - by)


@dataclass(frozen=True, slots=True)
class StatsQuery:
    site: str
    period: str
    range: Range
    previous: Range | None  # the comparison range, when compare=previous
    interval: str  # "m", "h" or "d"
    metrics: tuple[str, ...]
    breakdown: str | None
    filters: dict[str, str] = field(default_factory=dict)
    limit: int = 10
    page: int = 1
    format: str = "json"
    now: int = 0

    @property
    def segment(self) -> str:
        return segment_key(self.filters)


def _bad(param: str, reason: str) -> HTTPError:
    return HTTPError(400, param, reason)


def parse_query(items: Sequence[tuple[str, str]], now: int, retention: Retention) -> StatsQuery:
    """Validate ``/api/stats`` query parameters; raise HTTPError(400) naming the first bad one."""
    params: dict[str, str] = {}
    for name, value in items:
        if name not in PARAMETERS:
            raise _bad(name, f"is not a parameter of /api/stats; they are {', '.join(PARAMETERS)}")
        if name in params:
            raise _bad(name, "is given more than once")
        params[name] = value
    try:
        site = normalise_site(params.get("site", ""))
    except EnvelopeError as exc:
        raise _bad("site", exc.reason) from None
    fmt = params.get("format", "json")
    if fmt not in ("json", "csv"):
        raise _bad("format", "must be json or csv")
    period, span, default_interval = _period(params, now)
    interval = params.get("interval")
    if interval is None:
        kept = retention.of(default_interval)
        interval_span = default_interval if not kept or span.start >= now - kept else "d"
    elif interval in INTERVALS:
        interval_span = INTERVALS[interval]
    else:
        raise _bad("interval", f"must be one of {', '.join(INTERVALS)}")
    _check_interval(span, interval_span, now, retention)
    filters = _filters(params.get("filters", ""))
    event_level = not spec_is_whole_visit(tuple(sorted(filters)))  # a page filter: events, not visits
    metrics = _metrics(params.get("metrics"), event_level)
    breakdown = params.get("breakdown")
    if breakdown is not None:
        if breakdown not in BREAKDOWNS:
            raise _bad("breakdown", f"must be one of {', '.join(BREAKDOWNS)}")
        if event_level and breakdown in VISIT_DIMENSIONS:
            raise _bad("breakdown", f"{breakdown} is a property of visits, and a page filter selects events, not "
                                    "visits; filter by source, or break down by page, type, goal, outbound or download")
    limit = _integer(params, "limit", 1000 if fmt == "csv" else 10, 1, MAX_LIMIT)
    page = _integer(params, "page", 1, 1, MAX_PAGE)
    compare = params.get("compare")
    if compare not in (None, "previous"):
        raise _bad("compare", "must be previous (or left out)")
    previous = None
    if compare:
        if period == "today":  # today so far against yesterday up to the same time
            previous = Range(span.start - DAY, minute_of(now) + MINUTE - DAY)
        else:
            previous = span.shifted_back(span.end - span.start)
    return StatsQuery(site, period, span, previous, interval_span, metrics, breakdown, filters, limit, page, fmt, now)


def _period(params: dict[str, str], now: int) -> tuple[str, Range, str]:
    """(period, range, default interval) from ``period``, ``from`` and ``to``."""
    today = day_of(now)
    custom = "from" in params or "to" in params
    period = params.get("period", "custom" if custom else "30d")
    if period not in PERIODS:
        raise _bad("period", f"must be one of {', '.join(PERIODS)}")
    if custom and period != "custom":
        raise _bad("period", f"is {period}, but from/to ask for a custom range; leave period out or make it custom")
    if period == "realtime":
        end = minute_of(now) + MINUTE
        return period, Range(end - REALTIME_MINUTES * MINUTE, end), "m"
    if period == "today":
        return period, Range(today, today + DAY), "h"
    if period == "yesterday":
        return period, Range(today - DAY, today), "h"
    if period in ("7d", "30d"):
        days = int(period[:-1])
        return period, Range(today - (days - 1) * DAY, today + DAY), "d"
    first, last = _date(params, "from"), _date(params, "to")
    if first > last:
        raise _bad("from", f"is after to ({params['to']})")
    if last > today + DAY:
        raise _bad("to", "is in the future (dates are UTC)")
    days = (last - first) // DAY + 1
    if days > MAX_DAYS:
        raise _bad("from", f"the range has {days} days; the limit is {MAX_DAYS}")
    return period, Range(first, last + DAY), "h" if days == 1 else "d"


def _date(params: dict[str, str], name: str) -> int:
    text = params.get(name)
    if text is None:
        raise _bad(name, "is required for a custom range (from and to, both YYYY-MM-DD)")
    try:
        if not _DATE_RE.fullmatch(text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise _bad(name, f"must be a date as YYYY-MM-DD, got {text[:40]!r}") from None
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp() * 1000)


def _check_interval(span: Range, interval: str, now: int, retention: Retention) -> None:
    days_kept = retention.of("d")
    if days_kept and span.start < now - days_kept - DAY:
        raise _bad("from", f"days older than {days_kept // DAY} days are no longer kept")
    name = _SPAN_NAMES[interval]
    points = -(-(span.end - span.start) // SPANS[interval])
    if points > MAX_POINTS:
        raise _bad("interval", f"{name} over this range gives {points} points; the limit is {MAX_POINTS}")
    keep = retention.of(interval)
    if keep and span.start < now - keep:
        raise _bad("interval", f"{name} rollups are kept for {keep / DAY:g} days; use a longer interval")


def _filters(text: str) -> dict[str, str]:
    filters: dict[str, str] = {}
    if not text:
        return filters
    for part in _FILTER_SPLIT_RE.split(text):
        dim, sep, value = part.partition("==")
        if not sep:
            raise _bad("filters", f"{part[:60]!r} is not dimension==value (e.g. page==/pricing;source==search)")
        if dim not in DIMENSIONS:
            raise _bad("filters", f"{dim[:40]!r} is not a dimension")
        if dim not in FILTERABLE:
            raise _bad("filters", f"{dim} cannot be filtered: rollups are sums, exact only for the segments they "
                                  f"keep; filter by {' or '.join(FILTERABLE)}")
        if dim in filters:
            raise _bad("filters", f"{dim} is filtered twice")
        if not value or len(value) > MAX_URL_LEN:
            raise _bad("filters", f"{dim} needs a value of 1 to {MAX_URL_LEN} characters")
        filters[dim] = value
    if tuple(sorted(filters)) not in SPECS:
        raise _bad("filters", f"this combination cannot be filtered; filter by {' or '.join(FILTERABLE)}")
    return filters


def _metrics(text: str | None, event_level: bool) -> tuple[str, ...]:
    if text is None:
        return tuple(m for m in METRICS if not (event_level and m in VISIT_METRICS))
    metrics = tuple(dict.fromkeys(m.strip() for m in text.split(",")))
    for metric in metrics:
        if metric not in METRICS:
            raise _bad("metrics", f"{metric[:40]!r} is not a metric; choose from {', '.join(METRICS)}")
        if event_level and metric in VISIT_METRICS:
            raise _bad("metrics", f"{metric} describes visits, and a page filter selects events; "
                                  "ask for visitors, pageviews or events")
    return metrics


def _integer(params: dict[str, str], name: str, default: int, low: int, high: int) -> int:
    text = params.get(name)
    if text is None:
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise _bad(name, f"must be a whole number from {low} to {high}")
    return int(text)


# -- answering ----------------------------------------------------------------


def answer(store: RollupStore, query: StatsQuery) -> dict[str, Any]:
    """The JSON body for ``query`` (see docs/stats-api.md)."""
    site, seg = query.site, query.segment
    body: dict[str, Any] = {
        "v": 1,
        "site": site,
        "period": query.period,
        **_describe(query.range, query.interval),
        "filters": query.filters,
        "metrics": list(query.metrics),
        "totals": _values(store, site, seg, cover(query.range.start, query.range.end), query.metrics),
        "series": _series(store, query, query.range),
    }
    if query.previous is not None:
        previous = _values(store, site, seg, cover(query.previous.start, query.previous.end), query.metrics)
        body["compare"] = {
            **_describe(query.previous, query.interval),
            "totals": previous,
            "change": {m: _change(body["totals"][m], previous[m]) for m in query.metrics},
            "series": _series(store, query, query.previous),
        }
    if query.breakdown is not None:
        body["breakdown"] = _breakdown(store, query, query.breakdown)
    return body


def _describe(span: Range, interval: str) -> dict[str, Any]:
    return {"from": _day_name(span.start), "to": _day_name(span.end - 1), "start": span.start, "end": span.end,
            "interval": _SPAN_NAMES[interval]}


def _day_name(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, timezone.utc).date().isoformat()


def _time_name(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _change(now: float, before: float) -> float | None:
    return round((now - before) / before, 4) if before else None


def _values(store: RollupStore, site: str, seg: str, pieces: list[Piece], metrics: Sequence[str]) -> dict[str, Any]:
    counters = store.totals(site, seg, pieces)
    visitors = store.uniques(site, seg, pieces).estimate() if "visitors" in metrics else 0
    return _pick(derived(counters), visitors, metrics)


def _pick(rates: dict[str, Any], visitors: int, metrics: Sequence[str]) -> dict[str, Any]:
    names = {"visit_duration": "visit_duration_s"}
    return {m: visitors if m == "visitors" else rates[names.get(m, m)] for m in metrics}


def _series(store: RollupStore, query: StatsQuery, span: Range) -> list[dict[str, Any]]:
    """One entry per bucket of the interval that has begun; buckets the range cuts are summed from finer ones."""
    size = SPANS[query.interval]
    first = span.start - span.start % size
    stop = min(span.end, minute_of(query.now) + MINUTE)
    whole = store.series(query.site, query.segment, query.interval, first, stop)
    visitors = (store.bucket_uniques(query.site, query.segment, query.interval, first, stop)
                if "visitors" in query.metrics else {})
    points = []
    for bucket in range(first, stop, size):
        lo, hi = max(bucket, span.start), min(bucket + size, span.end)
        if (lo, hi) == (bucket, bucket + size):
            values = _pick(derived(whole.get(bucket, {})), visitors.get(bucket, 0), query.metrics)
        else:
            values = _values(store, query.site, query.segment, cover(lo, hi), query.metrics)
        points.append({"t": bucket, "time": _time_name(bucket), **values})
    return points


def _breakdown(store: RollupStore, query: StatsQuery, dim: str) -> dict[str, Any]:
    site, seg = query.site, query.segment
    pieces = cover(query.range.start, query.range.end)
    offset = (query.page - 1) * query.limit
    rows, total = store.breakdown(site, seg, dim, pieces, query.limit, offset)
    native = NATIVE_METRIC[dim]
    results = []
    for key, n in rows:
        row: dict[str, Any] = {"value": key, native: n}
        row.update(_row_metrics(store, query, dim, key, pieces))
        if dim == "goal":
            row["visitors"] = store.uniques(site, seg, pieces, goal=key).estimate()
            props: dict[str, dict[str, int]] = {}
            for kv, count in store.table(site, seg, "gp:" + key, pieces).items():
                prop, value = split_prop(kv)
                props.setdefault(prop, {})[value] = count
            row["props"] = {prop: top(values, 5) for prop, values in sorted(props.items())}
        results.append(row)
    more = offset + len(rows) < total
    return {"dimension": dim, "metric": native, "page": query.page, "limit": query.limit, "total": total,
            "next_page": query.page + 1 if more else None, "results": results}


def _row_metrics(store: RollupStore, query: StatsQuery, dim: str, key: str, pieces: list[Piece]) -> dict[str, Any]:
    """The asked-for metrics of one row, where a segment holds exactly that row's traffic; else nothing."""
    filters = {**query.filters, dim: key}
    spec = tuple(sorted(filters))
    if spec not in SPECS:
        return {}
    metrics = [m for m in query.metrics if spec_is_whole_visit(spec) or m not in VISIT_METRICS]
    return _values(store, query.site, segment_key(filters), pieces, metrics)


# -- rendering ----------------------------------------------------------------


def to_csv(body: dict[str, Any]) -> str:
    """The breakdown rows, or else the time series, as CSV; text cells cannot start a spreadsheet formula."""
    if "breakdown" in body:
        breakdown = body["breakdown"]
        rows = breakdown["results"]
        names = dict.fromkeys([breakdown["metric"], *(k for row in rows for k in row)])
        columns = ["value", *(k for k in names if k not in ("value", "props"))]
        header = [breakdown["dimension"], *columns[1:]]
    else:
        rows = body["series"]
        columns = header = ["time", *body["metrics"]]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(row.get(c, "")) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> Any:
    # OWASP CSV injection: a leading = + - @ tab or CR makes a spreadsheet evaluate the cell
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


async def respond(store: RollupStore, query: StatsQuery, headers: dict[str, str]) -> Response:
    """Answer in a worker thread (a long range must not stall the live streams), as JSON or CSV."""
    body = await asyncio.to_thread(answer, store, query)
    headers = {"cache-control": "no-store", **headers}
    if query.format == "csv":
        what = query.breakdown or "series"
        headers["content-disposition"] = f'attachment; filename="{query.site}-{what}-{body["from"]}-{body["to"]}.csv"'
        return Response(to_csv(body), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(orjson.dumps(body), media_type="application/json", headers=headers)
