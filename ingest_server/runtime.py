"""Lifecycle: builds the parts a process runs (by role) and starts and stops them in order.

Shutdown drains in data-flow order: the HTTP server stops taking beacons
first (uvicorn), then the aggregator flushes and commits what it processed,
then the rollup consumer applies what is left, then the log closes.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from ingest_server.aggregator import Aggregator
from ingest_server.broadcaster import Broadcaster
from ingest_server.collector import Collector, OpenGate, SiteGate
from ingest_server.config import Settings
from ingest_server.eventlog import ROLLUPS_TOPIC, EventLog, LogConsumer, LogUnavailable
from ingest_server.geo import GeoLookup
from ingest_server.ratelimit import CollectLimits
from ingest_server.rollup_store import Retention, RollupStore
from ingest_server.sqlite_log import SqliteLog
from ingest_server.visitors import SaltStore, SqliteSaltStore, VisitorHasher

log = logging.getLogger("activity_tracker.runtime")


def open_log(settings: Settings) -> EventLog:
    if settings.kafka:
        from ingest_server.kafka_log import KafkaLog

        return KafkaLog(settings.kafka, partitions=settings.partitions or 6, data_dir=settings.data_dir,
                        spool_max_bytes=settings.spool_max_bytes)
    return SqliteLog(settings.data_dir / "log.sqlite3", partitions=settings.partitions or 1)


class Runtime:
    def __init__(self, settings: Settings, gate: SiteGate | None = None) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.log = open_log(settings)
        try:
            self.log.ensure_topics()
        except LogUnavailable:
            if settings.roles != frozenset({"collect"}):
                raise
            # a collector can start while the broker is away: it spools until the broker is back
            log.warning("Kafka is unreachable at start; beacons go to the local spool until it returns")
        self.collector: Collector | None = None
        self.store: RollupStore | None = None
        self.broadcaster: Broadcaster | None = None
        self.aggregator: Aggregator | None = None
        self._stop_aggregator = threading.Event()
        self._stop_consumer = threading.Event()
        self._threads: list[threading.Thread] = []
        self._tasks: list[asyncio.Task[None]] = []
        roles = settings.roles
        if "collect" in roles:
            salts: SaltStore = SqliteSaltStore(settings.data_dir / "salts.sqlite3")
            if settings.kafka:  # collectors on several machines must agree on the day's salt
                from ingest_server.kafka_salts import KafkaSaltStore

                salts = KafkaSaltStore(settings.kafka, fallback=salts)
            hasher = VisitorHasher(salts)
            limits = CollectLimits.from_rates(settings.rate_limit_ip, settings.rate_limit_site)
            self.collector = Collector(self.log, hasher, GeoLookup.open(settings.geoip), gate or OpenGate(),
                                       limits=limits, max_event_age_ms=settings.max_event_age_ms)
        if "dashboard" in roles:
            retention = Retention(settings.minute_retention_ms, settings.hour_retention_ms, settings.day_retention_ms)
            self.store = RollupStore(settings.data_dir / "rollups.sqlite3", retention=retention)
            self.broadcaster = Broadcaster(self.store.snapshot, max_clients=settings.max_streams)
        if "aggregate" in roles:
            self.aggregator = Aggregator(self.log, flush_interval_s=settings.flush_interval_ms / 1000,
                                         dedupe_window_ms=settings.max_event_age_ms)

    async def start(self) -> None:
        if self.aggregator is not None:
            self._spawn("aggregator", self.aggregator.run, self._stop_aggregator)
        if self.store is not None and self.broadcaster is not None:
            self._tasks.append(asyncio.create_task(self.broadcaster.run()))
            await asyncio.sleep(0)  # let the broadcaster learn its loop before rollups arrive
            self._spawn("rollup-consumer", self._consume_rollups, self._stop_consumer)

    def _spawn(self, name: str, target: object, stop: threading.Event) -> None:
        thread = threading.Thread(target=target, args=(stop,), name=name, daemon=True)  # type: ignore[arg-type]
        thread.start()
        self._threads.append(thread)

    def _consume_rollups(self, stop: threading.Event) -> None:
        store, broadcaster = self.store, self.broadcaster
        if store is None or broadcaster is None:
            raise RuntimeError("The rollup consumer runs only in a process with the dashboard role")
        consumer = self.log.consumer(ROLLUPS_TOPIC, None)
        try:
            self._seek_to_store(consumer, store)
            while not stop.is_set():
                try:
                    records = consumer.poll(0.2, max_records=2000)
                    if records:
                        broadcaster.mark_dirty(store.apply(records))
                except Exception:  # the log is away: resume from what the store has applied
                    log.exception("reading rollups paused")
                    stop.wait(1)
                    self._seek_to_store(consumer, store)
        finally:
            consumer.close()

    @staticmethod
    def _seek_to_store(consumer: LogConsumer, store: RollupStore) -> None:
        for partition, offset in store.positions().items():
            if partition in consumer.assignment():
                consumer.seek(partition, offset)

    async def stop(self) -> None:
        self._stop_aggregator.set()
        for thread in self._threads:
            if thread.name == "aggregator":
                await asyncio.to_thread(thread.join, 30)
        self._stop_consumer.set()
        for thread in self._threads:
            await asyncio.to_thread(thread.join, 30)
        for task in self._tasks:
            task.cancel()
        self.log.close()

    def ready(self) -> bool:
        alive = all(t.is_alive() for t in self._threads)
        return alive and self.log.ready()

