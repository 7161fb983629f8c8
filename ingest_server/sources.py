"""Where a visit came from: page paths, UTM tags and referrer groups."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

__all__ = ["classify_referrer", "is_referrer_spam", "page_path", "utm"]

MAX_UTM_LENGTH = 100

# Hosts are matched exactly or as a parent domain ("m.facebook.com" matches
# "facebook.com"). Android app referrers ("android-app://com.google.android.gm")
# arrive as package names and are listed as such.
_EMAIL_HOSTS = frozenset(
    {
        "mail.google.com",
        "inbox.google.com",
        "com.google.android.gm",
        "outlook.live.com",
        "outlook.office.com",
        "outlook.office365.com",
        "mail.yahoo.com",
        "mail.aol.com",
        "mail.proton.me",
        "mail.protonmail.com",
        "app.fastmail.com",
        "mail.zoho.com",
        "mail.zoho.eu",
        "e.mail.ru",
        "mail.yandex.ru",
        "mail.yandex.com",
        "mail.qq.com",
        "mail.163.com",
        "webmail.gmx.net",
        "navigator.gmx.net",
        "email.t-online.de",
    }
)
_SEARCH_HOSTS = frozenset(
    {
        "bing.com",
        "duckduckgo.com",
        "search.yahoo.com",
        "search.yahoo.co.jp",
        "baidu.com",
        "ya.ru",
        "ecosia.org",
        "search.brave.com",
        "startpage.com",
        "qwant.com",
        "kagi.com",
        "search.naver.com",
        "seznam.cz",
        "sogou.com",
        "so.com",
        "search.aol.com",
        "ask.com",
        "yep.com",
        "mojeek.com",
        "com.google.android.googlequicksearchbox",
    }
)
# Google and Yandex search live on country domains: google.de, google.co.uk, yandex.com.tr.
_SEARCH_RE = re.compile(r"^(?:images\.)?(?:google|yandex)\.(?:com?\.)?[a-z]{2,3}$")
_SOCIAL_HOSTS = frozenset(
    {
        "facebook.com",
        "fb.com",
        "fb.me",
        "messenger.com",
        "t.co",
        "twitter.com",
        "x.com",
        "linkedin.com",
        "lnkd.in",
        "reddit.com",
        "news.ycombinator.com",
        "youtube.com",
        "youtu.be",
        "instagram.com",
        "pinterest.com",
        "pin.it",
        "tiktok.com",
        "threads.net",
        "bsky.app",
        "mastodon.social",
        "mastodon.online",
        "fosstodon.org",
        "hachyderm.io",
        "infosec.exchange",
        "lobste.rs",
        "tumblr.com",
        "vk.com",
        "weibo.com",
        "discord.com",
        "t.me",
        "telegram.org",
        "wa.me",
        "whatsapp.com",
        "snapchat.com",
        "quora.com",
        "com.reddit.frontpage",
        "com.linkedin.android",
    }
)
# Many Mastodon instances carry the name (mastodon.example.net); Pinterest has country domains.
_SOCIAL_RE = re.compile(r"(?:^|\.)mastodon\.|^pinterest\.(?:com?\.)?[a-z]{2,3}$")
# utm_source values naming a social network, for paid social ("utm_medium=cpc").
_SOCIAL_SOURCES = frozenset(
    {
        "facebook", "fb", "instagram", "ig", "twitter", "x", "linkedin", "reddit",
        "youtube", "tiktok", "pinterest", "mastodon", "bluesky", "threads", "snapchat",
    }
)  # fmt: skip
# A host without a scheme: "example.com/page", "example.com:8080".
_BARE_HOST_RE = re.compile(r"^[\w.-]+\.[a-z]{2,}(?::\d*)?(?:[/?#]|$)", re.IGNORECASE)

# Well-known referrer spam: counted by the aggregator, never stored.
_SPAM_HOSTS = frozenset(
    {
        "semalt.com",
        "buttons-for-website.com",
        "buttons-for-your-website.com",
        "darodar.com",
        "ilovevitaly.com",
        "best-seo-offer.com",
        "best-seo-solution.com",
        "blackhatworth.com",
        "hulfingtonpost.com",
        "priceg.com",
        "econom.co",
        "social-buttons.com",
        "simple-share-buttons.com",
        "free-social-buttons.com",
        "floating-share-buttons.com",
        "get-free-traffic-now.com",
        "4webmasters.org",
        "trafficmonetize.org",
    }
)

# utm_medium values that name a channel outright.
_EMAIL_MEDIA = frozenset({"email", "e-mail", "e_mail", "e mail", "newsletter", "mail"})
_SOCIAL_MEDIA = frozenset(
    {"social", "social-network", "social-media", "social_media", "sm", "social network", "social media"}
)
_PAID_MEDIA = frozenset({"cpc", "ppc", "paid", "paidsearch", "paid-search", "paid_search", "sem"})


def page_path(url: str) -> str:
    """The path of a page URL, without query or fragment; "/" when there is none."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return "/"
    return path if path.startswith("/") else "/"


