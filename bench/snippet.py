"""Benchmark 6: the t.js snippet's size and its main-thread cost per page view in Chromium.

Size: gzip -9 and brotli (quality 11) of ``ingest_server/static/t.js``,
against the 1,536-byte budget and, for scale, Plausible's npm tracker 0.4.6
(``npm pack`` when the registry is reachable; otherwise its published 2,694 B).

Main-thread cost: a minimal page on a local static server loads t.js from
``activity-tracker serve`` (so its beacons really go out). Each page view is
traced (Chromium tracing, devtools.timeline): the cost is every renderer
main-thread task attributed to t.js — script evaluation (compile + run) and
the callbacks it scheduled (the batching timer that sends the page view) —
summed per page view and averaged over N views. The baseline is the whole
main-thread time of the same page view, from the same trace.
"""

from __future__ import annotations

import gzip
import http.server
import json
import statistics
import subprocess
import tarfile
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import brotli

from bench.common import ROOT, Row, Section, Workdir, free_port, tracker_server

BUDGET = 1536
PLAUSIBLE_PUBLISHED = 2694
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SITE = "snippet.example"


def _plausible_gzip() -> tuple[int, str]:
    cache = Path(tempfile.gettempdir()) / "bench-plausible-0.4.6"
    script = cache / "package" / "plausible.js"
    if not script.exists():
        try:
            cache.mkdir(exist_ok=True)
            subprocess.run(["npm", "pack", "@plausible-analytics/tracker@0.4.6", "--silent"], cwd=cache,
                           capture_output=True, timeout=90, check=True)
            with tarfile.open(next(cache.glob("*.tgz"))) as tar:
                tar.extractall(cache, filter="data")
        except (OSError, subprocess.SubprocessError, StopIteration, tarfile.TarError):
            return PLAUSIBLE_PUBLISHED, "published figure"
    return len(gzip.compress(script.read_bytes(), 9)), "measured here (npm pack, gzip -9)"


def _static_server(directory: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(directory), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    port = free_port()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    return httpd, port


def _main_thread_ms(trace: dict[str, Any]) -> tuple[float, float]:
    """(ms of main-thread tasks attributed to t.js, ms of all top-level main-thread tasks) in one trace."""
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"}
    ours = 0.0
    spans: list[tuple[float, float]] = []
    for e in events:
        if (e.get("pid"), e.get("tid")) not in main or e.get("ph") != "X":
            continue
        data = e.get("args", {}).get("data", {}) or {}
        name = str(e.get("name"))
        if "RunTask" not in name:  # the scheduler's task wrappers also cover idle waits: left out
            spans.append((e["ts"], e["ts"] + e.get("dur", 0)))
        if name in ("EvaluateScript", "FunctionCall", "v8.compile") and str(data.get("url", "")).endswith("/t.js"):
            ours += e.get("dur", 0) / 1000
    busy = 0.0
    end = float("-inf")
    for start, stop in sorted(spans):  # the union of the spans: nested events counted once
        if stop > end:
            busy += stop - max(start, end)
            end = stop
    return ours, busy / 1000


def _measure(page_url: str, views: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    ours: list[float] = []
    totals: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(views + 1):  # the first view warms the HTTP cache and V8's code cache out
                page = browser.new_page()
                browser.start_tracing(page=page, categories=["devtools.timeline", "toplevel"])
                page.goto(page_url, wait_until="load")
                page.wait_for_timeout(1500)  # t.js sends the page view on a 1 s batching timer
                raw = browser.stop_tracing()
                page.close()
                mine, total = _main_thread_ms(json.loads(raw))
                ours.append(mine)
                totals.append(total)
        finally:
            browser.close()
    return ours[1:], totals[1:]


def bench(quick: bool) -> Section:
    section = Section("6. Snippet")
    data = (ROOT / "ingest_server" / "static" / "t.js").read_bytes()
    gz = len(gzip.compress(data, 9))
    br = len(brotli.compress(data, quality=11))
    plausible, how = _plausible_gzip()
    section.rows.append(Row("6 snippet", "t.js gzip -9 / brotli", f"{gz:,} B / {br:,} B ({len(data):,} B raw)",
                            f"budget {BUDGET:,} B gzip; Plausible 0.4.6: {plausible:,} B gzip ({how})",
                            f"{gz / BUDGET:.2f} of budget; {gz / plausible:.2f} of Plausible", f"≤ {BUDGET:,} B gzip",
                            gz <= BUDGET))
    views = 3 if quick else 20
    with Workdir("snippet") as root:
        with tracker_server(root / "data", name="snippet") as server:
            static = root / "www"
            static.mkdir()
            (static / "index.html").write_text(
                "<!doctype html><html><head><title>bench</title>"
                f'<script defer src="{server.url}/t.js" data-site="{SITE}" data-track-localhost '
                'data-track-automation></script></head><body><h1>Hello</h1><a href="/x">x</a></body></html>'
            )
            httpd, port = _static_server(static)
            try:
                ours, totals = _measure(f"http://127.0.0.1:{port}/index.html", views)
            finally:
                httpd.shutdown()
            time.sleep(0.5)
    mean_ours = statistics.median(ours)  # medians: the shared machine makes single views swing widely
    mean_total = statistics.median(totals)
    section.rows.append(Row("6 snippet", f"t.js main-thread time per page view (Chromium, median of {views} views)",
                            f"{mean_ours:.2f} ms", f"the page view's whole main-thread busy time: {mean_total:.1f} ms",
                            f"{mean_ours / mean_total:.2f}" if mean_total else "n/a", "(report)", None))
    section.notes.append(
        f"Per view, t.js: min {min(ours):.2f} ms, mean {statistics.mean(ours):.2f} ms, max {max(ours):.2f} ms (script evaluation + its callbacks, "
        "incl. sending the page view); the page view's main-thread total includes parsing, style, layout and paint."
    )
    return section


if __name__ == "__main__":
    import sys

    print(bench("--quick" in sys.argv))
