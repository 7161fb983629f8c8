"""Private dashboards: read tokens for ``/api/snapshot``, ``/api/stream`` and ``/dashboard``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest

from ingest_server.sites import Site, SiteRegistry
from ingest_server.tokens import PREFIX, digest, matches
from tests.secured_app import RawStream, SecuredApp, secured_app

READ_PATHS = ["/api/snapshot", "/dashboard"]


def other_handle(secured: SecuredApp) -> SiteRegistry:
    """The registry as `activity-tracker token …` sees it: a connection of its own."""
    return SiteRegistry.open(secured.data_dir)


def assert_refused(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.json()["field"] == "token"


# Tokens themselves.

def test_a_token_is_random_and_only_its_digest_is_stored(tmp_path: Path) -> None:
    registry = SiteRegistry.open(tmp_path)
    try:
        record, secret = registry.tokens.create("example.com", "ci")
        _, another = registry.tokens.create("example.com")
    finally:
        registry.close()
    assert secret.startswith(PREFIX) and len(secret) == len(PREFIX) + 43 and secret != another
    assert record.site == "example.com" and record.name == "ci" and not record.revoked
    raw = (tmp_path / "sites.sqlite3").read_bytes()
    assert secret.encode() not in raw and secret[len(PREFIX):].encode() not in raw
    with sqlite3.connect(tmp_path / "sites.sqlite3") as db:
        assert db.execute("SELECT digest FROM tokens WHERE id=?", (record.id,)).fetchone()[0] == digest(secret)


def test_matching_checks_every_digest() -> None:
    digests = (digest("at_a"), digest("at_b"))
    assert matches("at_b", digests) and matches("at_a", digests)
    assert not matches("at_c", digests) and not matches("at_a", ())


# Through the app.

@pytest.mark.parametrize("path", READ_PATHS)
async def test_a_private_site_needs_a_token(tmp_path: Path, path: str) -> None:
    async with secured_app(tmp_path, Site("example.com")) as secured, secured.client() as client:
        response = await client.get(path, params={"site": "example.com"})
        assert_refused(response, 401)
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert "token create" in response.json()["error"]


@pytest.mark.parametrize("path", READ_PATHS)
async def test_a_token_opens_its_own_site_by_query_or_bearer_header(tmp_path: Path, path: str) -> None:
    async with secured_app(tmp_path, Site("example.com")) as secured, secured.client() as client:
        _, secret = secured.registry.tokens.create("example.com")
        by_query = await client.get(path, params={"site": "example.com", "token": secret})
        by_header = await client.get(path, params={"site": "example.com"}, headers={"authorization": f"Bearer {secret}"})
        assert by_query.status_code == by_header.status_code == 200, (by_query.text, by_header.text)


@pytest.mark.parametrize("path", READ_PATHS)
async def test_a_made_up_token_is_forbidden(tmp_path: Path, path: str) -> None:
    async with secured_app(tmp_path, Site("example.com")) as secured, secured.client() as client:
        secured.registry.tokens.create("example.com")
        assert_refused(await client.get(path, params={"site": "example.com", "token": PREFIX + "x" * 43}), 403)
        assert_refused(await client.get(path, params={"site": "example.com"},
                                        headers={"authorization": "Bearer nonsense"}), 403)


@pytest.mark.parametrize("path", READ_PATHS)
async def test_a_token_for_one_site_never_reads_another(tmp_path: Path, path: str) -> None:
    async with secured_app(tmp_path, Site("example.com"), Site("other.org")) as secured, secured.client() as client:
        _, secret = secured.registry.tokens.create("other.org")
        assert (await client.get(path, params={"site": "other.org", "token": secret})).status_code == 200
        assert_refused(await client.get(path, params={"site": "example.com", "token": secret}), 403)


@pytest.mark.parametrize("path", READ_PATHS)
async def test_a_revoked_token_is_refused_at_once(tmp_path: Path, path: str) -> None:
    async with secured_app(tmp_path, Site("example.com")) as secured, secured.client() as client:
        admin = other_handle(secured)
        try:
            record, secret = admin.tokens.create("example.com")
            assert (await client.get(path, params={"site": "example.com", "token": secret})).status_code == 200
            admin.tokens.revoke(record.id)
        finally:
            admin.close()
        assert_refused(await client.get(path, params={"site": "example.com", "token": secret}), 403)


async def test_a_removed_and_re_added_site_does_not_bring_its_old_tokens_back(tmp_path: Path) -> None:
    async with secured_app(tmp_path, Site("example.com")) as secured, secured.client() as client:
        _, secret = secured.registry.tokens.create("example.com")
        secured.registry.remove("example.com")
        secured.registry.add(Site("example.com"))
        assert_refused(await client.get("/api/snapshot", params={"site": "example.com", "token": secret}), 403)


@pytest.mark.parametrize("path", READ_PATHS)
async def test_a_public_site_needs_no_token(tmp_path: Path, path: str) -> None:
    async with secured_app(tmp_path, Site("example.com")) as secured, secured.client() as client:
        assert_refused(await client.get(path, params={"site": "example.com"}), 401)
        admin = other_handle(secured)
        try:
            admin.update("example.com", public=True)  # `sites update example.com --public`
        finally:
            admin.close()
        assert (await client.get(path, params={"site": "example.com"})).status_code == 200


async def test_an_unregistered_site_answers_like_a_private_one(tmp_path: Path) -> None:
    """No 404: a stranger cannot list which sites a server holds."""
    async with secured_app(tmp_path, Site("example.com")) as secured, secured.client() as client:
        _, secret = secured.registry.tokens.create("example.com")
        assert_refused(await client.get("/api/snapshot", params={"site": "secret-client.com"}), 401)
        assert_refused(await client.get("/api/snapshot", params={"site": "secret-client.com", "token": secret}), 403)


async def test_in_open_mode_every_dashboard_is_public(tmp_path: Path) -> None:
    async with secured_app(tmp_path) as secured, secured.client() as client:
        for path in READ_PATHS:
            assert (await client.get(path, params={"site": "anything.org"})).status_code == 200


async def test_the_dashboard_page_sends_a_strict_csp_and_security_headers(tmp_path: Path) -> None:
    async with secured_app(tmp_path, Site("example.com", public=True)) as secured, secured.client() as client:
        response = await client.get("/dashboard", params={"site": "example.com"})
    assert response.status_code == 200
    csp = {d.split()[0]: d.split()[1:] for d in response.headers["content-security-policy"].split("; ")}
    assert csp["script-src"] == ["'self'"] and csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-eval'" not in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"  # the URL may carry a token
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"


# Streams.

async def test_a_private_stream_needs_a_token_and_opens_with_one(tmp_path: Path) -> None:
    async with secured_app(tmp_path, Site("example.com")) as secured:
        _, secret = secured.registry.tokens.create("example.com")
        refused = RawStream(secured.app, "/api/stream?site=example.com")
        assert await refused.open() == 401
        await refused.close()
        wrong = RawStream(secured.app, "/api/stream?site=example.com&token=" + PREFIX + "x" * 43)
        assert await wrong.open() == 403
        await wrong.close()
        stream = RawStream(secured.app, f"/api/stream?site=example.com&token={secret}")
        assert await stream.open() == 200
        await stream.wait_for_body(b"event: snapshot")
        await stream.close()
        assert secured.runtime.broadcaster is not None and secured.runtime.broadcaster.clients == 0
