"""The ``activity-tracker`` command: a thin click layer over ``Settings`` and ``run``.

Every option also reads ``ACTIVITY_TRACKER_<OPTION>`` from the environment.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any, Callable

import click
import uvicorn

from ingest_server.cli_admin import sites, token
from ingest_server.config import ROLES, Settings, default_data_dir, parse_duration
from ingest_server.simulate import simulate

ENV_PREFIX = "ACTIVITY_TRACKER"


def run(settings: Settings) -> None:
    """Run the roles in ``settings`` in this process until SIGINT/SIGTERM (a second one exits at once)."""
    from ingest_server.app import create_app
    from ingest_server.runtime import Runtime
    from ingest_server.sites import SiteError, SiteRegistry

    try:
        registry = SiteRegistry.open(settings.data_dir, extra_sites=settings.sites)
    except SiteError as exc:
        raise click.UsageError(f"--site: {exc}") from None
    runtime = Runtime(settings, gate=registry.gate())
    app = create_app(runtime, access=registry.access())
    _announce(settings, registry)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        proxy_headers=bool(settings.forwarded_allow_ips),
        forwarded_allow_ips=settings.forwarded_allow_ips or None,
        log_level="warning",
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
    )
    uvicorn.Server(config).run()


def _announce(settings: Settings, registry: Any) -> None:
    base = settings.base_url
    backend = f"Kafka at {settings.kafka}" if settings.kafka else f"the embedded log in {settings.data_dir}"
    click.echo(f"activity-tracker: {', '.join(sorted(settings.roles))} on {base}, using {backend}")
    sites = registry.site_names()
    if "collect" in settings.roles:
        example = sites[0] if sites else "example.com"
        click.echo("Paste this into your pages:")
        click.echo(f'  <script defer src="{base}/t.js" data-site="{example}"></script>')
        if not sites:
            click.secho(
                "Open mode: no sites are registered, so events for ANY site are accepted. "
                "Register yours with `activity-tracker sites add example.com` or `serve --site example.com`.",
                fg="yellow",
            )
    if "dashboard" in settings.roles:
        example = sites[0] if sites else "example.com"
        click.echo(f"Dashboard: {base}/dashboard?site={example}")
        if sites and not registry.site(example).public:
            click.echo(f"  (private: add &token=… from `activity-tracker token create --site {example}`)")


class _Duration(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.2
    """``24h``, ``40d``, ``90m``, ``30s`` → milliseconds."""

    name = "duration"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_duration(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


DURATION = _Duration()


def _server_options(default_port: int, roles: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        options = [
            click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on."),
            click.option("--port", default=default_port, show_default=True, type=int, help="Port to listen on."),
            click.option(
                "--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                help="Where the embedded log, rollups and salts live (default: the per-user data directory).",
            ),
            click.option("--kafka", default=None, metavar="HOST:PORT[,…]", help="Use Apache Kafka at this bootstrap address."),
            click.option("--partitions", default=0, type=int, help="Partitions for new topics (0: embedded 1, Kafka 6)."),
            click.option("--site", "sites", multiple=True, help="Accept events for this site (repeatable)."),
            click.option("--geoip", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
                         help="A MaxMind GeoLite2/GeoIP2 Country or City database, for countries."),
            click.option("--forwarded-allow-ips", default="", help="Proxies trusted to set X-Forwarded-For (comma-separated IPs, or *)."),
            click.option("--public-url", default=None, help="How browsers reach this server, for printed tags."),
            click.option("--flush-interval-ms", default=100, show_default=True, type=int, help="Aggregator commit interval."),
            click.option("--spool-max-bytes", default=256 * 1024 * 1024, show_default=True, type=int,
                         help="Kafka mode: the collector's disk spool for when the broker is away; full means 503."),
            click.option("--max-streams", default=10_000, show_default=True, type=int, help="Concurrent dashboard streams per process."),
            click.option("--rate-limit-ip", default=0.0, type=float, help="Beacons per second per client IP (0: off)."),
            click.option("--rate-limit-site", default=0.0, type=float, help="Beacons per second per site (0: off)."),
            # one variable for every role: the collector's limit and the aggregator's dedupe window must agree
            click.option("--max-event-age", "max_event_age_ms", type=DURATION, default="24h", show_default=True,
                         envvar=f"{ENV_PREFIX}_MAX_EVENT_AGE",
                         help="Reject events older than this; raise it (e.g. 40d) to load history with `simulate`."),
            click.option("--minute-retention", "minute_retention_ms", type=DURATION, default="2d", show_default=True,
                         help="Keep per-minute rollups this long (0: forever)."),
            click.option("--hour-retention", "hour_retention_ms", type=DURATION, default="90d", show_default=True,
                         help="Keep per-hour rollups this long (0: forever)."),
            click.option("--day-retention", "day_retention_ms", type=DURATION, default="400d", show_default=True,
                         help="Keep per-day rollups this long (0: forever)."),
        ]
        for option in reversed(options):
            f = option(f)
        return f

    return decorate



def _settings(roles: frozenset[str], **options: Any) -> Settings:
    options["data_dir"] = options.get("data_dir") or default_data_dir()
    options["sites"] = tuple(options.get("sites") or ())
    fields = {f.name for f in dataclasses.fields(Settings)}
    try:
        return Settings(roles=roles, **{k: v for k, v in options.items() if k in fields})
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


@click.group(invoke_without_command=True, context_settings={"auto_envvar_prefix": ENV_PREFIX})
@click.option("--log-level", default="info", type=click.Choice(["debug", "info", "warning", "error"]),
              help="How much the server logs.")
@click.pass_context
def cli(ctx: click.Context, log_level: str) -> None:
    """Self-hosted real-time web analytics. With no command, runs `serve`."""
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("kafka").setLevel(max(logging.WARNING, logging.getLevelName(log_level.upper())))
    if ctx.invoked_subcommand is None:
        ctx.invoke(serve)


@cli.command()
@_server_options(8000)
def serve(**options: Any) -> None:
    """Everything in one process: collector, aggregator and dashboards."""
    run(_settings(ROLES, **options))


@cli.command()
@_server_options(8000)
def collect(**options: Any) -> None:
    """Only the collector (needs --kafka): scale out behind a load balancer."""
    run(_settings(frozenset({"collect"}), **options))


@cli.command()
@_server_options(8002)
def aggregate(**options: Any) -> None:
    """Only the aggregator (needs --kafka); instances share the partitions. Serves /healthz and /metrics."""
    run(_settings(frozenset({"aggregate"}), **options))


@cli.command()
@_server_options(8001)
def dashboard(**options: Any) -> None:
    """Only the dashboards and streams (needs --kafka); every instance shows the same numbers."""
    run(_settings(frozenset({"dashboard"}), **options))


@cli.command()
@click.option("--host", "base", default="http://127.0.0.1:8000", show_default=True, help="The server's public URL.")
@click.option("--site", default="example.com", show_default=True, help="The site the tag reports as.")
@click.option("--widget", is_flag=True, help="Print the dashboard widget tag instead.")
def snippet(base: str, site: str, widget: bool) -> None:
    """Print the script tag to paste into a site (or the widget tag)."""
    from tracker_sdk.tags import script_tag, widget_tag

    click.echo(str(widget_tag(base, site) if widget else script_tag(base, site)))


cli.add_command(sites)
cli.add_command(token)
cli.add_command(simulate)


@cli.command()
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The data directory to check (default: the per-user data directory).")
@click.option("--kafka", default=None, metavar="HOST:PORT[,…]", help="Check this Kafka cluster instead of the embedded log.")
@click.option("--geoip", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Check that this GeoIP database opens.")
def doctor(data_dir: Path | None, kafka: str | None, geoip: Path | None) -> None:
    """Check the log backend and the configuration; exits 1 if something is wrong."""
    from ingest_server.doctor import check

    settings = Settings(data_dir=data_dir or default_data_dir(), kafka=kafka, geoip=geoip)
    findings = check(settings)
    for finding in findings:
        click.secho(("ok       " if finding.ok else "PROBLEM  ") + finding.sentence, fg=None if finding.ok else "red")
    if not all(f.ok for f in findings):
        raise SystemExit(1)


def _name_env_vars(command: click.Command) -> None:
    """Every option reads ACTIVITY_TRACKER_<LONG_FLAG>, whatever the command (click's automatic
    prefix would put the command's name in it: ACTIVITY_TRACKER_SERVE_KAFKA)."""
    for param in command.params:
        if isinstance(param, click.Option) and param.envvar is None:
            flag = max(param.opts, key=len).lstrip("-").replace("-", "_").upper()
            param.envvar = f"{ENV_PREFIX}_{flag}"
            param.show_envvar = True
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _name_env_vars(sub)


_name_env_vars(cli)


def main() -> None:
    cli(prog_name="activity-tracker")


if __name__ == "__main__":
    main()
