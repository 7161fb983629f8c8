"""The collector: ``POST /api/collect`` and the ``<noscript>`` pixel.

It validates a beacon against the v1 schema, derives what only it can see
(visitor id from IP and user agent, country), and answers 202 once the events
are durable in the log. The raw IP never leaves this module.
"""

from __future__ import annotations

import asyncio
import base64
import secrets
import time
from collections import defaultdict
from typing import Any, Protocol, Sequence

import orjson
from starlette.requests import Request
from starlette.responses import Response

from ingest_server import metrics
from ingest_server.errors import HTTPError
from ingest_server.eventlog import EVENTS_TOPIC, LogUnavailable
from ingest_server.geo import GeoLookup
from ingest_server.ratelimit import CollectLimits
from ingest_server.visitors import VisitorHasher
from tracker_sdk.schema import MAX_BODY_BYTES, MAX_PAST_MS, EnvelopeError, normalise_site, parse_beacon

_CONTENT_TYPES = ("text/plain", "application/json", "")
BODY_TIMEOUT_S = 10.0  # a beacon is at most 64 KiB: a slower upload is a stalled or hostile client
_PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


class Sink(Protocol):
    async def produce(self, topic: str, items: Sequence[tuple[bytes | None, bytes]]) -> None: ...


class SiteGate(Protocol):
    def check_collect(self, site: str, origin: str | None) -> None:
        """Raise HTTPError if events for ``site`` from ``origin`` are not accepted."""
        ...

    def cors_origin(self, site: str | None, origin: str | None) -> str | None: ...


class OpenGate:
    """No sites registered: every site is accepted, from any origin."""

    def check_collect(self, site: str, origin: str | None) -> None:
        return None

    def cors_origin(self, site: str | None, origin: str | None) -> str | None:
        return origin or "*"


