"""docs/cli.md is generated from the CLI; an undocumented option fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _reference() -> str:
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli-reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.reference())


def test_cli_reference_is_up_to_date() -> None:
    expected = _reference()
    actual = (ROOT / "docs" / "cli.md").read_text()
    assert actual == expected, "docs/cli.md is stale: run `python scripts/cli-reference.py > docs/cli.md`"


def test_every_option_has_help_and_an_environment_variable() -> None:
    from ingest_server.cli import cli

    def walk(command):  # type: ignore[no-untyped-def]
        yield command
        for sub in getattr(command, "commands", {}).values():
            yield from walk(sub)

    for command in walk(cli):
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert param.help, f"{command.name} {param.opts} has no help text"
                assert param.envvar and str(param.envvar).startswith("ACTIVITY_TRACKER_"), (command.name, param.opts)
