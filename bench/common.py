"""What every benchmark shares: servers in subprocesses, the machine, percentiles, results.

Every figure a benchmark reports is a ratio to a baseline measured in the same
run (the machine is shared and noisy), with the absolute value beside it.
"""

from __future__ import annotations

import datetime
import os
import platform
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

import psutil

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CHROME_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
KAFKA = os.environ.get("BENCH_KAFKA", "127.0.0.1:19092")


@dataclass
class Row:
    """One line of the results table."""

    bench: str
    metric: str
    value: str  # the absolute figure, with its unit
    baseline: str  # what it is compared with, and that figure
    ratio: str  # value / baseline, as the target states it
    target: str
    met: bool | None  # None: no target


@dataclass
class Section:
    """One benchmark's rows and the notes (profiles, limits) that go under the table."""

    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def raise_nofile(limit: int = 20_000) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < limit:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(limit, hard), hard))


class Server:
    """A server in a subprocess: ``activity-tracker`` itself or one of the bench's baseline apps."""

    def __init__(self, cmd: Sequence[str], port: int, name: str, env: dict[str, str] | None = None,
                 ready_path: str = "/healthz") -> None:
        self.cmd = list(cmd)
        self.port = port
        self.name = name
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT), **(env or {})}
        self.ready_path = ready_path
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = Path(tempfile.gettempdir()) / f"bench-{name}-{port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        if self.proc is None:
            raise RuntimeError("The server has not been started")
        return self.proc.pid

    def start(self, timeout: float = 90) -> Server:
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(self.cmd, stdout=log, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT,
                                         preexec_fn=raise_nofile)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                if http_get(self.url + self.ready_path, timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} not ready after {timeout:g}s:\n{self.log.read_text()[-3000:]}")

    def rss(self) -> int:
        return int(psutil.Process(self.pid).memory_info().rss)

    def cpu_seconds(self) -> float:
        times = psutil.Process(self.pid).cpu_times()
        return float(times.user + times.system)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def tracker_server(data_dir: Path, *args: str, command: str = "serve", name: str = "tracker") -> Server:
    """``activity-tracker <command>`` exactly as a user runs it (same uvicorn settings: cli.run)."""
    port = free_port()
    cmd = [sys.executable, "-m", "ingest_server.cli", "--log-level", "warning", command, "--port", str(port),
           "--data-dir", str(data_dir), *args]
    return Server(cmd, port, name, ready_path="/readyz")


def bench_app(module: str, *args: str, name: str | None = None) -> Server:
    """One of the bench's own apps (``bench/<module>.py``), served by uvicorn like ``serve`` (see ``serving.py``)."""
    port = free_port()
    cmd = [sys.executable, str(BENCH / f"{module}.py"), "--port", str(port), *args]
    return Server(cmd, port, name or module)


def http_get(url: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def metric(server: Server, name: str) -> float:
    """A Prometheus counter from the server's /metrics (summed over labels)."""
    status, body = http_get(server.url + "/metrics")
    if status != 200:
        raise RuntimeError(f"/metrics answered {status}")
    total = 0.0
    for line in body.decode().splitlines():
        if line.startswith(name) and not line.startswith("#"):
            head, _, value = line.rpartition(" ")
            if head == name or head.startswith(name + "{"):
                total += float(value)
    return total


def percentile(values: Sequence[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = psutil.virtual_memory().total / 2**30
    return {
        "cores": str(os.cpu_count()),
        "cpu": model,
        "memory": f"{mem:.0f} GiB",
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load": "%.2f %.2f %.2f" % os.getloadavg(),
    }


@dataclass
class Workdir:
    """A data directory on local disk, removed afterwards."""

    prefix: str
    path: Path = field(init=False)

    def __enter__(self) -> Path:
        self.path = Path(tempfile.mkdtemp(prefix=f"bench-{self.prefix}-", dir="/var/tmp"))
        return self.path

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def fmt_rate(x: float, unit: str = "events/s") -> str:
    return f"{x:,.0f} {unit}"


def fmt_ratio(x: float, suffix: str = "") -> str:
    return f"{x:.2f}{suffix}"


def mean(xs: Iterator[float] | Sequence[float]) -> float:
    xs = list(xs)
    return sum(xs) / len(xs) if xs else float("nan")


def run_quiet(cmd: Sequence[str], timeout: float, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(cmd), capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, preexec_fn=raise_nofile)


def describe_exc(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}"


def kafka_up(bootstrap: str = KAFKA) -> bool:
    host, _, port = bootstrap.partition(",")[0].rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    except OSError:
        return False


def env_flag(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0")


def short(obj: Any, n: int = 200) -> str:
    text = str(obj)
    return text if len(text) <= n else text[:n] + "…"
