"""The query API: ranges, series, breakdowns, filters, comparison, CSV, and 400s that name the parameter."""

from __future__ import annotations

import csv
import io
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import orjson
import pytest

from ingest_server import stats
from ingest_server.eventlog import EVENTS_TOPIC
from ingest_server.rollup_store import DAY, HOUR, Retention
from ingest_server.rollups import day_of
from ingest_server.sites import Site
from tests.conftest import RunningApp
from tests.secured_app import secured_app
from tests.test_aggregator import CHROME, Pipeline

NOW = int(time.time() * 1000)
TODAY = day_of(NOW)
SITE = "stats.test"


def _date(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, timezone.utc).date().isoformat()


def _visit(vid: int, start: int, paths: list[str], ref: str | None = None, *, signup_on: str | None = None,
           ua: str = CHROME) -> tuple[bytes, bytes]:
    """One visit of ``vid`` starting at ``start``: a pageview a minute, and a Signup goal on ``signup_on``."""
    events: list[dict[str, Any]] = []
    for i, path in enumerate(paths):
        event: dict[str, Any] = {"id": f"v{vid}-{start}-{i}", "type": "pageview", "ts": start + i * 60_000,
                                 "url": f"https://{SITE}{path}"}
        if i == 0 and ref:
            event["ref"] = ref
        events.append(event)
        if path == signup_on:
            events.append({"id": f"g{vid}-{start}-{i}", "type": "custom", "name": "Signup", "ts": start + i * 60_000,
                           "url": f"https://{SITE}{path}", "props": {"plan": "pro"}})
    record = {"site": SITE, "rt": NOW, "vid": vid, "pvid": None, "ua": ua, "country": None, "events": events}
    return vid.to_bytes(8, "big"), orjson.dumps(record)


TWO_DAYS_AGO = TODAY - 2 * DAY + 12 * HOUR
YESTERDAY = TODAY - DAY + 12 * HOUR
TEN_DAYS_AGO = TODAY - 10 * DAY + 12 * HOUR


@pytest.fixture(scope="module")
def pipe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    p = Pipeline(tmp_path_factory.mktemp("stats"))
    p.log.produce_sync(EVENTS_TOPIC, [
        _visit(1, TWO_DAYS_AGO, ["/", "/pricing"], "https://www.google.com/", signup_on="/pricing"),
        _visit(2, TWO_DAYS_AGO + HOUR, ["/pricing"]),
        _visit(3, YESTERDAY, ["/docs", "/pricing"], "https://t.co/abc"),
        _visit(1, YESTERDAY + 2 * HOUR, ["/"]),
        _visit(4, NOW, ["/pricing"], "https://duckduckgo.com/"),
        _visit(9, TEN_DAYS_AGO, ["/=HYPERLINK(1)"]),
    ])
    p.step()
    yield p
    p.close()


def ask(pipe: Pipeline, **params: str) -> dict[str, Any]:
    query = stats.parse_query([("site", SITE), *params.items()], NOW, pipe.store.retention)
    return stats.answer(pipe.store, query)


def test_a_custom_range_has_totals_and_a_daily_series(pipe: Pipeline) -> None:
    body = ask(pipe, **{"from": _date(TWO_DAYS_AGO), "to": _date(YESTERDAY)})
    assert (body["period"], body["interval"], body["from"], body["to"]) == (
        "custom", "day", _date(TWO_DAYS_AGO), _date(YESTERDAY))
    assert body["totals"] == {"visitors": 3, "visits": 4, "pageviews": 6, "events": 7, "bounce_rate": 0.5,
                              "visit_duration": 30.0, "pages_per_visit": 1.5}
    assert [(p["time"][:10], p["visitors"], p["visits"], p["pageviews"]) for p in body["series"]] == [
        (_date(TWO_DAYS_AGO), 2, 2, 3), (_date(YESTERDAY), 2, 2, 3)]


def test_periods_cover_the_days_they_name(pipe: Pipeline) -> None:
    assert ask(pipe, period="yesterday")["totals"]["pageviews"] == 3
    assert ask(pipe, period="today")["totals"]["pageviews"] == 1
    assert ask(pipe, period="7d")["totals"]["pageviews"] == 7
    assert ask(pipe, period="30d")["totals"]["visitors"] == 5
    realtime = ask(pipe, period="realtime", metrics="visitors,pageviews")
    assert realtime["totals"] == {"visitors": 1, "pageviews": 1} and realtime["interval"] == "minute"
    assert len(realtime["series"]) == 30


def test_hourly_and_daily_series_agree(pipe: Pipeline) -> None:
    days = ask(pipe, period="7d", interval="day", metrics="pageviews,events")["series"]
    hours = ask(pipe, period="7d", interval="hour", metrics="pageviews,events")["series"]
    for metric in ("pageviews", "events"):
        by_day: dict[int, int] = {}
        for point in hours:
            by_day[day_of(point["t"])] = by_day.get(day_of(point["t"]), 0) + point[metric]
        assert {p["t"]: p[metric] for p in days} == {d: n for d, n in by_day.items() if d in {p["t"] for p in days}}


