"""Registered sites and their origins: the registry, and what ``/api/collect`` accepts because of it."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import orjson
import pytest

from ingest_server.sites import Site, SiteError, SiteRegistry, origin_host, site_name
from tests.secured_app import secured_app


def beacon(site: str, event_id: str = "e1") -> bytes:
    return orjson.dumps({"site": site, "events": [
        {"id": event_id, "type": "pageview", "ts": int(time.time() * 1000), "url": f"https://{site}/"}]})


async def post(client: httpx.AsyncClient, site: str, origin: str | None = None, event_id: str = "e1") -> httpx.Response:
    headers = {"content-type": "text/plain", **({"origin": origin} if origin else {})}
    return await client.post("/api/collect", content=beacon(site, event_id), headers=headers)


# Names and origins.

@pytest.mark.parametrize("hostile", [
    'a.com"><img src=x onerror="window.__xss=1">', "<script>x</script>", "a.com/path", "", "-a.com", "a b.com",
    "a.com:99999999",
])
def test_hostile_site_names_are_refused(hostile: str) -> None:
    with pytest.raises(SiteError, match="is not a site name"):
        site_name(hostile)


def test_site_names_are_normalised() -> None:
    assert site_name(" WWW.Example.COM ") == "example.com"
    assert site_name("localhost:8000") == "localhost:8000"


@pytest.mark.parametrize(("given", "host"), [
    ("shop.example.net", "shop.example.net"), ("https://Shop.Example.net:8443", "shop.example.net"),
    ("http://www.example.org", "example.org"), ("localhost:3000", "localhost"),
])
def test_origins_are_stored_as_host_names(given: str, host: str) -> None:
    assert origin_host(given) == host


@pytest.mark.parametrize("hostile", [
    "https://", "javascript:alert(1)", '"><img src=x>', "*", "ftp://example.net", "example.net/path", "a@example.net",
])
def test_unusable_origins_are_refused(hostile: str) -> None:
    with pytest.raises(SiteError, match="is not an origin"):
        origin_host(hostile)


@pytest.mark.parametrize(("origin", "allowed"), [
    (None, True),  # server-side SDKs and the pixel send no Origin
    ("https://example.com", True),
    ("http://www.example.com:8080", True),
    ("https://blog.example.com", True),
    ("https://shop.example.net", True),
    ("https://eu.shop.example.net", True),
    ("https://example.com.evil.net", False),
    ("https://evilexample.com", False),
    ("https://example.net", False),
    ("null", False),  # sandboxed frames and file: pages hide where they are
    ("", False),
])
def test_which_origins_a_site_allows(origin: str | None, allowed: bool) -> None:
    assert Site("example.com", ("shop.example.net",)).allows_origin(origin) is allowed


def test_without_subdomains_only_the_exact_hosts_are_allowed() -> None:
    site = Site("example.com", ("shop.example.net",), subdomains=False)
    assert site.allows_origin("https://example.com") and site.allows_origin("https://shop.example.net")
    assert not site.allows_origin("https://blog.example.com")
    assert not site.allows_origin("https://eu.shop.example.net")


# The registry.

def test_the_registry_adds_updates_and_removes(tmp_path: Path) -> None:
    registry = SiteRegistry.open(tmp_path)
    try:
        assert registry.is_open()
        registry.add(Site("example.com"))
        assert not registry.is_open() and registry.site_names() == ["example.com"]
        with pytest.raises(SiteError, match="already registered"):
            registry.add(Site("example.com"))
        updated = registry.update("example.com", origins=("shop.example.net",), public=True)
        assert updated == Site("example.com", ("shop.example.net",), True, True) == registry.site("example.com")
        with pytest.raises(SiteError, match="not registered"):
            registry.update("other.com", public=True)
        registry.tokens.create("example.com")
        assert registry.remove("example.com") == 1
        assert registry.is_open() and registry.tokens.list() == []
        with pytest.raises(SiteError, match="not registered"):
            registry.remove("example.com")
    finally:
        registry.close()


def test_a_change_made_by_another_process_is_seen_without_a_restart(tmp_path: Path) -> None:
    server = SiteRegistry.open(tmp_path, refresh_s=0)
    admin = SiteRegistry.open(tmp_path)  # the `sites` command: a connection of its own
    try:
        assert server.is_open()
        admin.add(Site("example.com"))
        assert server.site_names() == ["example.com"]
        admin.update("example.com", public=True)
        found = server.site("example.com")
        assert found is not None and found.public
    finally:
        server.close()
        admin.close()


def test_the_registry_is_read_at_most_every_refresh_interval(tmp_path: Path) -> None:
    server = SiteRegistry.open(tmp_path, refresh_s=3600)
    admin = SiteRegistry.open(tmp_path)
    try:
        assert server.is_open()
        admin.add(Site("example.com"))
        assert server.is_open()  # cached: a beacon does not pay for a look at the table
        server.changed()
        assert not server.is_open()
    finally:
        server.close()
        admin.close()


def test_serve_site_names_are_validated_and_kept_beside_registered_ones(tmp_path: Path) -> None:
    with pytest.raises(SiteError):
        SiteRegistry.open(tmp_path, extra_sites=('a.com"><b>',))
    registry = SiteRegistry.open(tmp_path, extra_sites=("WWW.Extra.org",))
    try:
        registry.add(Site("example.com", public=True))
        assert registry.site_names() == ["example.com", "extra.org"]
        assert registry.site("extra.org") == Site("extra.org")  # private, its own host and subdomains
        assert [s.name for s in registry.registered()] == ["example.com"]
    finally:
        registry.close()


# What the collector accepts.

async def test_open_mode_accepts_any_site_from_any_origin(tmp_path: Path) -> None:
    async with secured_app(tmp_path) as secured, secured.client() as client:
        response = await post(client, "anything.org", "https://elsewhere.net")
        assert response.status_code == 202, response.text
        assert response.headers["access-control-allow-origin"] == "https://elsewhere.net"


async def test_an_unknown_site_is_refused_naming_it(tmp_path: Path) -> None:
    async with secured_app(tmp_path, Site("example.com")) as secured, secured.client() as client:
        response = await post(client, "other.com", "https://other.com")
        assert response.status_code == 403
        assert response.json() == {"error": "site: other.com is not registered on this server", "field": "site"}
        assert "access-control-allow-origin" not in response.headers


async def test_a_wrong_origin_is_refused_and_gets_no_cors_header(tmp_path: Path) -> None:
    async with secured_app(tmp_path, Site("example.com")) as secured, secured.client() as client:
        response = await post(client, "example.com", "https://evil.net")
        assert response.status_code == 403
        assert response.json()["field"] == "origin"
        assert "https://evil.net is not an allowed origin for example.com" in response.json()["error"]
        assert "access-control-allow-origin" not in response.headers
        assert response.headers["vary"] == "Origin"


async def test_allowed_origins_are_accepted_and_reflected(tmp_path: Path) -> None:
    site = Site("example.com", ("shop.example.net",))
    async with secured_app(tmp_path, site) as secured, secured.client() as client:
        for i, origin in enumerate(["https://example.com", "https://blog.example.com", "https://shop.example.net"]):
            response = await post(client, "example.com", origin, event_id=f"e{i}")
            assert response.status_code == 202, (origin, response.text)
            assert response.headers["access-control-allow-origin"] == origin
            assert response.headers["vary"] == "Origin"
        no_origin = await post(client, "example.com", None, event_id="sdk")  # a server-side SDK
        assert no_origin.status_code == 202, no_origin.text


async def test_preflights_reflect_only_allowed_origins(tmp_path: Path) -> None:
    async with secured_app(tmp_path, Site("example.com")) as secured, secured.client() as client:
        def preflight(origin: str) -> dict[str, str]:
            return {"origin": origin, "access-control-request-method": "POST",
                    "access-control-request-headers": "content-type"}

        allowed = await client.options("/api/collect", headers=preflight("https://www.example.com"))
        assert allowed.status_code == 204
        assert allowed.headers["access-control-allow-origin"] == "https://www.example.com"
        assert "POST" in allowed.headers["access-control-allow-methods"]
        assert allowed.headers["access-control-allow-headers"] == "content-type"
        refused = await client.options("/api/collect", headers=preflight("https://evil.net"))
        assert "access-control-allow-origin" not in refused.headers


async def test_registering_a_site_ends_open_mode_while_the_server_runs(tmp_path: Path) -> None:
    async with secured_app(tmp_path) as secured, secured.client() as client:
        assert (await post(client, "other.com", event_id="before")).status_code == 202
        admin = SiteRegistry.open(tmp_path)
        try:
            admin.add(Site("example.com"))
        finally:
            admin.close()
        assert (await post(client, "other.com", event_id="after")).status_code == 403
        assert (await post(client, "example.com", "https://example.com")).status_code == 202


async def test_the_pixel_does_not_store_events_for_unknown_sites(tmp_path: Path) -> None:
    async with secured_app(tmp_path, Site("example.com", public=True)) as secured, secured.client() as client:
        refused = await client.get("/api/collect.gif", params={"site": "other.com", "url": "https://other.com/"})
        counted = await client.get("/api/collect.gif", params={"site": "example.com", "url": "https://example.com/x"})
        assert refused.status_code == counted.status_code == 200
        assert refused.headers["content-type"] == "image/gif"
        deadline = time.monotonic() + 20
        while (await client.get("/api/snapshot", params={"site": "example.com"})).json()["totals"]["pageviews"] < 1:
            assert time.monotonic() < deadline, "the pixel pageview for example.com was not counted within 20 s"
            await asyncio.sleep(0.02)
        assert secured.runtime.store is not None
        assert secured.runtime.store.snapshot("other.com", "today")["totals"]["pageviews"] == 0
