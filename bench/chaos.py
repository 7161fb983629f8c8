"""Chaos test: beacons with known ids go through the system while its processes are killed (kill -9).

    scripts/chaos                                  # both modes, 60 s of faults each
    scripts/chaos --mode both --seconds 120        # a longer run
    scripts/chaos --short --json                   # the CI form (tests/test_chaos.py)

A load of beacons (several fake browsers, each event with a unique id) runs
while processes are killed with SIGKILL and restarted at random: the ``serve``
process on the embedded log; or, on Kafka, the collector, two aggregators in one
group, the dashboard and the broker itself (a private ``scripts/kafka-dev``
broker with its own ports and data directory, never the shared one). A beacon
that fails is retried later with the same ids and User-Agent, as the snippet
does; some acknowledged beacons are sent again, as by a client that never saw
the 202. When the time is up, every process is brought back, every beacon not
yet acknowledged is sent until it is, and the dashboard's snapshot must then
count every event exactly once, per event type. See docs/chaos.md.

Exit status: 0 when nothing was lost or duplicated, 1 when something was, 2 when
the run itself could not be carried out.
"""

from __future__ import annotations

import argparse
import heapq
import http.client
import itertools
import json
import os
import queue
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, free_port, http_get  # noqa: E402

KAFKA_DEV = ROOT / "scripts" / "kafka-dev"
SITE = "chaos.example"
# Browser-like, so none is counted as a bot; one fake visitor each.
USER_AGENTS = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/12{v}.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:12{v}.0) Gecko/20100101 Firefox/12{v}.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_{v}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.{v} Safari/605.1.15",
    "Mozilla/5.0 (Linux; Android 14; Pixel {v}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
)
EVENT_TYPES = ("pageview", "click", "custom", "engagement", "outbound")
EVENT_WEIGHTS = (4, 3, 1, 1, 1)
SHORT_SECONDS = {"embedded": 20, "kafka": 40}  # the CI form
HTTP_TIMEOUT_S = 15.0  # the collector itself gives up on Kafka after 5 s and spools


def say(message: str) -> None:
    print(f"chaos: {message}", file=sys.stderr, flush=True)


# -- the load -----------------------------------------------------------------


@dataclass
class Beacon:
    ua: str
    body: bytes
    types: list[str]
    acked: bool = False
    attempts: int = 0
    source: str = "127.0.0.1"  # the client's address; --roam moves it


