"""``activity-tracker simulate``: a month of believable traffic, sent through the real collector.

Visitors come back on other days, arrive from search, social sites, other
sites, newsletters and ads (with UTM tags), browse a few pages on desktop,
phone or tablet browsers, click, follow outbound links, download files,
complete goals with properties, and report engagement; a few are bots. The
same seed and end time always give the same traffic.

Each visit is one beacon, posted with the visitor's browser User-Agent and a
made-up client address in ``X-Forwarded-For`` (from the IPv6 documentation
prefix), which the server only believes when it trusts this machine as a proxy:
``serve --forwarded-allow-ips 127.0.0.1``. Events older than a day are only
accepted by a server started with a longer ``--max-event-age`` (e.g. ``40d``).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import random
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import click
import orjson

DAY_MS = 86_400_000
HOUR_MS = 3_600_000
_BATCH = 256  # visits in flight at once: memory stays bounded however many are generated
_RETRIES = 5

# (weight, User-Agent): desktop and mobile browsers on several systems, and a few bots.
BROWSERS = (
    (30, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"),
    (12, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"),
    (8, "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"),
    (6, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"),
    (20, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"),
    (15, "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36"),
    (5, "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"),
    (4, "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36"),
)  # fmt: skip
BOTS = (
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
)
BOT_SHARE = 0.03
# (weight, referrer, UTM query): how visits arrive.
SOURCES = (
    (34, None, ""),
    (16, "https://www.google.com/", ""),
    (5, "https://www.bing.com/", ""),
    (4, "https://duckduckgo.com/", ""),
    (6, "https://news.ycombinator.com/", ""),
    (4, "https://t.co/x1", ""),
    (4, "https://www.reddit.com/r/selfhosted/", ""),
    (6, "https://blog.example.org/posts/analytics", ""),
    (3, "https://github.com/", ""),
    (7, None, "utm_source=newsletter&utm_medium=email&utm_campaign=weekly"),
    (5, "https://www.google.com/", "utm_source=google&utm_medium=cpc&utm_campaign=brand"),
    (3, "https://www.facebook.com/", "utm_source=facebook&utm_medium=social&utm_campaign=launch"),
)
# (weight, path, title) of landing pages; any page links to any other.
PAGES = (
    (40, "/", "Home"),
    (15, "/pricing", "Pricing"),
    (10, "/features", "Features"),
    (10, "/docs", "Documentation"),
    (6, "/docs/install", "Install"),
    (8, "/blog/self-hosted-analytics", "Self-hosted analytics"),
    (6, "/blog/cookieless", "Counting without cookies"),
    (3, "/about", "About"),
    (2, "/signup", "Sign up"),
)
OUTBOUND = ("https://github.com/example/activity-tracker", "https://twitter.com/example", "https://docs.python.org/3/")
DOWNLOADS = ("https://{site}/files/whitepaper.pdf", "https://{site}/files/activity-tracker-0.1.0.tar.gz")
# Share of visitor-hours by UTC hour of day: quiet nights, busy afternoons.
HOURS = (2, 1, 1, 1, 1, 2, 3, 5, 7, 8, 9, 9, 9, 9, 9, 9, 8, 8, 7, 6, 5, 4, 3, 2)


@dataclass(slots=True)
class Visit:
    """One visit: who (address, User-Agent) and what they did, oldest event first."""

    ip: str
    ua: str
    bot: bool
    events: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self, site: str) -> bytes:
        return orjson.dumps({"site": site, "ip": self.ip, "ua": self.ua, "bot": self.bot, "events": self.events})


class Traffic:
    """The visits of ``visitors`` people over the ``days`` UTC days up to ``end_ms``, by start time."""

    def __init__(self, site: str, *, days: int, visitors: int, seed: int, end_ms: int) -> None:
        self.site = site
        self.seed = seed
        self._rng = random.Random(seed)
        first_day = end_ms - end_ms % DAY_MS - (days - 1) * DAY_MS
        planned: list[tuple[int, int]] = []  # (start, person)
        for person in range(visitors):
            returns = min(5, int(self._rng.expovariate(1.2)))
            starts = sorted(_start(self._rng, first_day, days) for _ in range(1 + returns))
            kept = [s for i, s in enumerate(starts) if i == 0 or s - starts[i - 1] > HOUR_MS]  # never one visit
            planned.extend((s, person) for s in kept if s < end_ms - 30 * 60_000)
        planned.sort()
        self._planned = planned

    def __len__(self) -> int:
        return len(self._planned)

    def __iter__(self) -> Iterator[Visit]:
        rng = random.Random(self.seed)
        people = _People(rng.getrandbits(64), self.seed)
        for number, (start, person) in enumerate(self._planned):
            ip, ua, bot = people.get(person)
            visit = Visit(ip, ua, bot)
            _browse(random.Random(rng.getrandbits(64)), visit, self.site, start, f"s{self.seed}-{number:x}")
            yield visit


class _People:
    """Each person's address and browser, derived from their number (stable without storing them)."""

    def __init__(self, key: int, seed: int) -> None:
        self.key = key
        self.prefix = (0x20010DB8 << 96) | ((seed & 0xFFFF) << 80)

    def get(self, person: int) -> tuple[str, str, bool]:
        rng = random.Random(self.key ^ person)
        bot = rng.random() < BOT_SHARE
        ua = rng.choice(BOTS) if bot else rng.choices([u for _, u in BROWSERS], [w for w, _ in BROWSERS])[0]
        return str(ipaddress.IPv6Address(self.prefix | (person + 1))), ua, bot


