"""Load from a separate process: ``wrk`` with ``beacon.lua`` (unique event ids in every request)."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
from dataclasses import dataclass

from bench.common import BENCH, CHROME_UA


@dataclass
class LoadResult:
    requests: int  # answered 202
    other: int  # any other answer
    seconds: float
    events_per_request: int
    latency_p50_ms: float
    latency_p99_ms: float

    @property
    def beacons_per_s(self) -> float:
        return self.requests / self.seconds

    @property
    def events_per_s(self) -> float:
        return self.requests * self.events_per_request / self.seconds


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(m.group(1)) * _UNITS_MS[m.group(2)] if m else float("nan")


def wrk(url: str, *, seconds: float, events: int = 20, connections: int = 32, threads: int = 1,
        max_requests: int = 2_000_000, site: str = "example.com") -> LoadResult:
    """POST beacons of ``events`` events to ``url``/api/collect for ``seconds`` (and at most ``max_requests``)."""
    env = {
        **os.environ,
        "BENCH_EVENTS": str(events),
        "BENCH_MAX_REQUESTS": str(max(1, max_requests // threads)),
        "BENCH_RUN": secrets.token_hex(4),
        "BENCH_SITE": site,
        "BENCH_UA": CHROME_UA,
    }
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:g}s", "--latency", "--timeout", "10s",
           "-s", str(BENCH / "beacon.lua"), url]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=seconds + 60).stdout
    found = re.search(r"BENCH accepted=(\d+) other=(\d+)", out)
    took = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", out)
    if not found or not took:
        raise RuntimeError(f"wrk gave no result:\n{out[-2000:]}")
    duration = _ms(took.group(2) + took.group(3)) / 1000
    p50 = re.search(r"50%\s+(\S+)", out)
    p99 = re.search(r"99%\s+(\S+)", out)
    return LoadResult(int(found.group(1)), int(found.group(2)), duration, events,
                      _ms(p50.group(1)) if p50 else float("nan"), _ms(p99.group(1)) if p99 else float("nan"))
