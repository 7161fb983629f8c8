from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest_server.sessions import SessionChange, Sessionizer

TIMEOUT = 100  # small, so generated gaps cross it often
MINUTE = 60_000
HALF_HOUR = 30 * MINUTE

Event = tuple[int, "str | None"]  # (ts, path for a pageview / None)


@dataclass
class Totals:
    visits: int = 0
    bounces: int = 0
    duration: int = 0
    pageviews: int = 0
    entries: Counter[str] = field(default_factory=Counter)
    exits: Counter[str] = field(default_factory=Counter)

    def add(self, change: SessionChange) -> None:
        self.visits += change.new_visit
        self.bounces += change.bounce_delta
        self.duration += change.duration_delta_ms
        self.pageviews += change.pageview
        if change.entry_page is not None:
            self.entries[change.entry_page] += 1
        if change.exit_from is not None:
            self.exits[change.exit_from] -= 1
        if change.exit_to is not None:
            self.exits[change.exit_to] += 1

    def tidy(self) -> Totals:
        self.entries = +self.entries  # drop zero counts
        self.exits = +self.exits
        return self


def batch_totals(per_visitor: dict[int, list[Event]], timeout: int) -> Totals:
    """Visits computed directly from each visitor's whole, sorted event list."""
    totals = Totals()
    for events in per_visitor.values():
        visits: list[list[Event]] = []
        for ts, path in events:
            if visits and ts - visits[-1][-1][0] <= timeout:
                visits[-1].append((ts, path))
            else:
                visits.append([(ts, path)])
        for visit in visits:
            pages = [path for _, path in visit if path is not None]
            totals.visits += 1
            totals.duration += visit[-1][0] - visit[0][0]
            totals.pageviews += len(pages)
            totals.bounces += len(pages) == 1
            if pages:
                totals.entries[pages[0]] += 1
                totals.exits[pages[-1]] += 1
    return totals.tidy()


@st.composite
def visitor_events(draw: st.DrawFn) -> list[Event]:
    gap_strategy = st.one_of(st.integers(0, 2 * TIMEOUT), st.sampled_from([TIMEOUT - 1, TIMEOUT, TIMEOUT + 1]))
    gaps = draw(st.lists(gap_strategy, min_size=1, max_size=12))
    paths = draw(st.lists(st.sampled_from([None, "/", "/a", "/b"]), min_size=len(gaps), max_size=len(gaps)))
    ts = draw(st.integers(0, 3 * TIMEOUT))
    events = []
    for gap, path in zip(gaps, paths):
        ts += gap
        events.append((ts, path))
    return events


@given(
    st.dictionaries(st.integers(0, 2**63 - 1), visitor_events(), min_size=1, max_size=6),
    st.data(),
)
def test_any_interleaving_matches_the_batch_computation(
    per_visitor: dict[int, list[Event]], data: st.DataObject
) -> None:
    order = data.draw(st.permutations([v for v, events in per_visitor.items() for _ in events]))
    expire_at = data.draw(st.lists(st.booleans(), min_size=len(order), max_size=len(order)))
    sessions = Sessionizer(timeout_ms=TIMEOUT)
    pending = {v: list(events) for v, events in per_visitor.items()}
    totals = Totals()
    for visitor, expire in zip(order, expire_at):
        ts, path = pending[visitor].pop(0)
        totals.add(sessions.observe(visitor, ts, path))
        if expire:
            # a low watermark: no event still to come is older than this
            sessions.expire(min((events[0][0] for events in pending.values() if events), default=10**9))
    assert totals.tidy() == batch_totals(per_visitor, TIMEOUT)


def test_a_visit_that_starts_with_a_pageview() -> None:
    sessions = Sessionizer()
    first = sessions.observe(1, 1_000, "/a")
    assert first == SessionChange(True, 1, 0, True, "/a", None, "/a")
    assert sessions.observe(1, 4_000, None) == SessionChange(False, 0, 3_000, False, None, None, None)
    second = sessions.observe(1, 5_000, "/b")
    assert second == SessionChange(False, -1, 1_000, True, None, "/a", "/b")
    third = sessions.observe(1, 6_000, "/c")
    assert third == SessionChange(False, 0, 1_000, True, None, "/b", "/c")
    assert len(sessions) == 1


def test_reloading_the_exit_page_does_not_move_it() -> None:
    sessions = Sessionizer()
    sessions.observe(1, 0, "/a")
    assert sessions.observe(1, 10, "/a") == SessionChange(False, -1, 10, True, None, None, None)


def test_a_visit_that_starts_without_a_pageview_gets_its_entry_page_once() -> None:
    sessions = Sessionizer()
    assert sessions.observe(1, 0, None) == SessionChange(True, 0, 0, False, None, None, None)
    assert sessions.observe(1, 50, "/x") == SessionChange(False, 1, 50, True, "/x", None, "/x")
    assert sessions.observe(1, 60, "/y") == SessionChange(False, -1, 10, True, None, "/x", "/y")


def test_timeout_boundary() -> None:
    sessions = Sessionizer(timeout_ms=HALF_HOUR)
    sessions.observe(1, 0, "/a")
    assert not sessions.observe(1, HALF_HOUR, "/a").new_visit  # exactly 30 min idle: same visit
    change = sessions.observe(1, 2 * HALF_HOUR + 1, "/b")  # 30 min + 1 ms: a new one
    assert change == SessionChange(True, 1, 0, True, "/b", None, "/b")


