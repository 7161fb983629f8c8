"""The event log interface shared by the embedded SQLite log and Apache Kafka.

Both backends offer the same semantics: topics split into partitions, records
addressed by offset, consumers that either join a group (partitions split
between members, offsets committed) or read every partition (dashboards), and
a transactional "produce these records and commit these offsets" step that the
aggregator uses so its output and its input position never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

EVENTS_TOPIC = "activity.events"
ROLLUPS_TOPIC = "activity.rollups"
DEADLETTER_TOPIC = "activity.deadletter"


class LogUnavailable(Exception):
    """The log cannot take writes right now (broker down, disk full); the caller may retry later."""


@dataclass(frozen=True, slots=True)
class Record:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    timestamp: int  # ms since the epoch, set by the log when the record was appended


@dataclass(frozen=True, slots=True)
class Outgoing:
    topic: str
    key: bytes | None
    value: bytes


AssignCallback = Callable[[set[int]], None]


class LogConsumer(Protocol):
    def assignment(self) -> set[int]: ...

    def poll(self, timeout_s: float, max_records: int = 5000) -> list[Record]:
        """Return the next records of the assigned partitions, in order within each partition."""
        ...

    def committed(self, partition: int) -> int | None:
        """The group's committed next offset for a partition, or None."""
        ...

    def position(self, partition: int) -> int: ...

    def seek(self, partition: int, offset: int) -> None: ...

    def offset_for_time(self, partition: int, ts_ms: int) -> int:
        """The first offset whose timestamp is >= ts_ms (the end offset if none)."""
        ...

    def end_offset(self, partition: int) -> int: ...

    def commit_transaction(self, outgoing: Sequence[Outgoing], offsets: dict[int, int]) -> None:
        """Atomically append ``outgoing`` and commit the group's ``offsets`` (partition -> next offset)."""
        ...

    def close(self) -> None: ...


class EventLog(Protocol):
    def ensure_topics(self) -> None: ...

    def partitions(self, topic: str) -> int: ...

    async def produce(self, topic: str, items: Sequence[tuple[bytes | None, bytes]]) -> None:
        """Append records; return only once they are durable. Raises LogUnavailable."""
        ...

    def consumer(self, topic: str, group: str | None, on_assign: AssignCallback | None = None) -> LogConsumer:
        """A group member (``group`` set) or a reader of every partition (``group`` None).

        ``on_assign`` runs in the consumer's thread with the whole new assignment, before any of its
        records are returned; work not yet committed when the assignment changed must be dropped
        (its commit would be fenced anyway) and redone from the committed offsets."""
        ...

    def ready(self) -> bool: ...

    def close(self) -> None: ...
