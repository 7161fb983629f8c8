"""Run a real ``activity-tracker`` server as a subprocess, for tests that need one."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

CHROME_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServeProcess:
    def __init__(self, data_dir: Path, *args: str, command: str = "serve", port: int | None = None) -> None:
        self.data_dir = data_dir
        self.args = args
        self.command = command
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = data_dir.parent / f"{data_dir.name}-{self.command}-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> ServeProcess:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        cmd = [sys.executable, "-m", "ingest_server.cli", self.command, "--port", str(self.port),
               "--data-dir", str(self.data_dir), *self.args]
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log_path.read_text()[-3000:]}")
            try:
                if self.get("/readyz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.kill9()
        raise RuntimeError(f"server not ready after {timeout}s:\n{self.log_path.read_text()[-3000:]}")

    def kill9(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.kill9()

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        req = urllib.request.Request(self.url + path, data=body, method=method,
                                     headers={"User-Agent": CHROME_UA, **(headers or {})})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    def get(self, path: str) -> tuple[int, bytes]:
        return self.request("GET", path)

    def collect(self, payload: dict[str, Any], headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
        status, body = self.request("POST", "/api/collect", json.dumps(payload).encode(),
                                    {"Content-Type": "text/plain", **(headers or {})})
        return status, json.loads(body)

    def snapshot(self, site: str, **params: str) -> dict[str, Any]:
        query = "&".join(f"{k}={v}" for k, v in {"site": site, **params}.items())
        status, body = self.get(f"/api/snapshot?{query}")
        if status != 200:
            raise RuntimeError(f"snapshot answered {status}: {body[:300]!r}")
        return json.loads(body)

    def wait_for_totals(self, site: str, key: str, expected: int, timeout: float = 30, **params: str) -> dict[str, Any]:
        """Poll the snapshot until totals[key] == expected (bounded); return the last snapshot."""
        deadline = time.monotonic() + timeout
        snap = self.snapshot(site, **params)
        while snap["totals"][key] != expected and time.monotonic() < deadline:
            time.sleep(0.1)
            snap = self.snapshot(site, **params)
        return snap
