"""Prometheus metrics, served at GET /metrics."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

BEACONS = Counter("activity_beacons_total", "Beacons received by the collector, by HTTP status", ["status"])
EVENTS_ACCEPTED = Counter("activity_events_accepted_total", "Events the collector made durable")
EVENTS_REJECTED = Counter("activity_events_rejected_total", "Events the collector rejected, by field", ["field"])
APPEND_SECONDS = Histogram(
    "activity_log_append_seconds",
    "Time from a beacon's arrival to its events being durable",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
AGGREGATED = Counter("activity_events_aggregated_total", "Events counted by the aggregator")
DEADLETTERS = Counter("activity_deadletters_total", "Log records sent to the dead-letter topic")
SPOOLED = Gauge("activity_spool_records", "Beacons waiting in the collector's local spool")
STREAM_CLIENTS = Gauge("activity_stream_clients", "Connected dashboard stream clients")
SNAPSHOTS = Counter("activity_snapshots_published_total", "Snapshots published to stream clients")
ASSIGNED_PARTITIONS = Gauge("activity_aggregator_partitions", "Partitions of activity.events assigned to this aggregator")
