"""Recent event ids, for counting a re-sent event once.

Ids are kept as 64-bit hashes of (site, id) in hourly buckets: the current
hour in a set, older hours sealed into sorted arrays (8 bytes an id), and
buckets older than the window dropped.
"""

from __future__ import annotations

import bisect
import hashlib
from array import array

_HOUR_MS = 3_600_000


def id_hash(site: str, event_id: str) -> int:
    digest = hashlib.blake2b(f"{site}\x00{event_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


class RecentIds:
    def __init__(self, window_ms: int) -> None:
        self.window_ms = window_ms
        self._open: dict[int, set[int]] = {}
        self._sealed: dict[int, array[int]] = {}
        self._newest_hour = 0

    def seen_or_add(self, site: str, event_id: str, ts_ms: int) -> bool:
        """True if this id was seen within the window; otherwise remember it and return False."""
        h = id_hash(site, event_id)
        for ids in self._open.values():
            if h in ids:
                return True
        for sealed in self._sealed.values():
            i = bisect.bisect_left(sealed, h)
            if i < len(sealed) and sealed[i] == h:
                return True
        hour = ts_ms - ts_ms % _HOUR_MS
        self._open.setdefault(hour, set()).add(h)
        if hour > self._newest_hour:
            self._newest_hour = hour
            self._rotate()
        return False

    def _rotate(self) -> None:
        for hour in [h for h in self._open if h < self._newest_hour]:
            self._sealed[hour] = array("Q", sorted(self._open.pop(hour)))
        oldest = self._newest_hour - self.window_ms - _HOUR_MS
        for hour in [h for h in self._sealed if h < oldest]:
            del self._sealed[hour]

    def __len__(self) -> int:
        return sum(map(len, self._open.values())) + sum(map(len, self._sealed.values()))
