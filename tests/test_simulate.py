"""``activity-tracker simulate``: believable traffic, and a month of it loaded through a real server.

The end-to-end test runs ``serve --max-event-age 40d --forwarded-allow-ips
127.0.0.1`` as a subprocess, sends 30 days of generated visits through its
collector, and checks ``/api/stats`` against a direct computation from the
JSON lines simulate wrote.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import click
import orjson
import pytest
from click.testing import CliRunner

from ingest_server.cli import cli
from ingest_server.config import Settings
from ingest_server.rollups import day_of
from ingest_server.simulate import Report, Sender, Traffic, Visit
from ingest_server.sources import classify_referrer, page_path
from ingest_server.useragent import parse_user_agent
from tests.serve_process import ServeProcess
from tracker_sdk.schema import MAX_EVENTS, parse_beacon

DAY = 86_400_000
TIMEOUT = 30 * 60_000
END = 1_733_400_000_000  # a fixed end time: generation is a function of (site, days, visitors, seed, end)


def _visits(**kwargs: Any) -> list[dict[str, Any]]:
    args = {"days": 30, "visitors": 300, "seed": 1, "end_ms": END, **kwargs}
    return [orjson.loads(v.as_json("demo.example")) for v in Traffic("demo.example", **args)]


def test_the_same_seed_gives_the_same_traffic() -> None:
    assert _visits() == _visits()
    assert _visits() != _visits(seed=2)
    assert len(Traffic("demo.example", days=30, visitors=300, seed=1, end_ms=END)) == len(_visits())


def test_visits_are_valid_beacons_within_the_range() -> None:
    visits = _visits()
    ids = [e["id"] for v in visits for e in v["events"]]
    assert len(ids) == len(set(ids))
    for visit in visits:
        events = visit["events"]
        assert 1 <= len(events) <= MAX_EVENTS
        assert [e["ts"] for e in events] == sorted(e["ts"] for e in events)
        assert events[-1]["ts"] - events[0]["ts"] < TIMEOUT  # one visit, one beacon
        assert END - 30 * DAY - DAY < events[0]["ts"] and events[-1]["ts"] < END
        beacon = parse_beacon(orjson.dumps({"site": "demo.example", "events": events}), END, max_past_ms=31 * DAY)
        assert beacon.rejected == []


def test_traffic_looks_like_a_real_site() -> None:
    visits = _visits()
    devices = [parse_user_agent(v["ua"]) for v in visits]
    assert all(d.is_bot == v["bot"] for d, v in zip(devices, visits))
    people = [d for d in devices if not d.is_bot]
    assert len({d.browser for d in people}) >= 4 and len({d.os for d in people}) >= 4
    assert {d.device_type for d in people} >= {"desktop", "mobile", "tablet"}
    first = [v["events"][0] for v in visits if not v["bot"]]
    assert {classify_referrer(e.get("ref"), e["url"])[0] for e in first} == {
        "direct", "search", "social", "referral", "email"}
    assert any("utm_campaign=" in e["url"] for e in first)
    kinds = Counter(e["type"] for v in visits for e in v["events"])
    assert {"pageview", "click", "outbound", "download", "custom", "engagement"} <= set(kinds)
    assert {e["name"] for v in visits for e in v["events"] if e["type"] == "custom"} == {"Signup", "Newsletter"}
    returning = Counter((v["ip"], v["ua"]) for v in visits)
    assert 1.1 < len(visits) / len(returning) < 2  # some come back
    by_day = Counter(day_of(v["events"][0]["ts"]) for v in visits)
    assert len(by_day) == 30


def test_simulate_sends_only_to_this_machine() -> None:
    for url in ("http://example.com:8000", "https://127.0.0.1:8000", "http://10.0.0.1:8000"):
        with pytest.raises(click.UsageError, match="only to this machine"):
            Sender(url)
    assert Sender("http://[::1]:8000").port == 8000


def test_a_dry_run_writes_json_lines_and_sends_nothing(tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(cli, ["simulate", "--dry-run", "--out", str(out), "--days", "3", "--visitors", "20",
                                      "--url", "http://127.0.0.1:9"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines and set(lines[0]) == {"site", "ip", "ua", "bot", "events"}
    refused = CliRunner().invoke(cli, ["simulate", "--dry-run"])
    assert refused.exit_code == 2 and "--out" in refused.output


def test_max_event_age_reaches_every_role(monkeypatch: pytest.MonkeyPatch) -> None:
    serve = cli.commands["serve"]
    params = serve.make_context("serve", ["--max-event-age", "40d", "--hour-retention", "0"]).params
    assert params["max_event_age_ms"] == 40 * DAY and params["hour_retention_ms"] == 0
    monkeypatch.setenv("ACTIVITY_TRACKER_MAX_EVENT_AGE", "36h")
    for role in ("serve", "collect", "aggregate"):
        assert cli.commands[role].make_context(role, []).params["max_event_age_ms"] == 36 * 3_600_000
    with pytest.raises(click.BadParameter, match="not a duration"):
        serve.make_context("serve", ["--max-event-age", "forever"])
    with pytest.raises(ValueError, match="at least 1m"):
        Settings(max_event_age_ms=1000)


def test_the_schema_takes_the_age_limit() -> None:
    event = {"id": "old", "type": "pageview", "ts": END - 30 * DAY, "url": "https://demo.example/"}
    body = orjson.dumps({"site": "demo.example", "events": [event]})
    assert parse_beacon(body, END).rejected[0].field == "ts"  # a day by default
    assert parse_beacon(body, END, max_past_ms=40 * DAY).events == [event]


# -- a month through the real collector ------------------------------------------------------------------------


def expected(lines: Iterable[bytes], start: int, end: int) -> dict[str, Any]:
    """/api/stats answers for [start, end), computed straight from simulate's JSON lines (bots left out)."""
    by_visitor: defaultdict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for line in lines:
        visit = orjson.loads(line)
        if not visit["bot"]:
            by_visitor[(visit["ip"], visit["ua"])].extend(e for e in visit["events"] if start <= e["ts"] < end)
    totals: Counter[str] = Counter()
    days: defaultdict[int, Counter[str]] = defaultdict(Counter)
    day_visitors: defaultdict[int, set[tuple[str, str]]] = defaultdict(set)
    pages: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    search_visitors: set[tuple[str, str]] = set()
    goals: Counter[str] = Counter()
    goal_visitors: defaultdict[str, set[tuple[str, str]]] = defaultdict(set)
    for who, events in by_visitor.items():
        events.sort(key=lambda e: e["ts"])
        first = last = None
        views = 0
        for e in events + [None]:  # None closes the last visit
            if e is None or last is None or e["ts"] - last > TIMEOUT:
                if first is not None and last is not None:
                    totals["bounces"] += views == 1
                    totals["duration_ms"] += last - first
                if e is None:
                    break
                source = classify_referrer(e.get("ref"), e["url"])[0]
                sources[source] += 1
                totals["visits"] += 1
                days[day_of(e["ts"])]["visits"] += 1
                first, views = e["ts"], 0
            last = e["ts"]
            if source == "search":
                search_visitors.add(who)
            day = day_of(e["ts"])
            totals["events"] += 1
            days[day]["events"] += 1
            day_visitors[day].add(who)
            if e["type"] == "pageview":
                views += 1
                totals["pageviews"] += 1
                days[day]["pageviews"] += 1
                pages[page_path(e["url"])] += 1
            elif e["type"] == "custom":
                goals[e["name"]] += 1
                goal_visitors[e["name"]].add(who)
    return {"visitors": sum(1 for events in by_visitor.values() if events), "totals": totals, "days": days,
            "day_visitors": {d: len(v) for d, v in day_visitors.items()}, "pages": pages, "sources": sources,
            "search_visitors": len(search_visitors), "goals": goals,
            "goal_visitors": {g: len(v) for g, v in goal_visitors.items()}}


