"""The Apache Kafka backend (kafka-python), with the same semantics as the embedded log.

Collectors produce with acks=all and idempotence and answer only after the
broker acknowledged. When the broker cannot be reached in time, beacons go to
a bounded local spool (an embedded log on disk) and are drained in order when
the broker is back; only a full spool makes the collector answer 503.

Aggregators form a consumer group and commit their rollups together with the
input offsets in one Kafka transaction (KIP-447 fencing via group metadata).
Dashboards read every partition of the rollups topic, read_committed.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Sequence

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic
from kafka.consumer.subscription_state import ConsumerRebalanceListener
from kafka.errors import KafkaConnectionError, KafkaError, TopicAlreadyExistsError
from kafka.structs import OffsetAndMetadata

from ingest_server import metrics
from ingest_server.eventlog import (
    DEADLETTER_TOPIC,
    EVENTS_TOPIC,
    ROLLUPS_TOPIC,
    AssignCallback,
    LogUnavailable,
    Outgoing,
    Record,
)
from ingest_server.sqlite_log import SqliteLog

log = logging.getLogger("activity_tracker.kafka")

SEND_TIMEOUT_S = 5.0  # longer than this and a beacon goes to the spool instead
_CALL_TIMEOUT_MS = 10_000  # no blocking consumer call may hang: a stuck member would keep its partitions
_SPOOL_TOPIC = "spool"


def _compression() -> str:
    try:
        import lz4  # noqa: F401

        return "lz4"
    except ImportError:
        return "gzip"


def producer_config(bootstrap: str) -> dict[str, Any]:
    return {
        "bootstrap_servers": bootstrap.split(","),
        "acks": "all",
        "enable_idempotence": True,
        "compression_type": _compression(),
        "linger_ms": 5,
        "batch_size": 256 * 1024,
        "max_block_ms": int(SEND_TIMEOUT_S * 1000),
        "request_timeout_ms": 10_000,
        "delivery_timeout_ms": 30_000,
        "client_id": "activity-tracker",
        "bootstrap_timeout_ms": int(SEND_TIMEOUT_S * 2000),
    }


class KafkaLog:
    """An ``EventLog`` on Apache Kafka."""

    def __init__(
        self,
        bootstrap: str,
        *,
        partitions: int = 6,
        data_dir: Path,
        spool_max_bytes: int = 256 * 1024 * 1024,
        replication: int = 0,
        retention_ms: int = 7 * 24 * 3600 * 1000,
    ) -> None:
        self.bootstrap = bootstrap
        self.default_partitions = partitions
        self.replication = replication
        self.retention_ms = retention_ms
        self.data_dir = data_dir
        self.spool_max_bytes = spool_max_bytes
        self._producer: KafkaProducer | None = None
        self._producer_lock = threading.Lock()
        self._spool: SqliteLog | None = None
        self._spool_lock = threading.Lock()
        self._closed = threading.Event()
        self._connected = False
        self._partitions: dict[str, int] = {}
        self._drainer: threading.Thread | None = None
        self._backlog = 0  # records in the spool not yet acknowledged by Kafka
        self._backlog_bytes = 0  # and their size, which --spool-max-bytes bounds
        self._sender = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="kafka-sender")

    # -- topics --------------------------------------------------------------

    def ensure_topics(self) -> None:
        """Create the topics if they are missing; learn their partition counts."""
        try:
            admin = KafkaAdminClient(bootstrap_servers=self.bootstrap.split(","), client_id="activity-tracker-admin",
                                     request_timeout_ms=15_000)
        except KafkaError as exc:
            raise LogUnavailable(f"cannot reach Kafka at {self.bootstrap}: {exc}") from None
        try:
            brokers = len(admin.describe_cluster()["brokers"])
            replication = self.replication or min(3, brokers)
            retention = str(self.retention_ms)
            wanted = [
                NewTopic(EVENTS_TOPIC, self.default_partitions, replication, topic_configs={"retention.ms": retention}),
                NewTopic(ROLLUPS_TOPIC, self.default_partitions, replication, topic_configs={"retention.ms": retention}),
                NewTopic(DEADLETTER_TOPIC, 1, replication, topic_configs={"retention.ms": str(30 * 86_400_000)}),
            ]
            existing = set(admin.list_topics())
            for topic in wanted:
                if topic.name in existing:
                    continue
                try:
                    admin.create_topics([topic])
                    log.info("created topic %s with %d partitions", topic.name, topic.num_partitions)
                except TopicAlreadyExistsError:
                    pass
            deadline = time.monotonic() + 30
            while True:  # a topic just created can be described with no partitions yet
                for info in admin.describe_topics([EVENTS_TOPIC, ROLLUPS_TOPIC, DEADLETTER_TOPIC]):
                    self._partitions[info["name"]] = len(info["partitions"])
                if all(self._partitions.get(t) for t in (EVENTS_TOPIC, ROLLUPS_TOPIC, DEADLETTER_TOPIC)):
                    break
                if time.monotonic() > deadline:
                    raise LogUnavailable(f"Kafka at {self.bootstrap} created the topics but reports no partitions")
                time.sleep(0.2)
            self._connected = True
            self._get_producer()  # connect now, while the broker is known to be up
        except KafkaError as exc:
            raise LogUnavailable(f"Kafka at {self.bootstrap} failed while creating topics: {exc}") from None
        finally:
            admin.close()

    def partitions(self, topic: str) -> int:
        if topic not in self._partitions:
            self.ensure_topics()
        return self._partitions[topic]

    # -- producing (collector) ----------------------------------------------

    def _get_producer(self) -> KafkaProducer:
        with self._producer_lock:
            if self._producer is None:
                self._producer = KafkaProducer(**producer_config(self.bootstrap))
            return self._producer

    def _open_spool(self) -> SqliteLog:
        with self._spool_lock:
            if self._spool is None:
                spool = SqliteLog(self.data_dir / "spool.sqlite3", partitions=1, topics=(_SPOOL_TOPIC,),
                                  retention_ms=10 * 365 * 86_400_000)
                consumer = spool.consumer(_SPOOL_TOPIC, "drainer")
                committed = consumer.committed(0) or 0
                self._backlog = spool.end_offset(_SPOOL_TOPIC, 0) - committed
                self._backlog_bytes = spool.pending_bytes(_SPOOL_TOPIC, 0, committed)
                consumer.close()
                metrics.SPOOLED.set(self._backlog)
                self._spool = spool
                self._drainer = threading.Thread(target=self._drain_loop, name="spool-drainer", daemon=True)
                self._drainer.start()
            return self._spool

    async def produce(self, topic: str, items: Sequence[tuple[bytes | None, bytes]]) -> None:
        spool = self._open_spool()
        # Straight to Kafka only while it is known to be up and nothing waits in the spool (order is
        # kept); a send to a broker that is away would block the event loop for up to max_block_ms.
        if self._backlog == 0 and self._connected:
            try:
                await self._send(topic, items)
                return
            except (KafkaError, asyncio.TimeoutError) as exc:  # KafkaTimeoutError included
                log.warning("Kafka did not acknowledge in time (%s); spooling to disk", type(exc).__name__)
                self._connected = False
        await self._spool_append(spool, topic, items)

    async def _send(self, topic: str, items: Sequence[tuple[bytes | None, bytes]]) -> None:
        """Send and wait for the broker's acknowledgement. ``KafkaProducer.send`` blocks while the
        broker is away (up to max_block_ms), so it runs on one sender thread, never on the event loop."""
        loop = asyncio.get_running_loop()
        acks: list[asyncio.Future[None]] = [loop.create_future() for _ in items]

        def submit() -> None:
            if not self._connected:
                raise KafkaConnectionError("the broker went away while this beacon waited to be sent")
            producer = self._get_producer()
            for (key, value), done in zip(items, acks):
                sent = producer.send(topic, key=key, value=value)
                sent.add_callback(lambda _m, f=done: loop.call_soon_threadsafe(_resolve, f, None))
                sent.add_errback(lambda e, f=done: loop.call_soon_threadsafe(_resolve, f, e))

        try:
            await asyncio.wait_for(
                asyncio.gather(loop.run_in_executor(self._sender, submit), *acks), SEND_TIMEOUT_S
            )
        except BaseException:
            for ack in acks:  # a late acknowledgement must not log "exception never retrieved"
                ack.cancel()
            raise

    async def _spool_append(self, spool: SqliteLog, topic: str, items: Sequence[tuple[bytes | None, bytes]]) -> None:
        # one spool record per log record; the key carries the topic, so order is kept across topics
        spooled = [(topic.encode() + b"\0" + (k or b""), v) for k, v in items]
        size = sum(len(k) + len(v) for k, v in spooled)  # measured as the drainer and pending_bytes measure it
        with self._spool_lock:
            if self._backlog_bytes + size > self.spool_max_bytes:
                raise LogUnavailable("Kafka is unreachable and the local spool is full")
            self._backlog_bytes += size
            self._backlog += len(items)  # counted first, so no new record overtakes these
        try:
            await spool.produce(_SPOOL_TOPIC, spooled)
        except LogUnavailable:
            with self._spool_lock:
                self._backlog -= len(items)
                self._backlog_bytes -= size
            raise
        metrics.SPOOLED.set(self._backlog)

    def _drain_loop(self) -> None:
        spool = self._spool
        if spool is None:
            return
        consumer = spool.consumer(_SPOOL_TOPIC, "drainer")
        while not self._closed.is_set():
            records = consumer.poll(0.5, max_records=500)
            if not records:
                self._probe()
                self._closed.wait(2)
                continue
            try:
                producer = self._get_producer()
                sent = []
                for record in records:
                    topic, _, key = (record.key or b"").partition(b"\0")
                    sent.append(producer.send(topic.decode(), key=key or None, value=record.value))
                for future in sent:
                    future.get(timeout=SEND_TIMEOUT_S * 2)  # raises unless the broker acknowledged
                consumer.commit_transaction([], {0: records[-1].offset + 1})
                with self._spool_lock:
                    self._backlog -= len(records)
                    self._backlog_bytes -= sum(len(r.value) + len(r.key or b"") for r in records)
                self._connected = True
                metrics.SPOOLED.set(self._backlog)
                log.info("drained %d spooled records to Kafka", len(records))
            except Exception as exc:  # broker still away: keep the records, try again later
                log.info("spool drain paused: %s", exc)
                self._connected = False
                consumer.seek(0, consumer.committed(0) or 0)
                self._closed.wait(2)
        consumer.close()

    def _probe(self) -> None:
        try:
            self._connected = bool(self._get_producer().partitions_for(EVENTS_TOPIC))
        except KafkaError:
            self._connected = False

    # -- consuming -----------------------------------------------------------

    def consumer(self, topic: str, group: str | None, on_assign: AssignCallback | None = None) -> KafkaLogConsumer:
        return KafkaLogConsumer(self, topic, group, on_assign)

    def ready(self) -> bool:
        """Whether the broker answered lately (the drainer thread probes it every few seconds)."""
        self._open_spool()
        return self._connected and not self._closed.is_set()

    def close(self) -> None:
        self._closed.set()
        self._sender.shutdown(wait=False, cancel_futures=True)
        if self._drainer is not None:
            self._drainer.join(10)
        if self._producer is not None:
            self._producer.flush(timeout=10)
            self._producer.close(timeout=10)
        if self._spool is not None:
            self._spool.close()


def _resolve(future: asyncio.Future[None], error: BaseException | None) -> None:
    if future.done():
        return
    if error is None:
        future.set_result(None)
    else:
        future.set_exception(error)


class _Listener(ConsumerRebalanceListener):  # type: ignore[misc]  # kafka-python ships no types
    """Runs on kafka-python's I/O thread, where blocking calls are refused: it only takes note.
    The consumer's own thread acts on the new assignment when poll() returns."""

    def __init__(self, owner: KafkaLogConsumer) -> None:
        self.owner = owner

    def on_partitions_revoked(self, revoked: Any) -> None:
        return None  # uncommitted work is dropped; a stale member's commit is fenced (KIP-447)

    def on_partitions_assigned(self, assigned: Any) -> None:
        self.owner._new_assignment = {tp.partition for tp in assigned}


