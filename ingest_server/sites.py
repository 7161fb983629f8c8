"""Registered sites: which sites are accepted, from which origins, and who may read them.

With no site registered the server is in open mode: any site is accepted and
every dashboard is public (``serve`` says so at start). The registry is a
small SQLite table next to the log; a running server notices changes made by
``activity-tracker sites``/``token`` within ``REFRESH_S`` without a restart.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from ingest_server.access import Access, TokenAccess
from ingest_server.errors import HTTPError
from ingest_server.tokens import TOKENS_SCHEMA, TokenStore, active_token_hashes
from tracker_sdk.schema import EnvelopeError, normalise_site

REFRESH_S = 1.0  # how often a server looks for changes (PRAGMA data_version costs ~25 µs: not per beacon)

_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS sites (
    name TEXT PRIMARY KEY, origins TEXT NOT NULL DEFAULT '', subdomains INTEGER NOT NULL DEFAULT 1,
    public INTEGER NOT NULL DEFAULT 0);
"""
    + TOKENS_SCHEMA
)


class SiteError(ValueError):
    """A site name or origin is unusable, or the registry refuses a change; the message says why."""


def site_name(value: str) -> str:
    """``value`` as a site name (lower case, no ``www.``); raise ``SiteError`` unless it is a host name."""
    try:
        return normalise_site(value)
    except EnvelopeError:
        raise SiteError(f"{value!r} is not a site name: use a host name like example.com (optionally :port)") from None


def origin_host(value: str) -> str:
    """An allowed origin as the host name it stands for: ``https://shop.example.net:8443`` → ``shop.example.net``."""
    text = value.strip()
    parts = urlsplit(text if "://" in text else f"//{text}")
    try:
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
        if parts.scheme in ("", "http", "https") and parts.path in ("", "/") and not (
                parts.query or parts.fragment or parts.username):
            return normalise_site(parts.hostname or "")
    except (ValueError, EnvelopeError):
        pass
    raise SiteError(f"{value!r} is not an origin: use a host name like shop.example.net or a URL origin")


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    origins: tuple[str, ...] = ()  # extra allowed hosts besides the site's own
    subdomains: bool = True
    public: bool = False

    def allows_origin(self, origin: str | None) -> bool:
        """Whether a beacon with this ``Origin`` header may count for the site.

        No header at all is allowed: server-side SDKs and the ``<noscript>``
        pixel send none (browsers always send one on POST). ``null`` — a
        sandboxed frame or a ``file:`` page — is not: it is how a page hides
        where it is.
        """
        if origin is None:
            return True
        try:
            host = origin_host(origin) if origin != "null" else ""
        except SiteError:
            return False
        for allowed in (self.name.split(":")[0], *self.origins):
            if host and (host == allowed or (self.subdomains and host.endswith("." + allowed))):
                return True
        return False


@dataclass(frozen=True, slots=True)
class _State:
    sites: dict[str, Site] = field(default_factory=dict)
    token_hashes: dict[str, tuple[bytes, ...]] = field(default_factory=dict)