class Load:
    """Beacons at ``rate`` per second from fake browsers; a failed beacon is retried with the same ids."""

    def __init__(self, url: Callable[[], str], rate: float, visitors: int, resend: float, roam: float,
                 rng: random.Random, workers: int = 16) -> None:
        self.url = url
        self.rate = rate
        self.resend = resend
        self.roam = roam
        self.rng = rng
        self.user_agents = [USER_AGENTS[i % len(USER_AGENTS)].format(v=i // len(USER_AGENTS)) for i in range(visitors)]
        self.prefix = f"c{rng.randrange(16**8):08x}"
        self._next_event = 0
        self.beacons: list[Beacon] = []
        self.outcomes: Counter[str] = Counter()  # per send attempt
        self.resent_acked = 0  # acknowledged beacons sent again (a client that missed the 202)
        self.errors: list[str] = []  # answers that mean the script is wrong, not the system
        self._queue: queue.Queue[tuple[Beacon, bool]] = queue.Queue()
        self._later: list[tuple[float, int, Beacon, bool]] = []  # (due, seq, beacon, is_resend)
        self._seq = itertools.count()
        self._lock = threading.Lock()
        self._creating = threading.Event()
        self._closed = threading.Event()
        self._threads = [threading.Thread(target=self._worker, daemon=True) for _ in range(workers)]
        self._threads.append(threading.Thread(target=self._schedule, daemon=True))

    def start(self) -> None:
        self._creating.set()
        for t in self._threads:
            t.start()

    def stop_new(self) -> None:
        """No new beacons from now on; retries and resends go on."""
        self._creating.clear()

    def drain(self, timeout: float) -> bool:
        """Wait until every beacon is acknowledged and no resend is due; False after ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self._later and self._queue.unfinished_tasks == 0:
                    return True
            time.sleep(0.1)
        return False

    def close(self) -> None:
        self._closed.set()
        for t in self._threads:
            t.join(HTTP_TIMEOUT_S + 1)

    def events(self, acked_only: bool = False) -> Counter[str]:
        """Events per type, of every beacon made or only of the acknowledged ones."""
        with self._lock:
            beacons = [b for b in self.beacons if b.acked or not acked_only]
        return Counter(t for b in beacons for t in b.types)

    def _new_beacon(self, now_ms: int) -> Beacon:
        rng = self.rng
        first, self._next_event = self._next_event, self._next_event + rng.randint(1, 5)
        events = []
        for n in range(first, self._next_event):
            kind = rng.choices(EVENT_TYPES, EVENT_WEIGHTS)[0]
            event: dict[str, Any] = {"id": f"{self.prefix}-{n}", "type": kind, "ts": now_ms,
                                     "url": f"https://{SITE}/p{rng.randrange(12)}"}
            if kind == "custom":
                event["name"] = "signup"
            elif kind == "engagement":
                event.update(ms=rng.randrange(1000, 60_000), scroll=rng.randrange(101))
            elif kind == "outbound":
                event["target"] = "https://other.example/"
            events.append(event)
        body = json.dumps({"site": SITE, "events": events}).encode()
        return Beacon(rng.choice(self.user_agents), body, [e["type"] for e in events])

    def _schedule(self) -> None:
        next_new = time.monotonic()
        while not self._closed.is_set():
            now = time.monotonic()
            if not self._creating.is_set():
                next_new = now
            while self._creating.is_set() and now >= next_new:
                next_new += 1 / self.rate
                with self._lock:
                    beacon = self._new_beacon(int(time.time() * 1000))
                    self.beacons.append(beacon)
                    self._queue.put((beacon, False))
            with self._lock:
                while self._later and self._later[0][0] <= now:
                    _, _, beacon, resend = heapq.heappop(self._later)
                    self._queue.put((beacon, resend))  # inside the lock: drain() never sees it in neither place
            time.sleep(0.01)

    def _later_push(self, delay: float, beacon: Beacon, resend: bool) -> None:
        with self._lock:
            heapq.heappush(self._later, (time.monotonic() + delay, next(self._seq), beacon, resend))

    def _worker(self) -> None:
        while not self._closed.is_set():
            try:
                beacon, resend = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            try:
                self._attempt(beacon, resend)
            finally:
                self._queue.task_done()

    def _attempt(self, beacon: Beacon, resend: bool) -> None:
        if beacon.acked and not resend:
            return
        if beacon.attempts and self.rng.random() < self.roam:  # a phone that changed networks before retrying
            beacon.source = f"127.0.{self.rng.randrange(256)}.{self.rng.randrange(1, 255)}"
        beacon.attempts += 1
        outcome, retry_after = self._post(beacon)
        with self._lock:
            self.outcomes[outcome] += 1
            if resend:
                self.resent_acked += 1
                return
            if outcome == "202":
                beacon.acked = True
                if self.rng.random() < self.resend:
                    heapq.heappush(self._later, (time.monotonic() + self.rng.uniform(0.5, 10), next(self._seq),
                                                 beacon, True))
                return
        backoff = retry_after or min(4.0, 0.25 * 2 ** min(beacon.attempts, 5))
        self._later_push(backoff * self.rng.uniform(0.5, 1.0), beacon, False)

    def _post(self, beacon: Beacon) -> tuple[str, float | None]:
        """One attempt: ("202" | "refused" | "unknown" | "<status>", Retry-After)."""
        host, _, port = self.url().removeprefix("http://").partition(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=HTTP_TIMEOUT_S, source_address=(beacon.source, 0))
        try:
            conn.request("POST", "/api/collect", beacon.body,
                         {"Content-Type": "text/plain", "User-Agent": beacon.ua})
            resp = conn.getresponse()
            body = resp.read()
        except ConnectionRefusedError:
            return "refused", None  # nothing reached a server: certainly not stored
        except (OSError, http.client.HTTPException):
            return "unknown", None  # reset or timed out: maybe stored, maybe not
        finally:
            conn.close()
        if resp.status == 202:
            answer = json.loads(body)
            if answer.get("accepted") != len(beacon.types):
                self.errors.append(f"202 without every event accepted: {body[:300]!r}")
            return "202", None
        if resp.status not in (429, 503):
            self.errors.append(f"/api/collect answered {resp.status}: {body[:300]!r}")
        retry_after = resp.getheader("retry-after")
        return str(resp.status), min(5.0, float(retry_after)) if retry_after else None


# -- the processes --------------------------------------------------------------


class Role:
    """One ``activity-tracker`` process, restarted on the same port and data directory after each kill."""

    def __init__(self, name: str, command: str, workdir: Path, *args: str) -> None:
        self.name = name
        self.port = free_port()
        self.cmd = [sys.executable, "-m", "ingest_server.cli", command, "--port", str(self.port),
                    "--data-dir", str(workdir / name), *args]
        self.log_path = workdir / f"{name}.log"
        workdir.mkdir(parents=True, exist_ok=True)
        self.proc: subprocess.Popen[bytes] | None = None
        self.kills = 0
        self.exits = 0  # exits nobody asked for (e.g. started while the broker was away)
        self.restart_at: float | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def spawn(self) -> None:
        with open(self.log_path, "ab") as log:
            log.write(f"--- chaos: start at {time.strftime('%H:%M:%S')}\n".encode())
            log.flush()
            self.proc = subprocess.Popen(self.cmd, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                                         env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def up(self) -> bool:
        return self.alive()

    def kill9(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self.kills += 1

    def ready(self) -> bool:
        try:
            return http_get(self.url + "/readyz", timeout=2)[0] == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def supervise(self, now: float) -> None:
        """Restart when due, like a service manager; one that exited by itself is restarted a second later."""
        if self.alive():
            return
        if self.restart_at is None:
            self.exits += 1
            self.restart_at = now + 1
        if now >= self.restart_at:
            self.restart_at = None
            self.spawn()


class Broker(Role):
    """A private ``scripts/kafka-dev`` broker: its own data directory and ports, never the shared one."""

    def __init__(self, directory: Path, port: int, controller_port: int) -> None:
        self.name = "broker"
        self.port = port
        self.bootstrap = f"127.0.0.1:{port}"
        self.directory = directory
        self.env = {**os.environ, "KAFKA_DEV_DIR": str(directory), "KAFKA_PORT": str(port),
                    "KAFKA_CONTROLLER_PORT": str(controller_port)}
        self.log_path = directory / "chaos-kafka-dev.log"
        self.proc = None  # `kafka-dev start` while it runs
        self.kills = 0
        self.exits = 0
        self.restart_at = None
        self._started = False  # the last `kafka-dev start` succeeded

    def _kafka_dev(self, *args: str, timeout: float = 180) -> None:
        result = subprocess.run([str(KAFKA_DEV), *args], env=self.env, capture_output=True, text=True,
                                timeout=timeout, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise RuntimeError(f"kafka-dev {' '.join(args)} failed:\n{result.stderr[-2000:]}")

    def start_fresh(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self._kafka_dev("stop", "--kill")  # a broker a previous run left behind, in this directory only
        self._kafka_dev("start")
        self._started = True

    def spawn(self) -> None:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen([str(KAFKA_DEV), "start", "--keep-data"], env=self.env,
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)

    def _pid_alive(self) -> bool:
        try:
            pid = int((self.directory / "kafka.pid").read_text())
            return Path(f"/proc/{pid}").exists()
        except (OSError, ValueError):
            return False

    def alive(self) -> bool:
        if self.proc is not None:
            if self.proc.poll() is None:
                return True  # still starting
            self._started, self.proc = self.proc.returncode == 0, None
        return self._started and self._pid_alive()

    def up(self) -> bool:
        return self.proc is None and self.alive()

    def kill9(self) -> None:
        self._kafka_dev("stop", "--kill", timeout=30)
        self._started = False
        self.kills += 1

    def ready(self) -> bool:
        return self.up()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.wait(180)
        self._kafka_dev("stop", timeout=120)


# -- one run --------------------------------------------------------------------


@dataclass
class Faults:
    interval: tuple[float, float]  # seconds between kills
    downtime: tuple[float, float]  # seconds a killed process stays down
    broker_downtime: tuple[float, float] = (1.0, 5.0)


@dataclass
class Traffic:
    rate: float  # new beacons per second
    roam: float  # share of retries sent from another client address


@dataclass
class Result:
    mode: str
    seconds: float
    kills: dict[str, int]
    exits: dict[str, int]
    beacons: int
    attempts: dict[str, int]
    resent_acked: int
    sent: int
    acked_live: int
    acked: int
    counted: int
    lost: int
    duplicated: int
    expected_types: dict[str, int]
    counted_types: dict[str, int]
    bots: int
    spooled: int | None  # records the collector spooled while the broker was away, then sent on
    settle_s: float
    wall_s: float
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicated == 0 and self.acked == self.sent and not self.notes


def snapshot(url: str) -> dict[str, Any] | None:
    try:
        status, body = http_get(f"{url}/api/snapshot?site={SITE}&period=7d", timeout=5)
    except OSError:
        return None
    return json.loads(body) if status == 200 else None


def settle(url: str, expected: Counter[str], timeout: float, hold: float) -> tuple[Counter[str], int, float]:
    """Poll the snapshot until its counts per event type reach ``expected`` (or pass it: a duplicate), then
    wait ``hold`` seconds more, so that a late double count would show; (counts, bots, seconds waited)."""
    started = time.monotonic()
    counted: Counter[str] = Counter()
    bots = 0
    while time.monotonic() - started < timeout:
        snap = snapshot(url)
        if snap is not None:
            counted, bots = Counter(dict(snap["event_types"])), snap["totals"].get("bots", 0)
            if snap["totals"]["events"] != sum(counted.values()):
                raise RuntimeError(f"totals.events {snap['totals']['events']} is not the sum of event_types {counted}")
            if counted == expected or any(counted[t] > expected[t] for t in counted):
                break
        time.sleep(0.5)
    waited = time.monotonic() - started
    time.sleep(hold)
    snap = snapshot(url)
    if snap is not None:
        counted, bots = Counter(dict(snap["event_types"])), snap["totals"].get("bots", 0)
    return counted, bots, waited


def spooled(collector: Role) -> int:
    """Records the collector drained from its spool to the broker, from its log (its metrics restart with it)."""
    lines = collector.log_path.read_text(errors="replace").splitlines()
    return sum(int(m.group(1)) for m in map(re.compile(r"drained (\d+) spooled records").search, lines) if m)


def run_chaos(mode: str, roles: list[Role], collector: Role, dashboard: Role, seconds: float, faults: Faults,
              traffic: Traffic, seed: int, settle_timeout: float) -> Result:
    """Load and faults for ``seconds``, then recovery, the final resend and the reconciliation."""
    started = time.monotonic()
    rng = random.Random(seed)
    rate = traffic.rate
    load = Load(lambda: collector.url, rate, visitors=12, resend=0.05, roam=traffic.roam, rng=random.Random(seed + 1))
    load.start()
    say(f"{mode}: load at {rate:g} beacons/s and faults for {seconds:g} s")
    end = time.monotonic() + seconds
    next_kill = time.monotonic() + rng.uniform(*faults.interval)
    while (now := time.monotonic()) < end:
        for role in roles:
            role.supervise(now)
        if now >= next_kill:
            victims = [r for r in roles if r.up()]
            if rng.random() < 0.75:  # mostly a process at work; now and then one still starting
                victims = [r for r in victims if r.ready()]
            if not victims:
                next_kill = now + 0.2
            else:
                fewest = min(r.kills for r in victims)  # random, but every role gets its share
                victim = rng.choice([r for r in victims if r.kills == fewest])
                victim.kill9()
                down = faults.broker_downtime if isinstance(victim, Broker) else faults.downtime
                victim.restart_at = now + rng.uniform(*down)
                say(f"{mode}: t={now - end + seconds:5.1f}s kill -9 {victim.name}, back in "
                    f"{victim.restart_at - now:.1f} s")
                next_kill = now + rng.uniform(*faults.interval)
        time.sleep(0.05)
    load.stop_new()
    acked_live = sum(load.events(acked_only=True).values())
    notes: list[str] = []

    say(f"{mode}: faults over; bringing every process back")
    for role in roles:
        if not role.alive():
            role.restart_at = time.monotonic()
    deadline = time.monotonic() + 180
    while not all(r.ready() for r in roles):
        if time.monotonic() > deadline:
            raise RuntimeError(f"not ready 180 s after the faults: {[r.name for r in roles if not r.ready()]}")
        for role in roles:
            role.supervise(time.monotonic())
        time.sleep(0.2)

    say(f"{mode}: every process is up; resending what was never acknowledged")
    if not load.drain(120):
        notes.append("some beacons were still not acknowledged 120 s after recovery")
    load.close()
    if load.errors:
        notes.extend(sorted(set(load.errors))[:5])
    expected_all, expected_acked = load.events(), load.events(acked_only=True)
    say(f"{mode}: waiting for the dashboard to count {sum(expected_all.values())} events")
    counted, bots, waited = settle(dashboard.url, expected_all, settle_timeout, hold=2.0)
    types = sorted(set(expected_all) | set(counted))
    lost = sum(max(0, expected_acked[t] - counted[t]) for t in types)
    duplicated = sum(max(0, counted[t] - expected_all[t]) for t in types)
    if bots:
        notes.append(f"{bots} events counted as bots")
    return Result(
        mode=mode, seconds=seconds, kills={r.name: r.kills for r in roles},
        exits={r.name: r.exits for r in roles if r.exits}, beacons=len(load.beacons),
        attempts=dict(load.outcomes), resent_acked=load.resent_acked, sent=sum(expected_all.values()),
        acked_live=acked_live, acked=sum(expected_acked.values()), counted=sum(counted.values()), lost=lost,
        duplicated=duplicated, expected_types=dict(expected_all), counted_types=dict(counted), bots=bots,
        spooled=spooled(collector) if mode == "kafka" else None,
        settle_s=round(waited, 1), wall_s=round(time.monotonic() - started, 1), notes=notes,
    )


def embedded(workdir: Path, seconds: float, traffic: Traffic, seed: int) -> Result:
    serve = Role("serve", "serve", workdir)
    try:
        serve.spawn()
        wait_ready([serve])
        return run_chaos("embedded", [serve], serve, serve, seconds, Faults((1.0, 4.0), (0.0, 2.0)), traffic, seed,
                         settle_timeout=60)
    finally:
        serve.stop()


def kafka(workdir: Path, seconds: float, traffic: Traffic, seed: int, broker: Broker) -> Result:
    say(f"kafka: starting a private broker on {broker.bootstrap} (data in {broker.directory})")
    broker.start_fresh()
    args = ("--kafka", broker.bootstrap)
    collector = Role("collector", "collect", workdir, *args)
    aggregators = [Role(f"aggregator-{i}", "aggregate", workdir, *args) for i in (1, 2)]
    dashboard = Role("dashboard", "dashboard", workdir, *args)
    processes = [collector, *aggregators, dashboard]
    try:
        # the collector first: a process that creates the topics may see one with no partitions yet
        # (ensure_topics describes them right after creating them), and a dashboard that does never gets ready
        collector.spawn()
        wait_ready([collector])
        for role in processes[1:]:
            role.spawn()
        wait_ready(processes)
        # an aggregator killed mid-transaction holds back read_committed readers until the broker aborts it
        # (transaction timeout, 60 s), and a killed group member's partitions wait for its session to expire
        return run_chaos("kafka", [broker, *processes], collector, dashboard, seconds,
                         Faults((2.0, 6.0), (0.0, 3.0), (1.0, 5.0)), traffic, seed, settle_timeout=150)
    finally:
        for role in processes:
            role.stop()
        broker.stop()


def wait_ready(roles: list[Role], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not all(r.ready() for r in roles):
        for role in roles:
            if not role.alive():
                raise RuntimeError(f"{role.name} exited at start; see {role.log_path}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"not ready after {timeout:g} s: {[r.name for r in roles if not r.ready()]}")
        time.sleep(0.2)


# -- the report -------------------------------------------------------------------


def table(results: list[Result]) -> str:
    def kills(r: Result) -> str:
        return ", ".join(f"{name} {n}" for name, n in r.kills.items())

    def attempts(r: Result) -> str:
        failed = {k: v for k, v in sorted(r.attempts.items()) if k != "202"}
        return ", ".join(f"{k} {v}" for k, v in failed.items()) or "none"

    rows: list[tuple[str, Callable[[Result], object]]] = [
        ("faults for", lambda r: f"{r.seconds:g} s (run {r.wall_s:g} s)"),
        ("kills (kill -9)", kills),
        ("unplanned exits", lambda r: ", ".join(f"{k} {v}" for k, v in r.exits.items()) or "none"),
        ("beacons sent", lambda r: f"{r.beacons} ({sum(r.attempts.values())} attempts)"),
        ("failed attempts", attempts),
        ("acked beacons re-sent", lambda r: r.resent_acked),
        ("records spooled by the collector", lambda r: "—" if r.spooled is None else r.spooled),
        ("events sent", lambda r: r.sent),
        ("events acked in the faults", lambda r: r.acked_live),
        ("events acked in the end", lambda r: r.acked),
        ("events counted", lambda r: r.counted),
        ("lost", lambda r: r.lost),
        ("duplicated", lambda r: r.duplicated),
        ("counts settled after", lambda r: f"{r.settle_s:g} s"),
        ("verdict", lambda r: "ok" if r.ok else "FAILED" + "".join(f"; {n}" for n in r.notes)),
    ]
    cells = [[label, *(str(get(r)) for r in results)] for label, get in rows]
    head = ["", *(r.mode for r in results)]
    widths = [max(len(row[i]) for row in [head, *cells]) for i in range(len(head))]

    def line(row: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()

    return "\n".join([line(head), line(["-" * w for w in widths]), *map(line, cells)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/chaos", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("embedded", "kafka", "both"), default="both")
    parser.add_argument("--seconds", type=float, default=None, help="Seconds of faults per mode (default 60).")
    parser.add_argument("--seed", type=int, default=None, help="Seeds the kill schedule and the load (default: random).")
    parser.add_argument("--rate", type=float, default=30.0, help="New beacons per second, 1-5 events each.")
    parser.add_argument("--roam", type=float, default=0.0,
                        help="Share of retries sent from another client address, as a phone that changed "
                        "networks (default 0; see docs/chaos.md).")
    parser.add_argument("--short", action="store_true", help="The CI form: 20 s embedded, 40 s Kafka.")
    parser.add_argument("--json", action="store_true", help="Print the results as JSON on stdout.")
    parser.add_argument("--workdir", type=Path, default=None, help="Data and logs (default: a temporary directory, "
                        "removed after a run without loss or duplicate).")
    parser.add_argument("--broker-dir", type=Path, default=ROOT / ".cache" / "kafka-chaos",
                        help="The private broker's KAFKA_DEV_DIR.")
    parser.add_argument("--broker-port", type=int, default=29192, help="The private broker's port.")
    parser.add_argument("--controller-port", type=int, default=29193, help="The private broker's controller port.")
    opts = parser.parse_args(argv)
    if opts.broker_dir.resolve() == (ROOT / ".cache" / "kafka").resolve():
        parser.error("--broker-dir .cache/kafka is the shared development broker's, and the chaos test kills "
                     "its broker: give a directory of its own")
    seed = opts.seed if opts.seed is not None else random.randrange(10**6)
    modes = ("embedded", "kafka") if opts.mode == "both" else (opts.mode,)
    workdir = opts.workdir or Path(tempfile.mkdtemp(prefix="chaos-"))
    workdir.mkdir(parents=True, exist_ok=True)
    say(f"seed {seed}; data and logs in {workdir}")

    traffic = Traffic(opts.rate, opts.roam)
    results: list[Result] = []
    errors: dict[str, str] = {}
    for mode in modes:
        seconds = opts.seconds or (SHORT_SECONDS[mode] if opts.short else 60)
        try:
            if mode == "embedded":
                results.append(embedded(workdir / "embedded", seconds, traffic, seed))
            else:
                broker = Broker(opts.broker_dir.resolve(), opts.broker_port, opts.controller_port)
                results.append(kafka(workdir / "kafka", seconds, traffic, seed, broker))
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            errors[mode] = str(exc)
            say(f"{mode}: the run could not be carried out: {exc}")
            continue
        say(f"{mode}: done\n{table(results[-1:])}")
    ok = all(r.ok for r in results) and not errors
    report = table(results) if results else "no run was completed"
    roam = f", {opts.roam:.0%} of retries roaming" if opts.roam else ""
    print(f"seed {seed}, {opts.rate:g} beacons/s{roam}\n{report}", file=sys.stderr if opts.json else sys.stdout)
    if opts.json:
        print(json.dumps({"ok": ok, "seed": seed, "rate": opts.rate, "roam": opts.roam, "errors": errors,
                          "runs": [{**r.__dict__, "ok": r.ok} for r in results]}, indent=2))
    if ok and opts.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    elif not ok:
        say(f"logs in {workdir}")
    if any(not r.ok for r in results):
        return 1
    return 2 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
