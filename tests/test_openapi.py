"""/openapi.json describes the whole HTTP API; schemathesis checks the running app against it.

Each operation gets up to 30 generated requests, sent in-process to the ASGI
app with its lifespan running; no answer may be a 5xx, and every status code,
content type, header and body must be the documented ones. The SSE stream
never ends, so schemathesis skips it (its errors are checked by hand).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from anyio.from_thread import start_blocking_portal
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.python.asgi import shutdown_lifespans
from starlette.types import Receive, Scope, Send

from ingest_server.app import create_app
from ingest_server.config import Settings
from ingest_server.openapi import openapi_document
from ingest_server.runtime import Runtime
from tests.conftest import RunningApp

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[schemathesis.BaseSchema]:
    """The app, its runtime started once for the module (schemathesis would start and stop it per request)."""
    runtime = Runtime(Settings(data_dir=tmp_path_factory.mktemp("openapi") / "data", flush_interval_ms=20))
    app = create_app(runtime)

    async def without_lifespan(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            return await app(scope, receive, send)
        for phase in ("startup", "shutdown"):
            await receive()
            await send({"type": f"lifespan.{phase}.complete"})
        return None

    with start_blocking_portal() as portal:
        portal.call(runtime.start)
        try:
            yield schemathesis.openapi.from_asgi("/openapi.json", without_lifespan).exclude(path="/api/stream")
        finally:
            shutdown_lifespans()
            portal.call(runtime.stop)


OPERATIONS = [(path, method) for path, item in openapi_document()["paths"].items() for method in item
              if path != "/api/stream"]


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_every_operation_answers_as_documented(api: schemathesis.BaseSchema, path: str, method: str) -> None:
    # driven through Hypothesis directly: schemathesis' own pytest hooks do not run on pytest 9
    @given(api[path][method].as_strategy())
    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case: schemathesis.Case) -> None:  # type: ignore[type-arg]
        case.call_and_validate(checks=CHECKS)

    check()


def test_the_document_is_openapi_3_1_and_lists_every_route() -> None:
    document = openapi_document()
    assert document["openapi"] == "3.1.0"
    assert set(document["paths"]) == {
        "/api/collect", "/api/collect.gif", "/api/stream", "/api/snapshot", "/api/stats", "/dashboard", "/t.js",
        "/widget.js", "/healthz", "/readyz", "/metrics", "/openapi.json",
    }


async def test_the_app_serves_the_document(runtime_app: RunningApp) -> None:
    response = await runtime_app.client.get("/openapi.json")
    assert response.status_code == 200
    assert response.json() == openapi_document()


async def test_the_stream_refuses_with_documented_errors(runtime_app: RunningApp) -> None:
    documented = openapi_document()["paths"]["/api/stream"]["get"]["responses"]
    response = await runtime_app.client.get("/api/stream", params={"site": "", "period": "today"})
    assert str(response.status_code) in documented and response.json()["field"] == "site"


def test_every_route_of_the_app_is_documented(tmp_path: Path) -> None:
    app = create_app(Runtime(Settings(data_dir=tmp_path / "data")))
    routes = {getattr(route, "path", "") for route in app.routes}
    assert routes <= set(openapi_document()["paths"])