class KafkaLogConsumer:
    """A ``LogConsumer`` on Kafka: a group member (with a transactional producer) or a reader of all partitions."""

    def __init__(
        self,
        log_: KafkaLog,
        topic: str,
        group: str | None,
        on_assign: AssignCallback | None,
    ) -> None:
        self.log = log_
        self.topic = topic
        self.group = group
        self.on_assign = on_assign
        self._new_assignment: set[int] | None = None
        self._consumer = KafkaConsumer(
            bootstrap_servers=log_.bootstrap.split(","),
            group_id=group,
            enable_auto_commit=False,
            isolation_level="read_committed",
            auto_offset_reset="earliest",
            max_poll_records=5000,
            max_partition_fetch_bytes=4 * 1024 * 1024,
            max_poll_interval_ms=60_000,  # a member that stops polling this long leaves the group
            session_timeout_ms=10_000,  # a killed member's partitions move on after 10 s, not 45
            heartbeat_interval_ms=2_000,
            client_id=f"activity-tracker-{group or 'reader'}",
        )
        self._producer: KafkaProducer | None = None
        if group is None:
            parts = [TopicPartition(topic, p) for p in range(log_.partitions(topic))]
            self._consumer.assign(parts)
            self._consumer.seek_to_beginning(*parts)
        else:
            # kafka-python 3.0 can lose a new member's partitions if it joins before it has the
            # topic's metadata; fetching it first avoids that.
            self._consumer.partitions_for_topic(topic)
            self._consumer.subscribe([topic], listener=_Listener(self))

    def _tp(self, partition: int) -> TopicPartition:
        return TopicPartition(self.topic, partition)

    def assignment(self) -> set[int]:
        return {tp.partition for tp in self._consumer.assignment()}

    def poll(self, timeout_s: float, max_records: int = 5000) -> list[Record]:
        batches = self._consumer.poll(timeout_ms=int(timeout_s * 1000), max_records=max_records)
        assigned, self._new_assignment = self._new_assignment, None
        if assigned is not None:
            if self.on_assign is not None:
                self.on_assign(assigned)  # it seeks every partition, so this batch is refetched
            return []
        out: list[Record] = []
        for tp, messages in sorted(batches.items(), key=lambda kv: kv[0].partition):
            out.extend(
                Record(tp.topic, tp.partition, m.offset, m.key, m.value, m.timestamp) for m in messages
            )
        return out

    def committed(self, partition: int) -> int | None:
        if self.group is None:
            return None
        found = self._consumer.committed(self._tp(partition), timeout_ms=_CALL_TIMEOUT_MS)
        return None if found is None else int(found)

    def position(self, partition: int) -> int:
        return int(self._consumer.position(self._tp(partition), timeout_ms=_CALL_TIMEOUT_MS))

    def seek(self, partition: int, offset: int) -> None:
        self._consumer.seek(self._tp(partition), offset)

    def offset_for_time(self, partition: int, ts_ms: int) -> int:
        tp = self._tp(partition)
        found = self._consumer.offsets_for_times({tp: ts_ms}, timeout_ms=_CALL_TIMEOUT_MS).get(tp)
        return int(found.offset) if found is not None else self.end_offset(partition)

    def end_offset(self, partition: int) -> int:
        tp = self._tp(partition)
        return int(self._consumer.end_offsets([tp], timeout_ms=_CALL_TIMEOUT_MS)[tp])

    def _transactional_producer(self) -> KafkaProducer:
        if self._producer is None:
            config = producer_config(self.log.bootstrap)
            config["transactional_id"] = f"{self.group}-{uuid.uuid4()}"
            config["max_block_ms"] = 30_000
            # a killed member's open transaction holds back read_committed readers until it times out
            config["transaction_timeout_ms"] = 10_000
            producer = KafkaProducer(**config)
            producer.init_transactions()
            self._producer = producer
        return self._producer

    def commit_transaction(self, outgoing: Sequence[Outgoing], offsets: dict[int, int]) -> None:
        if self.group is None:
            raise RuntimeError("Cannot commit offsets for a consumer that is not in a group")
        producer = self._transactional_producer()
        try:
            producer.begin_transaction()
            for out in outgoing:
                producer.send(out.topic, key=out.key, value=out.value)
            producer.send_offsets_to_transaction(
                {self._tp(p): OffsetAndMetadata(o, "", -1) for p, o in offsets.items()},
                self._consumer.group_metadata(),
            )
            producer.commit_transaction()
        except Exception:
            self._discard_producer()
            raise

    def _discard_producer(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            try:
                producer.abort_transaction()
            except Exception:  # already fenced or broken: closing is all that is left
                pass
            producer.close(timeout=5)

    def close(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=10)
        self._consumer.close()


def wait_for_broker(bootstrap: str, timeout_s: float = 60) -> None:
    """Block until a metadata request succeeds (used by tests and `doctor`)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            admin = KafkaAdminClient(bootstrap_servers=bootstrap.split(","), request_timeout_ms=5000)
            admin.list_topics()
            admin.close()
            return
        except KafkaError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
