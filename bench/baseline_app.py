"""Baseline for the collector benchmarks: a bare Starlette app that only parses the beacon and answers 202.

No validation, no visitor id, no log: the ceiling for any collector on this
stack (uvicorn + Starlette + orjson) on this machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.serving import serve  # noqa: E402


async def collect(request: Request) -> Response:
    beacon = orjson.loads(await request.body())
    body = orjson.dumps({"accepted": len(beacon["events"]), "rejected": []})
    return Response(body, status_code=202, media_type="application/json")


async def healthz(request: Request) -> Response:
    return Response(b'{"status":"ok"}', media_type="application/json")


app = Starlette(routes=[Route("/api/collect", collect, methods=["POST"]), Route("/healthz", healthz)])

if __name__ == "__main__":
    serve(app)
