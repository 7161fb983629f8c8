"""Baseline for the fan-out benchmark: a bare sse-starlette broadcast app.

Once a second it stamps the given snapshot payload with the current time
(``ts``, as our snapshots carry it) and wakes every client, which sends it as
one SSE message. Nothing else: no hubs, no slots, no snapshot computation.
Same uvicorn settings as ``activity-tracker serve`` (``serving.py``).

    python bench/sse_baseline_app.py --port 8000 --payload snapshot.json
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
from pathlib import Path
from typing import AsyncIterator

import orjson
from sse_starlette import EventSourceResponse
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.serving import serve  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--payload", type=Path, required=True)
args, _ = parser.parse_known_args()
snapshot = orjson.loads(args.payload.read_bytes())


class Broadcast:
    def __init__(self) -> None:
        self.data = ""
        self.version = 0
        self.changed = asyncio.Event()

    def publish(self) -> None:
        snapshot["ts"] = int(time.time() * 1000)
        self.data = orjson.dumps(snapshot).decode()
        self.version += 1
        old, self.changed = self.changed, asyncio.Event()
        old.set()

    async def run(self) -> None:
        while True:
            self.publish()
            await asyncio.sleep(1)


broadcast = Broadcast()


async def events() -> AsyncIterator[dict[str, str]]:
    sent = -1
    while True:
        if broadcast.version != sent:
            sent = broadcast.version
            yield {"event": "snapshot", "data": broadcast.data}
            continue
        await broadcast.changed.wait()


async def stream(request: Request) -> Response:
    return EventSourceResponse(events(), ping=15)


async def healthz(request: Request) -> Response:
    return Response(b'{"status":"ok"}', media_type="application/json")


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    task = asyncio.create_task(broadcast.run())
    yield
    task.cancel()


app = Starlette(routes=[Route("/api/stream", stream), Route("/healthz", healthz)], lifespan=lifespan)

if __name__ == "__main__":
    serve(app)
