"""The aggregator: consumes ``activity.events``, emits additive rollups to ``activity.rollups``.

Exactly-once without a state store of its own: rollups and the input offsets
they cover are committed in one transaction (Kafka transactions, or one SQLite
transaction on the embedded log). The only other state — recent event ids for
dedupe and open visits — is a function of the last 24 hours of the partition,
so on assignment it is rebuilt by replaying that window without emitting.
Retries of an event can only arrive within that window, because the schema
rejects events older than the window (``--max-event-age``, 24 hours by default).
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any, Callable

import orjson

from ingest_server import metrics, sources
from ingest_server.dedupe import RecentIds
from ingest_server.eventlog import (
    DEADLETTER_TOPIC,
    EVENTS_TOPIC,
    ROLLUPS_TOPIC,
    EventLog,
    LogConsumer,
    Outgoing,
    Record,
)
from ingest_server.rollups import Counts, minute_of, prop_key
from ingest_server.segments import VisitSources, event_segments
from ingest_server.sessions import SessionChange, Sessionizer
from ingest_server.useragent import Device, parse_user_agent

log = logging.getLogger("activity_tracker.aggregator")

GROUP = "activity-aggregators"
SERVER_SIDE = Device(browser="(server-side)", os="(server-side)", device_type="other", is_bot=False)
LATEST = 20

# Pure functions of a page URL (and referrer), called for every event: a site has few distinct URLs.
# Bounded, so a flood of unique URLs costs at most a few MB (URLs are at most 2 KB).
_URL_CACHE = 4096
page_path = functools.lru_cache(maxsize=_URL_CACHE)(sources.page_path)
utm = functools.lru_cache(maxsize=_URL_CACHE)(sources.utm)
classify_referrer = functools.lru_cache(maxsize=_URL_CACHE)(sources.classify_referrer)
is_referrer_spam = functools.lru_cache(maxsize=_URL_CACHE)(sources.is_referrer_spam)


@dataclass(slots=True)
class _PartitionState:
    sessions: Sessionizer
    seen: RecentIds
    warm_until: int  # offsets below this rebuild state only; they were committed before
    sources: VisitSources  # each open visit's source, for the source segments


@dataclass(slots=True)
class _Pending:
    minutes: defaultdict[tuple[str, int], Counts] = field(default_factory=lambda: defaultdict(Counts))
    segments: defaultdict[tuple[str, int, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    latest: defaultdict[str, deque[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(lambda: deque(maxlen=LATEST))
    )
    deadletters: list[Outgoing] = field(default_factory=list)
    offsets: dict[int, int] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.offsets)


class Aggregator:
    def __init__(
        self,
        log_backend: EventLog,
        *,
        flush_interval_s: float = 0.1,
        dedupe_window_ms: int = 24 * 3600 * 1000,  # = max event age: a retry can only come while the schema accepts it
        session_timeout_ms: int = 30 * 60 * 1000,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.log = log_backend
        self.flush_interval_s = flush_interval_s
        self.dedupe_window_ms = dedupe_window_ms
        self.session_timeout_ms = session_timeout_ms
        self.clock = clock
        self._states: dict[int, _PartitionState] = {}
        self._pending: defaultdict[int, _Pending] = defaultdict(_Pending)  # by partition
        self._consumer: LogConsumer | None = None
        self._needs_reset = False
        self.processed = 0

    # -- lifecycle -----------------------------------------------------------

    def run(self, stop: threading.Event) -> None:
        """Consume until ``stop`` is set, then flush what was processed and return."""
        consumer = self.log.consumer(EVENTS_TOPIC, GROUP, on_assign=self._on_assign)
        self._consumer = consumer
        if not self._states:
            self._on_assign(consumer.assignment())
        last_flush = time.monotonic()
        try:
            while not stop.is_set():
                try:
                    if self._needs_reset:  # never poll with half-built state: skipped records would be lost
                        stop.wait(1)
                        self._reset()
                        continue
                    records = consumer.poll(self.flush_interval_s, max_records=5000)
                    self.process(records)
                    if self._has_pending() and time.monotonic() - last_flush >= self.flush_interval_s:
                        self._flush_or_reset()
                        last_flush = time.monotonic()
                except Exception:  # the log is away (broker down): wait, then redo from the committed offsets
                    log.exception("aggregation paused; will rebuild from the committed offsets")
                    stop.wait(1)
                    self._reset()
            self._flush_or_reset()
        finally:
            consumer.close()

    def _flush_or_reset(self) -> None:
        try:
            self.flush()
        except Exception as exc:  # nothing was committed: forget it all and redo it from the committed offsets
            log.warning("commit failed (%s); rebuilding state from the committed offsets", exc)
            self._reset()

    def _reset(self) -> None:
        self._pending.clear()
        self._states.clear()
        self._needs_reset = True
        if self._consumer is not None:
            try:
                self._on_assign(self._consumer.assignment())
                self._needs_reset = False
            except Exception as exc:  # still away; the run loop tries again before it polls
                log.warning("could not rebuild state yet: %s", exc)

    def _on_assign(self, partitions: set[int]) -> None:
        """A new assignment: drop uncommitted work and rebuild every partition's state from the log.

        Even a partition we keep restarts from its committed offset after a rebalance, so state that
        already saw its uncommitted records would count them twice."""
        consumer = self._consumer
        self._states.clear()
        self._pending.clear()
        metrics.ASSIGNED_PARTITIONS.set(len(partitions))
        if consumer is None:
            return
        now_ms = int(self.clock() * 1000)
        for p in partitions:
            committed = consumer.committed(p) or 0
            warm_from = min(committed, consumer.offset_for_time(p, now_ms - self.dedupe_window_ms))
            self._states[p] = _PartitionState(
                Sessionizer(timeout_ms=self.session_timeout_ms),
                RecentIds(self.dedupe_window_ms),
                warm_until=committed,
                sources=VisitSources(self.session_timeout_ms),
            )
            consumer.seek(p, warm_from)
            log.info("partition %d: replaying offsets %d..%d to rebuild state", p, warm_from, committed)

    def _has_pending(self) -> bool:
        return any(self._pending.values())

    # -- processing ----------------------------------------------------------

    def process(self, records: list[Record]) -> None:
        for record in records:
            state = self._states.get(record.partition)
            if state is None:
                continue
            warm = record.offset < state.warm_until
            try:
                batch = orjson.loads(record.value)
                self._process_batch(batch, state, warm, self._pending[record.partition])
            except Exception as exc:  # a record we cannot process must not block the partition
                if not warm:
                    log.warning("record %d/%d to dead letters: %s", record.partition, record.offset, exc)
                    self._pending[record.partition].deadletters.append(_deadletter(record, exc))
                    metrics.DEADLETTERS.inc()
            if not warm:
                self._pending[record.partition].offsets[record.partition] = record.offset + 1
                self.processed += 1

    def _process_batch(
        self, batch: dict[str, Any], state: _PartitionState, warm: bool, pending: _Pending
    ) -> None:
        site: str = batch["site"]
        received: int = batch["rt"]
        visitor: int = batch["vid"]
        previous: int | None = batch.get("pvid")
        # Server-side SDK events carry the app server's user agent, not a visitor's: never a bot.
        device = SERVER_SIDE if batch.get("src") == "sdk" else parse_user_agent(batch.get("ua", ""))
        for event in batch["events"]:
            ts = min(int(event["ts"]), received)
            minute = minute_of(ts)
            if state.seen.seen_or_add(site, event["id"], received):
                if not warm:
                    pending.minutes[(site, minute)].count("duplicates")
                continue
            if warm:
                if not (device.is_bot or event.get("wd")):
                    path = page_path(event["url"]) if event["type"] == "pageview" else None
                    change = state.sessions.observe(visitor, ts, path, previous_visitor=previous)
                    group = classify_referrer(event.get("ref"), event["url"])[0] if change.new_visit else None
                    state.sources.observe(visitor, previous, ts, group)
                continue
            counts = pending.minutes[(site, minute)]
            if device.is_bot or event.get("wd"):
                counts.count("bots")
                continue
            ref = event.get("ref")
            group, ref_domain = classify_referrer(ref, event["url"])
            if ref_domain is not None and is_referrer_spam(ref_domain):
                counts.count("spam")
                continue
            self._count_event(pending, counts, event, site, visitor, previous, ts, minute, state, device, group,
                              ref_domain, batch)
            pending.latest[site].append(event)  # made into a feed entry at flush, for the LATEST kept
        state.sessions.expire(received)
        state.sources.expire(received)

    def _count_event(
        self,
        pending: _Pending,
        counts: Counts,
        event: dict[str, Any],
        site: str,
        visitor: int,
        previous: int | None,
        ts: int,
        minute: int,
        state: _PartitionState,
        device: Device,
        group: str,
        ref_domain: str | None,
        batch: dict[str, Any],
    ) -> None:
        path = page_path(event["url"])
        is_pageview = event["type"] == "pageview"
        change = state.sessions.observe(visitor, ts, path if is_pageview else None, previous_visitor=previous)
        source = state.sources.observe(visitor, previous, ts, group if change.new_visit else None)
        _tally(counts, True, event, path, visitor, change, device, group, ref_domain, batch)
        for segment, whole_visit in event_segments(path, source):
            _tally(pending.segments[(site, minute, segment)], whole_visit, event, path, visitor, change, device,
                   group, ref_domain, batch)

    # -- output --------------------------------------------------------------

    def flush(self) -> None:
        """Commit the rollups of everything processed, with the offsets they cover, in one transaction."""
        if not self._has_pending() or self._consumer is None:
            return
        parts = list(self._pending.values())
        if len(parts) == 1:
            merged = parts[0]  # nothing to merge (the embedded log has one partition)
        else:
            merged = _Pending()
            for part in parts:
                for key, counts in part.minutes.items():
                    merged.minutes[key].add(counts)
                for seg_key, counts in part.segments.items():
                    merged.segments[seg_key].add(counts)
                for site, events in part.latest.items():
                    merged.latest[site].extend(events)
                merged.deadletters.extend(part.deadletters)
                merged.offsets.update(part.offsets)
        by_segment: defaultdict[tuple[str, int], dict[str, Any]] = defaultdict(dict)
        for (site, minute, segment), counts in merged.segments.items():
            by_segment[(site, minute)][segment] = counts.to_json()
        by_site: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
        for (site, minute), counts in merged.minutes.items():
            by_site[site].append({"m": minute, **counts.to_json(), "s": by_segment.get((site, minute), {})})
        outgoing = [
            Outgoing(
                ROLLUPS_TOPIC,
                site.encode(),
                orjson.dumps({"site": site, "minutes": minutes, "latest": [_latest(e) for e in merged.latest[site]]}),
            )
            for site, minutes in by_site.items()
        ]
        outgoing.extend(merged.deadletters)
        self._consumer.commit_transaction(outgoing, merged.offsets)
        metrics.AGGREGATED.inc(sum(int(m["c"].get("events", 0)) for ms in by_site.values() for m in ms))
        self._pending.clear()


def _tally(
    counts: Counts,
    whole_visit: bool,
    event: dict[str, Any],
    path: str,
    visitor: int,
    change: SessionChange,
    device: Device,
    group: str,
    ref_domain: str | None,
    batch: dict[str, Any],
) -> None:
    """Count one event into ``counts``; visit counters and properties only when it holds whole visits."""
    kind = event["type"]
    url = event["url"]
    c = counts.counters  # plain dict updates: this runs four times per event (whole site + 3 segments)
    d = counts.dims
    c["events"] += 1
    d["type"][kind] += 1
    counts.visitors.add(visitor)
    if kind == "pageview":
        c["pageviews"] += 1
        d["page"][path] += 1
    if whole_visit:
        if change.new_visit:
            c["visits"] += 1
            d["source"][group] += 1
            if ref_domain:
                d["referrer"][ref_domain] += 1
            source, medium, campaign = utm(url)
            if source:
                d["utm_source"][source] += 1
            if medium:
                d["utm_medium"][medium] += 1
            if campaign:
                d["utm_campaign"][campaign] += 1
            d["browser"][device.browser] += 1
            d["os"][device.os] += 1
            d["device"][device.device_type] += 1
            country = batch.get("country")
            if country:
                d["country"][country] += 1
        if change.bounce_delta:
            c["bounces"] += change.bounce_delta
        if change.duration_delta_ms:
            c["duration_ms"] += change.duration_delta_ms
        if change.entry_page is not None:
            d["entry"][change.entry_page] += 1
        if change.exit_from is not None:
            d["exit"][change.exit_from] -= 1
        if change.exit_to is not None:
            d["exit"][change.exit_to] += 1
    if kind == "custom":
        name = event["name"]
        d["goal"][name] += 1
        counts.goal_visitors[name].add(visitor)
        for key, value in (event.get("props") or {}).items():
            counts.goal_props[name][prop_key(key, value)] += 1
    elif kind in ("outbound", "download"):
        d[kind][event.get("target") or url] += 1
    elif kind == "engagement":
        c["engagements"] += 1
        c["engaged_ms"] += int(event.get("ms", 0))
        c["scroll_sum"] += int(event.get("scroll", 0))


def _latest(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": event["id"],
        "type": event["type"],
        "ts": event["ts"],
        "path": page_path(event["url"]),
        "title": event.get("title", ""),
        "name": event.get("name", ""),
        "ref": event.get("ref", ""),
        "target": event.get("target", ""),
    }


def _deadletter(record: Record, exc: Exception) -> Outgoing:
    meta = {"topic": record.topic, "partition": record.partition, "offset": record.offset, "error": str(exc)}
    return Outgoing(DEADLETTER_TOPIC, orjson.dumps(meta), record.value)
