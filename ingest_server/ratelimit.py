"""Rate limits for ``/api/collect``: token buckets per client IP and per site, off until configured.

A bucket holds up to ``burst`` beacons and refills at ``rate`` per second.
Memory is bounded: a bucket idle long enough to have refilled is exactly a new
one, so it is dropped; and past ``max_keys`` the least recently used goes.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import OrderedDict
from typing import Callable

from ingest_server.errors import HTTPError

BURST_S = 10.0  # a bucket holds this many seconds' worth of beacons (see docs/security.md)
MAX_KEYS = 100_000  # buckets kept per limiter: ~100 bytes each


class RateLimiter:
    def __init__(self, rate: float, burst: float | None = None, *, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = MAX_KEYS) -> None:
        if rate <= 0:
            raise ValueError("A rate limit must be positive; to turn it off, do not make a limiter")
        self.rate = rate
        self.burst = burst if burst is not None else max(1.0, rate * BURST_S)
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, updated); oldest first

    def __len__(self) -> int:
        return len(self._buckets)

    def hit(self, key: str, cost: float = 1.0) -> float:
        """Take ``cost`` from ``key``'s bucket: 0.0 if allowed, else the seconds until it would be."""
        now = self._clock()
        self._evict_full(now)
        found = self._buckets.pop(key, None)
        tokens = self.burst if found is None else min(self.burst, found[0] + (now - found[1]) * self.rate)
        wait = 0.0
        if tokens >= cost:
            tokens -= cost
        else:
            wait = (cost - tokens) / self.rate
        self._buckets[key] = (tokens, now)
        if len(self._buckets) > self._max_keys:
            self._buckets.popitem(last=False)
        return wait

    def _evict_full(self, now: float) -> None:
        refill_s = self.burst / self.rate  # after this long untouched, any bucket is full again
        while self._buckets:
            tokens, updated = next(iter(self._buckets.values()))
            if now - updated < refill_s:
                return
            self._buckets.popitem(last=False)


def client_key(ip: str) -> str:
    """The unit an IP limit counts: the address, or its /64 for IPv6 (one host usually owns a whole /64)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network((address, 64), strict=False))
    return str(address)


class CollectLimits:
    """The collector's two limits; either may be off (``None``)."""

    def __init__(self, per_ip: RateLimiter | None = None, per_site: RateLimiter | None = None) -> None:
        self.per_ip = per_ip
        self.per_site = per_site

    @classmethod
    def from_rates(cls, ip_rate: float, site_rate: float) -> CollectLimits:
        """Limits from the ``--rate-limit-ip`` / ``--rate-limit-site`` settings (beacons per second, 0: off)."""
        return cls(RateLimiter(ip_rate) if ip_rate > 0 else None, RateLimiter(site_rate) if site_rate > 0 else None)

    def check_ip(self, ip: str) -> None:
        if self.per_ip is not None:
            _refuse(self.per_ip.hit(client_key(ip)), f"more than {self.per_ip.rate:g} beacons per second from this address")

    def check_site(self, site: str) -> None:
        if self.per_site is not None:
            _refuse(self.per_site.hit(site), f"more than {self.per_site.rate:g} beacons per second for {site}")


def _refuse(wait: float, what: str) -> None:
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        raise HTTPError(429, "rate", f"{what}; retry in {seconds} s", headers={"retry-after": str(seconds)})