def test_breakdowns_are_ranked_and_paginated(pipe: Pipeline) -> None:
    first = ask(pipe, period="7d", breakdown="page", limit="2")["breakdown"]
    assert (first["dimension"], first["metric"], first["total"], first["next_page"]) == ("page", "pageviews", 3, 2)
    assert first["results"] == [
        {"value": "/pricing", "pageviews": 4, "visitors": 4, "events": 5},
        {"value": "/", "pageviews": 2, "visitors": 1, "events": 2},
    ]
    second = ask(pipe, period="7d", breakdown="page", limit="2", page="2")["breakdown"]
    assert [r["value"] for r in second["results"]] == ["/docs"] and second["next_page"] is None


def test_a_source_breakdown_has_every_metric_of_its_visits(pipe: Pipeline) -> None:
    rows = ask(pipe, period="7d", breakdown="source")["breakdown"]["results"]
    assert rows[0] == {"value": "direct", "visits": 2, "visitors": 2, "pageviews": 2, "events": 2,
                       "bounce_rate": 1.0, "visit_duration": 0.0, "pages_per_visit": 1.0}
    assert {r["value"]: r["visits"] for r in rows} == {"direct": 2, "search": 2, "social": 1}


def test_goals_have_visitors_and_properties(pipe: Pipeline) -> None:
    rows = ask(pipe, period="7d", breakdown="goal")["breakdown"]["results"]
    assert rows == [{"value": "Signup", "events": 1, "visitors": 1, "props": {"plan": [["pro", 1]]}}]


def test_a_source_filter_selects_whole_visits(pipe: Pipeline) -> None:
    body = ask(pipe, period="7d", filters="source==search", breakdown="page")
    assert body["filters"] == {"source": "search"}
    assert body["totals"] == {"visitors": 2, "visits": 2, "pageviews": 3, "events": 4, "bounce_rate": 0.5,
                              "visit_duration": 30.0, "pages_per_visit": 1.5}
    assert [(r["value"], r["pageviews"], r["visitors"]) for r in body["breakdown"]["results"]] == [
        ("/pricing", 2, 2), ("/", 1, 1)]


def test_a_page_filter_selects_the_events_on_that_page(pipe: Pipeline) -> None:
    body = ask(pipe, period="7d", filters="page==/pricing", breakdown="type")
    assert body["metrics"] == ["visitors", "pageviews", "events"]
    assert body["totals"] == {"visitors": 4, "pageviews": 4, "events": 5}
    assert {r["value"]: r["events"] for r in body["breakdown"]["results"]} == {"pageview": 4, "custom": 1}


def test_page_and_source_filters_combine(pipe: Pipeline) -> None:
    body = ask(pipe, period="7d", filters="page==/pricing;source==search", metrics="visitors,pageviews,events")
    assert body["totals"] == {"visitors": 2, "pageviews": 2, "events": 3}


def test_comparison_with_the_previous_period(pipe: Pipeline) -> None:
    body = ask(pipe, **{"from": _date(YESTERDAY), "to": _date(YESTERDAY), "compare": "previous",
                        "metrics": "visitors,pageviews"})
    compare = body["compare"]
    assert (compare["from"], compare["to"]) == (_date(TWO_DAYS_AGO), _date(TWO_DAYS_AGO))
    assert compare["totals"] == {"visitors": 2, "pageviews": 3}
    assert compare["change"] == {"visitors": 0.0, "pageviews": 0.0}
    assert len(compare["series"]) == len(body["series"])


def test_today_is_compared_with_yesterday_up_to_the_same_time(pipe: Pipeline) -> None:
    compare = ask(pipe, period="today", compare="previous", metrics="pageviews")["compare"]
    assert compare["end"] - compare["start"] <= NOW - TODAY + 60_000
    expected = 3 if NOW - TODAY > 14 * HOUR else None  # yesterday's visits were at 12:00-14:01
    if expected is not None:
        assert compare["totals"]["pageviews"] == expected


def test_csv_export_of_a_breakdown(pipe: Pipeline) -> None:
    day = _date(TEN_DAYS_AGO)
    body = ask(pipe, **{"from": day, "to": day, "breakdown": "page", "format": "csv"})
    assert list(csv.reader(io.StringIO(stats.to_csv(body)))) == [
        ["page", "pageviews", "visitors", "events"], ["/=HYPERLINK(1)", "1", "1", "1"]]  # a path: harmless
    body = ask(pipe, **{"from": day, "to": day, "breakdown": "source", "metrics": "visits", "format": "csv"})
    assert list(csv.reader(io.StringIO(stats.to_csv(body)))) == [["source", "visits"], ["direct", "1"]]
    assert stats._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and stats._cell("@x") == "'@x"  # no formulas
    assert stats._cell(-1) == -1
    series = list(csv.reader(io.StringIO(stats.to_csv(ask(pipe, period="7d", metrics="pageviews")))))
    assert series[0] == ["time", "pageviews"] and len(series) == 8


