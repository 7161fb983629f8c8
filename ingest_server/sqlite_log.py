"""The embedded event log: topics, partitions and offsets in one SQLite file (WAL).

Durability without an fsync per request: every append goes through one writer
thread that takes everything queued since its last commit and writes it in a
single transaction (group commit). A producer's future resolves only after
that transaction is on disk, so a 202 still means "survives kill -9".
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import queue
import sqlite3
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ingest_server.eventlog import (
    DEADLETTER_TOPIC,
    EVENTS_TOPIC,
    ROLLUPS_TOPIC,
    AssignCallback,
    LogUnavailable,
    Outgoing,
    Record,
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS topics (name TEXT PRIMARY KEY, partitions INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    topic TEXT NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL,
    ts INTEGER NOT NULL, key BLOB, value BLOB NOT NULL,
    PRIMARY KEY (topic, partition, offset)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS group_offsets (
    grp TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL, offset INTEGER NOT NULL,
    PRIMARY KEY (grp, topic, partition)) WITHOUT ROWID;
"""

_MAX_GROUP = 2000  # most appends folded into one commit
# Rows per INSERT statement. Each statement step releases and retakes the GIL, and retaking it behind a busy
# event loop can wait a whole switch interval (5 ms): so a group is written in a few multi-row statements,
# not one step per row. 64 rows x 6 parameters stays under SQLite's oldest limit of 999 parameters.
_ROWS_PER_INSERT = 64


@functools.lru_cache(maxsize=_ROWS_PER_INSERT)
def _insert_rows(n: int) -> str:
    return "INSERT INTO records VALUES " + ", ".join(["(?, ?, ?, ?, ?, ?)"] * n)


def partition_for(key: bytes | None, partitions: int, counter: int) -> int:
    """Keyed records always land in the same partition; unkeyed ones go round-robin."""
    if key is None:
        return counter % partitions
    return zlib.crc32(key) % partitions


@dataclass(slots=True)
class _Write:
    appends: list[tuple[str, bytes | None, bytes]]
    commit: tuple[str, str, dict[int, int]] | None = None  # (group, topic, offsets)
    # sync callers wait on ``done``; async producers on ``waiter``, resolved on their own loop (no thread handoff)
    done: concurrent.futures.Future[None] | None = None
    waiter: asyncio.Future[None] | None = None


