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

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from ingest_server.visitors import SALT_BYTES, SaltStore

log = logging.getLogger("activity_tracker.salts")

SALTS_TOPIC = "activity.salts"


class KafkaSaltStore:
    def __init__(self, bootstrap: str, fallback: SaltStore) -> None:
        self.bootstrap = bootstrap.split(",")
        self.fallback = fallback
        self._lock = threading.Lock()

    def salts(self, day: int) -> tuple[bytes, bytes | None]:
        with self._lock:
            try:
                return self._salts(day)
            except KafkaError as exc:
                log.warning("cannot read shared salts from Kafka (%s); using this collector's own for now", exc)
                return self.fallback.salts(day)

    def _salts(self, day: int) -> tuple[bytes, bytes | None]:
        self._ensure_topic()
        known = self._read()
        producer = KafkaProducer(bootstrap_servers=self.bootstrap, acks="all", max_block_ms=10_000)
        try:
            if day not in known:
                producer.send(SALTS_TOPIC, key=str(day).encode(), value=secrets.token_bytes(SALT_BYTES)).get(10)
                known = self._read()
            for old in [d for d in known if d < day - 1]:
                producer.send(SALTS_TOPIC, key=str(old).encode(), value=None).get(10)
            today = known[day]
            if today.latest != today.winner:  # keep the winner as the last record: compaction keeps it
                producer.send(SALTS_TOPIC, key=str(day).encode(), value=today.winner).get(10)
        finally:
            producer.close(timeout=10)
        yesterday = known.get(day - 1)
        return known[day].winner, yesterday.winner if yesterday else None

    def _read(self) -> dict[int, _Day]:
        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap, enable_auto_commit=False, group_id=None)
        try:
            tp = TopicPartition(SALTS_TOPIC, 0)
            consumer.assign([tp])
            consumer.seek_to_beginning(tp)
            end = consumer.end_offsets([tp])[tp]
            days: dict[int, _Day] = {}
            while consumer.position(tp) < end:
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
        admin = KafkaAdminClient(bootstrap_servers=self.bootstrap, request_timeout_ms=10_000)
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
