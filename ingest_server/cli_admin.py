"""``activity-tracker sites …`` and ``activity-tracker token …``: manage the site registry and read tokens.

Both write the registry in the data directory; a running server picks the
change up within a second, without a restart.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from ingest_server.config import default_data_dir
from ingest_server.sites import Site, SiteError, SiteRegistry, origin_host, site_name
from ingest_server.tokens import TokenError

_data_dir = click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None, envvar="ACTIVITY_TRACKER_DATA_DIR",
    help="The server's data directory (default: the per-user data directory).",
)


@contextlib.contextmanager
def _registry(data_dir: Path | None) -> Iterator[SiteRegistry]:
    registry = SiteRegistry.open(data_dir or default_data_dir())
    try:
        yield registry
    finally:
        registry.close()


def _name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return None if value is None else site_name(value)
    except SiteError as exc:
        raise click.BadParameter(str(exc)) from None


def _origins(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    try:
        return tuple(dict.fromkeys(origin_host(v) for v in values))
    except SiteError as exc:
        raise click.BadParameter(str(exc)) from None


def _refusals(f: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the registry's refusals into a one-line error and exit status 1."""

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except (SiteError, TokenError) as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


def _describe(site: Site) -> str:
    hosts = ", ".join((site.name, *site.origins))
    scope = "and subdomains" if site.subdomains else "exactly"
    return f"{site.name}\t{'public' if site.public else 'private'}\torigins: {hosts} ({scope})"


@click.group()
def sites() -> None:
    """Register the sites this server accepts events for, and from which origins.

    With none registered the server is in open mode: it accepts events for any
    site and every dashboard is public. Once one is, only registered sites are
    accepted, and their dashboards need a read token unless made public.
    """


@sites.command("add")
@click.argument("name", callback=_name)
@click.option("--origin", "origins", multiple=True, callback=_origins, metavar="HOST",
              help="Another host allowed to send events for this site (repeatable); the site's own host always is.")
@click.option("--subdomains/--no-subdomains", default=True, show_default=True,
              help="Also accept the allowed hosts' subdomains.")
@click.option("--public/--private", default=False, show_default=True,
              help="Public: anyone with the link may read the dashboard. Private: a read token is needed.")
@_data_dir
@_refusals
def sites_add(name: str, origins: tuple[str, ...], subdomains: bool, public: bool, data_dir: Path | None) -> None:
    """Register the site NAME (a host name, like example.com)."""
    site = Site(name, origins, subdomains, public)
    with _registry(data_dir) as registry:
        registry.add(site)
    click.echo(f"Added {_describe(site)}")
    if not public:
        click.echo(f"Its dashboard is private: `activity-tracker token create --site {name}` makes a read token.")


@sites.command("list")
@_data_dir
def sites_list(data_dir: Path | None) -> None:
    """List the registered sites, their origins and whether they are public."""
    with _registry(data_dir) as registry:
        found = registry.registered()
    if not found:
        click.echo("No sites registered: the server is in open mode (any site accepted, every dashboard public).")
    for site in found:
        click.echo(_describe(site))


@sites.command("update")
@click.argument("name", callback=_name)
@click.option("--origin", "origins", multiple=True, callback=_origins, metavar="HOST",
              help="Replace the extra allowed hosts with these (repeatable).")
@click.option("--no-origins", is_flag=True, help="Remove every extra allowed host (the site's own stays).")
@click.option("--subdomains/--no-subdomains", default=None, help="Also accept the allowed hosts' subdomains.")
@click.option("--public/--private", default=None, help="Make the dashboard public, or private again.")
@_data_dir
@_refusals
def sites_update(name: str, origins: tuple[str, ...], no_origins: bool, subdomains: bool | None,
                 public: bool | None, data_dir: Path | None) -> None:
    """Change a registered site; options not given stay as they are."""
    if origins and no_origins:
        raise click.UsageError("Give either --origin (the new list) or --no-origins (an empty one), not both")
    new_origins = () if no_origins else (origins or None)
    with _registry(data_dir) as registry:
        site = registry.update(name, origins=new_origins, subdomains=subdomains, public=public)
    click.echo(f"Updated {_describe(site)}")


@sites.command("remove")
@click.argument("name", callback=_name)
@_data_dir
@_refusals
def sites_remove(name: str, data_dir: Path | None) -> None:
    """Unregister a site and delete its read tokens (its collected data stays)."""
    with _registry(data_dir) as registry:
        tokens = registry.remove(name)
    click.echo(f"Removed {name} and its {tokens} read token{'s' if tokens != 1 else ''}")


@click.group()
def token() -> None:
    """Read tokens for private dashboards and streams.

    A token reads one site: pass it as `?token=…` (the dashboard page, the
    widget's token attribute, EventSource) or as `Authorization: Bearer …`.
    Only its SHA-256 digest is stored, so it is shown once, at creation.
    """


@token.command("create")
@click.option("--site", required=True, callback=_name, help="The site the token reads.")
@click.option("--name", default="", help="A label to recognise it by in `token list`.")
@_data_dir
@_refusals
def token_create(site: str, name: str, data_dir: Path | None) -> None:
    """Make a read token and print it (once: it is not stored)."""
    with _registry(data_dir) as registry:
        if registry.site(site) is None:
            click.echo(f"Note: {site} is not registered; the token works while the server runs with `--site {site}`.",
                       err=True)
        record, secret = registry.tokens.create(site, name)
    click.echo(secret)
    click.echo(f"Token {record.id} reads {site}. Store it now: it cannot be shown again. "
               f"Use it as /dashboard?site={site}&token=… or `Authorization: Bearer …`.", err=True)


@token.command("list")
@click.option("--site", default=None, callback=_name, help="Only this site's tokens.")
@_data_dir
def token_list(site: str | None, data_dir: Path | None) -> None:
    """List tokens (id, site, label, created, status); never the secrets."""
    with _registry(data_dir) as registry:
        found = registry.tokens.list(site)
    if not found:
        click.echo("No tokens.")
    for t in found:
        status = f"revoked {_when(t.revoked_ms)}" if t.revoked_ms is not None else "active"
        click.echo(f"{t.id}\t{t.site}\t{t.name or '-'}\tcreated {_when(t.created_ms)}\t{status}")


@token.command("revoke")
@click.argument("token_id", metavar="ID")
@click.option("--site", default=None, callback=_name, help="Refuse unless the token belongs to this site.")
@_data_dir
@_refusals
def token_revoke(token_id: str, site: str | None, data_dir: Path | None) -> None:
    """Revoke the token ID (from `token list`): servers refuse it within a second."""
    with _registry(data_dir) as registry:
        record = registry.tokens.revoke(token_id, site)
    click.echo(f"Revoked token {record.id} for {record.site}")


def _when(ms: int) -> str:
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