# -- over HTTP ------------------------------------------------------------------


async def test_stats_over_http_as_json_and_csv(runtime_app: RunningApp) -> None:
    response = await runtime_app.client.get("/api/stats", params={"site": "http.test", "period": "7d"})
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    assert response.json()["totals"]["visitors"] == 0
    exported = await runtime_app.client.get("/api/stats", params={"site": "http.test", "format": "csv",
                                                                  "breakdown": "source"})
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert 'filename="http.test-source-' in exported.headers["content-disposition"]
    assert exported.text.splitlines() == ["source,visits"]  # no rows yet


BAD = [
    ({"site": ""}, "site"),
    ({"site": "not a site"}, "site"),
    ({"period": "90d"}, "period"),
    ({"period": "7d", "from": "2024-01-01", "to": "2024-01-02"}, "period"),
    ({"from": "2024-13-01", "to": "2024-12-01"}, "from"),
    ({"from": "yesterday", "to": "2024-12-01"}, "from"),
    ({"from": "2024-01-01"}, "to"),
    ({"from": "2024-02-01", "to": "2024-01-01"}, "from"),
    ({"from": "2020-01-01", "to": "2024-01-01"}, "from"),
    ({"from": _date(NOW), "to": _date(NOW + 3 * DAY)}, "to"),
    ({"interval": "week"}, "interval"),
    ({"period": "30d", "interval": "minute"}, "interval"),
    ({"metrics": "visitors,sessions"}, "metrics"),
    ({"metrics": ""}, "metrics"),
    ({"breakdown": "city"}, "breakdown"),
    ({"limit": "0"}, "limit"),
    ({"limit": "1001"}, "limit"),
    ({"limit": "ten"}, "limit"),
    ({"page": "0"}, "page"),
    ({"filters": "browser==Chrome"}, "filters"),
    ({"filters": "page=/pricing"}, "filters"),
    ({"filters": "page==/a;page==/b"}, "filters"),
    ({"filters": "nope==1"}, "filters"),
    ({"filters": "page=="}, "filters"),
    ({"filters": "page==/pricing", "metrics": "bounce_rate"}, "metrics"),
    ({"filters": "page==/pricing", "breakdown": "browser"}, "breakdown"),
    ({"compare": "last_year"}, "compare"),
    ({"format": "xml"}, "format"),
    ({"metric": "visitors"}, "metric"),
]


@pytest.mark.parametrize(("params", "field"), BAD, ids=[f"{f}:{'&'.join(f'{k}={v}' for k, v in p.items())}"
                                                       for p, f in BAD])
async def test_bad_parameters_are_400s_naming_the_parameter(runtime_app: RunningApp, params: dict[str, str],
                                                            field: str) -> None:
    response = await runtime_app.client.get("/api/stats", params={"site": "http.test", **params})
    assert response.status_code == 400, response.text
    assert response.json()["field"] == field
    assert response.json()["error"].startswith(f"{field}: ")


async def test_a_repeated_parameter_is_refused(runtime_app: RunningApp) -> None:
    response = await runtime_app.client.get("/api/stats?site=http.test&period=7d&period=30d")
    assert (response.status_code, response.json()["field"]) == (400, "period")


def test_intervals_respect_retention() -> None:
    short = Retention(minutes_ms=DAY, hours_ms=3 * DAY, days_ms=10 * DAY)
    with pytest.raises(Exception, match="hour rollups are kept for 3 days"):
        stats.parse_query([("site", SITE), ("period", "7d"), ("interval", "hour")], NOW, short)
    assert stats.parse_query([("site", SITE), ("period", "yesterday")], NOW, short).interval == "h"
    old = _date(NOW - 5 * DAY)
    assert stats.parse_query([("site", SITE), ("from", old), ("to", old)], NOW, short).interval == "d"
    with pytest.raises(Exception, match="no longer kept"):
        stats.parse_query([("site", SITE), ("period", "30d")], NOW, short)


async def test_a_private_site_needs_a_token(tmp_path: Path) -> None:
    async with secured_app(tmp_path, Site("private.test")) as secured, secured.client() as client:
        refused = await client.get("/api/stats", params={"site": "private.test"})
        assert (refused.status_code, refused.json()["field"]) == (401, "token")
        _, token = secured.registry.tokens.create("private.test")
        allowed = await client.get("/api/stats", params={"site": "private.test"},
                                   headers={"authorization": f"Bearer {token}"})
        assert allowed.status_code == 200
