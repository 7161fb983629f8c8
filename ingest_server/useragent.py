"""Browser, OS, device type and bot detection from a User-Agent header."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import ua_parser

__all__ = ["Device", "parse_user_agent"]

# Longer headers are cut before parsing and caching: keeps the cache bounded
# in bytes and the regex work bounded per call.
MAX_UA_LENGTH = 512
CACHE_SIZE = 10_000

# What ua-parser leaves as a normal client: HTTP libraries, headless and audit
# tools, link unfurlers, plus a catch-all for "bot"/"crawl"/"spider" names
# ("cubot" is a phone brand).
_BOT_RE = re.compile(
    r"(?<!cu)bot|crawl|spider|slurp|headless|lighthouse|pagespeed|gtmetrix|"
    r"pingdom|uptime|monitor|facebookexternalhit|embedly|phantomjs|"
    r"python-|python/|aiohttp|httpx|curl/|wget|go-http-client|node-fetch|"
    r"axios/|okhttp|java/|libwww|httpclient|scrapy|postman|httpie",
    re.IGNORECASE,
)
# Televisions, consoles and media players: neither desktop nor mobile.
_OTHER_DEVICE_RE = re.compile(
    r"smart-?tv|hbbtv|\btv\b|web0s|playstation|xbox|nintendo|crkey|roku|appletv",
    re.IGNORECASE,
)
_TABLET_FAMILIES = frozenset({"iPad", "Kindle", "Generic Tablet"})
_MOBILE_OS = frozenset({"iOS", "Windows Phone", "BlackBerry OS", "KaiOS", "Symbian OS"})
_DESKTOP_OS = frozenset(
    {
        "Windows",
        "Mac OS X",
        "Linux",
        "Ubuntu",
        "Chrome OS",
        "Fedora",
        "Debian",
        "FreeBSD",
        "OpenBSD",
        "NetBSD",
        "Red Hat",
        "SUSE",
        "Mint",
        "Solaris",
    }
)


@dataclass(frozen=True, slots=True)
class Device:
    """What a User-Agent says about the client; "Other" where it says nothing."""

    browser: str
    os: str
    device_type: str  # "desktop" | "mobile" | "tablet" | "bot" | "other"
    is_bot: bool


_EMPTY = Device(browser="Other", os="Other", device_type="bot", is_bot=True)


@functools.cache
def _parser() -> ua_parser.Parser:
    # Same choice as ua_parser's own default parser (the Rust `regex` engine
    # when ua-parser-rs is installed, then re2, then pure Python), minus its
    # internal cache: parse_user_agent caches whole Device results instead.
    resolver = ua_parser.BestAvailableResolver
    if resolver is ua_parser.BasicResolver:
        return ua_parser.Parser(resolver(ua_parser.load_builtins()))
    return ua_parser.Parser(resolver(ua_parser.load_lazy_builtins()))


def parse_user_agent(ua: str) -> Device:
    """Classify a User-Agent header; an empty one counts as a bot.

    Results are cached (LRU, 10,000 distinct headers).
    """
    ua = ua.strip()[:MAX_UA_LENGTH]
    if not ua:
        return _EMPTY
    return _parse_cached(ua)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _parse_cached(ua: str) -> Device:
    result = _parser().parse(ua).with_defaults()
    browser = result.user_agent.family
    os = result.os.family
    device = result.device.family
    if device == "Spider" or _BOT_RE.search(ua):
        return Device(browser=browser, os=os, device_type="bot", is_bot=True)
    return Device(browser=browser, os=os, device_type=_device_type(ua, os, device), is_bot=False)


def _device_type(ua: str, os: str, device: str) -> str:
    if device in _TABLET_FAMILIES or "Tablet" in ua:
        return "tablet"
    if _OTHER_DEVICE_RE.search(ua):
        return "other"
    if os == "Android":
        # Android phones say "Mobile"; Android tablets leave it out.
        return "mobile" if "Mobi" in ua else "tablet"
    if os in _MOBILE_OS or "Mobi" in ua:
        return "mobile"
    if os in _DESKTOP_OS:
        return "desktop"
    return "other"
