"""Settings, defined once and resolved late (the CLI is a thin layer over these)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

ROLES = frozenset({"collect", "aggregate", "dashboard"})
_DAY_MS = 86_400_000
_UNITS_MS = {"s": 1000, "m": 60_000, "h": 3_600_000, "d": _DAY_MS}


def parse_duration(text: str) -> int:
    """Milliseconds in a duration like ``90s``, ``30m``, ``24h`` or ``40d``; ``0`` is zero."""
    text = text.strip().lower()
    number, unit = (text[:-1], text[-1]) if text[-1:] in _UNITS_MS else (text, "")
    if not number.isdigit() or (not unit and number.strip("0")):
        raise ValueError(f"{text!r} is not a duration: write a whole number with s, m, h or d, like 24h or 40d")
    return int(number) * _UNITS_MS.get(unit, 0)


def default_data_dir() -> Path:
    return Path(os.environ.get("ACTIVITY_TRACKER_DATA_DIR") or platformdirs.user_data_dir("activity-tracker"))


@dataclass(frozen=True, slots=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = field(default_factory=default_data_dir)
    roles: frozenset[str] = ROLES
    kafka: str | None = None  # bootstrap servers; None = the embedded log
    partitions: int = 0  # 0 = the backend's default (embedded 1, Kafka 6)
    sites: tuple[str, ...] = ()  # sites accepted besides those registered with `sites add`
    geoip: Path | None = None
    forwarded_allow_ips: str = ""  # trusted proxies for X-Forwarded-For; none by default
    flush_interval_ms: int = 100
    public_url: str | None = None  # how browsers reach this server, for printed tags
    spool_max_bytes: int = 256 * 1024 * 1024
    max_streams: int = 10_000
    rate_limit_ip: float = 0.0  # beacons per second per IP; 0 = off
    rate_limit_site: float = 0.0  # beacons per second per site; 0 = off
    max_event_age_ms: int = 24 * 3600 * 1000  # older events are rejected; also the aggregator's dedupe window
    minute_retention_ms: int = 2 * _DAY_MS  # how long minute rollups are kept (0 = forever)
    hour_retention_ms: int = 90 * _DAY_MS
    day_retention_ms: int = 400 * _DAY_MS

    def __post_init__(self) -> None:
        unknown = set(self.roles) - ROLES
        if unknown:
            raise ValueError(f"Unknown roles {sorted(unknown)}; choose from {sorted(ROLES)}")
        if self.max_event_age_ms < 60_000:
            raise ValueError("--max-event-age must be at least 1m")
        if self.roles != ROLES and self.kafka is None:
            raise ValueError("Separate roles share their data through Kafka: give --kafka HOST:PORT, or run serve")

    @property
    def base_url(self) -> str:
        if self.public_url:
            return self.public_url.rstrip("/")
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
        return f"http://{host}:{self.port}"
