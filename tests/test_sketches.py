from __future__ import annotations

import random

import pytest

from ingest_server.sketches import SketchError, UniqueCounter, union


def ids(seed: int, n: int) -> list[int]:
    rng = random.Random(seed)
    return [rng.getrandbits(63) for _ in range(n)]


def counter_of(items: list[int]) -> UniqueCounter:
    counter = UniqueCounter()
    for item in items:
        counter.add(item)
    return counter


def test_empty() -> None:
    assert UniqueCounter().estimate() == 0
    assert union([]).estimate() == 0


@pytest.mark.parametrize("seed", range(5))
def test_exact_up_to_a_thousand(seed: int) -> None:
    counter = UniqueCounter()
    items = ids(seed, 1000)
    for n, item in enumerate(items, start=1):
        counter.add(item)
        counter.add(item)  # repeats never count
        assert counter.estimate() == n


def test_extreme_ids() -> None:
    counter = counter_of([0, 1, -1, 2**63 - 1, -(2**63)])
    assert counter.estimate() == 5


@pytest.mark.parametrize("item", [2**63, -(2**63) - 1, 2**64])
def test_ids_beyond_64_bits_are_refused(item: int) -> None:
    with pytest.raises(ValueError, match="signed 64-bit"):
        UniqueCounter().add(item)


@pytest.mark.parametrize("seed", [7, 8])
def test_error_within_two_percent_at_100k(seed: int) -> None:
    items = ids(seed, 100_000) * 2  # every visitor seen twice
    random.Random(seed).shuffle(items)
    counter = counter_of(items)
    exact = len(set(items))
    assert abs(counter.estimate() - exact) / exact <= 0.02


def test_merge_disjoint_and_overlapping() -> None:
    a = counter_of(list(range(0, 600)))
    b = counter_of(list(range(600, 1000)))
    c = counter_of(list(range(300, 900)))
    a.merge(b)
    assert a.estimate() == 1000
    b.merge(c)
    assert b.estimate() == 700  # 300..999
    assert c.estimate() == 600  # the argument is left alone


def test_merge_large_sketches() -> None:
    shared = ids(1, 30_000)
    a = counter_of(shared + ids(2, 30_000))
    b = counter_of(shared + ids(3, 30_000))
    a.merge(b)
    assert abs(a.estimate() - 90_000) / 90_000 <= 0.02


def test_union_of_many() -> None:
    parts = [counter_of(list(range(i * 100, i * 100 + 150))) for i in range(10)]  # overlaps of 50
    assert union(parts).estimate() == 1050
    assert [p.estimate() for p in parts] == [150] * 10


@pytest.mark.parametrize("n", [0, 10, 1000, 100_000])
def test_round_trip(n: int) -> None:
    counter = counter_of(ids(n, n))
    copy = UniqueCounter.from_bytes(counter.to_bytes())
    assert copy.estimate() == counter.estimate()
    copy.add(-5)  # still a working counter
    assert copy.estimate() >= counter.estimate()


@pytest.mark.parametrize(("n", "max_bytes"), [(0, 8), (10, 64), (1000, 4200), (100_000, 8300)])
def test_serialised_size(n: int, max_bytes: int) -> None:
    assert len(counter_of(ids(n, n)).to_bytes()) <= max_bytes


@pytest.mark.parametrize("data", [b"", b"garbage", b"\x00" * 40, counter_of(ids(1, 5000)).to_bytes()[:100]])
def test_from_bytes_refuses_garbage(data: bytes) -> None:
    with pytest.raises(SketchError, match="Cannot read a unique-count sketch"):
        UniqueCounter.from_bytes(data)
