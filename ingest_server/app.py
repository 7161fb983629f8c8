"""The Starlette application: routes for the collector, the dashboards and operations."""

from __future__ import annotations

import contextlib
from typing import Any, AsyncIterator, Callable

import orjson
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sse_starlette import EventSourceResponse
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from ingest_server import stats
from ingest_server.access import Access, OpenAccess, request_token
from ingest_server.errors import HTTPError
from ingest_server.openapi import openapi_document
from ingest_server.rollup_store import PERIODS
from ingest_server.runtime import Runtime
from ingest_server.static_files import load_assets, serve_asset
from tracker_sdk.schema import EnvelopeError, normalise_site

DASHBOARD_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
    "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "content-security-policy": DASHBOARD_CSP,
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
_HEARTBEAT_S = 15
_MAX_EVENT_ID_DIGITS = 20  # stream ids are millisecond timestamps; int() of a huge string would raise
_SEND_TIMEOUT_S = 30.0  # a client that takes longer to accept one message is stalled: drop it


class _SlotStream(EventSourceResponse):
    """An SSE response that frees its stream slot when it ends, however it ends (HEAD, disconnect, send timeout)."""

    def __init__(self, release: Callable[[], None], content: AsyncIterator[bytes], **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self._release = release

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._release()


def _json(status: int, body: object, headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json", headers=headers)


def create_app(runtime: Runtime, access: Access | None = None) -> Starlette:
    assets = load_assets()
    access = access or OpenAccess()

    def _site(request: Request) -> str:
        try:
            return normalise_site(request.query_params.get("site", ""))
        except EnvelopeError as exc:
            raise HTTPError(400, "site", exc.reason) from None

    def _readable_site(request: Request) -> str:
        site = _site(request)
        access.check_read(site, request_token(request))
        return site

    def _site_and_period(request: Request) -> tuple[str, str]:
        site = _site(request)
        period = request.query_params.get("period", "today")
        if period not in PERIODS:
            raise HTTPError(400, "period", f"must be one of {', '.join(PERIODS)}")
        access.check_read(site, request_token(request))
        return site, period

    def _cors(request: Request) -> dict[str, str]:
        # Dashboards may be embedded on any origin; private data still needs a token.
        return {"access-control-allow-origin": request.headers.get("origin") or "*", "vary": "Origin"}

    async def snapshot(request: Request) -> Response:
        if runtime.store is None:
            raise HTTPError(404, "path", "this process does not serve dashboards (dashboard role)")
        site, period = _site_and_period(request)
        return _json(200, runtime.store.snapshot(site, period), {"cache-control": "no-store", **_cors(request)})

    async def stats_endpoint(request: Request) -> Response:
        store = runtime.store
        if store is None:
            raise HTTPError(404, "path", "this process does not serve dashboards (dashboard role)")
        query = stats.parse_query(request.query_params.multi_items(), int(store.clock() * 1000), store.retention)
        access.check_read(query.site, request_token(request))
        return await stats.respond(store, query, _cors(request))

    async def openapi(request: Request) -> Response:
        return _json(200, openapi_document())

    async def stream(request: Request) -> Response:
        broadcaster = runtime.broadcaster
        if broadcaster is None:
            raise HTTPError(404, "path", "this process does not serve dashboards (dashboard role)")
        site, period = _site_and_period(request)
        raw_last = request.headers.get("last-event-id") or request.query_params.get("last_event_id")
        if raw_last and len(raw_last) > _MAX_EVENT_ID_DIGITS:
            raise HTTPError(400, "last_event_id", f"must be an event id of at most {_MAX_EVENT_ID_DIGITS} digits")
        last_id = int(raw_last) if raw_last and raw_last.isdigit() else None
        token = request_token(request)
        broadcaster.acquire(token)
        return _SlotStream(
            lambda: broadcaster.release(token), broadcaster.messages(site, period, last_id), ping=_HEARTBEAT_S,
            send_timeout=_SEND_TIMEOUT_S, headers={"cache-control": "no-store", **_cors(request)},
        )

    async def collect(request: Request) -> Response:
        if runtime.collector is None:
            raise HTTPError(404, "path", "this process does not collect events (collect role)")
        return await runtime.collector.collect(request)

    async def pixel(request: Request) -> Response:
        if runtime.collector is None:
            raise HTTPError(404, "path", "this process does not collect events (collect role)")
        return await runtime.collector.pixel(request)

    def asset(name: str, max_age: int, headers: dict[str, str] | None = None) -> Route:
        async def endpoint(request: Request) -> Response:
            found = assets.get(name)
            if found is None:
                raise HTTPError(404, "path", f"{name} is not built into this package")
            return serve_asset(request, found, max_age=max_age, headers=headers)

        return Route("/" + name, endpoint, methods=["GET", "HEAD"])

    async def dashboard(request: Request) -> Response:
        found = assets.get("dashboard.html")
        if found is None:
            raise HTTPError(404, "path", "dashboard.html is not built into this package")
        if request.query_params.get("site"):
            _readable_site(request)  # the page's own period/filters are the widget's to check
        return Response(found.body, media_type=found.media_type, headers={**SECURITY_HEADERS, "cache-control": "no-store"})

    async def healthz(request: Request) -> Response:
        return _json(200, {"status": "ok"})

    async def readyz(request: Request) -> Response:
        ready = runtime.ready()
        return _json(200 if ready else 503, {"ready": ready, "log": type(runtime.log).__name__})

    async def metrics_endpoint(request: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    async def http_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, HTTPError):
            response = _json(exc.status, exc.body(), exc.headers)
        elif isinstance(exc, HTTPException):
            field = "method" if exc.status_code == 405 else "path"
            response = _json(exc.status_code, {"error": f"{field}: {exc.detail}", "field": field},
                             dict(exc.headers or {}))
        else:
            raise exc
        if request.url.path.startswith(("/api/stream", "/api/snapshot", "/api/stats")):
            # an embedded widget on another origin must be able to read why it was refused
            response.headers.update(_cors(request))
            response.headers["access-control-expose-headers"] = "Retry-After"
        return response

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    routes = [
        Route("/api/collect", collect, methods=["POST", "OPTIONS"]),
        Route("/api/collect.gif", pixel, methods=["GET"]),
        Route("/api/stream", stream, methods=["GET"]),
        Route("/api/snapshot", snapshot, methods=["GET"]),
        Route("/api/stats", stats_endpoint, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/dashboard", dashboard, methods=["GET"]),
        asset("t.js", 3600, {"access-control-allow-origin": "*"}),
        asset("widget.js", 3600, {"access-control-allow-origin": "*"}),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics_endpoint, methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPError: http_error, HTTPException: http_error},
    )
