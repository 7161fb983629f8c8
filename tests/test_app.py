"""The app's routes besides the collector: operations, assets, snapshots, errors."""

from __future__ import annotations

import time

import orjson
import pytest

from ingest_server.rollup_store import PERIODS
from tests.conftest import RunningApp
from tests.test_collector import assert_error

pytestmark = pytest.mark.asyncio(loop_scope="module")  # one app for the module: each test uses a site of its own


async def test_healthz(runtime_app: RunningApp) -> None:
    response = await runtime_app.client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz(runtime_app: RunningApp) -> None:
    response = await runtime_app.client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"ready": True, "log": "SqliteLog"}


async def test_metrics_are_prometheus_text(runtime_app: RunningApp) -> None:
    event = {"id": "metrics-1", "type": "pageview", "ts": int(time.time() * 1000), "url": "https://metrics.test/"}
    posted = await runtime_app.client.post("/api/collect", content=orjson.dumps({"site": "metrics.test",
                                                                                 "events": [event]}))
    assert posted.status_code == 202
    response = await runtime_app.client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = response.text.splitlines()
    accepted = [line for line in lines if line.startswith("activity_events_accepted_total ")]
    assert len(accepted) == 1 and float(accepted[0].split()[1]) >= 1
    assert any(line.startswith('activity_beacons_total{status="202"}') for line in lines)


@pytest.mark.parametrize("name", ["t.js", "widget.js"])
async def test_scripts_are_served_with_an_etag_and_304_when_unchanged(runtime_app: RunningApp, name: str) -> None:
    response = await runtime_app.client.get(f"/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["access-control-allow-origin"] == "*"
    assert "max-age" in response.headers["cache-control"]
    etag = response.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 2
    assert response.content

    unchanged = await runtime_app.client.get(f"/{name}", headers={"if-none-match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged.headers["etag"] == etag

    changed = await runtime_app.client.get(f"/{name}", headers={"if-none-match": '"something-else"'})
    assert changed.status_code == 200
    assert changed.content == response.content


async def test_a_snapshot_has_the_documented_keys(runtime_app: RunningApp) -> None:
    response = await runtime_app.client.get("/api/snapshot", params={"site": "WWW.Snapshot.test"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    snapshot = response.json()
    assert snapshot["site"] == "snapshot.test"
    for key in ("ts", "current_visitors", "totals", "series", "top_pages", "referrers", "event_types", "latest"):
        assert key in snapshot
    assert {"pageviews", "events", "visitors"} <= set(snapshot["totals"])


@pytest.mark.parametrize("period", PERIODS)
async def test_every_period_is_served(runtime_app: RunningApp, period: str) -> None:
    response = await runtime_app.client.get("/api/snapshot", params={"site": "snapshot.test", "period": period})
    assert response.status_code == 200
    assert response.json()["period"] == period


@pytest.mark.parametrize(
    ("params", "field"),
    [({}, "site"), ({"site": ""}, "site"), ({"site": "not a site"}, "site"), ({"site": "a" * 300}, "site"),
     ({"site": "snapshot.test", "period": "year"}, "period"), ({"site": "snapshot.test", "period": ""}, "period")],
    ids=["missing-site", "empty-site", "bad-site", "long-site", "bad-period", "empty-period"],
)
async def test_a_bad_snapshot_request_is_400(runtime_app: RunningApp, params: dict[str, str], field: str) -> None:
    assert_error(await runtime_app.client.get("/api/snapshot", params=params), 400, field)


@pytest.mark.parametrize("path", ["/nope", "/api", "/api/collect.json", "/static/../setup.cfg", "/t.js/..", "/%00"])
async def test_an_unknown_path_is_a_json_404(runtime_app: RunningApp, path: str) -> None:
    assert_error(await runtime_app.client.get(path), 404, "path")


@pytest.mark.parametrize(("method", "path"), [("POST", "/healthz"), ("DELETE", "/api/snapshot"), ("PUT", "/t.js"),
                                              ("POST", "/api/collect.gif")])
async def test_a_wrong_method_is_a_json_405(runtime_app: RunningApp, method: str, path: str) -> None:
    assert_error(await runtime_app.client.request(method, path), 405, "method")


async def test_the_dashboard_page_is_served_with_security_headers(runtime_app: RunningApp) -> None:
    response = await runtime_app.client.get("/dashboard")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    bad = await runtime_app.client.get("/dashboard", params={"site": "not a site"})
    assert_error(bad, 400, "site")


@pytest.mark.parametrize("query", [{"period": "yesterday"}, {"period": "custom", "from": "2026-11-01", "to": "2026-11-07"},
                                   {"filters": "page==/pricing", "compare": "previous"}])
async def test_shared_dashboard_links_with_stats_views_open(runtime_app: RunningApp, query: dict[str, str]) -> None:
    response = await runtime_app.client.get("/dashboard", params={"site": "example.com", **query})
    assert response.status_code == 200


@pytest.mark.parametrize("where", ["header", "query"])
async def test_an_overlong_last_event_id_is_refused_by_name(runtime_app: RunningApp, where: str) -> None:
    huge = "9" * 5000  # int() of this would raise: it must be a 400 naming the field, never a 5xx
    if where == "header":
        response = await runtime_app.client.get("/api/stream", params={"site": "example.com"},
                                                headers={"Last-Event-ID": huge})
    else:
        response = await runtime_app.client.get("/api/stream", params={"site": "example.com", "last_event_id": huge})
    assert_error(response, 400, "last_event_id")
