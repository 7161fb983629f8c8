"""The v1 wire protocol: one definition shared by the SDK, the collector and the tests.

A beacon is ``{"site": str, "events": [event, ...]}``. The envelope is either
usable or not (``EnvelopeError``, a 400/413); each event is then checked on its
own so that one bad event never costs the valid ones beside it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Final

import orjson

VERSION: Final = 1

# Limits. Each one is enforced with an error that names the field.
MAX_BODY_BYTES: Final = 64 * 1024
MAX_EVENTS: Final = 100
MAX_SITE_LEN: Final = 253
MAX_ID_LEN: Final = 64
MAX_TYPE_LEN: Final = 32
MAX_URL_LEN: Final = 2048
MAX_TITLE_LEN: Final = 512
MAX_NAME_LEN: Final = 128
MAX_SID_LEN: Final = 64
MAX_PROPS: Final = 30
MAX_PROP_KEY_LEN: Final = 64
MAX_PROP_VALUE_LEN: Final = 512
MAX_ENGAGED_MS: Final = 24 * 3600 * 1000
MAX_PAST_MS: Final = 24 * 3600 * 1000  # offline queues replay up to a day late
MAX_FUTURE_MS: Final = 10 * 60 * 1000  # client clocks run a little fast

KNOWN_TYPES: Final = frozenset({"pageview", "click", "outbound", "download", "engagement", "custom"})

_ID_RE: Final = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ID_MATCH: Final = _ID_RE.fullmatch
_TYPE_RE: Final = re.compile(r"[a-z][a-z0-9_]{0,31}")
_SITE_RE: Final = re.compile(r"[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?")

# Optional string fields and their length limits.
_STRINGS: Final = (
    ("ref", MAX_URL_LEN),
    ("title", MAX_TITLE_LEN),
    ("sid", MAX_SID_LEN),
    ("name", MAX_NAME_LEN),
    ("target", MAX_URL_LEN),
    ("vid", MAX_ID_LEN),  # server-side SDK events: the app's own visitor key, hashed by the collector
)
# Optional integer fields and their ranges (from 0).
_INTS: Final = (("ms", MAX_ENGAGED_MS), ("scroll", 100), ("status", 599))


class EnvelopeError(ValueError):
    """The body as a whole is unusable; nothing in it is stored."""

    status = 400

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class BodyTooLarge(EnvelopeError):
    status = 413


@dataclass(frozen=True, slots=True)
class Rejection:
    index: int
    field: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"index": self.index, "field": self.field, "reason": self.reason}


@dataclass(slots=True)
class Beacon:
    site: str
    events: list[dict[str, Any]]  # valid events, normalised, in the order sent
    rejected: list[Rejection]


class EventError(ValueError):
    """One event is invalid; ``field`` names what is wrong with it."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


_Invalid = EventError


def normalise_site(site: str) -> str:
    """Lower-case a site name and strip a leading ``www.``; raise ``EnvelopeError`` if it is not a host name."""
    site = site.strip().lower()
    if site.startswith("www."):
        site = site[4:]
    if len(site) > MAX_SITE_LEN or not _SITE_RE.fullmatch(site):
        raise EnvelopeError("site", f"must be a host name of at most {MAX_SITE_LEN} characters, like example.com")
    return site


def parse_beacon(body: bytes, now_ms: int, *, max_past_ms: int = MAX_PAST_MS) -> Beacon:
    """Parse and validate a beacon body; raise ``EnvelopeError`` if the envelope is unusable.

    Events older than ``max_past_ms`` are rejected; a server raises it to accept backfills.
    """
    if len(body) > MAX_BODY_BYTES:
        raise BodyTooLarge("body", f"is {len(body)} bytes; the limit is {MAX_BODY_BYTES}")
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise EnvelopeError("body", f"is not valid JSON (UTF-8, no NaN/Infinity): {exc.msg}") from None
    if not isinstance(data, dict):
        raise EnvelopeError("body", "must be a JSON object with 'site' and 'events'")
    site = data.get("site")
    if not isinstance(site, str) or not site:
        raise EnvelopeError("site", "is required and must be a non-empty string")
    site = normalise_site(site)
    events = data.get("events")
    if not isinstance(events, list):
        raise EnvelopeError("events", "is required and must be a list of event objects")
    if not events:
        raise EnvelopeError("events", "must contain at least one event")
    if len(events) > MAX_EVENTS:
        raise EnvelopeError("events", f"has {len(events)} events; the limit is {MAX_EVENTS} per request")
    valid: list[dict[str, Any]] = []
    rejected: list[Rejection] = []
    seen: set[str] = set()
    for index, raw in enumerate(events):
        try:
            event = validate_event(raw, now_ms, max_past_ms)
            if event["id"] in seen:
                raise _Invalid("id", "appears twice in this batch")
            seen.add(event["id"])
            valid.append(event)
        except _Invalid as bad:
            rejected.append(Rejection(index, bad.field, bad.reason))
    return Beacon(site, valid, rejected)


