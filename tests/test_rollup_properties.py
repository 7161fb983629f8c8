"""Property tests: rollups add up the same however the events are cut, ordered and batched.

- Store: any partition of the same minute rollups into records, applied in any
  order and any batches, gives the totals, breakdowns and visitors of a direct
  sum; minute, hour and day rows agree.
- Pipeline: events of several visitors, batched into beacons in any way,
  interleaved in any receive order (each visitor's own order kept, each
  beacon received within 5 minutes of its events), with aggregator flushes anywhere, give
  the visits, bounces, sources and filtered numbers of a direct computation.
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from ingest_server import stats
from ingest_server.aggregator import Aggregator
from ingest_server.eventlog import EVENTS_TOPIC, ROLLUPS_TOPIC, Record
from ingest_server.rollup_store import DAY, HOUR, MINUTE, Retention, RollupStore, cover
from ingest_server.segments import segment_key
from ingest_server.sources import classify_referrer
from ingest_server.sqlite_log import SqliteLog
from tests.test_aggregator import CHROME

BASE = 1_710_028_800_000  # 2024-03-10T00:00:00Z
FOREVER = Retention(0, 0, 0)
SITE = "prop.test"
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _store(root: Path) -> RollupStore:
    return RollupStore(root / "rollups.sqlite3", retention=FOREVER, clock=lambda: (BASE + 10 * DAY) / 1000)


# -- store level --------------------------------------------------------------

_minute_json = st.fixed_dictionaries({
    "m": st.integers(0, 3 * 24 * 60 - 1).map(lambda i: BASE + i * MINUTE),
    "c": st.dictionaries(st.sampled_from(["events", "pageviews", "visits", "bounces"]), st.integers(1, 5),
                         max_size=3),
    "d": st.dictionaries(st.sampled_from(["page", "source", "exit"]),
                         st.dictionaries(st.sampled_from(["/", "/a", "/b", "direct", "search"]), st.integers(-2, 5),
                                         min_size=1, max_size=3), max_size=2),
    "v": st.lists(st.integers(1, 40), max_size=5, unique=True),
    "s": st.dictionaries(st.sampled_from([segment_key({"source": "search"}), segment_key({"page": "/a"})]),
                         st.fixed_dictionaries({"c": st.dictionaries(st.just("events"), st.integers(1, 3)),
                                                "v": st.lists(st.integers(1, 40), max_size=3, unique=True)}),
                         max_size=2),
})


@st.composite
def _deliveries(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[list[bytes]]]:
    """Minute rollups, then the same cut into records (several minutes each) and batches of records."""
    minutes = draw(st.lists(_minute_json, min_size=1, max_size=25))
    order = draw(st.permutations(range(len(minutes))))
    records: list[bytes] = []
    i = 0
    while i < len(order):
        size = draw(st.integers(1, 4))
        part = [minutes[j] for j in order[i:i + size]]
        records.append(orjson.dumps({"site": SITE, "minutes": part, "latest": []}))
        i += size
    batches: list[list[bytes]] = []
    i = 0
    while i < len(records):
        size = draw(st.integers(1, 3))
        batches.append(records[i:i + size])
        i += size
    return minutes, batches


def _apply(store: RollupStore, batches: list[list[bytes]]) -> None:
    offset = 0
    for batch in batches:
        store.apply([Record(ROLLUPS_TOPIC, 0, offset + k, None, value, 0) for k, value in enumerate(batch)])
        offset += len(batch)


@PROPERTY
@given(_deliveries())
def test_any_cut_and_order_of_rollups_sums_to_the_direct_totals(delivery: tuple[list[dict[str, Any]],
                                                                             list[list[bytes]]]) -> None:
    minutes, batches = delivery
    with tempfile.TemporaryDirectory() as tmp:
        store = _store(Path(tmp))
        _apply(store, batches)
        for seg in ["", segment_key({"source": "search"}), segment_key({"page": "/a"})]:
            parts = [m if seg == "" else m["s"][seg] for m in minutes if seg == "" or seg in m.get("s", {})]
            counters: Counter[str] = Counter()
            for part in parts:
                counters.update(part.get("c", {}))
            everything = cover(BASE, BASE + 3 * DAY)
            assert store.totals(SITE, seg, everything) == {k: n for k, n in counters.items() if n}
            assert store.uniques(SITE, seg, everything).estimate() == len({v for p in parts for v in p.get("v", ())})
            for span in ("m", "h", "d"):  # every span adds up to the same
                pieces = [(span, BASE, BASE + 3 * DAY)]
                assert store.totals(SITE, seg, pieces) == {k: n for k, n in counters.items() if n}
        for dim in ("page", "source", "exit"):
            table: Counter[str] = Counter()
            for m in minutes:
                table.update(m.get("d", {}).get(dim, {}))
            assert store.table(SITE, "", dim, [("d", BASE, BASE + 3 * DAY)]) == {k: n for k, n in table.items() if n}
        store.close()


@PROPERTY
@given(_deliveries(), st.integers(0, 3 * 24 - 1), st.integers(1, 30))
def test_any_range_reads_the_same_from_days_hours_and_minutes(
    delivery: tuple[list[dict[str, Any]], list[list[bytes]]], first_hour: int, hours: int
) -> None:
    minutes, batches = delivery
    start, end = BASE + first_hour * HOUR, BASE + (first_hour + hours) * HOUR
    with tempfile.TemporaryDirectory() as tmp:
        store = _store(Path(tmp))
        _apply(store, batches)
        inside = [m for m in minutes if start <= m["m"] < end]
        expected = Counter[str]()
        for m in inside:
            expected.update(m.get("c", {}))
        covering = cover(start, end)
        for pieces in (covering, [("h", start, end)], [("m", start, end)]):
            assert store.totals(SITE, "", pieces) == {k: n for k, n in expected.items() if n}
            assert store.uniques(SITE, "", pieces).estimate() == len({v for m in inside for v in m["v"]})
        store.close()


# -- pipeline level -----------------------------------------------------------

PAGES = ["/", "/pricing", "/docs"]
REFS = [None, "https://www.google.com/", "https://t.co/x", "https://blog.example.org/"]
TIMEOUT = 30 * MINUTE


@st.composite
def _traffic(draw: st.DrawFn) -> list[tuple[int, int, list[dict[str, Any]]]]:
    """Beacons (receive time, visitor, events) in receive order: visits of up to 4 visitors over a day."""
    beacons: list[tuple[int, int, list[dict[str, Any]]]] = []
    n = 0
    for visitor in range(1, draw(st.integers(1, 4)) + 1):
        ts = BASE + draw(st.integers(0, 20 * 60)) * MINUTE
        events: list[dict[str, Any]] = []
        for _ in range(draw(st.integers(1, 3))):  # visits
            ref = draw(st.sampled_from(REFS))
            for i in range(draw(st.integers(1, 4))):  # events in the visit, at most 20 minutes apart
                kind = draw(st.sampled_from(["pageview", "pageview", "click", "custom"]))
                event = {"id": f"e{n}", "type": kind, "ts": ts, "url": f"https://{SITE}{draw(st.sampled_from(PAGES))}"}
                if kind == "custom":
                    event["name"] = "Signup"
                if i == 0 and ref:
                    event["ref"] = ref
                events.append(event)
                n += 1
                ts += draw(st.integers(0, 20)) * MINUTE
            ts += draw(st.integers(60, 300)) * MINUTE  # the next visit starts an hour or more later
        i = received = 0
        while i < len(events):  # cut into beacons that a browser holds at most 2 minutes, received in order
            size = draw(st.integers(1, 3))
            part = [e for e in events[i:i + size] if e["ts"] - events[i]["ts"] <= 2 * MINUTE]
            received = max(received, part[-1]["ts"] + draw(st.integers(0, 3 * MINUTE)))
            beacons.append((received, visitor, part))
            i += len(part)
    beacons.sort(key=lambda b: b[0])
    return beacons


def _direct(beacons: list[tuple[int, int, list[dict[str, Any]]]]) -> dict[str, Any]:
    by_visitor: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for _, visitor, events in beacons:
        by_visitor[visitor].extend(events)
    out: dict[str, Any] = {"visits": 0, "bounces": 0, "pageviews": 0, "events": 0,
                           "sources": Counter(), "source_visitors": defaultdict(set), "page_visitors": defaultdict(set),
                           "page_events": Counter()}
    for visitor, events in by_visitor.items():
        last: int | None = None
        pages = 0
        source = ""
        for event in events:
            if last is None or event["ts"] - last > TIMEOUT:
                out["bounces"] += pages == 1
                out["visits"] += 1
                pages = 0
                source = classify_referrer(event.get("ref"), event["url"])[0]
                out["sources"][source] += 1
            last = event["ts"]
            out["events"] += 1
            if event["type"] == "pageview":
                pages += 1
                out["pageviews"] += 1
            path = event["url"].split(SITE, 1)[1]
            out["source_visitors"][source].add(visitor)
            out["page_visitors"][path].add(visitor)
            out["page_events"][path] += 1
        out["bounces"] += pages == 1
    return out


@PROPERTY
@given(_traffic(), st.data())
def test_any_batching_and_interleaving_of_events_gives_the_direct_answers(
    beacons: list[tuple[int, int, list[dict[str, Any]]]], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        log = SqliteLog(root / "log.sqlite3")
        store = _store(root)
        aggregator = Aggregator(log, clock=lambda: (BASE + 2 * DAY) / 1000)
        consumer = log.consumer(EVENTS_TOPIC, "props")
        aggregator._consumer = consumer
        aggregator._on_assign(consumer.assignment())
        rollups = log.consumer(ROLLUPS_TOPIC, None)
        for received, visitor, events in beacons:
            record = {"site": SITE, "rt": received, "vid": visitor, "pvid": None, "ua": CHROME, "country": None,
                      "events": events}
            log.produce_sync(EVENTS_TOPIC, [(visitor.to_bytes(8, "big"), orjson.dumps(record))])
            aggregator.process(consumer.poll(0))
            if data.draw(st.booleans(), label="flush"):
                aggregator.flush()
        aggregator.flush()
        while records := rollups.poll(0, max_records=data.draw(st.integers(1, 3), label="apply batch")):
            store.apply(records)
        log.close()

        direct = _direct(beacons)
        now = BASE + 2 * DAY

        def ask(**params: str) -> dict[str, Any]:
            query = stats.parse_query([("site", SITE), ("from", "2024-03-10"), ("to", "2024-03-11"), *params.items()],
                                      now, FOREVER)
            return stats.answer(store, query)

        note(repr(beacons))
        totals = ask(metrics="visits,pageviews,events")["totals"]
        assert totals == {"visits": direct["visits"], "pageviews": direct["pageviews"], "events": direct["events"]}
        rows = ask(breakdown="source", metrics="visitors,visits", limit="10")["breakdown"]["results"]
        assert {r["value"]: (r["visits"], r["visitors"]) for r in rows} == {
            s: (n, len(direct["source_visitors"][s])) for s, n in direct["sources"].items()}
        bounces = sum(round(r["bounce_rate"] * r["visits"]) for r in ask(breakdown="source")["breakdown"]["results"])
        assert bounces == direct["bounces"]
        for path, visitors in direct["page_visitors"].items():
            page = ask(filters=f"page=={path}", metrics="visitors,events")["totals"]
            assert page == {"visitors": len(visitors), "events": direct["page_events"][path]}
        store.close()