def utm(url: str) -> tuple[str | None, str | None, str | None]:
    """(utm_source, utm_medium, utm_campaign) of a page URL: lower-cased, trimmed, at most 100 characters."""
    try:
        query = urlsplit(url).query
    except ValueError:
        return None, None, None
    found: dict[str, str] = {}
    for key, value in parse_qsl(query):
        key = key.lower()
        if key in ("utm_source", "utm_medium", "utm_campaign") and key not in found:
            value = value.strip().lower()[:MAX_UTM_LENGTH].strip()
            if value:
                found[key] = value
    return found.get("utm_source"), found.get("utm_medium"), found.get("utm_campaign")


def classify_referrer(ref: str | None, page_url: str) -> tuple[str, str | None]:
    """(group, referrer domain) for a page view.

    group is "direct", "search", "social", "email" or "referral". An empty or
    same-site referrer is ("direct", None); the domain is lower-cased, without
    "www." or port. A page's utm_medium decides the group when it names a
    channel: email/newsletter → "email", social → "social", cpc/ppc/paid →
    "search" (or "social" when the referrer or utm_source is a social site);
    the referrer domain is kept either way.
    """
    page = _host(page_url)
    domain = _host(ref) if ref else None
    if domain is not None and domain == page:
        domain = None
    group = _group(domain) if domain else "direct"
    source, medium, _ = utm(page_url)
    if medium in _EMAIL_MEDIA:
        group = "email"
    elif medium in _SOCIAL_MEDIA:
        group = "social"
    elif medium in _PAID_MEDIA:
        social_source = source is not None and (source in _SOCIAL_SOURCES or _group(source) == "social")
        group = "social" if group == "social" or social_source else "search"
    return group, domain


def is_referrer_spam(domain: str) -> bool:
    """Whether a referrer domain (or its parent domain) is known referrer spam."""
    return _listed(domain.lower(), _SPAM_HOSTS)


def _host(url: str) -> str | None:
    """Lower-cased host without "www.", port or trailing dot; None for garbage."""
    url = url.strip()
    if "//" not in url and _BARE_HOST_RE.match(url):
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host or None


def _group(domain: str) -> str:
    if _listed(domain, _EMAIL_HOSTS):
        return "email"
    if _listed(domain, _SEARCH_HOSTS) or _SEARCH_RE.match(domain):
        return "search"
    if _listed(domain, _SOCIAL_HOSTS) or _SOCIAL_RE.search(domain):
        return "social"
    return "referral"


def _listed(domain: str, hosts: frozenset[str]) -> bool:
    """domain or one of its parent domains is in hosts."""
    while True:
        if domain in hosts:
            return True
        dot = domain.find(".")
        if dot < 0:
            return False
        domain = domain[dot + 1 :]
