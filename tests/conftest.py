"""Shared fixtures: the real ASGI app on the embedded log, driven in-process."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from ingest_server.app import create_app
from ingest_server.config import Settings
from ingest_server.runtime import Runtime

# Without a browser-like User-Agent the aggregator counts events as bots.
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
CLIENT_IP = "203.0.113.7"  # distinctive, so a test can prove it is never written to disk
WAIT_S = 20.0  # the bound on every wait; never a speed expectation


@dataclass
class RunningApp:
    client: httpx.AsyncClient
    runtime: Runtime
    data_dir: Path

    async def wait_for_snapshot(
        self, site: str, done: Callable[[dict[str, Any]], bool], what: str
    ) -> dict[str, Any]:
        """Poll ``/api/snapshot`` until ``done(snapshot)``; fail with ``what`` after ``WAIT_S``."""
        deadline = time.monotonic() + WAIT_S
        snapshot: dict[str, Any] = {}
        while time.monotonic() < deadline:
            response = await self.client.get("/api/snapshot", params={"site": site})
            assert response.status_code == 200, response.text
            snapshot = response.json()
            if done(snapshot):
                return snapshot
            await asyncio.sleep(0.02)
        raise AssertionError(f"{what} within {WAIT_S} s; last snapshot totals: {snapshot.get('totals')!r}")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def runtime_app(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[RunningApp]:
    """The app with all roles on a fresh embedded log, its lifespan running; one per test module
    (stopping it takes a few hundred ms), so tests keep apart by using sites of their own.
    Its tests run in the module's event loop: ``pytestmark = pytest.mark.asyncio(loop_scope="module")``."""
    data_dir = tmp_path_factory.mktemp("runtime_app") / "data"
    runtime = Runtime(Settings(data_dir=data_dir, flush_interval_ms=20))
    app = create_app(runtime)
    transport = httpx.ASGITransport(app=app, client=(CLIENT_IP, 43210))
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver", headers={"user-agent": BROWSER_UA}
        ) as client:
            yield RunningApp(client, runtime, data_dir)