def _json(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json", headers=headers)


class Collector:
    def __init__(self, sink: Sink, hasher: VisitorHasher, geo: GeoLookup, gate: SiteGate,
                 limits: CollectLimits | None = None, max_event_age_ms: int = MAX_PAST_MS) -> None:
        self.sink = sink
        self.max_event_age_ms = max_event_age_ms  # the aggregator's dedupe window must be as long
        self.hasher = hasher
        self.geo = geo
        self.gate = gate
        self.limits = limits or CollectLimits()

    async def collect(self, request: Request) -> Response:
        origin = request.headers.get("origin")
        if request.method == "OPTIONS":
            return self._preflight(origin)
        started = time.perf_counter()
        try:
            response = await self._collect(request, origin)
        except HTTPError as exc:
            response = _json(exc.status, exc.body(), exc.headers)
        cors = self._cors_headers(origin)
        response.headers.update(cors)
        if "access-control-allow-origin" in cors:
            response.headers["access-control-expose-headers"] = "Retry-After"  # the snippet backs off by it
        metrics.BEACONS.labels(str(response.status_code)).inc()
        if response.status_code == 202:
            metrics.APPEND_SECONDS.observe(time.perf_counter() - started)
        return response

    def _cors_headers(self, origin: str | None) -> dict[str, str]:
        """Vary on Origin always; allow it only when the site gate does."""
        allowed = self.gate.cors_origin(None, origin)
        return {"vary": "Origin", **({"access-control-allow-origin": allowed} if allowed else {})}

    def _preflight(self, origin: str | None) -> Response:
        headers = {
            "access-control-allow-methods": "POST, OPTIONS",
            "access-control-allow-headers": "content-type",
            "access-control-max-age": "86400",
            **self._cors_headers(origin),
        }
        return Response(status_code=204, headers=headers)

    async def _collect(self, request: Request, origin: str | None) -> Response:
        self.limits.check_ip(request.client.host if request.client else "")
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in _CONTENT_TYPES:
            raise HTTPError(415, "content-type", "must be text/plain or application/json")
        try:
            body = await asyncio.wait_for(_read_body(request), BODY_TIMEOUT_S)
        except asyncio.TimeoutError:
            raise HTTPError(408, "body", f"was not received within {BODY_TIMEOUT_S:g} s") from None
        now_ms = int(time.time() * 1000)
        try:
            beacon = parse_beacon(body, now_ms, max_past_ms=self.max_event_age_ms)
        except EnvelopeError as exc:
            raise HTTPError(exc.status, exc.field, exc.reason) from None
        self.gate.check_collect(beacon.site, origin)
        self.limits.check_site(beacon.site)
        rejected = [r.as_dict() for r in beacon.rejected]
        for r in beacon.rejected:
            metrics.EVENTS_REJECTED.labels(r.field).inc()
        if not beacon.events:
            return _json(400, {"error": "events: none is valid in this batch", "field": "events", "rejected": rejected})
        await self._store(request, beacon.site, beacon.events, now_ms)
        metrics.EVENTS_ACCEPTED.inc(len(beacon.events))
        return _json(202, {"accepted": len(beacon.events), "rejected": rejected})

    async def _store(self, request: Request, site: str, events: list[dict[str, Any]], now_ms: int) -> None:
        """One log record per visitor in the beacon (a browser beacon is one visitor), keyed by visitor."""
        ip = request.client.host if request.client else ""
        ua = request.headers.get("user-agent", "")[:512]
        country = self.geo.country(ip) if ip else None
        by_visitor: defaultdict[tuple[int, int | None, bool], list[dict[str, Any]]] = defaultdict(list)
        browser: tuple[int, int | None] | None = None  # the same for every browser event: hashed once per beacon
        for event in events:
            sdk_visitor = event.pop("vid", None)
            if sdk_visitor:  # a server-side event: the app's own visitor key stands in for IP + UA
                vid, pvid = self.hasher.visitor_ids(site, f"sdk:{sdk_visitor}", "", now_ms)
            else:
                if browser is None:
                    browser = self.hasher.visitor_ids(site, ip, ua, now_ms)
                vid, pvid = browser
            by_visitor[(vid, pvid, bool(sdk_visitor))].append(event)
        items = []
        for (vid, pvid, server_side), group in by_visitor.items():
            record = {"site": site, "rt": now_ms, "vid": vid, "pvid": pvid, "ua": ua, "country": country,
                      "events": group}
            if server_side:
                record["src"] = "sdk"
            items.append((vid.to_bytes(8, "big"), orjson.dumps(record)))
        try:
            await self.sink.produce(EVENTS_TOPIC, items)
        except LogUnavailable as exc:
            raise HTTPError(503, "log", f"events could not be stored right now ({exc}); retry later",
                            headers={"retry-after": "5"}) from None

    async def pixel(self, request: Request) -> Response:
        """``GET /api/collect.gif?site=…&url=…&ref=…`` for pages without JavaScript: one pageview."""
        q = request.query_params
        headers = {"cache-control": "no-store"}
        try:
            self.limits.check_ip(request.client.host if request.client else "")
            site = normalise_site(q.get("site", ""))
            now_ms = int(time.time() * 1000)
            event: dict[str, object] = {"id": q.get("id") or secrets.token_urlsafe(12), "type": "pageview",
                                        "ts": now_ms, "url": q.get("url") or request.headers.get("referer", "")}
            if q.get("ref"):
                event["ref"] = q["ref"]
            beacon = parse_beacon(orjson.dumps({"site": site, "events": [event]}), now_ms)
            self.gate.check_collect(beacon.site, None)
            self.limits.check_site(beacon.site)
            if beacon.events:
                await self._store(request, beacon.site, beacon.events, now_ms)
        except (EnvelopeError, HTTPError):
            pass  # a pixel has no one to read an error; the image is still served
        return Response(_PIXEL, media_type="image/gif", headers=headers)


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HTTPError(400, "content-length", "must be a number")
        if int(declared) > MAX_BODY_BYTES:
            raise HTTPError(413, "body", f"is {declared} bytes; the limit is {MAX_BODY_BYTES}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise HTTPError(413, "body", f"is larger than the limit of {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
