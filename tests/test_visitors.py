from __future__ import annotations

import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from ingest_server.visitors import DAY_MS, SaltStoreError, SqliteSaltStore, VisitorHasher

UA = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"
IP = "203.0.113.77"
DAY = 20_000  # a UTC day number
NOON = DAY * DAY_MS + DAY_MS // 2


class CountingStore:
    """A SaltStore in memory that records its calls."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def salts(self, day: int) -> tuple[bytes, bytes | None]:
        self.calls.append(day)
        return bytes([day % 256]) * 32, None if day == DAY else bytes([(day - 1) % 256]) * 32


def stored_days(path: Path) -> list[int]:
    with sqlite3.connect(path) as db:
        days = [row[0] for row in db.execute("SELECT day FROM salts ORDER BY day")]
    db.close()
    return days


def test_ids_are_stable_within_a_day(tmp_path: Path) -> None:
    hasher = VisitorHasher(SqliteSaltStore(tmp_path / "salts.db"))
    first = hasher.visitor_ids("example.com", IP, UA, NOON)
    assert hasher.visitor_ids("example.com", IP, UA, NOON + 3_600_000) == first
    assert hasher.visitor_ids("example.com", IP, UA, DAY * DAY_MS) == first
    assert hasher.visitor_ids("example.com", IP, UA, (DAY + 1) * DAY_MS - 1) == first


def test_ids_fit_a_signed_64_bit_integer(tmp_path: Path) -> None:
    hasher = VisitorHasher(SqliteSaltStore(tmp_path / "salts.db"))
    ids = [hasher.visitor_ids("example.com", f"198.51.100.{i}", UA, NOON)[0] for i in range(200)]
    assert all(0 <= i < 2**63 for i in ids)
    assert len(set(ids)) == 200
    assert max(ids) >= 2**62  # the whole 63-bit range is used


def test_ids_differ_across_sites_ips_and_user_agents(tmp_path: Path) -> None:
    hasher = VisitorHasher(SqliteSaltStore(tmp_path / "salts.db"))
    ids = {
        hasher.visitor_ids("example.com", IP, UA, NOON)[0],
        hasher.visitor_ids("example.org", IP, UA, NOON)[0],
        hasher.visitor_ids("example.com", "203.0.113.78", UA, NOON)[0],
        hasher.visitor_ids("example.com", IP, UA + " extra", NOON)[0],
        # the fields are kept apart: moving text from one to the next changes the id
        hasher.visitor_ids("example.com2", "03.0.113.77", UA, NOON)[0],
    }
    assert len(ids) == 5


def test_ids_rotate_across_days_and_yesterdays_id_is_returned(tmp_path: Path) -> None:
    hasher = VisitorHasher(SqliteSaltStore(tmp_path / "salts.db"))
    today, none = hasher.visitor_ids("example.com", IP, UA, NOON)
    assert none is None  # a fresh store has no salt for the day before
    tomorrow, yesterday = hasher.visitor_ids("example.com", IP, UA, NOON + DAY_MS)
    assert tomorrow != today
    assert yesterday == today


def test_processes_sharing_the_file_agree(tmp_path: Path) -> None:
    a = VisitorHasher(SqliteSaltStore(tmp_path / "salts.db"))
    b = VisitorHasher(SqliteSaltStore(tmp_path / "salts.db"))
    assert a.visitor_ids("example.com", IP, UA, NOON) == b.visitor_ids("example.com", IP, UA, NOON)


def test_salts_older_than_48_hours_are_deleted_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "salts.db"
    store = SqliteSaltStore(path)
    old, _ = store.salts(DAY)
    middle, previous = store.salts(DAY + 1)
    assert previous == old
    assert old in path.read_bytes()
    newest, previous = store.salts(DAY + 2)
    assert previous == middle
    assert stored_days(path) == [DAY + 1, DAY + 2]
    data = path.read_bytes()
    assert old not in data  # overwritten, not just unlinked
    assert middle in data and newest in data


def test_salts_are_random_and_kept(tmp_path: Path) -> None:
    store = SqliteSaltStore(tmp_path / "salts.db")
    first, _ = store.salts(DAY)
    assert len(first) == 32
    assert store.salts(DAY)[0] == first
    assert SqliteSaltStore(tmp_path / "salts.db").salts(DAY)[0] == first
    assert SqliteSaltStore(tmp_path / "other.db").salts(DAY)[0] != first


def test_salt_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "salts.db"
    SqliteSaltStore(path).salts(DAY)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_raw_ip_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "salts.db"
    hasher = VisitorHasher(SqliteSaltStore(path))
    for day in range(3):
        hasher.visitor_ids("example.com", IP, UA, NOON + day * DAY_MS)
        hasher.visitor_ids("example.com", "2001:db8::1", UA, NOON + day * DAY_MS)
    for file in tmp_path.iterdir():
        data = file.read_bytes()
        for needle in (IP, "2001:db8::1", "203.0.113", UA):
            assert needle.encode() not in data
            assert needle.encode("utf-16-le") not in data


def test_salts_are_fetched_once_per_day() -> None:
    store = CountingStore()
    hasher = VisitorHasher(store)
    for i in range(100):
        hasher.visitor_ids("example.com", f"198.51.100.{i}", UA, NOON + i)
    hasher.visitor_ids("example.com", IP, UA, NOON + DAY_MS)
    hasher.visitor_ids("example.com", IP, UA, NOON + DAY_MS + 1)
    assert store.calls == [DAY, DAY + 1]


def test_a_clock_stepping_back_keeps_the_newer_days_salts() -> None:
    store = CountingStore()
    hasher = VisitorHasher(store)
    newer = hasher.visitor_ids("example.com", IP, UA, NOON + DAY_MS)
    assert hasher.visitor_ids("example.com", IP, UA, NOON) == newer
    assert store.calls == [DAY + 1]


def test_threads_share_one_salt(tmp_path: Path) -> None:
    hasher = VisitorHasher(SqliteSaltStore(tmp_path / "salts.db"))
    results: list[tuple[int, int | None]] = []

    def work() -> None:
        results.append(hasher.visitor_ids("example.com", IP, UA, NOON))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1
    assert stored_days(tmp_path / "salts.db") == [DAY]


def test_unusable_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SaltStoreError, match="Cannot open the visitor salt store"):
        SqliteSaltStore(tmp_path)  # a directory