def _stats(server: ServeProcess, **params: str) -> dict[str, Any]:
    status, body = server.get("/api/stats?" + urlencode({"site": "demo.example", **params}))
    assert status == 200, body
    return dict(json.loads(body))


@pytest.mark.slow
def test_a_month_of_simulated_traffic_is_answered_exactly(tmp_path: Path) -> None:
    server = ServeProcess(tmp_path / "data", "--max-event-age", "40d", "--forwarded-allow-ips", "127.0.0.1").start()
    try:
        out = tmp_path / "events.jsonl"
        day_before = day_of(int(time.time() * 1000))
        result = CliRunner().invoke(cli, ["simulate", "--url", server.url, "--site", "demo.example", "--days", "30",
                                          "--visitors", "300", "--seed", "7", "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert "accepted" in result.output and "failed" not in result.output
        if day_of(int(time.time() * 1000)) != day_before:  # new visitor salt, and "30d" moved on by a day
            pytest.skip("the load crossed midnight UTC")
        lines = out.read_bytes().splitlines()

        answer = _stats(server, period="30d")
        want = expected(lines, answer["start"], answer["end"])
        deadline = time.monotonic() + 60
        while answer["totals"]["events"] != want["totals"]["events"] and time.monotonic() < deadline:
            time.sleep(0.2)
            answer = _stats(server, period="30d")
        totals, direct = answer["totals"], want["totals"]
        assert (totals["events"], totals["pageviews"], totals["visits"]) == (
            direct["events"], direct["pageviews"], direct["visits"])
        assert totals["bounce_rate"] == round(direct["bounces"] / direct["visits"], 4)
        assert totals["visit_duration"] == round(direct["duration_ms"] / direct["visits"] / 1000, 1)
        assert totals["visitors"] == want["visitors"]  # exact: the sketches count exactly at this size

        for point in answer["series"]:
            day = want["days"].get(point["t"], Counter())
            assert (point["events"], point["pageviews"], point["visits"]) == (
                day["events"], day["pageviews"], day["visits"]), point["time"]
            assert point["visitors"] == want["day_visitors"].get(point["t"], 0), point["time"]

        pages = _stats(server, period="30d", breakdown="page", limit="100")["breakdown"]
        assert {r["value"]: r["pageviews"] for r in pages["results"]} == dict(want["pages"])
        assert [r["pageviews"] for r in pages["results"]] == sorted(want["pages"].values(), reverse=True)
        sources = _stats(server, period="30d", breakdown="source")["breakdown"]["results"]
        assert {r["value"]: r["visits"] for r in sources} == dict(want["sources"])
        goals = _stats(server, period="30d", breakdown="goal")["breakdown"]["results"]
        assert {r["value"]: r["events"] for r in goals} == dict(want["goals"])
        assert {r["value"]: r["visitors"] for r in goals} == want["goal_visitors"]
        search = _stats(server, period="30d", filters="source==search", metrics="visitors,visits")["totals"]
        assert search == {"visitors": want["search_visitors"], "visits": want["sources"]["search"]}

        # the same beacons again: every id was seen within the 40-day dedupe window, nothing is counted twice
        report = Report()
        resent = (Visit(v["ip"], v["ua"], v["bot"], v["events"]) for v in map(orjson.loads, lines))
        Sender(server.url).send("demo.example", resent, report)
        assert report.accepted == sum(len(orjson.loads(line)["events"]) for line in lines) and not report.failed
        status, _ = server.collect({"site": "demo.example", "events": [
            {"id": "marker", "type": "click", "ts": int(time.time() * 1000), "url": "https://demo.example/"}]})
        assert status == 202
        deadline = time.monotonic() + 60
        while _stats(server, period="30d")["totals"]["events"] != direct["events"] + 1:
            assert time.monotonic() < deadline, "the marker event never arrived"
            time.sleep(0.2)
    finally:
        server.stop()