def _start(rng: random.Random, first_day: int, days: int) -> int:
    day = first_day + rng.randrange(days) * DAY_MS
    hour = rng.choices(range(24), HOURS)[0]
    return day + hour * HOUR_MS + rng.randrange(HOUR_MS)


def _browse(rng: random.Random, visit: Visit, site: str, start: int, id_prefix: str) -> None:
    base = f"https://{site}"
    _, referrer, utm = rng.choices(SOURCES, [s[0] for s in SOURCES])[0]
    _, path, title = rng.choices(PAGES, [p[0] for p in PAGES])[0]
    pages = 1 if visit.bot or rng.random() < 0.42 else min(8, 2 + int(rng.expovariate(0.6)))
    last_ts = start + 29 * 60_000  # one visit: no 30-minute gap inside it
    ts = start
    url = base + path + (f"?{utm}" if utm else "")

    def event(kind: str, **fields: Any) -> None:
        number = len(visit.events)
        visit.events.append({"id": f"{id_prefix}-{number}", "type": kind, "ts": min(ts, last_ts), "url": url,
                             "sid": f"{id_prefix}-v", **fields})

    for _ in range(pages):
        event("pageview", title=title, **({"ref": referrer} if referrer else {}))
        if visit.bot:
            ts += rng.randrange(1000, 5000)
        else:
            stay = int(rng.lognormvariate(10.3, 0.9))  # median ~30 s on a page
            ts += rng.randrange(1000, max(2000, stay // 2))
            if rng.random() < 0.2:
                event("click", name=rng.choice(("Get started", "Read more", "Menu")), target=base + "/signup")
            if rng.random() < 0.05:
                event("outbound", target=rng.choice(OUTBOUND))
            if path in ("/docs", "/docs/install", "/pricing") and rng.random() < 0.12:
                event("download", target=rng.choice(DOWNLOADS).format(site=site))
            if path == "/signup" or (path == "/pricing" and rng.random() < 0.1):
                event("custom", name="Signup", props={"plan": rng.choice(("free", "free", "pro", "team"))})
            if path.startswith("/blog") and rng.random() < 0.08:
                event("custom", name="Newsletter", props={"place": rng.choice(("footer", "inline"))})
            ts += stay // 2
            event("engagement", ms=stay, scroll=rng.choice((25, 50, 75, 100, 100)))
            ts += rng.randrange(500, 3000)
        referrer = url  # the next page is reached from this one
        _, path, title = rng.choices(PAGES, [p[0] for p in PAGES])[0]
        url = base + path


# -- sending ------------------------------------------------------------------


@dataclass(slots=True)
class Report:
    beacons: int = 0
    events: int = 0
    accepted: int = 0
    rejected: Counter[str] = field(default_factory=Counter)  # by field
    failed: Counter[str] = field(default_factory=Counter)  # beacons, by HTTP status or error


class Sender:
    """Posts beacons to a collector on this machine, several at a time, each with bounded retries."""

    def __init__(self, url: str, *, concurrency: int = 8) -> None:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.scheme != "http" or not _is_loopback(host):
            raise click.UsageError(f"--url {url}: simulate sends only to this machine, over http "
                                   "(127.0.0.1, ::1 or localhost), so it can never flood a real server by mistake")
        self.host, self.port = host, parts.port or 80
        self.path = (parts.path.rstrip("/") or "") + "/api/collect"
        self.concurrency = concurrency
        self._local = threading.local()
        self._connections: list[http.client.HTTPConnection] = []

    def send(self, site: str, visits: Iterable[Visit], report: Report, progress: Any = None) -> None:
        """Post every visit as one beacon; count what was accepted, rejected and failed into ``report``."""
        try:
            with ThreadPoolExecutor(self.concurrency, thread_name_prefix="simulate") as pool:
                batch: list[Visit] = []
                for visit in visits:
                    batch.append(visit)
                    if len(batch) == _BATCH:
                        self._send_batch(pool, site, batch, report, progress)
                        batch = []
                self._send_batch(pool, site, batch, report, progress)
        finally:
            for conn in self._connections:
                conn.close()
            self._connections.clear()

    def _send_batch(self, pool: ThreadPoolExecutor, site: str, batch: list[Visit], report: Report,
                    progress: Any) -> None:
        for visit, (status, body) in zip(batch, pool.map(lambda v: self._post(site, v), batch)):
            report.beacons += 1
            report.events += len(visit.events)
            if status == 202 or (status == 400 and isinstance(body, dict) and "rejected" in body):
                report.accepted += int(body.get("accepted", 0))
                report.rejected.update(r["field"] for r in body.get("rejected", ()))
            else:
                report.failed[str(status)] += 1
        if progress is not None:
            progress.update(len(batch))

    def _post(self, site: str, visit: Visit) -> tuple[int | str, Any]:
        body = orjson.dumps({"site": site, "events": visit.events})
        headers = {"Content-Type": "text/plain", "User-Agent": visit.ua, "X-Forwarded-For": visit.ip}
        outcome: tuple[int | str, Any] = ("no answer", None)
        for attempt in range(_RETRIES):
            try:
                conn = self._connection()
                conn.request("POST", self.path, body, headers)
                response = conn.getresponse()
                data = response.read()
                outcome = (response.status, orjson.loads(data) if data else None)
                if response.status not in (429, 503):
                    return outcome
            except (OSError, http.client.HTTPException, orjson.JSONDecodeError) as exc:
                outcome = (type(exc).__name__, None)
                self._connection().close()  # a fresh connection for the retry
            time.sleep(0.2 * 2**attempt)
        return outcome

    def _connection(self) -> http.client.HTTPConnection:
        conn: http.client.HTTPConnection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self._connections.append(conn)  # list.append is atomic: workers may add at once
        return conn


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def write_jsonl(site: str, visits: Iterable[Visit], out: IO[bytes]) -> Iterator[Visit]:
    """Pass ``visits`` through, writing each as one JSON line: site, ip, ua, bot and its events."""
    for visit in visits:
        out.write(visit.as_json(site) + b"\n")
        yield visit


@click.command()
@click.option("--url", default="http://127.0.0.1:8000", show_default=True,
              help="The server (its collector), on this machine.")
@click.option("--site", default="demo.example", show_default=True, help="The site the traffic is for.")
@click.option("--days", default=30, show_default=True, type=click.IntRange(1, 400), help="Days of history, up to today.")
@click.option("--visitors", default=2000, show_default=True, type=click.IntRange(1, 10_000_000),
              help="Distinct people over the whole range; about a third come back on other days.")
@click.option("--seed", default=1, show_default=True, type=int, help="Same seed, same traffic.")
@click.option("--concurrency", default=8, show_default=True, type=click.IntRange(1, 64), help="Beacons in flight.")
@click.option("--out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), default=None,
              help="Also write the visits as JSON lines (site, ip, ua, bot, events) to this file, or - for stdout.")
@click.option("--dry-run", is_flag=True, help="Only generate (with --out); send nothing.")
def simulate(url: str, site: str, days: int, visitors: int, seed: int, concurrency: int, out: Path | None,
             dry_run: bool) -> None:
    """Generate realistic traffic for --site and send it through the collector at --url.

    Run the server with `--forwarded-allow-ips 127.0.0.1` (each simulated visitor
    has an address of its own in X-Forwarded-For) and, for more than a day of
    history, `--max-event-age 40d`.
    """
    from tracker_sdk.schema import EnvelopeError, normalise_site

    try:
        site = normalise_site(site)
    except EnvelopeError as exc:
        raise click.UsageError(f"--site: {exc.reason}") from None
    if dry_run and out is None:
        raise click.UsageError("--dry-run only generates: give --out FILE (or --out -) to keep what it generates")
    sender = None if dry_run else Sender(url, concurrency=concurrency)
    traffic = Traffic(site, days=days, visitors=visitors, seed=seed, end_ms=int(time.time() * 1000))
    with click.open_file(str(out), "wb") if out is not None else contextlib.nullcontext() as sink:
        visits: Iterable[Visit] = traffic if sink is None else write_jsonl(site, traffic, sink)
        if sender is None:
            events = sum(len(v.events) for v in visits)
            click.echo(f"generated {len(traffic)} visits with {events} events of {visitors} visitors", err=True)
            return
        click.echo(f"simulate: {len(traffic)} visits of {visitors} visitors over {days} days to {site} via {url}; "
                   "the server needs --forwarded-allow-ips 127.0.0.1 (and --max-event-age for history)", err=True)
        report = Report()
        with click.progressbar(length=len(traffic), label="visits", file=click.get_text_stream("stderr")) as bar:
            sender.send(site, visits, report, bar)
    _summarise(report, url, site, days)


def _summarise(report: Report, url: str, site: str, days: int) -> None:
    click.echo(f"sent {report.beacons} beacons with {report.events} events: {report.accepted} accepted", err=True)
    if report.rejected:
        click.echo("rejected events by field: " + ", ".join(f"{k} {n}" for k, n in report.rejected.most_common()),
                   err=True)
        if report.rejected.get("ts"):
            click.echo(f"  (events too old: start the server with --max-event-age {days + 1}d)", err=True)
    if report.failed:
        click.echo("beacons that failed: " + ", ".join(f"{k} {n}" for k, n in report.failed.most_common()), err=True)
    click.echo(f"dashboard: {url.rstrip('/')}/dashboard?site={site}&period=30d", err=True)
    if report.failed:
        raise SystemExit(1)