class SiteRegistry:
    """The sites table (and the tokens beside it), cached in memory and re-read when another process changes it."""

    def __init__(self, db: sqlite3.Connection, extra_sites: tuple[str, ...] = (), *,
                 refresh_s: float = REFRESH_S) -> None:
        self.db = db
        self.lock = threading.Lock()  # one connection, used from the event loop and from the CLI thread
        self._extra = tuple(site_name(s) for s in extra_sites)
        self._refresh_s = refresh_s
        self._state = _State()
        self._version = -1
        self._checked = float("-inf")
        self._stale = True
        self.tokens = TokenStore(self)

    @classmethod
    def open(cls, data_dir: Path, extra_sites: tuple[str, ...] = (), *, refresh_s: float = REFRESH_S) -> SiteRegistry:
        extra_sites = tuple(site_name(s) for s in extra_sites)  # refuse a bad name before opening anything
        data_dir.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(data_dir / "sites.sqlite3", isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA busy_timeout=5000")
        db.executescript(_SCHEMA)
        return cls(db, extra_sites, refresh_s=refresh_s)

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # Reads: from the cache, refreshed at most every refresh_s (sooner after our own writes).

    def _current(self) -> _State:
        now = time.monotonic()
        if not self._stale and now - self._checked < self._refresh_s:
            return self._state
        with self.lock:
            self._checked = now
            version = self.db.execute("PRAGMA data_version").fetchone()[0]
            if self._stale or version != self._version:
                self._state = self._load()
                self._version = version
                self._stale = False
            return self._state

    def _load(self) -> _State:
        sites = {
            name: Site(name, tuple(o for o in origins.split(",") if o), bool(sub), bool(public))
            for name, origins, sub, public in self.db.execute("SELECT name, origins, subdomains, public FROM sites")
        }
        for name in self._extra:
            sites.setdefault(name, Site(name))
        return _State(sites, active_token_hashes(self.db))

    def sites(self) -> dict[str, Site]:
        return self._current().sites

    def site(self, name: str) -> Site | None:
        return self._current().sites.get(name)

    def site_names(self) -> list[str]:
        return sorted(self.sites())

    def is_open(self) -> bool:
        """No site registered: every site is accepted and every dashboard is public."""
        return not self._current().sites

    def token_hashes(self, site: str) -> tuple[bytes, ...]:
        """SHA-256 digests of the site's live (not revoked) read tokens."""
        return self._current().token_hashes.get(site, ())

    def changed(self) -> None:
        """Forget the cache: this connection wrote (its own commits do not move ``data_version``)."""
        self._stale = True

    # Writes (the `sites` command).

    def registered(self) -> list[Site]:
        """Sites stored with `sites add`, not counting `serve --site` ones."""
        with self.lock:
            rows = self.db.execute("SELECT name, origins, subdomains, public FROM sites ORDER BY name").fetchall()
        return [Site(n, tuple(o for o in origins.split(",") if o), bool(sub), bool(pub)) for n, origins, sub, pub in rows]

    def add(self, site: Site) -> None:
        with self.lock:
            try:
                self.db.execute("INSERT INTO sites VALUES (?, ?, ?, ?)",
                                (site.name, ",".join(site.origins), int(site.subdomains), int(site.public)))
            except sqlite3.IntegrityError:
                raise SiteError(f"{site.name} is already registered; change it with `sites update`") from None
        self.changed()

    def update(self, name: str, *, origins: tuple[str, ...] | None = None, subdomains: bool | None = None,
               public: bool | None = None) -> Site:
        found = next((s for s in self.registered() if s.name == name), None)
        if found is None:
            raise SiteError(f"{name} is not registered; add it with `sites add {name}`")
        site = replace(
            found,
            origins=found.origins if origins is None else origins,
            subdomains=found.subdomains if subdomains is None else subdomains,
            public=found.public if public is None else public,
        )
        with self.lock:
            self.db.execute("UPDATE sites SET origins=?, subdomains=?, public=? WHERE name=?",
                            (",".join(site.origins), int(site.subdomains), int(site.public), name))
        self.changed()
        return site

    def remove(self, name: str) -> int:
        """Unregister ``name`` and delete its tokens (a site added again later starts without any); return how many."""
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                if self.db.execute("DELETE FROM sites WHERE name=?", (name,)).rowcount == 0:
                    raise SiteError(f"{name} is not registered")
                tokens = self.db.execute("DELETE FROM tokens WHERE site=?", (name,)).rowcount
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        self.changed()
        return tokens

    # What the server uses.

    def gate(self) -> RegisteredGate:
        return RegisteredGate(self)

    def access(self) -> Access:
        return TokenAccess(self)


class RegisteredGate:
    """The collector's SiteGate over the live registry (open mode while it is empty)."""

    def __init__(self, registry: SiteRegistry) -> None:
        self._registry = registry

    def check_collect(self, site: str, origin: str | None) -> None:
        sites = self._registry.sites()
        if not sites:
            return
        found = sites.get(site)
        if found is None:
            raise HTTPError(403, "site", f"{site} is not registered on this server")
        if not found.allows_origin(origin):
            raise HTTPError(403, "origin", f"{origin} is not an allowed origin for {site}")

    def cors_origin(self, site: str | None, origin: str | None) -> str | None:
        sites = self._registry.sites()
        if not sites:
            return origin or "*"
        if not origin:
            return None
        candidates = [sites[site]] if site in sites else sites.values()
        return origin if any(s.allows_origin(origin) for s in candidates) else None
