from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest_server.sources import classify_referrer, is_referrer_spam, page_path, utm

PAGE = "https://example.com/pricing"


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://example.com/pricing?utm_source=x#plans", "/pricing"),
        ("https://example.com", "/"),
        ("https://example.com?q=1", "/"),
        ("https://example.com/a/b/", "/a/b/"),
        ("/docs/install?x=1", "/docs/install"),
        ("http://[::1", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
        ("\x00\x01 garbage", "/"),
    ],
)
def test_page_path(url: str, path: str) -> None:
    assert page_path(url) == path


@given(st.text())
def test_page_path_never_raises_and_is_absolute(url: str) -> None:
    assert page_path(url).startswith("/")


def test_utm_values_are_trimmed_lowercased_and_capped() -> None:
    url = "https://example.com/?utm_source=%20News%20Letter%20&utm_medium=EMAIL&utm_campaign=" + "x" * 300
    assert utm(url) == ("news letter", "email", "x" * 100)


def test_utm_missing_or_empty_values_are_none() -> None:
    assert utm("https://example.com/?utm_source=&utm_medium=%20&q=1") == (None, None, None)
    assert utm("https://example.com/") == (None, None, None)
    assert utm("http://[::1") == (None, None, None)


def test_utm_first_value_wins_and_keys_are_case_insensitive() -> None:
    assert utm("https://example.com/?UTM_SOURCE=a&utm_source=b&utm_campaign=spring+sale") == ("a", None, "spring sale")


@given(st.text())
def test_utm_never_raises(url: str) -> None:
    for value in utm(url):
        assert value is None or 0 < len(value) <= 100


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (None, ("direct", None)),
        ("", ("direct", None)),
        ("https://example.com/", ("direct", None)),
        ("https://www.example.com/other", ("direct", None)),
        ("http://EXAMPLE.com:8080/x", ("direct", None)),
        ("about:blank", ("direct", None)),
        ("https://www.google.com/", ("search", "google.com")),
        ("https://www.google.co.uk/", ("search", "google.co.uk")),
        ("https://google.com.br/search?q=x", ("search", "google.com.br")),
        ("https://www.bing.com/search?q=x", ("search", "bing.com")),
        ("https://duckduckgo.com/", ("search", "duckduckgo.com")),
        ("https://r.search.yahoo.com/_ylt=x", ("search", "r.search.yahoo.com")),
        ("https://yandex.ru/search/?text=x", ("search", "yandex.ru")),
        ("https://www.baidu.com/link?url=x", ("search", "baidu.com")),
        ("https://www.ecosia.org/", ("search", "ecosia.org")),
        ("https://search.brave.com/", ("search", "search.brave.com")),
        ("android-app://com.google.android.googlequicksearchbox/", ("search", "com.google.android.googlequicksearchbox")),
        ("https://mail.google.com/mail/u/0/", ("email", "mail.google.com")),
        ("https://outlook.live.com/mail/0/", ("email", "outlook.live.com")),
        ("android-app://com.google.android.gm/", ("email", "com.google.android.gm")),
        ("https://news.ycombinator.com/item?id=1", ("social", "news.ycombinator.com")),
        ("https://t.co/abc", ("social", "t.co")),
        ("https://x.com/someone", ("social", "x.com")),
        ("https://l.facebook.com/l.php?u=x", ("social", "l.facebook.com")),
        ("https://m.facebook.com/", ("social", "m.facebook.com")),
        ("https://www.linkedin.com/feed/", ("social", "linkedin.com")),
        ("https://old.reddit.com/r/python/", ("social", "old.reddit.com")),
        ("https://www.youtube.com/watch?v=1", ("social", "youtube.com")),
        ("https://mastodon.example.net/@me", ("social", "mastodon.example.net")),
        ("https://docs.google.com/document/d/1", ("referral", "docs.google.com")),
        ("https://blog.example.com/post", ("referral", "blog.example.com")),
        ("https://www.box.com/", ("referral", "box.com")),
        ("https://Some-Blog.ORG.:443/post", ("referral", "some-blog.org")),
        ("some-blog.org/post", ("referral", "some-blog.org")),
    ],
)
def test_referrer_groups(ref: str | None, expected: tuple[str, str | None]) -> None:
    assert classify_referrer(ref, PAGE) == expected


@pytest.mark.parametrize(
    ("ref", "query", "group"),
    [
        (None, "utm_medium=email", "email"),
        (None, "utm_medium=Newsletter", "email"),
        ("https://example.org/", "utm_medium=social", "social"),
        ("https://www.google.com/", "utm_medium=cpc", "search"),
        (None, "utm_medium=cpc&utm_source=facebook", "social"),
        ("https://l.facebook.com/", "utm_medium=paid", "social"),
        ("https://www.google.com/", "utm_medium=banner", "search"),
        (None, "utm_source=newsletter", "direct"),
    ],
)
def test_utm_medium_names_the_channel(ref: str | None, query: str, group: str) -> None:
    assert classify_referrer(ref, f"https://example.com/?{query}")[0] == group


def test_utm_override_keeps_the_referrer_domain() -> None:
    assert classify_referrer("https://www.google.com/", "https://example.com/?utm_medium=email") == ("email", "google.com")


@given(st.one_of(st.none(), st.text()), st.text())
def test_classify_referrer_never_raises(ref: str | None, page: str) -> None:
    group, domain = classify_referrer(ref, page)
    assert group in {"direct", "search", "social", "email", "referral"}
    assert domain is None or (domain == domain.lower() and not domain.startswith("www."))


@pytest.mark.parametrize("domain", ["semalt.com", "darodar.com", "forum.buttons-for-website.com", "ILOVEVITALY.COM"])
def test_referrer_spam(domain: str) -> None:
    assert is_referrer_spam(domain)


@pytest.mark.parametrize("domain", ["google.com", "example.com", "notsemalt.com", "semalt.com.example.org", ""])
def test_not_referrer_spam(domain: str) -> None:
    assert not is_referrer_spam(domain)
