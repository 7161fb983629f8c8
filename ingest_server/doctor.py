"""``activity-tracker doctor``: checks the log backend and the configuration, one sentence each."""

from __future__ import annotations

import os
import socket
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ingest_server.config import Settings
from ingest_server.eventlog import DEADLETTER_TOPIC, EVENTS_TOPIC, ROLLUPS_TOPIC
from ingest_server.static_files import load_assets


@dataclass(frozen=True, slots=True)
class Finding:
    ok: bool
    sentence: str


def check(settings: Settings) -> list[Finding]:
    findings = [_data_dir(settings.data_dir), _assets()]
    findings += _kafka(settings) if settings.kafka else _embedded(settings.data_dir)
    if settings.geoip is not None:
        findings.append(_geoip(settings.geoip))
    return findings


def _data_dir(path: Path) -> Finding:
    if not path.exists():
        return Finding(True, f"The data directory {path} does not exist yet; serve will create it.")
    if not os.access(path, os.W_OK):
        return Finding(False, f"The data directory {path} is not writable by this user.")
    return Finding(True, f"The data directory {path} is writable.")


def _assets() -> Finding:
    missing = {"t.js", "widget.js", "dashboard.html"} - set(load_assets())
    if missing:
        return Finding(False, f"The package is missing built files {sorted(missing)}; rebuild with `node snippet/build.mjs`.")
    return Finding(True, "The tracker, widget and dashboard files are built into the package.")


def _embedded(data_dir: Path) -> list[Finding]:
    path = data_dir / "log.sqlite3"
    if not path.exists():
        return [Finding(True, "The embedded log has not been created yet (first serve creates it).")]
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
        integrity = db.execute("PRAGMA quick_check").fetchone()[0]
        rows = db.execute(
            "SELECT r.partition, MAX(r.offset) + 1, COALESCE(g.offset, 0) FROM records r "
            "LEFT JOIN group_offsets g ON g.topic = r.topic AND g.partition = r.partition "
            "WHERE r.topic = ? GROUP BY r.partition",
            (EVENTS_TOPIC,),
        ).fetchall()
        db.close()
    except sqlite3.Error as exc:
        return [Finding(False, f"The embedded log at {path} cannot be read: {exc}.")]
    findings = [
        Finding(integrity == "ok", f"The embedded log's integrity check says {integrity!r}."),
        Finding(mode == "wal", f"The embedded log is in {mode} journal mode (wal expected)."),
    ]
    lag = sum(max(0, end - committed) for _, end, committed in rows)
    findings.append(Finding(True, f"The aggregator is {lag} records behind the collector."))
    return findings


def _kafka(settings: Settings) -> list[Finding]:
    from kafka import KafkaAdminClient
    from kafka.errors import KafkaError

    bootstrap = settings.kafka or ""
    reachable = [address for address in bootstrap.split(",") if _tcp_open(address)]
    if not reachable:
        return [Finding(False, f"Nothing accepts connections at {bootstrap}; start the broker or fix --kafka.")]
    try:
        admin = KafkaAdminClient(bootstrap_servers=bootstrap.split(","), request_timeout_ms=10_000,
                                 bootstrap_timeout_ms=10_000)
    except KafkaError as exc:
        return [Finding(False, f"Kafka at {bootstrap} cannot be reached ({type(exc).__name__}); is the broker running and advertised on that address?")]
    try:
        cluster = admin.describe_cluster()
        brokers = len(cluster["brokers"])
        findings = [Finding(True, f"Kafka at {bootstrap} answers: {brokers} broker(s), cluster {cluster['cluster_id']}.")]
        topics = {t["name"]: t for t in admin.describe_topics([EVENTS_TOPIC, ROLLUPS_TOPIC, DEADLETTER_TOPIC])}
        for name in (EVENTS_TOPIC, ROLLUPS_TOPIC, DEADLETTER_TOPIC):
            info = topics.get(name)
            if info is None or info.get("error_code"):
                findings.append(Finding(False, f"Topic {name} is missing; the first serve/collect/aggregate creates it."))
                continue
            parts = info["partitions"]
            replicas = min(len(p["replicas"]) for p in parts) if parts else 0
            findings.append(Finding(True, f"Topic {name} has {len(parts)} partitions, replication {replicas}."))
            if brokers >= 3 and replicas < 3:
                findings.append(Finding(False, f"Topic {name} has replication {replicas} on a {brokers}-broker cluster; acks=all protects less than it could."))
        return findings
    except KafkaError as exc:
        return [Finding(False, f"Kafka at {bootstrap} answered with an error: {exc}.")]
    finally:
        admin.close()


def _tcp_open(address: str) -> bool:
    host, _, port = address.strip().rpartition(":")
    try:
        socket.create_connection((host or "127.0.0.1", int(port)), timeout=3).close()
        return True
    except (OSError, ValueError):
        return False


def _geoip(path: Path) -> Finding:
    from ingest_server.geo import GeoDatabaseError, GeoLookup

    try:
        GeoLookup.open(path).close()
    except GeoDatabaseError as exc:
        return Finding(False, str(exc))
    return Finding(True, f"The GeoIP database {path} opens; countries will be shown.")
