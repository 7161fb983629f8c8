"""``activity-tracker sites`` and ``activity-tracker token``: flags to registry, and a running server following along."""

from __future__ import annotations

import time
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result

from ingest_server.cli import cli
from ingest_server.sites import Site, SiteRegistry
from tests.conftest import WAIT_S
from tests.serve_process import ServeProcess


def run(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, [*args, "--data-dir", str(data_dir)], catch_exceptions=False)


def registered(data_dir: Path) -> list[Site]:
    registry = SiteRegistry.open(data_dir)
    try:
        return registry.registered()
    finally:
        registry.close()


def test_sites_add_maps_its_flags(tmp_path: Path) -> None:
    result = run(tmp_path, "sites", "add", "WWW.Example.com", "--origin", "https://shop.example.net:8443",
                 "--origin", "cdn.example.org", "--no-subdomains", "--public")
    assert result.exit_code == 0, result.output
    assert registered(tmp_path) == [Site("example.com", ("shop.example.net", "cdn.example.org"), False, True)]
    assert "Added example.com\tpublic" in result.output


def test_sites_are_private_with_subdomains_by_default(tmp_path: Path) -> None:
    result = run(tmp_path, "sites", "add", "example.com")
    assert result.exit_code == 0, result.output
    assert registered(tmp_path) == [Site("example.com", (), True, False)]
    assert "token create --site example.com" in result.output


def test_sites_update_changes_only_what_is_given(tmp_path: Path) -> None:
    run(tmp_path, "sites", "add", "example.com", "--origin", "shop.example.net")
    assert run(tmp_path, "sites", "update", "example.com", "--public").exit_code == 0
    assert registered(tmp_path) == [Site("example.com", ("shop.example.net",), True, True)]
    assert run(tmp_path, "sites", "update", "example.com", "--origin", "a.example.org", "--private",
               "--no-subdomains").exit_code == 0
    assert registered(tmp_path) == [Site("example.com", ("a.example.org",), False, False)]
    assert run(tmp_path, "sites", "update", "example.com", "--no-origins").exit_code == 0
    assert registered(tmp_path)[0].origins == ()
    both = run(tmp_path, "sites", "update", "example.com", "--no-origins", "--origin", "x.org")
    assert both.exit_code == 2 and "not both" in both.output


def test_sites_list_and_remove(tmp_path: Path) -> None:
    assert "open mode" in run(tmp_path, "sites", "list").output
    run(tmp_path, "sites", "add", "example.com")
    run(tmp_path, "sites", "add", "other.org", "--public")
    listing = run(tmp_path, "sites", "list").output.splitlines()
    assert [line.split("\t")[:2] for line in listing] == [["example.com", "private"], ["other.org", "public"]]
    removed = run(tmp_path, "sites", "remove", "example.com")
    assert removed.exit_code == 0 and "Removed example.com" in removed.output
    assert [s.name for s in registered(tmp_path)] == ["other.org"]


@pytest.mark.parametrize("args", [
    ("sites", "add", 'a.com"><img src=x onerror="window.__xss=1">'),
    ("sites", "add", "example.com", "--origin", "javascript:alert(1)"),
    ("token", "create", "--site", "<script>x</script>"),
])
def test_hostile_names_are_refused_with_a_usage_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run(tmp_path, *args)
    assert result.exit_code == 2 and "Invalid value" in result.output
    assert registered(tmp_path) == []


def test_refusals_are_one_line_errors(tmp_path: Path) -> None:
    run(tmp_path, "sites", "add", "example.com")
    for args, message in [
        (("sites", "add", "example.com"), "already registered"),
        (("sites", "update", "other.org", "--public"), "not registered"),
        (("sites", "remove", "other.org"), "not registered"),
        (("token", "revoke", "deadbeef"), "no token with id deadbeef"),
    ]:
        result = run(tmp_path, *args)
        assert result.exit_code == 1 and "Error: " in result.output and message in result.output, result.output


def test_token_create_prints_the_secret_once_and_list_never_does(tmp_path: Path) -> None:
    run(tmp_path, "sites", "add", "example.com")
    created = CliRunner().invoke(cli, ["token", "create", "--site", "example.com", "--name", "wall screen",
                                       "--data-dir", str(tmp_path)])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip()
    assert secret.startswith("at_") and "\n" not in secret  # stdout is the token alone: scriptable
    assert "cannot be shown again" in created.stderr
    listing = run(tmp_path, "token", "list", "--site", "example.com").output
    assert "wall screen" in listing and "active" in listing and secret not in listing


def test_token_revoke_checks_the_site_when_given(tmp_path: Path) -> None:
    run(tmp_path, "sites", "add", "example.com")
    run(tmp_path, "token", "create", "--site", "example.com")
    token_id = run(tmp_path, "token", "list").output.split("\t")[0]
    wrong = run(tmp_path, "token", "revoke", token_id, "--site", "other.org")
    assert wrong.exit_code == 1
    revoked = run(tmp_path, "token", "revoke", token_id, "--site", "example.com")
    assert revoked.exit_code == 0 and f"Revoked token {token_id} for example.com" in revoked.output
    assert "revoked" in run(tmp_path, "token", "list").output


def test_token_create_for_an_unregistered_site_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["token", "create", "--site", "extra.org", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0 and "--site extra.org" in result.stderr


def test_the_data_dir_comes_from_the_environment(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["sites", "add", "example.com"], env={"ACTIVITY_TRACKER_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert [s.name for s in registered(tmp_path)] == ["example.com"]


def test_serve_refuses_a_hostile_site_name(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--data-dir", str(tmp_path), "--site", 'a.com"><b>'])
    assert result.exit_code == 2 and "is not a site name" in result.output


def test_a_running_server_follows_sites_add_without_a_restart(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    server = ServeProcess(data_dir).start()

    def beacon(site: str, event_id: str) -> dict[str, object]:
        return {"site": site, "events": [
            {"id": event_id, "type": "pageview", "ts": int(time.time() * 1000), "url": f"https://{site}/"}]}

    try:
        assert server.collect(beacon("other.org", "open"))[0] == 202
        assert run(data_dir, "sites", "add", "example.com").exit_code == 0
        deadline, attempt = time.monotonic() + WAIT_S, 0
        while (status := server.collect(beacon("other.org", f"x{attempt}"))[0]) != 403:
            attempt += 1
            assert status == 202 and time.monotonic() < deadline, f"still {status} after {WAIT_S} s"
            time.sleep(0.1)
        assert server.collect(beacon("example.com", "registered"))[0] == 202
        assert server.get("/api/snapshot?site=example.com")[0] == 401
        secret = CliRunner().invoke(cli, ["token", "create", "--site", "example.com", "--data-dir", str(data_dir)])
        token = secret.stdout.strip()
        deadline = time.monotonic() + WAIT_S
        while (status := server.get(f"/api/snapshot?site=example.com&token={token}")[0]) != 200:
            assert status == 403 and time.monotonic() < deadline, f"still {status} after {WAIT_S} s"
            time.sleep(0.1)
        snapshot = orjson.loads(server.get(f"/api/snapshot?site=example.com&token={token}")[1])
        assert snapshot["site"] == "example.com"
    finally:
        server.stop()
