"""Registered sites: which sites are accepted, from which origins, and who may read them.

With no site registered the server is in open mode: any site is accepted and
every dashboard is public (``serve`` says so at start).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ingest_server.collector import OpenGate, SiteGate
from ingest_server.access import Access, OpenAccess
from ingest_server.errors import HTTPError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sites (
    name TEXT PRIMARY KEY, origins TEXT NOT NULL DEFAULT '', subdomains INTEGER NOT NULL DEFAULT 1,
    public INTEGER NOT NULL DEFAULT 0);
"""


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    origins: tuple[str, ...]  # extra allowed hosts besides the site's own
    subdomains: bool
    public: bool

    def allows_origin(self, origin: str | None) -> bool:
        if not origin or origin == "null":
            return True  # sendBeacon from some contexts, server-side SDKs: no Origin to check
        host = (urlsplit(origin).hostname or "").lower()
        if host.startswith("www."):
            host = host[4:]
        for allowed in (self.name.split(":")[0], *self.origins):
            if host == allowed or (self.subdomains and host.endswith("." + allowed)):
                return True
        return False


class SiteRegistry:
    def __init__(self, db: sqlite3.Connection, extra_sites: tuple[str, ...] = ()) -> None:
        self._db = db
        self._extra = extra_sites

    @classmethod
    def open(cls, data_dir: Path, extra_sites: tuple[str, ...] = ()) -> SiteRegistry:
        data_dir.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(data_dir / "sites.sqlite3", isolation_level=None, check_same_thread=False)
        db.executescript(_SCHEMA)
        return cls(db, extra_sites)

    def sites(self) -> dict[str, Site]:
        found = {
            name: Site(name, tuple(o for o in origins.split(",") if o), bool(sub), bool(public))
            for name, origins, sub, public in self._db.execute("SELECT name, origins, subdomains, public FROM sites")
        }
        for name in self._extra:
            found.setdefault(name, Site(name, (), True, False))
        return found

    def site_names(self) -> list[str]:
        return sorted(self.sites())

    def gate(self) -> SiteGate:
        return RegisteredGate(self) if self.sites() else OpenGate()

    def access(self) -> Access:
        return OpenAccess()


class RegisteredGate:
    def __init__(self, registry: SiteRegistry) -> None:
        self._sites = registry.sites()

    def check_collect(self, site: str, origin: str | None) -> None:
        found = self._sites.get(site)
        if found is None:
            raise HTTPError(403, "site", f"{site} is not registered on this server")
        if not found.allows_origin(origin):
            raise HTTPError(403, "origin", f"{origin} is not an allowed origin for {site}")

    def cors_origin(self, site: str | None, origin: str | None) -> str | None:
        if origin and any(s.allows_origin(origin) for s in self._sites.values()):
            return origin
        return None