def test_late_events_extend_nothing_and_are_not_new_visits() -> None:
    sessions = Sessionizer()
    sessions.observe(1, 10_000, "/a")
    assert sessions.observe(1, 5_000, None) == SessionChange(False, 0, 0, False, None, None, None)
    # a late pageview counts, but the exit stays with the newest pageview
    assert sessions.observe(1, 9_000, "/old") == SessionChange(False, -1, 0, True, None, None, None)
    assert sessions.observe(1, 12_000, None).duration_delta_ms == 2_000
    # a pageview older than the last event but newer than the exit pageview is the exit
    assert sessions.observe(1, 11_000, "/b") == SessionChange(False, 0, 0, True, None, "/a", "/b")


def test_visit_crossing_midnight_continues_under_the_new_id() -> None:
    sessions = Sessionizer()
    yesterday_id, today_id = 111, 222
    sessions.observe(yesterday_id, 1_000, "/a")
    change = sessions.observe(today_id, 2_000, "/b", previous_visitor=yesterday_id)
    assert change == SessionChange(False, -1, 1_000, True, None, "/a", "/b")
    assert len(sessions) == 1
    # the visit now lives under today's id only
    assert not sessions.observe(today_id, 3_000, None).new_visit
    assert sessions.observe(yesterday_id, 3_500, None).new_visit


def test_previous_visitor_is_ignored_when_its_visit_is_over_or_the_new_id_has_one() -> None:
    sessions = Sessionizer(timeout_ms=HALF_HOUR)
    sessions.observe(111, 0, "/a")
    assert sessions.observe(222, HALF_HOUR + 1, "/b", previous_visitor=111).new_visit
    sessions.observe(333, HALF_HOUR + 2, "/c")
    change = sessions.observe(222, HALF_HOUR + 3, "/d", previous_visitor=333)
    assert change == SessionChange(False, -1, 2, True, None, "/b", "/d")
    assert len(sessions) == 3


def test_expire_drops_idle_visits_only() -> None:
    sessions = Sessionizer(timeout_ms=HALF_HOUR)
    sessions.observe(1, 0, "/a")
    sessions.observe(2, 10 * MINUTE, "/a")
    assert sessions.expire(HALF_HOUR) == 0  # idle exactly 30 min: kept
    assert len(sessions) == 2
    assert sessions.expire(HALF_HOUR + 2 * MINUTE) == 1
    assert len(sessions) == 1
    assert sessions.observe(1, HALF_HOUR + 3 * MINUTE, "/a").new_visit
    assert not sessions.observe(2, HALF_HOUR + 3 * MINUTE, "/a").new_visit
    assert sessions.expire(10 * HALF_HOUR) == 2
    assert len(sessions) == 0


def test_expire_follows_the_last_event_not_the_first() -> None:
    sessions = Sessionizer(timeout_ms=HALF_HOUR)
    for minute in range(0, 60, 10):
        sessions.observe(1, minute * MINUTE, "/a")
    assert sessions.expire(50 * MINUTE + HALF_HOUR) == 0
    assert sessions.expire(50 * MINUTE + HALF_HOUR + 2 * MINUTE) == 1


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 10_000)), min_size=1, max_size=40), st.integers(0, 20_000))
def test_expire_never_drops_a_visit_idle_for_less_than_the_timeout(events: list[tuple[int, int]], now: int) -> None:
    sessions = Sessionizer(timeout_ms=3_000)
    last: dict[int, int] = {}
    for visitor, ts in sorted(events, key=lambda e: e[1]):
        sessions.observe(visitor, ts, "/")
        last[visitor] = ts
    sessions.expire(now)
    kept = {v for v, ts in last.items() if now - ts <= 3_000}
    gone = {v for v, ts in last.items() if now - ts > 3_000 + 3_000 // 30}
    assert len(sessions) >= len(kept)
    assert len(sessions) <= len(last) - len(gone)


def test_a_visit_carried_over_midnight_still_expires() -> None:
    sessions = Sessionizer(timeout_ms=HALF_HOUR)
    sessions.observe(111, 0, "/a")
    sessions.observe(222, 5 * MINUTE, None, previous_visitor=111)
    assert sessions.expire(5 * MINUTE + HALF_HOUR + 2 * MINUTE) == 1
    assert len(sessions) == 0


def test_memory_is_bounded_by_evicting_the_least_recently_active_visit() -> None:
    sessions = Sessionizer(timeout_ms=HALF_HOUR, max_visitors=3)
    sessions.observe(1, 0, "/a")
    sessions.observe(2, MINUTE, "/a")
    sessions.observe(3, 2 * MINUTE, "/a")
    sessions.observe(1, 3 * MINUTE, "/b")  # visitor 1 is now the most recent
    sessions.observe(4, 4 * MINUTE, "/a")
    assert len(sessions) == 3
    assert sessions.evicted == 1
    assert sessions.observe(2, 5 * MINUTE, None).new_visit  # 2 was dropped
    assert not sessions.observe(1, 5 * MINUTE, None).new_visit


@pytest.mark.parametrize(("timeout_ms", "max_visitors"), [(0, 10), (-1, 10), (10, 0)])
def test_invalid_settings(timeout_ms: int, max_visitors: int) -> None:
    with pytest.raises(ValueError, match="must be positive"):
        Sessionizer(timeout_ms=timeout_ms, max_visitors=max_visitors)
