"""A server-side client: queue events in memory, deliver them to the collector in the background."""

from __future__ import annotations

import atexit
import email.utils
import http.client
import logging
import os
import random
import secrets
import threading
import time
import weakref
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timezone
from importlib import metadata
from typing import Any, Final
from urllib.parse import urlsplit

import orjson

from tracker_sdk import schema

log = logging.getLogger(__name__)

PropValue = str | int | float | bool | None

ATEXIT_TIMEOUT: Final = 2.0  # seconds an exiting interpreter waits for queued events
MAX_BACKOFF: Final = 30.0
MAX_RETRY_AFTER: Final = 120.0
_RETRY_STATUSES: Final = frozenset({429, 500, 502, 503, 504})


def _version() -> str:
    try:
        return metadata.version("activity-tracker")
    except metadata.PackageNotFoundError:  # running from a source checkout
        return "0+unknown"


USER_AGENT: Final = f"activity-tracker-python/{_version()}"


def http_base(url: str, what: str) -> str:
    """Return ``url`` without a trailing slash; raise ``ValueError`` unless it is an http(s) URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ValueError(f"{what} must be an http:// or https:// URL with no query, like https://stats.example.com, not {url!r}.")
    try:
        parts.port
    except ValueError:
        raise ValueError(f"{what} {url!r} has an invalid port.") from None
    return url.rstrip("/")


def site_name(site: str) -> str:
    """Return ``site`` normalised as the collector does; raise ``ValueError`` if it is not a host name."""
    try:
        return schema.normalise_site(site)
    except schema.EnvelopeError as exc:
        raise ValueError(f"site {site!r} {exc.reason}.") from None


@dataclass(slots=True)
class ClientStats:
    """Event counters since the client was made."""

    queued: int = 0  # events taken into the queue
    sent: int = 0  # events the collector accepted
    rejected: int = 0  # events found invalid: at track() time, or by the collector (4xx, per-event rejections)
    dropped: int = 0  # events lost without a verdict: queue full, client closed, retries exhausted
    retries: int = 0  # requests repeated after a 429, a 5xx or a network error
    failed_batches: int = 0  # requests given up on: refused by the collector, or retries exhausted


class Client:
    """Send server-side events to an activity-tracker collector without blocking the caller.

    Events are validated against the wire schema when tracked, queued in memory (at most
    ``max_queue``) and posted in batches by one background thread, which retries 429, 5xx and
    network errors with exponential backoff and jitter (the first wait is up to ``backoff``
    seconds; ``Retry-After`` wins when given). An event keeps its id across retries, so
    the collector's dedupe makes a retry safe. After construction nothing raises into the
    caller: problems are logged and counted in ``stats``. Queued events are flushed at exit.
    """

    def __init__(
        self,
        endpoint: str,
        site: str,
        *,
        max_queue: int = 10_000,
        batch_size: int = 50,
        flush_interval: float = 1.0,
        timeout: float = 5.0,
        max_retries: int = 8,
        backoff: float = 0.5,
        user_agent: str = USER_AGENT,
    ) -> None:
        parts = urlsplit(http_base(endpoint, "endpoint"))
        self.site = site_name(site)
        if not 1 <= batch_size <= schema.MAX_EVENTS:
            raise ValueError(f"batch_size must be from 1 to {schema.MAX_EVENTS}, the collector's limit per request.")
        if max_queue < 1 or max_retries < 0 or flush_interval < 0 or backoff < 0 or timeout <= 0:
            raise ValueError("max_queue must be positive, timeout above zero, and the other limits not negative.")
        self._https = parts.scheme == "https"
        self._host = parts.hostname or ""
        self._port = parts.port or (443 if self._https else 80)
        self._path = parts.path.rstrip("/") + "/api/collect"
        self._headers = {"Content-Type": "application/json", "User-Agent": user_agent}
        self._prefix = b'{"site":' + orjson.dumps(self.site) + b',"events":['
        self._max_queue = max_queue
        self._batch_size = batch_size
        self._flush_interval = flush_interval
        self._timeout = timeout
        self._max_retries = max_retries
        self._backoff = backoff
        self._default_url = f"https://{self.site}/"
        self._atexit_registered = False
        self._closed = False
        self._reset()
        if hasattr(os, "register_at_fork"):
            reset = weakref.WeakMethod(self._reset)
            os.register_at_fork(after_in_child=lambda: _call(reset))

    def _reset(self) -> None:
        # Fresh state; also run in a forked child, where the parent's thread and lock are unusable
        # and the parent still owns (and will send) the events queued before the fork.
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._stop = threading.Event()  # set by close() when it stops waiting: give up on retries
        self._pending: deque[tuple[str, bytes]] = deque()  # (event id, encoded event)
        self._inflight = 0
        self._flushers = 0
        self._stopping = False
        self._dropping = False
        self._worker: threading.Thread | None = None
        self._stats = ClientStats()

    @property
    def stats(self) -> ClientStats:
        """A snapshot of the event counters."""
        with self._lock:
            return replace(self._stats)

    def track(
        self,
        name: str,
        props: Mapping[str, PropValue] | None = None,
        *,
        visitor: str | None = None,
        url: str | None = None,
        ts_ms: int | None = None,
    ) -> str:
        """Queue a custom event and return its id. ``visitor`` is your app's key for the visitor."""
        fields = {"type": "custom", "name": name, "url": self._default_url if url is None else url, "props": props}
        return self._enqueue(fields, visitor, ts_ms)

    def pageview(
        self,
        url: str,
        *,
        title: str | None = None,
        referrer: str | None = None,
        visitor: str | None = None,
        props: Mapping[str, PropValue] | None = None,
    ) -> str:
        """Queue a page view and return its id."""
        fields = {"type": "pageview", "url": url, "title": title, "ref": referrer, "props": props}
        return self._enqueue(fields, visitor, None)

    def flush(self, timeout: float | None = None) -> bool:
        """Send what is queued now; wait until it is delivered or given up. True if the queue drained."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            self._flushers += 1
            self._cond.notify_all()
            try:
                while self._pending or self._inflight:
                    remaining = None if deadline is None else deadline - time.monotonic()
                    if self._worker is None or (remaining is not None and remaining <= 0):
                        return False
                    self._cond.wait(remaining)
                return True
            finally:
                self._flushers -= 1

    def close(self, timeout: float = 5.0) -> None:
        """Flush for at most ``timeout`` seconds, then stop; events still queued are dropped. Idempotent."""
        deadline = time.monotonic() + timeout
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self.flush(timeout)
        with self._cond:
            self._stopping = True
            left = len(self._pending)
            self._pending.clear()
            self._stats.dropped += left
            worker = self._worker
            self._cond.notify_all()
        self._stop.set()
        if left:
            log.warning("activity-tracker: closed with %d events undelivered; they are dropped", left)
        if worker is not None:
            worker.join(max(0.1, deadline - time.monotonic()))
        if self._atexit_registered:
            atexit.unregister(self._at_exit)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _at_exit(self) -> None:
        self.close(ATEXIT_TIMEOUT)

    # -- the caller's side -------------------------------------------------------------------

    def _enqueue(self, fields: dict[str, Any], visitor: str | None, ts_ms: int | None) -> str:
        event_id = secrets.token_urlsafe(16)
        try:
            encoded = self._encode(event_id, fields, visitor, ts_ms)
        except schema.EventError as bad:
            return self._refuse(event_id, fields, f"{bad.field} {bad.reason}")
        except Exception as exc:  # noqa: BLE001 - track() must never raise into the app
            return self._refuse(event_id, fields, f"{type(exc).__name__}: {exc}")
        with self._lock:
            if not self._closed and len(self._pending) < self._max_queue:
                self._pending.append((event_id, encoded))
                self._stats.queued += 1
                self._dropping = False
                self._start_worker()
                self._cond.notify()
                return event_id
            self._stats.dropped += 1
            quiet, self._dropping = self._dropping, True
        if not quiet:  # one line per run of drops, not one per event
            problem = "the client is closed" if self._closed else f"the queue is full ({self._max_queue} events)"
            log.warning("activity-tracker: dropping events (%s); the count is in Client.stats.dropped", problem)
        return event_id

    def _encode(self, event_id: str, fields: dict[str, Any], visitor: str | None, ts_ms: int | None) -> bytes:
        now_ms = time.time_ns() // 1_000_000
        raw = {key: value for key, value in fields.items() if value is not None}
        if "props" in raw:
            raw["props"] = dict(raw["props"]) if isinstance(raw["props"], Mapping) else raw["props"]
        raw.update(id=event_id, ts=now_ms if ts_ms is None else ts_ms)
        # The collector hashes this key instead of the app server's IP and user agent; events
        # without a visitor all belong to one "(server)" visitor.
        raw["vid"] = visitor if visitor is not None else "(server)"
        event = schema.validate_event(raw, now_ms)
        encoded = orjson.dumps(event)
        if len(self._prefix) + len(encoded) + 2 > schema.MAX_BODY_BYTES:
            raise schema.EventError("event", f"is {len(encoded)} bytes encoded; a request is limited to {schema.MAX_BODY_BYTES}")
        return encoded

    def _refuse(self, event_id: str, fields: dict[str, Any], reason: str) -> str:
        with self._lock:
            self._stats.rejected += 1
        log.warning("activity-tracker: dropped invalid %s event %s: %s", fields["type"], event_id, reason)
        return event_id

    def _start_worker(self) -> None:  # with self._lock held
        if self._worker is not None:
            return
        self._worker = threading.Thread(target=self._run, name="activity-tracker-client", daemon=True)
        self._worker.start()
        if not self._atexit_registered:
            atexit.register(self._at_exit)
            self._atexit_registered = True

    # -- the worker thread -------------------------------------------------------------------

    def _run(self) -> None:
        # http.client rather than urllib: one keep-alive connection saves a TCP/TLS handshake per batch.
        conn_class = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
        conn = conn_class(self._host, self._port, timeout=self._timeout)
        try:
            while (batch := self._take_batch()) is not None:
                try:
                    self._deliver(conn, batch)
                except Exception:  # a bug here must not kill the worker and strand the queue
                    log.exception("activity-tracker: dropped %d events after an unexpected error", len(batch))
                    self._count(dropped=len(batch), failed_batches=1)
                finally:
                    with self._cond:
                        self._inflight = 0
                        self._cond.notify_all()
        finally:
            conn.close()

    def _take_batch(self) -> list[tuple[str, bytes]] | None:
        with self._cond:
            while not self._pending and not self._stopping:
                self._cond.wait()
            # Give a batch until flush_interval to fill up, unless someone is waiting for it.
            deadline = time.monotonic() + self._flush_interval
            while len(self._pending) < self._batch_size and not self._flushers and not self._stopping:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            if self._stopping:
                return None
            batch: list[tuple[str, bytes]] = []
            size = len(self._prefix) + 2 - 1  # the first event needs no comma
            while self._pending and len(batch) < self._batch_size:
                size += len(self._pending[0][1]) + 1
                if size > schema.MAX_BODY_BYTES:
                    break
                batch.append(self._pending.popleft())
            self._inflight = len(batch)
            return batch

    def _deliver(self, conn: http.client.HTTPConnection, batch: list[tuple[str, bytes]]) -> None:
        body = self._prefix + b",".join(encoded for _, encoded in batch) + b"]}"
        for attempt in range(self._max_retries + 1):
            if attempt:
                self._count(retries=1)
            retry_after = None
            try:
                status, retry_after, payload = self._post(conn, body)
            except (OSError, http.client.HTTPException) as exc:
                problem = f"{type(exc).__name__}: {exc}"
            else:
                if 200 <= status < 300:
                    self._accepted(batch, payload)
                    return
                if status not in _RETRY_STATUSES:
                    self._count(rejected=len(batch), failed_batches=1)
                    log.warning(
                        "activity-tracker: the collector refused %d events with HTTP %d: %s",
                        len(batch), status, payload[:300].decode("utf-8", "replace"),
                    )
                    return
                problem = f"HTTP {status}"
            if attempt == self._max_retries:
                break
            delay = retry_delay(attempt, retry_after, self._backoff)
            log.info("activity-tracker: sending %d events failed (%s); retrying in %.2fs", len(batch), problem, delay)
            if self._stop.wait(delay):
                break
        self._count(dropped=len(batch), failed_batches=1)
        log.warning("activity-tracker: gave up on %d events after %d attempts: %s", len(batch), attempt + 1, problem)

    def _post(self, conn: http.client.HTTPConnection, body: bytes) -> tuple[int, str | None, bytes]:
        reused = conn.sock is not None
        try:
            return self._exchange(conn, body)
        except (ConnectionResetError, BrokenPipeError):
            if not reused:
                raise
        # The collector closed the idle keep-alive connection: resend once on a new one (ids make it safe).
        return self._exchange(conn, body)

    def _exchange(self, conn: http.client.HTTPConnection, body: bytes) -> tuple[int, str | None, bytes]:
        try:
            conn.request("POST", self._path, body, self._headers)
            response = conn.getresponse()
            return response.status, response.getheader("Retry-After"), response.read()
        except BaseException:
            conn.close()
            raise

    def _accepted(self, batch: list[tuple[str, bytes]], payload: bytes) -> None:
        try:
            answer = orjson.loads(payload)
            rejected = [r for r in answer.get("rejected", ()) if isinstance(r, dict)]
        except (orjson.JSONDecodeError, AttributeError, TypeError):
            rejected = []  # a 2xx means the batch is durable; the details are a courtesy
        self._count(sent=len(batch) - len(rejected), rejected=len(rejected))
        if rejected:
            details = "; ".join(_describe(batch, r) for r in rejected[:3])
            log.warning("activity-tracker: the collector rejected %d of %d events: %s", len(rejected), len(batch), details)

    def _count(self, *, sent: int = 0, rejected: int = 0, dropped: int = 0, retries: int = 0, failed_batches: int = 0) -> None:
        with self._lock:
            self._stats.sent += sent
            self._stats.rejected += rejected
            self._stats.dropped += dropped
            self._stats.retries += retries
            self._stats.failed_batches += failed_batches


def retry_delay(attempt: int, retry_after: str | None, backoff: float) -> float:
    """Seconds to wait before retry ``attempt + 1``: ``Retry-After`` if given, else exponential, both jittered."""
    seconds = parse_retry_after(retry_after, time.time())
    if seconds is not None:
        return min(seconds, MAX_RETRY_AFTER) + random.uniform(0, backoff)
    return random.uniform(0, min(MAX_BACKOFF, backoff * 2**attempt))  # "full jitter"


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds from ``now`` (Unix time) that a ``Retry-After`` header asks for; None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000": RFC 9110 dates are GMT anyway
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - now)


def _describe(batch: list[tuple[str, bytes]], rejection: dict[str, Any]) -> str:
    index = rejection.get("index")
    event_id = batch[index][0] if isinstance(index, int) and 0 <= index < len(batch) else "?"
    return f"{event_id} {rejection.get('field')} {rejection.get('reason')}"


def _call(ref: weakref.WeakMethod[Any]) -> None:
    method = ref()
    if method is not None:
        method()
