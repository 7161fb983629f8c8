"""Benchmark 4: SSE fan-out to 5,000 concurrent stream clients, one update a second.

Clients live in two separate processes (raw asyncio sockets, 2,500 each). One
extra client connects and then stops reading (a tiny receive buffer): it must
not delay the others. Delivery time = a client's receive time − the ``ts``
the server put in the snapshot when it published it (same machine, same
clock). RSS per client = (server RSS with every client connected − RSS before
any) / clients.

activity-tracker: ``serve`` on the embedded log; one beacon a second to the
site makes the aggregator commit, and the broadcaster publish, a new snapshot.
Baseline: ``sse_baseline_app.py``, a bare sse-starlette app broadcasting the
same snapshot payload once a second, with the same clients in the same run.

    python bench/fanout.py clients --port 8000 --n 2500     (reads STOP on stdin)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    CHROME_UA,
    ROOT,
    Row,
    Section,
    Server,
    Workdir,
    bench_app,
    http_get,
    percentile,
    raise_nofile,
    tracker_server,
)

SITE = "fanout.example"
PROCESSES = 2


async def _client(port: int, delays: list[tuple[float, float]], connected: list[int], stop: asyncio.Event,
                  stall: bool = False) -> None:
    for attempt in range(20):
        try:
            sock = socket.socket()
            if stall:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.setblocking(False)
            await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
            reader, writer = await asyncio.open_connection(sock=sock)
            writer.write(f"GET /api/stream?site={SITE} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                         f"User-Agent: {CHROME_UA}\r\n\r\n".encode())
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 60)
            if b" 200 " not in head.split(b"\r\n", 1)[0]:
                raise ConnectionError(head[:80].decode(errors="replace"))
            break
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError):
            await asyncio.sleep(0.2 * (attempt + 1))
    else:
        return
    connected[0] += 1
    if stall:  # never read again: the server's send to this client blocks once the buffers are full
        await stop.wait()
        writer.close()
        return
    buffer = b""
    while not stop.is_set():
        try:
            chunk = await reader.read(65536)
        except OSError:
            break
        if not chunk:
            break
        now = time.time() * 1000
        buffer += chunk
        *lines, buffer = buffer.split(b"\r\n")
        for line in lines:
            if line.startswith(b"data: "):
                at = line.find(b'"ts":')
                if at >= 0:
                    end = at + 5
                    while line[end:end + 1].isdigit():
                        end += 1
                    delays.append((now, now - int(line[at + 5:end])))
    writer.close()


async def clients(port: int, n: int, stall: int) -> None:
    delays: list[tuple[float, float]] = []
    connected = [0]
    stop = asyncio.Event()
    tasks = []
    for i in range(n):
        tasks.append(asyncio.create_task(_client(port, delays, connected, stop)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)  # under the listen backlog
    for _ in range(stall):
        tasks.append(asyncio.create_task(_client(port, delays, connected, stop, stall=True)))
    deadline = time.monotonic() + 120
    while connected[0] < n + stall and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    print(f"READY {connected[0]}", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)  # STOP
    stop.set()
    for task in tasks:
        task.cancel()
    print(json.dumps({"connected": connected[0], "delays": delays}), flush=True)


def _start_clients(port: int, n: int) -> list[subprocess.Popen[str]]:
    procs = []
    for i in range(PROCESSES):
        procs.append(subprocess.Popen(
            [sys.executable, __file__, "clients", "--port", str(port), "--n", str(n // PROCESSES),
             "--stall", "1" if i == 0 else "0"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT, preexec_fn=raise_nofile,
        ))
    return procs


def _run(server: Server, n: int, seconds: float, tick: None | object = None) -> dict[str, float]:
    """Connect ``n`` clients (+1 stalled), measure ``seconds`` of updates, return delivery and memory figures."""
    time.sleep(1)
    rss_before = server.rss()
    procs = _start_clients(server.port, n)
    connected = 0
    try:
        for proc in procs:
            line = proc.stdout.readline() if proc.stdout else ""
            connected += int(line.split()[1]) if line.startswith("READY") else 0
        time.sleep(2)
        rss_after = server.rss()
        window_start = time.time() * 1000
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if callable(tick):
                tick()
            time.sleep(max(0.0, min(1.0, end - time.monotonic())))
        window_end = time.time() * 1000
        delays: list[float] = []
        for proc in procs:
            out, _ = proc.communicate("STOP\n", timeout=120)
            result = json.loads(out.strip().splitlines()[-1])
            delays += [d for at, d in result["delays"] if window_start <= at <= window_end]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    return {
        "connected": connected, "deliveries": len(delays),
        "p50_ms": percentile(delays, 50), "p99_ms": percentile(delays, 99), "max_ms": max(delays, default=0.0),
        "rss_per_client_kb": (rss_after - rss_before) / max(1, connected) / 1024,
        "rss_before_mb": rss_before / 2**20, "rss_after_mb": rss_after / 2**20,
    }


def _beacon_sender(server: Server) -> object:
    counter = [0]

    def send() -> None:
        counter[0] += 1
        k = counter[0]
        body = orjson.dumps({"site": SITE, "events": [
            {"id": f"f{time.time_ns()}-{k}", "type": "pageview", "ts": int(time.time() * 1000),
             "url": f"https://{SITE}/page-{k % 10}"}]})
        import urllib.request

        req = urllib.request.Request(server.url + "/api/collect", data=body, method="POST",
                                     headers={"Content-Type": "text/plain", "User-Agent": CHROME_UA})
        with urllib.request.urlopen(req, timeout=10) as resp:
            resp.read()

    return send


def bench(quick: bool) -> Section:
    section = Section("4. SSE fan-out")
    n = 500 if quick else 5000
    seconds = 5 if quick else 20
    with Workdir("fanout") as root:
        with tracker_server(root / "data", "--max-streams", "20000", name="fanout") as server:
            send = _beacon_sender(server)
            for _ in range(3):  # a realistic snapshot: some pages, types and latest events
                send()
            time.sleep(1.5)
            status, payload = http_get(f"{server.url}/api/snapshot?site={SITE}")
            if status != 200:
                raise RuntimeError(f"/api/snapshot answered {status}")
            (root / "snapshot.json").write_bytes(payload)
            ours = _run(server, n, seconds, tick=send)
        with bench_app("sse_baseline_app", "--payload", str(root / "snapshot.json")) as baseline:
            base = _run(baseline, n, seconds)
    ratio = ours["p99_ms"] / base["p99_ms"] if base["p99_ms"] else float("nan")
    section.rows.append(Row(
        "4 SSE fan-out", f"p99 delivery, {ours['connected'] - 1:,} clients + 1 stalled, 1 update/s",
        f"p99 {ours['p99_ms']:.0f} ms (p50 {ours['p50_ms']:.0f} ms)",
        f"bare sse-starlette: p99 {base['p99_ms']:.0f} ms (p50 {base['p50_ms']:.0f} ms)",
        f"{ratio:.2f}", "p99 ≤ 1 s and ≤ 1.5× baseline", ours["p99_ms"] <= 1000 and ratio <= 1.5,
    ))
    section.rows.append(Row(
        "4 SSE fan-out", "server RSS per stream client",
        f"{ours['rss_per_client_kb']:.1f} KB", f"bare sse-starlette: {base['rss_per_client_kb']:.1f} KB",
        f"{ours['rss_per_client_kb'] / base['rss_per_client_kb']:.2f}" if base["rss_per_client_kb"] > 0 else "n/a",
        "(report)", None,
    ))
    section.notes.append(
        f"{seconds} s measured after all clients connected; deliveries counted: ours {ours['deliveries']:,}, "
        f"baseline {base['deliveries']:,}; max delivery ours {ours['max_ms']:.0f} ms, baseline {base['max_ms']:.0f} ms. "
        f"Server RSS ours {ours['rss_before_mb']:.0f} → {ours['rss_after_mb']:.0f} MB, baseline "
        f"{base['rss_before_mb']:.0f} → {base['rss_after_mb']:.0f} MB. Payload {len(payload):,} bytes. "
        "One client stopped reading for the whole run; the p99 above is over every other client, so a stalled "
        "client that delayed the rest would show here."
    )
    return section


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["clients", "bench"])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--n", type=int, default=2500)
    parser.add_argument("--stall", type=int, default=0)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.what == "clients":
        raise_nofile()
        try:
            import uvloop

            uvloop.install()
        except ImportError:
            pass
        asyncio.run(clients(args.port, args.n, args.stall))
    else:
        print(bench(args.quick))


if __name__ == "__main__":
    main()
