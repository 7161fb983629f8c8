"""The real app wired to a site registry (as ``serve`` wires it), driven in-process; and raw ASGI streams.

httpx's ASGI transport waits for a response to finish, so endless SSE
streams are driven with ``RawStream``: it calls the app directly and hands it
a disconnect when closed.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from starlette.applications import Starlette

from ingest_server.app import create_app
from ingest_server.config import Settings
from ingest_server.ratelimit import CollectLimits
from ingest_server.runtime import Runtime
from ingest_server.sites import Site, SiteRegistry
from tests.conftest import BROWSER_UA, WAIT_S


@dataclass
class SecuredApp:
    app: Starlette
    runtime: Runtime
    registry: SiteRegistry
    data_dir: Path

    def client(self, ip: str = "198.51.100.1", **headers: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.app, client=(ip, 40000))
        return httpx.AsyncClient(transport=transport, base_url="http://testserver",
                                 headers={"user-agent": BROWSER_UA, **headers})


@contextlib.asynccontextmanager
async def secured_app(data_dir: Path, *sites: Site, limits: CollectLimits | None = None) -> AsyncIterator[SecuredApp]:
    """The app with every role on the embedded log, ``sites`` registered, its lifespan running.

    The registry looks for changes on every request (``refresh_s=0``), so a
    change made through another connection shows at once.
    """
    registry = SiteRegistry.open(data_dir, refresh_s=0)
    for site in sites:
        registry.add(site)
    runtime = Runtime(Settings(data_dir=data_dir, flush_interval_ms=20), gate=registry.gate())
    if limits is not None and runtime.collector is not None:
        runtime.collector.limits = limits
    app = create_app(runtime, access=registry.access())
    try:
        async with app.router.lifespan_context(app):
            yield SecuredApp(app, runtime, registry, data_dir)
    finally:
        registry.close()


@dataclass
class RawStream:
    """One GET to the app, called as an ASGI server would, kept open until ``close()``."""

    app: Starlette
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    method: str = "GET"
    stall_upload: bool = False  # never deliver the request body
    stall_download: bool = False  # never accept a body chunk (a client that stopped reading)
    messages: list[MutableMapping[str, Any]] = field(default_factory=list)
    _started: asyncio.Event = field(default_factory=asyncio.Event)
    _gone: asyncio.Event = field(default_factory=asyncio.Event)
    _task: asyncio.Task[None] | None = None
    _requested: bool = False

    async def open(self) -> int:
        """Start the request; return the response status once the headers are sent."""
        parts = urlsplit(self.url)
        headers = {"user-agent": BROWSER_UA, "host": "testserver", **self.headers}
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": self.method,
            "scheme": "http", "path": parts.path, "raw_path": parts.path.encode(), "root_path": "",
            "query_string": parts.query.encode(), "server": ("testserver", 80), "client": ("198.51.100.9", 40001),
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        }
        self._task = asyncio.create_task(self.app(scope, self._receive, self._send))
        started = asyncio.create_task(self._started.wait())
        await asyncio.wait({started, self._task}, timeout=WAIT_S, return_when=asyncio.FIRST_COMPLETED)
        started.cancel()
        if not self._started.is_set():
            if self._task.done():
                self._task.result()  # raise what the app raised
            raise AssertionError(f"{self.url} sent no response headers within {WAIT_S} s")
        return int(self.messages[0]["status"])

    def header(self, name: str) -> str | None:
        found = dict(self.messages[0]["headers"]) if self.messages else {}
        value = found.get(name.lower().encode())
        return value.decode() if value is not None else None

    def body(self) -> bytes:
        return b"".join(m.get("body", b"") for m in self.messages if m["type"] == "http.response.body")

    async def wait_for_body(self, part: bytes) -> None:
        deadline = asyncio.get_running_loop().time() + WAIT_S
        while part not in self.body():
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"{part!r} not received within {WAIT_S} s; got {self.body()[:300]!r}")
            await asyncio.sleep(0.01)

    async def finished(self) -> BaseException | None:
        """Wait for the app to return on its own; what it raised, if anything."""
        if self._task is None:
            raise RuntimeError("Call open() first")
        await asyncio.wait({self._task}, timeout=WAIT_S)
        if not self._task.done():
            raise AssertionError(f"{self.url} was still running after {WAIT_S} s")
        return self._task.exception()

    async def close(self) -> None:
        """Disconnect, as a client that goes away does, and wait for the app to finish."""
        self._gone.set()
        if self._task is not None:
            await asyncio.wait_for(self._task, WAIT_S)

    async def _receive(self) -> dict[str, Any]:
        if not self._requested and not self.stall_upload:
            self._requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self._gone.wait()
        return {"type": "http.disconnect"}

    async def _send(self, message: MutableMapping[str, Any]) -> None:
        if self.stall_download and message.get("body"):
            await asyncio.Event().wait()
        self.messages.append(message)
        if message["type"] == "http.response.start":
            self._started.set()
