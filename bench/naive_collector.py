"""The naive design, reproduced for comparison: one event per request, one synchronous Kafka send per request.

Each request carries one event; the endpoint sends it and waits for the
broker's acknowledgement (``send(...).get()``) before answering. It is a plain
``def`` endpoint, so Starlette runs it in its thread pool and up to 40 sends
wait at once: the fairest form of the naive design, not a strawman that
blocks the event loop. Same guarantees as the product (acks=all,
idempotence), same uvicorn settings.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import orjson
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

warnings.filterwarnings("ignore", category=DeprecationWarning)
from kafka import KafkaProducer  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.serving import serve  # noqa: E402

TOPIC = "bench.naive"

parser = argparse.ArgumentParser()
parser.add_argument("--kafka", default="127.0.0.1:19092")
args, _ = parser.parse_known_args()
producer = KafkaProducer(bootstrap_servers=args.kafka.split(","), acks="all", enable_idempotence=True)


async def collect(request: Request) -> Response:
    body = await request.body()
    event = orjson.loads(body)
    key = str(event.get("id", "")).encode()
    # the naive part: one record and one blocking round trip per event, in a worker thread
    await run_in_threadpool(lambda: producer.send(TOPIC, key=key, value=body).get(timeout=10))
    return Response(b'{"accepted":1,"rejected":[]}', status_code=202, media_type="application/json")


async def healthz(request: Request) -> Response:
    return Response(b'{"status":"ok"}', media_type="application/json")


app = Starlette(routes=[Route("/api/collect", collect, methods=["POST"]), Route("/healthz", healthz)])

if __name__ == "__main__":
    serve(app)
