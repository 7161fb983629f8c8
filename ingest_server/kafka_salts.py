"""Daily visitor salts shared by every collector through a compacted Kafka topic.

Collectors on different machines must hash one visitor to one id, so they must
agree on the day's salt. The topic ``activity.salts`` holds one record per UTC
day; when two collectors create a day's salt at once, the smaller value wins
everywhere, and it is written again last so compaction keeps it. Days older
than yesterday get tombstones, so a salt lives at most 48 hours. If Kafka
cannot be reached, the collector falls back to its local salt store and says
so (visitor ids then differ between collectors for that day).
"""

from __future__ import annotations

import logging
import secrets
import threading
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from ingest_server.visitors import DAY_MS, SALT_BYTES, SaltStore

log = logging.getLogger("activity_tracker.salts")

SALTS_TOPIC = "activity.salts"


class KafkaSaltStore:
    """A ``SaltStore`` that never blocks a request on Kafka: a background thread keeps today's and
    tomorrow's shared salts in memory (tomorrow's is made ahead, so midnight needs no round trip)."""

    REFRESH_S = 30.0

    def __init__(self, bootstrap: str, fallback: SaltStore) -> None:
        self.bootstrap = bootstrap.split(",")
        self.fallback = fallback
        self._known: dict[int, bytes] = {}
        self._stop = threading.Event()
        self.refresh()
        self._thread = threading.Thread(target=self._refresh_loop, name="salt-refresher", daemon=True)
        self._thread.start()

    def salts(self, day: int) -> tuple[bytes, bytes | None]:
        known = self._known
        if day in known:
            return known[day], known.get(day - 1)
        log.warning("no shared salt for day %d yet (Kafka unreachable?); using this collector's own", day)
        return self.fallback.salts(day)

    def close(self) -> None:
        self._stop.set()

    def _refresh_loop(self) -> None:
        while not self._stop.wait(self.REFRESH_S):
            self.refresh()

    def refresh(self) -> None:
        try:
            self._known = self._sync(int(time.time() * 1000) // DAY_MS)
        except KafkaError as exc:
            log.warning("cannot read shared salts from Kafka (%s); will retry", exc)

    def _sync(self, today: int) -> dict[int, bytes]:
        self._ensure_topic()
        known = self._read()
        producer = KafkaProducer(bootstrap_servers=self.bootstrap, acks="all", max_block_ms=10_000,
                                 bootstrap_timeout_ms=10_000)
        try:
            missing = [d for d in (today, today + 1) if d not in known]
            for day in missing:
                producer.send(SALTS_TOPIC, key=str(day).encode(), value=secrets.token_bytes(SALT_BYTES)).get(10)
            if missing:
                known = self._read()
            for old in [d for d in known if d < today - 1]:  # a salt lives at most 48 hours
                producer.send(SALTS_TOPIC, key=str(old).encode(), value=None).get(10)
            for day in (today, today + 1):
                if known[day].latest != known[day].winner:  # the winner must be last: compaction keeps it
                    producer.send(SALTS_TOPIC, key=str(day).encode(), value=known[day].winner).get(10)
        finally:
            producer.close(timeout=10)
        return {day: d.winner for day, d in known.items() if day >= today - 1}

    def _read(self) -> dict[int, _Day]:
        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap, enable_auto_commit=False, group_id=None,
                                 bootstrap_timeout_ms=10_000)
        try:
            tp = TopicPartition(SALTS_TOPIC, 0)
            consumer.assign([tp])
            consumer.seek_to_beginning(tp)
            end = consumer.end_offsets([tp], timeout_ms=10_000)[tp]
            days: dict[int, _Day] = {}
            deadline = time.monotonic() + 30
            while consumer.position(tp, timeout_ms=10_000) < end and time.monotonic() < deadline:
                for message in consumer.poll(timeout_ms=2000).get(tp, []):
                    day = int(message.key)
                    if message.value is None:
                        days.pop(day, None)
                    elif day in days:
                        days[day].see(message.value)
                    else:
                        days[day] = _Day(message.value)
            return days
        finally:
            consumer.close()

    def _ensure_topic(self) -> None:
        admin = KafkaAdminClient(bootstrap_servers=self.bootstrap, request_timeout_ms=10_000,
                                 bootstrap_timeout_ms=10_000)
        try:
            if SALTS_TOPIC in admin.list_topics():
                return
            brokers = len(admin.describe_cluster()["brokers"])
            topic = NewTopic(SALTS_TOPIC, 1, min(3, brokers),
                             topic_configs={"cleanup.policy": "compact", "min.compaction.lag.ms": "0"})
            try:
                admin.create_topics([topic])
            except TopicAlreadyExistsError:
                pass
        finally:
            admin.close()


class _Day:
    """All salts seen for one day: the smallest wins, whoever wrote first."""

    def __init__(self, salt: bytes) -> None:
        self.winner = salt
        self.latest = salt

    def see(self, salt: bytes) -> None:
        self.winner = min(self.winner, salt)
        self.latest = salt
