"""Read tokens for private dashboards: made at random, shown once, stored only as a SHA-256 digest.

A token is ``at_`` + 43 URL-safe characters (32 random bytes); the prefix lets
secret scanners recognise a leaked one. 256 random bits need no slow hash: a
stolen digest cannot be turned back into a token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest_server.sites import SiteRegistry

PREFIX = "at_"

TOKENS_SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
    id TEXT PRIMARY KEY, site TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', digest BLOB NOT NULL UNIQUE,
    created_ms INTEGER NOT NULL, revoked_ms INTEGER);
CREATE INDEX IF NOT EXISTS tokens_site ON tokens (site);
"""


class TokenError(ValueError):
    """A token operation was refused; the message says why."""


@dataclass(frozen=True, slots=True)
class ReadToken:
    id: str  # public, for `token list` and `token revoke`
    site: str
    name: str
    created_ms: int
    revoked_ms: int | None

    @property
    def revoked(self) -> bool:
        return self.revoked_ms is not None


def digest(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def matches(token: str, digests: tuple[bytes, ...]) -> bool:
    """Whether ``token`` is one of ``digests``, comparing every one in constant time."""
    found = False
    candidate = digest(token)
    for stored in digests:
        found |= hmac.compare_digest(candidate, stored)
    return found


def active_token_hashes(db: sqlite3.Connection) -> dict[str, tuple[bytes, ...]]:
    by_site: dict[str, list[bytes]] = {}
    for site, stored in db.execute("SELECT site, digest FROM tokens WHERE revoked_ms IS NULL"):
        by_site.setdefault(site, []).append(bytes(stored))
    return {site: tuple(digests) for site, digests in by_site.items()}


class TokenStore:
    """The ``tokens`` table, written by the `token` command (the server only reads digests)."""

    def __init__(self, registry: SiteRegistry) -> None:
        self._registry = registry

    def create(self, site: str, name: str = "") -> tuple[ReadToken, str]:
        """A new token for ``site``: its record and the secret, which is not kept anywhere."""
        secret = PREFIX + secrets.token_urlsafe(32)
        record = ReadToken(secrets.token_hex(4), site, name, int(time.time() * 1000), None)
        with self._registry.lock:
            self._registry.db.execute("INSERT INTO tokens VALUES (?, ?, ?, ?, ?, NULL)",
                                      (record.id, site, name, digest(secret), record.created_ms))
        self._registry.changed()
        return record, secret

    def list(self, site: str | None = None) -> list[ReadToken]:
        query = "SELECT id, site, name, created_ms, revoked_ms FROM tokens"
        with self._registry.lock:
            db = self._registry.db
            rows = (db.execute(query + " WHERE site=? ORDER BY created_ms", (site,)) if site
                    else db.execute(query + " ORDER BY site, created_ms")).fetchall()
        return [ReadToken(*row) for row in rows]

    def revoke(self, token_id: str, site: str | None = None) -> ReadToken:
        found = next((t for t in self.list(site) if t.id == token_id), None)
        if found is None:
            where = f" for {site}" if site else ""
            raise TokenError(f"no token with id {token_id}{where}; `token list` shows them")
        if found.revoked:
            return found
        revoked_ms = int(time.time() * 1000)
        with self._registry.lock:
            self._registry.db.execute("UPDATE tokens SET revoked_ms=? WHERE id=?", (revoked_ms, token_id))
        self._registry.changed()
        return ReadToken(found.id, found.site, found.name, found.created_ms, revoked_ms)