class SqliteLog:
    """An ``EventLog`` stored in ``<data_dir>/log.sqlite3``."""

    def __init__(
        self,
        path: Path,
        *,
        partitions: int = 1,
        retention_ms: int = 7 * 24 * 3600 * 1000,
        topics: Sequence[str] = (EVENTS_TOPIC, ROLLUPS_TOPIC, DEADLETTER_TOPIC),
    ) -> None:
        self.path = path
        self.topics = tuple(topics)
        self.default_partitions = partitions
        self.retention_ms = retention_ms
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = self._connect()
        self._db.executescript(_SCHEMA)
        self._next: dict[tuple[str, int], int] = {}
        self._last_ts: dict[tuple[str, int], int] = {}
        self._partitions: dict[str, int] = {}
        self._counter = 0
        self._appended = threading.Condition()
        self._queue: queue.SimpleQueue[_Write | None] = queue.SimpleQueue()
        self._closed = False
        self.ensure_topics()
        self._writer = threading.Thread(target=self._write_loop, name="sqlite-log-writer", daemon=True)
        self._writer.start()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        return db

    # -- topics --------------------------------------------------------------

    def ensure_topics(self) -> None:
        for topic in self.topics:
            self._db.execute(
                "INSERT OR IGNORE INTO topics VALUES (?, ?)", (topic, self.default_partitions)
            )
        for name, count in self._db.execute("SELECT name, partitions FROM topics"):
            self._partitions[name] = count
            for p in range(count):
                row = self._db.execute(
                    "SELECT MAX(offset), MAX(ts) FROM records WHERE topic=? AND partition=?", (name, p)
                ).fetchone()
                self._next[(name, p)] = 0 if row[0] is None else row[0] + 1
                self._last_ts[(name, p)] = row[1] or 0

    def partitions(self, topic: str) -> int:
        return self._partitions[topic]

    # -- writing -------------------------------------------------------------

    async def produce(self, topic: str, items: Sequence[tuple[bytes | None, bytes]]) -> None:
        waiter = asyncio.get_running_loop().create_future()
        write = _Write([(topic, key, value) for key, value in items], done=None, waiter=waiter)
        self._submit(write)
        await waiter

    def produce_sync(self, topic: str, items: Sequence[tuple[bytes | None, bytes]]) -> None:
        self._write_sync(_Write([(topic, key, value) for key, value in items]))

    def _write_sync(self, write: _Write) -> None:
        write.done = concurrent.futures.Future()
        self._submit(write)
        write.done.result()

    def _submit(self, write: _Write) -> None:
        if self._closed:
            raise LogUnavailable("the embedded log is closed")
        if not self._writer.is_alive():  # nothing would ever resolve the write
            raise LogUnavailable("the embedded log's writer thread has stopped")
        self._queue.put(write)

    def _write_loop(self) -> None:
        last_prune = time.monotonic()
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < _MAX_GROUP:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._queue.put(None)  # finish this batch, then stop
                    break
                batch.append(item)
            self._commit(batch)
            if time.monotonic() - last_prune > 60:
                last_prune = time.monotonic()
                self._prune()

    def _commit(self, batch: list[_Write]) -> None:
        next_offsets = dict(self._next)
        last_ts = dict(self._last_ts)
        rows: list[tuple[str, int, int, int, bytes | None, bytes]] = []
        commits: list[tuple[str, str, int, int]] = []
        now = int(time.time() * 1000)
        for write in batch:
            for topic, key, value in write.appends:
                self._counter += 1
                p = partition_for(key, self._partitions[topic], self._counter)
                offset = next_offsets[(topic, p)]
                next_offsets[(topic, p)] = offset + 1
                ts = max(now, last_ts[(topic, p)])  # monotonic per partition: offset_for_time bisects
                last_ts[(topic, p)] = ts
                rows.append((topic, p, offset, ts, key, value))
            if write.commit is not None:
                group, topic, offsets = write.commit
                commits.extend((group, topic, p, o) for p, o in offsets.items())
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for i in range(0, len(rows), _ROWS_PER_INSERT):
                chunk = rows[i:i + _ROWS_PER_INSERT]
                self._db.execute(_insert_rows(len(chunk)), [v for row in chunk for v in row])
            self._db.executemany("INSERT OR REPLACE INTO group_offsets VALUES (?, ?, ?, ?)", commits)
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            _settle(batch, f"the embedded log could not write: {exc}")
            return
        self._next = next_offsets
        self._last_ts = last_ts
        with self._appended:
            self._appended.notify_all()
        _settle(batch, None)

    def _prune(self) -> None:
        cutoff = int(time.time() * 1000) - self.retention_ms
        for (topic, p) in list(self._next):
            first = _offset_for_time(self._db, topic, p, cutoff, self._next[(topic, p)])
            self._db.execute(
                "DELETE FROM records WHERE topic=? AND partition=? AND offset<?", (topic, p, first)
            )

    # -- reading -------------------------------------------------------------

    def consumer(self, topic: str, group: str | None, on_assign: AssignCallback | None = None) -> SqliteConsumer:
        return SqliteConsumer(self, topic, group, on_assign)

    def end_offset(self, topic: str, partition: int) -> int:
        return self._next[(topic, partition)]

    def pending_bytes(self, topic: str, partition: int, from_offset: int) -> int:
        """Bytes of keys and values from ``from_offset`` to the end of a partition."""
        db = self._connect()
        try:
            row = db.execute(
                "SELECT COALESCE(SUM(LENGTH(value) + COALESCE(LENGTH(key), 0)), 0) FROM records"
                " WHERE topic=? AND partition=? AND offset>=?",
                (topic, partition, from_offset),
            ).fetchone()
        finally:
            db.close()
        return int(row[0])

    def wait_for_append(self, timeout_s: float) -> None:
        with self._appended:
            self._appended.wait(timeout_s)

    def transaction(self, group: str, topic: str, outgoing: Sequence[Outgoing], offsets: dict[int, int]) -> None:
        self._write_sync(_Write([(o.topic, o.key, o.value) for o in outgoing], (group, topic, dict(offsets))))

    def ready(self) -> bool:
        return not self._closed and self._writer.is_alive()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)
        self._writer.join(timeout=30)
        with self._appended:
            self._appended.notify_all()
        self._db.close()


