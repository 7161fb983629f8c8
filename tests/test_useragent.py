from __future__ import annotations

import pytest

from ingest_server import useragent
from ingest_server.useragent import Device, parse_user_agent

CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
)
SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1 Safari/605.1.15"
)
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1 Mobile/15E148 Safari/604.1"
)
IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/16.6 Mobile/15E148 Safari/604.1"
)
ANDROID_PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
ANDROID_TABLET = (
    "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
)
CUBOT_PHONE = (
    "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)


@pytest.mark.parametrize(
    ("ua", "expected"),
    [
        (CHROME_WINDOWS, Device("Chrome", "Windows", "desktop", False)),
        (SAFARI_MAC, Device("Safari", "Mac OS X", "desktop", False)),
        (FIREFOX_LINUX, Device("Firefox", "Linux", "desktop", False)),
        (IPHONE, Device("Mobile Safari", "iOS", "mobile", False)),
        (IPAD, Device("Mobile Safari", "iOS", "tablet", False)),
        (ANDROID_PHONE, Device("Chrome Mobile", "Android", "mobile", False)),
        (ANDROID_TABLET, Device("Chrome", "Android", "tablet", False)),
        (CUBOT_PHONE, Device("Chrome Mobile", "Android", "mobile", False)),
        ("Mozilla/5.0 (Android 14; Tablet; rv:121.0) Gecko/121.0 Firefox/121.0", Device("Firefox Mobile", "Android", "tablet", False)),
    ],
)
def test_browsers_and_device_types(ua: str, expected: Device) -> None:
    assert parse_user_agent(ua) == expected


@pytest.mark.parametrize(
    ("ua", "spider"),
    [
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", True),
        ("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", True),
        ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", True),
        ("Mozilla/5.0 (compatible; Bytespider; spider-feedback@bytedance.com)", True),
        # ua-parser reports these as ordinary clients: the bot pattern catches them.
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "HeadlessChrome/120.0.0.0 Safari/537.36",
            False,
        ),
        (ANDROID_PHONE + " Chrome-Lighthouse", False),
        ("python-requests/2.31.0", False),
        ("curl/8.4.0", False),
        ("Wget/1.21.4", False),
        ("Go-http-client/1.1", False),
        ("node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", False),
        ("okhttp/4.12.0", False),
    ],
)
def test_bots(ua: str, spider: bool) -> None:
    assert (useragent._parser().parse(ua).with_defaults().device.family == "Spider") is spider
    device = parse_user_agent(ua)
    assert device.is_bot
    assert device.device_type == "bot"


@pytest.mark.parametrize("ua", ["", "   "])
def test_empty_user_agent_is_a_bot(ua: str) -> None:
    assert parse_user_agent(ua) == Device("Other", "Other", "bot", True)


@pytest.mark.parametrize(
    "ua",
    [
        "Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 Chrome/76.0.3809.146 TV Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; Xbox; Xbox One) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edge/44.18363.8131",
        "SomethingUnknown/1.0",
    ],
)
def test_televisions_consoles_and_unknown_clients_are_other(ua: str) -> None:
    device = parse_user_agent(ua)
    assert device.device_type == "other"
    assert not device.is_bot


def test_results_are_cached() -> None:
    useragent._parse_cached.cache_clear()
    first = parse_user_agent(FIREFOX_LINUX)
    assert parse_user_agent(FIREFOX_LINUX) is first
    info = useragent._parse_cached.cache_info()
    assert (info.hits, info.misses, info.maxsize) == (1, 1, useragent.CACHE_SIZE)


def test_very_long_headers_are_cut_before_parsing_and_caching() -> None:
    useragent._parse_cached.cache_clear()
    long_ua = CHROME_WINDOWS + " x" * 5000
    assert parse_user_agent(long_ua) == Device("Chrome", "Windows", "desktop", False)
    assert parse_user_agent(long_ua + " different tail") is parse_user_agent(long_ua)
    assert useragent._parse_cached.cache_info().currsize == 1
