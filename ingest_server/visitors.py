"""Cookieless visitor ids: a keyed hash of (site, IP, user agent) under a daily salt.

The raw IP is never stored; each salt lives at most 48 hours (its own UTC day
and the next, when it serves as "yesterday's" for sessions crossing midnight).
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Protocol

__all__ = ["DAY_MS", "SaltStore", "SaltStoreError", "SqliteSaltStore", "VisitorHasher"]

DAY_MS = 86_400_000
SALT_BYTES = 32
_ID_MASK = 2**63 - 1  # ids fit a signed 64-bit SQLite INTEGER


class SaltStore(Protocol):
    def salts(self, day: int) -> tuple[bytes, bytes | None]:
        """(salt of UTC day ``day``, salt of the day before or None).

        Creates the day's salt when missing and deletes salts of earlier days.
        """
        ...


class SaltStoreError(Exception):
    """The salt store cannot be opened or written."""


class SqliteSaltStore:
    """Salts in a small SQLite file, readable by its owner only.

    Safe for threads, and for processes sharing the file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600, exist_ok=True)
            with _transaction(path) as db:
                db.execute("CREATE TABLE IF NOT EXISTS salts (day INTEGER PRIMARY KEY, salt BLOB NOT NULL)")
        except (OSError, sqlite3.Error) as exc:
            raise SaltStoreError(f"Cannot open the visitor salt store at {path} ({exc}).") from exc

    def salts(self, day: int) -> tuple[bytes, bytes | None]:
        """(salt of UTC day ``day``, salt of the day before or None); see SaltStore."""
        try:
            with self._lock, _transaction(self.path) as db:
                db.execute("INSERT OR IGNORE INTO salts VALUES (?, ?)", (day, secrets.token_bytes(SALT_BYTES)))
                db.execute("DELETE FROM salts WHERE day < ?", (day - 1,))
                rows = dict(db.execute("SELECT day, salt FROM salts WHERE day IN (?, ?)", (day, day - 1)))
        except sqlite3.Error as exc:
            raise SaltStoreError(f"Cannot read visitor salts from {self.path} ({exc}).") from exc
        return rows[day], rows.get(day - 1)


@contextmanager
def _transaction(path: Path) -> Iterator[sqlite3.Connection]:
    """One short transaction on a fresh connection (salts are read once a day)."""
    with closing(sqlite3.connect(path, timeout=30, isolation_level=None)) as db:
        # deleted salts are overwritten in the file, not just unlinked
        db.execute("PRAGMA secure_delete = ON")
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


class VisitorHasher:
    """Visitor ids for one process; the day's salts are fetched once per UTC day."""

    def __init__(self, store: SaltStore) -> None:
        self._store = store
        self._lock = threading.Lock()
        # (day, today's salt, yesterday's salt), replaced as one object
        self._salts: tuple[int, bytes, bytes | None] | None = None
        self._refresh_at = 0.0

    def visitor_ids(self, site: str, ip: str, user_agent: str, now_ms: int) -> tuple[int, int | None]:
        """(id under today's salt, id under yesterday's salt or None), ids < 2**63.

        ``now_ms`` is the receive time. A clock stepping back over midnight
        keeps using the newer day's salts.
        """
        day = now_ms // DAY_MS
        salts = self._salts
        if salts is None or day > salts[0] or time.monotonic() > self._refresh_at:
            salts = self._load(day)
        _, today, yesterday = salts
        message = b"\0".join(s.encode("utf-8", "surrogatepass") for s in (site, ip, user_agent))
        return _keyed_id(today, message), None if yesterday is None else _keyed_id(yesterday, message)

    def _load(self, day: int) -> tuple[int, bytes, bytes | None]:
        with self._lock:
            salts = self._salts
            if salts is None or day > salts[0] or time.monotonic() > self._refresh_at:
                today, yesterday = self._store.salts(day if salts is None else max(day, salts[0]))
                salts = self._salts = (max(day, salts[0]) if salts else day, today, yesterday)
                # asked again now and then: a shared store may have learnt the cluster's salt since
                self._refresh_at = time.monotonic() + 60
            return salts


def _keyed_id(salt: bytes, message: bytes) -> int:
    digest = hashlib.blake2b(message, key=salt, digest_size=8).digest()
    return int.from_bytes(digest, "big") & _ID_MASK
