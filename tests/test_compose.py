"""docker-compose.yml stays valid and in step with the real CLI (no Docker engine runs here)."""

from __future__ import annotations

import shlex
from pathlib import Path

import click
import pytest
import yaml

from ingest_server.cli import ENV_PREFIX, cli

COMPOSE = Path(__file__).resolve().parent.parent / "docker-compose.yml"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def _command(service: dict) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


def test_every_role_runs_on_kafka_with_options_the_cli_accepts(compose: dict) -> None:
    roles = {}
    for name, service in compose["services"].items():
        if name == "kafka":
            continue
        args = _command(service)
        sub = cli.commands[args[0]]
        ctx = sub.make_context(args[0], args[1:])  # raises click.UsageError on an unknown option
        assert ctx.params["kafka"] == "kafka:9092"
        roles[args[0]] = name
    assert set(roles) == {"collect", "aggregate", "dashboard"}


def test_environment_variables_name_real_options(compose: dict) -> None:
    options = {
        f"{ENV_PREFIX}_{p.name.upper()}"
        for command in cli.commands.values()
        for p in command.params
        if isinstance(p, click.Option)
    }
    for name, service in compose["services"].items():
        for key in service.get("environment") or {}:
            if key.startswith(ENV_PREFIX):
                assert key in options, f"{name}: {key} is not an option of the CLI"


def test_kafka_is_the_official_image_in_kraft_mode(compose: dict) -> None:
    kafka = compose["services"]["kafka"]
    image, _, tag = kafka["image"].partition(":")
    assert image == "apache/kafka" and int(tag.split(".")[0]) >= 4
    env = kafka["environment"]
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert "KAFKA_CONTROLLER_QUORUM_VOTERS" in env and not any("ZOOKEEPER" in k for k in env)
    assert "healthcheck" in kafka
    for name, service in compose["services"].items():
        if name != "kafka":
            assert service["depends_on"]["kafka"]["condition"] == "service_healthy"


def test_ports_match_the_commands(compose: dict) -> None:
    for name, service in compose["services"].items():
        if name == "kafka" or "ports" not in service:
            continue
        args = _command(service)
        port = cli.commands[args[0]].make_context(args[0], args[1:]).params["port"]
        assert any(str(p).endswith(f":{port}") for p in service["ports"]), name
