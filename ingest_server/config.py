"""Settings, defined once and resolved late (the CLI is a thin layer over these)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

ROLES = frozenset({"collect", "aggregate", "dashboard"})


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

    def __post_init__(self) -> None:
        unknown = set(self.roles) - ROLES
        if unknown:
            raise ValueError(f"Unknown roles {sorted(unknown)}; choose from {sorted(ROLES)}")
        if self.roles != ROLES and self.kafka is None:
            raise ValueError("Separate roles share their data through Kafka: give --kafka HOST:PORT, or run serve")

    @property
    def base_url(self) -> str:
        if self.public_url:
            return self.public_url.rstrip("/")
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
        return f"http://{host}:{self.port}"
