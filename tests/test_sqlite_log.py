from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from ingest_server.eventlog import EVENTS_TOPIC, ROLLUPS_TOPIC, Outgoing
from ingest_server.sqlite_log import SqliteLog, partition_for


@pytest.fixture
def log(tmp_path: Path):
    backend = SqliteLog(tmp_path / "log.sqlite3", partitions=3)
    yield backend
    backend.close()


def test_produce_then_consume_in_order(log: SqliteLog) -> None:
    items = [(f"k{i % 5}".encode(), f"v{i}".encode()) for i in range(50)]
    asyncio.run(log.produce(EVENTS_TOPIC, items))
    consumer = log.consumer(EVENTS_TOPIC, None)
    got = consumer.poll(0, max_records=1000)
    while True:
        more = consumer.poll(0, max_records=1000)
        if not more:
            break
        got += more
    assert len(got) == 50
    for p in range(3):
        mine = [r for r in got if r.partition == p]
        assert [r.offset for r in mine] == list(range(len(mine)))
    # one key always lands in one partition, in the order it was produced
    for k in range(5):
        key = f"k{k}".encode()
        records = [r for r in got if r.key == key]
        assert {r.partition for r in records} == {partition_for(key, 3, 0)}
        assert [r.value for r in records] == [f"v{i}".encode() for i in range(k, 50, 5)]


def test_concurrent_producers_are_group_committed(log: SqliteLog) -> None:
    async def many() -> None:
        await asyncio.gather(*(log.produce(EVENTS_TOPIC, [(b"k", b"%d" % i)]) for i in range(300)))

    asyncio.run(many())
    consumer = log.consumer(EVENTS_TOPIC, None)
    total = 0
    while batch := consumer.poll(0):
        total += len(batch)
    assert total == 300


def test_data_survives_reopen(tmp_path: Path) -> None:
    first = SqliteLog(tmp_path / "log.sqlite3", partitions=2)
    first.produce_sync(EVENTS_TOPIC, [(b"a", b"1"), (b"b", b"2")])
    first.close()
    second = SqliteLog(tmp_path / "log.sqlite3", partitions=2)
    second.produce_sync(EVENTS_TOPIC, [(b"a", b"3")])
    consumer = second.consumer(EVENTS_TOPIC, None)
    values = sorted(r.value for r in consumer.poll(0))
    assert values == [b"1", b"2", b"3"]
    p = partition_for(b"a", 2, 0)
    expected = sum(1 for key in (b"a", b"b", b"a") if partition_for(key, 2, 0) == p)
    assert second.end_offset(EVENTS_TOPIC, p) == expected  # offsets continue after a reopen
    second.close()


def test_transaction_commits_output_and_offsets_together(log: SqliteLog) -> None:
    log.produce_sync(EVENTS_TOPIC, [(b"a", b"x")] * 4)
    consumer = log.consumer(EVENTS_TOPIC, "g")
    records = consumer.poll(0)
    p = records[0].partition
    consumer.commit_transaction([Outgoing(ROLLUPS_TOPIC, b"site", b"rollup")], {p: records[-1].offset + 1})
    assert consumer.committed(p) == 4
    again = log.consumer(EVENTS_TOPIC, "g")
    assert again.position(p) == 4  # a restarted member resumes after the committed offset
    assert again.poll(0) == []
    rollups = log.consumer(ROLLUPS_TOPIC, None).poll(0)
    assert [r.value for r in rollups] == [b"rollup"]


def test_poll_wakes_on_append(log: SqliteLog) -> None:
    consumer = log.consumer(EVENTS_TOPIC, None)
    assert consumer.poll(0) == []
    got: list[int] = []

    def wait() -> None:
        got.extend(len(consumer.poll(10)) for _ in range(1))

    waiter = threading.Thread(target=wait)
    waiter.start()
    log.produce_sync(EVENTS_TOPIC, [(b"a", b"1")])
    waiter.join(15)
    assert got == [1]


def test_offset_for_time_bisects(log: SqliteLog) -> None:
    log.produce_sync(EVENTS_TOPIC, [(b"a", b"1")])
    consumer = log.consumer(EVENTS_TOPIC, None)
    p = partition_for(b"a", 3, 0)
    first = consumer.poll(0)[0]
    assert consumer.offset_for_time(p, first.timestamp) == 0
    assert consumer.offset_for_time(p, first.timestamp + 1) == 1
    assert consumer.offset_for_time(p, 0) == 0


def test_closed_log_refuses_writes(tmp_path: Path) -> None:
    from ingest_server.eventlog import LogUnavailable

    backend = SqliteLog(tmp_path / "log.sqlite3")
    backend.close()
    with pytest.raises(LogUnavailable):
        backend.produce_sync(EVENTS_TOPIC, [(b"a", b"1")])
