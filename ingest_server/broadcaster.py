"""SSE fan-out: one hub per (site, period), latest-snapshot-wins per client.

A hub holds the newest snapshot, already encoded as an SSE message, and an
event that is set when it changes. Each client task sends whatever is newest
when it gets to it, so a slow client skips intermediate snapshots instead of
queueing them, and never delays the others (its own send is what blocks).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Callable

import orjson

from ingest_server import metrics
from ingest_server.errors import HTTPError

log = logging.getLogger("activity_tracker.broadcaster")

Snapshot = dict[str, Any]
Snapshotter = Callable[[str, str], Snapshot]


@dataclass(slots=True)
class Hub:
    site: str
    period: str
    id: int = 0
    message: bytes = b""
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    clients: int = 0

    def publish(self, snapshot: Snapshot) -> None:
        self.id = max(self.id + 1, int(time.time() * 1000))  # ids increase across restarts too
        data = orjson.dumps(snapshot)
        self.message = b"event: snapshot\r\nid: %d\r\ndata: %s\r\n\r\n" % (self.id, data)
        old, self.changed = self.changed, asyncio.Event()
        old.set()


class Broadcaster:
    def __init__(
        self,
        snapshot: Snapshotter,
        *,
        min_interval_s: float = 0.1,
        max_clients: int = 10_000,
        max_per_token: int = 50,
    ) -> None:
        self.snapshot = snapshot
        self.min_interval_s = min_interval_s
        self.max_clients = max_clients
        self.max_per_token = max_per_token  # one leaked token cannot take every slot (docs/security.md)
        self.clients = 0
        self._per_token: dict[str, int] = {}
        self._hubs: dict[tuple[str, str], Hub] = {}
        self._dirty: set[str] = set()
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def mark_dirty(self, sites: set[str]) -> None:
        """Thread-safe: called by the rollup consumer after it applied new rollups."""
        if self._loop is None or not sites:
            return
        self._loop.call_soon_threadsafe(self._mark, sites)

    def _mark(self, sites: set[str]) -> None:
        self._dirty |= sites
        self._wake.set()

    async def run(self) -> None:
        """Publish changed sites at most every ``min_interval_s``; also refresh each minute (series moves)."""
        self._loop = asyncio.get_running_loop()
        last_refresh = time.monotonic()
        while True:
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=10)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()
            dirty, self._dirty = self._dirty, set()
            if time.monotonic() - last_refresh > 30:
                last_refresh = time.monotonic()
                dirty |= {site for site, _ in self._hubs}
            for (site, period), hub in list(self._hubs.items()):
                if site in dirty:
                    hub.publish(self.snapshot(site, period))
                    metrics.SNAPSHOTS.inc()
            await asyncio.sleep(self.min_interval_s)

    def hub(self, site: str, period: str) -> Hub:
        hub = self._hubs.get((site, period))
        if hub is None:
            hub = self._hubs[(site, period)] = Hub(site, period)
            hub.publish(self.snapshot(site, period))
        return hub

    def acquire(self, token: str | None = None) -> None:
        """Take a stream slot (for ``token``, when the stream was opened with one); 503 when none is left."""
        if self.clients >= self.max_clients:
            raise HTTPError(503, "stream", "too many dashboard streams on this server; retry later",
                            headers={"retry-after": "10"})
        if token is not None and self._per_token.get(token, 0) >= self.max_per_token:
            raise HTTPError(503, "stream", f"this token already has {self.max_per_token} open streams; retry later",
                            headers={"retry-after": "10"})
        if token is not None:
            self._per_token[token] = self._per_token.get(token, 0) + 1
        self.clients += 1
        metrics.STREAM_CLIENTS.set(self.clients)

    def release(self, token: str | None = None) -> None:
        if token is not None:
            left = self._per_token.pop(token, 1) - 1
            if left:
                self._per_token[token] = left
        self.clients -= 1
        metrics.STREAM_CLIENTS.set(self.clients)

    async def messages(self, site: str, period: str, last_event_id: int | None) -> AsyncIterator[bytes]:
        """The SSE messages for one client: the newest snapshot now (unless it already has it), then each change."""
        hub = self.hub(site, period)
        hub.clients += 1
        sent = last_event_id if last_event_id is not None else -1
        try:
            while True:
                if hub.id != sent:
                    sent = hub.id
                    yield hub.message
                    continue  # it may have changed while we were sending
                await hub.changed.wait()
        finally:
            hub.clients -= 1
            if hub.clients == 0:
                self._hubs.pop((site, period), None)