def validate_event(raw: object, now_ms: int, max_past_ms: int = MAX_PAST_MS) -> dict[str, Any]:
    """Return a normalised copy of one event, or raise ``_Invalid`` naming the field."""
    if not isinstance(raw, dict):
        raise _Invalid("event", "must be a JSON object")
    # This runs for every event the collector receives: plain locals and one membership test per optional
    # field (most are absent) instead of a get per field; the checks and their order are the schema's.
    get = raw.get
    event_id = get("id")
    if not isinstance(event_id, str) or not _ID_MATCH(event_id):
        raise _Invalid("id", f"is required: 1-{MAX_ID_LEN} characters of A-Z a-z 0-9 _ -")
    kind = get("type")
    if not isinstance(kind, str) or (kind not in KNOWN_TYPES and not _TYPE_RE.fullmatch(kind)):
        raise _Invalid("type", f"is required: lower-case letters, digits, _; at most {MAX_TYPE_LEN} characters")
    ts = get("ts")
    if isinstance(ts, float) and math.isfinite(ts) and ts.is_integer():
        ts = int(ts)
    if not isinstance(ts, int) or isinstance(ts, bool):
        raise _Invalid("ts", "is required: milliseconds since the Unix epoch, an integer")
    if ts < now_ms - max_past_ms:
        raise _Invalid("ts", f"is more than {max_past_ms // 3_600_000} hours in the past")
    if ts > now_ms + MAX_FUTURE_MS:
        raise _Invalid("ts", f"is more than {MAX_FUTURE_MS // 60_000} minutes in the future")
    url = get("url")
    if not isinstance(url, str) or not url:
        raise _Invalid("url", "is required: the page URL")
    if len(url) > MAX_URL_LEN:
        raise _Invalid("url", f"is longer than {MAX_URL_LEN} characters")
    event: dict[str, Any] = {"id": event_id, "type": kind, "ts": ts, "url": url}
    if len(raw) > 4:  # anything besides the four required fields
        for field, limit in _STRINGS:
            if field not in raw:
                continue
            value = raw[field]
            if value is None:
                continue
            if not isinstance(value, str):
                raise _Invalid(field, "must be a string")
            if len(value) > limit:
                raise _Invalid(field, f"is longer than {limit} characters")
            if value:
                event[field] = value
    if kind == "custom" and "name" not in event:
        raise _Invalid("name", "is required for custom events")
    if len(event) < len(raw):  # some fields are still unread
        for field, high in _INTS:
            if field not in raw:
                continue
            value = raw[field]
            if value is None:
                continue
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
                raise _Invalid(field, f"must be an integer from 0 to {high}")
            event[field] = value
        if get("wd") is True:
            event["wd"] = True
        props = get("props")
        if props is not None:
            event["props"] = _validate_props(props)
    return event


def _validate_props(props: object) -> dict[str, Any]:
    if not isinstance(props, dict):
        raise _Invalid("props", "must be an object of names to values")
    if len(props) > MAX_PROPS:
        raise _Invalid("props", f"has {len(props)} entries; the limit is {MAX_PROPS}")
    for key, value in props.items():
        if not isinstance(key, str) or not key or len(key) > MAX_PROP_KEY_LEN:
            raise _Invalid("props", f"names must be 1-{MAX_PROP_KEY_LEN} characters")
        if isinstance(value, str):
            if len(value) > MAX_PROP_VALUE_LEN:
                raise _Invalid(f"props.{key}", f"is longer than {MAX_PROP_VALUE_LEN} characters")
        elif isinstance(value, float):
            if not math.isfinite(value):
                raise _Invalid(f"props.{key}", "must be a finite number")
        elif isinstance(value, int) and not -(2**63) <= value < 2**64:
            raise _Invalid(f"props.{key}", "must fit in 64 bits")  # what the log's JSON encoder can write
        elif value is not None and not isinstance(value, (int, bool)):
            raise _Invalid(f"props.{key}", "must be a string, number, boolean or null (no nesting)")
    return props