def _settle(batch: list[_Write], error: str | None) -> None:
    """Resolve a committed (or failed) group: async producers with one wake-up per event loop, not per write."""
    waiters: dict[asyncio.AbstractEventLoop, list[asyncio.Future[None]]] = {}
    for write in batch:
        if write.done is not None:
            if error is None:
                write.done.set_result(None)
            else:
                write.done.set_exception(LogUnavailable(error))
        elif write.waiter is not None:
            waiters.setdefault(write.waiter.get_loop(), []).append(write.waiter)
    for loop, futures in waiters.items():
        try:
            loop.call_soon_threadsafe(_resolve, futures, error)
        except RuntimeError:  # that loop is closed: nobody is waiting any more
            pass


def _resolve(futures: list[asyncio.Future[None]], error: str | None) -> None:
    for future in futures:
        if future.done():  # cancelled: its client went away
            continue
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(LogUnavailable(error))


def _offset_for_time(db: sqlite3.Connection, topic: str, partition: int, ts_ms: int, end: int) -> int:
    """Bisect offsets by timestamp: within a partition offsets are contiguous (only a prefix is
    ever pruned) and timestamps never decrease."""
    row = db.execute(
        "SELECT MIN(offset) FROM records WHERE topic=? AND partition=?", (topic, partition)
    ).fetchone()
    low, high = (end if row[0] is None else row[0]), end
    while low < high:
        mid = (low + high) // 2
        found = db.execute(
            "SELECT ts FROM records WHERE topic=? AND partition=? AND offset=?", (topic, partition, mid)
        ).fetchone()
        if found is None or found[0] < ts_ms:  # None: pruned while we looked
            low = mid + 1
        else:
            high = mid
    return low


class SqliteConsumer:
    """A ``LogConsumer`` over the embedded log. In one process a group has one member: it gets every partition."""

    def __init__(self, log: SqliteLog, topic: str, group: str | None, on_assign: AssignCallback | None) -> None:
        self.log = log
        self.topic = topic
        self.group = group
        self._db = log._connect()
        self._partitions = set(range(log.partitions(topic)))
        self._positions: dict[int, int] = {}
        for p in self._partitions:
            committed = self.committed(p)
            self._positions[p] = committed if committed is not None else 0
        if on_assign is not None:
            on_assign(set(self._partitions))

    def assignment(self) -> set[int]:
        return set(self._partitions)

    def committed(self, partition: int) -> int | None:
        if self.group is None:
            return None
        row = self._db.execute(
            "SELECT offset FROM group_offsets WHERE grp=? AND topic=? AND partition=?",
            (self.group, self.topic, partition),
        ).fetchone()
        return None if row is None else int(row[0])

    def position(self, partition: int) -> int:
        return self._positions[partition]

    def seek(self, partition: int, offset: int) -> None:
        self._positions[partition] = offset

    def offset_for_time(self, partition: int, ts_ms: int) -> int:
        return _offset_for_time(self._db, self.topic, partition, ts_ms, self.end_offset(partition))

    def end_offset(self, partition: int) -> int:
        return self.log.end_offset(self.topic, partition)

    def poll(self, timeout_s: float, max_records: int = 5000) -> list[Record]:
        records = self._read(max_records)
        if not records and timeout_s > 0:
            if all(self._positions[p] >= self.end_offset(p) for p in self._partitions):
                self.log.wait_for_append(timeout_s)
            records = self._read(max_records)
        return records

    def _read(self, max_records: int) -> list[Record]:
        out: list[Record] = []
        share = max(1, max_records // max(1, len(self._partitions)))
        for p in sorted(self._partitions):
            position = self._positions[p]
            if position >= self.end_offset(p):
                continue
            rows = self._db.execute(
                "SELECT offset, ts, key, value FROM records WHERE topic=? AND partition=? AND offset>=?"
                " ORDER BY offset LIMIT ?",
                (self.topic, p, position, share),
            ).fetchall()
            for offset, ts, key, value in rows:
                out.append(Record(self.topic, p, offset, key, value, ts))
            if rows:
                self._positions[p] = rows[-1][0] + 1
        return out

    def commit_transaction(self, outgoing: Sequence[Outgoing], offsets: dict[int, int]) -> None:
        if self.group is None:
            raise RuntimeError("Cannot commit offsets for a consumer that is not in a group")
        self.log.transaction(self.group, self.topic, outgoing, offsets)

    def close(self) -> None:
        self._db.close()
