from __future__ import annotations

import html.parser
import subprocess
import sys
import textwrap
from pathlib import Path

import markupsafe
import pytest

from tracker_sdk import script_tag, stub_tag, widget_tag

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = '"><script>alert(1)</script>'


class Elements(html.parser.HTMLParser):
    """The start tags of a fragment, as a browser would read them."""

    def __init__(self, fragment: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_script_tag() -> None:
    tag = script_tag("https://stats.example.com/", "WWW.Example.com")
    assert tag == '<script defer src="https://stats.example.com/t.js" data-site="example.com"></script>'


def test_script_tag_data_attributes() -> None:
    tag = script_tag("http://localhost:8000", "example.com", api="/stats/api", track_localhost=True, hash_mode=False, exclude="/admin/*")
    assert tag == (
        '<script defer src="http://localhost:8000/t.js" data-site="example.com" data-api="/stats/api"'
        ' data-track-localhost data-exclude="/admin/*"></script>'
    )
    assert Elements(tag).tags == [("script", {
        "defer": None, "src": "http://localhost:8000/t.js", "data-site": "example.com",
        "data-api": "/stats/api", "data-track-localhost": None, "data-exclude": "/admin/*",
    })]


def test_hostile_values_stay_inside_their_attributes() -> None:
    host = "https://stats.example.com/" + HOSTILE
    script = script_tag(host, "example.com", api="https://c.example.com/" + HOSTILE, label=HOSTILE)
    widget = widget_tag(host, "example.com", token=HOSTILE, panels=[HOSTILE], period=HOSTILE)
    for tag, elements in ((script, ["script"]), (widget, ["script", "activity-dashboard"])):
        parsed = Elements(tag).tags
        assert [name for name, _ in parsed] == elements
        assert tag.count("<script") == 1
        assert any(HOSTILE in (value or "") for _, attrs in parsed for value in attrs.values())
    assert "&quot;&gt;&lt;script&gt;" in script


@pytest.mark.parametrize("site", [HOSTILE, "", "exa mple.com", "a" * 300])
def test_bad_site_is_a_value_error(site: str) -> None:
    with pytest.raises(ValueError, match=r"^site .* must be a host name"):
        script_tag("https://stats.example.com", site)
    with pytest.raises(ValueError, match=r"^site "):
        widget_tag("https://stats.example.com", site)


@pytest.mark.parametrize("host", ["javascript:alert(1)", "//stats.example.com", "stats.example.com", "ftp://x", "https://x/?a=1", "http://x:99999"])
def test_bad_host_is_a_value_error(host: str) -> None:
    with pytest.raises(ValueError, match="host"):
        script_tag(host, "example.com")
    with pytest.raises(ValueError, match="host"):
        widget_tag(host, "example.com")


def test_bad_api_and_attributes() -> None:
    with pytest.raises(ValueError, match="api"):
        script_tag("https://s.example.com", "example.com", api="javascript:alert(1)")
    with pytest.raises(ValueError, match="snake_case"):
        script_tag("https://s.example.com", "example.com", trackLocalhost=True)
    with pytest.raises(TypeError, match="string or a boolean"):
        script_tag("https://s.example.com", "example.com", sample=10)  # type: ignore[arg-type]


def test_widget_tag() -> None:
    assert widget_tag("https://stats.example.com", "example.com") == (
        '<script src="https://stats.example.com/widget.js" defer></script>'
        '<activity-dashboard site="example.com"></activity-dashboard>'
    )
    tag = widget_tag("https://stats.example.com", "example.com", token="t0k&n", panels=["live", "pages"], period="7d")
    assert tag.endswith('<activity-dashboard site="example.com" token="t0k&amp;n" panels="live,pages" period="7d"></activity-dashboard>')


def test_widget_panels_must_be_a_list_of_names() -> None:
    with pytest.raises(TypeError, match="list of panel names"):
        widget_tag("https://s.example.com", "example.com", panels="live")
    for bad in ("live,pages", "live pages", ""):
        with pytest.raises(ValueError, match="commas or spaces"):
            widget_tag("https://s.example.com", "example.com", panels=[bad])


def test_stub_tag_is_the_documented_stub() -> None:
    stub = stub_tag()
    assert stub.startswith("<script>window.activityTracker=window.activityTracker||") and stub.endswith("</script>")
    assert "\n" not in stub
    assert stub in (ROOT / "snippet" / "ARCHITECTURE.md").read_text(encoding="utf-8")


def test_tags_are_markup() -> None:
    for tag in (script_tag("https://s.example.com", "example.com"), widget_tag("https://s.example.com", "example.com"), stub_tag()):
        assert isinstance(tag, markupsafe.Markup)
        assert markupsafe.escape(tag) == tag  # not escaped twice by Jinja / Django (both honour __html__)


def test_without_markupsafe_tags_still_have_html() -> None:
    code = """
        import sys
        sys.modules["markupsafe"] = None  # as if it were not installed
        from tracker_sdk import script_tag
        tag = script_tag("https://s.example.com", "example.com")
        assert type(tag).__name__ == "HTML" and isinstance(tag, str), type(tag)
        assert tag.__html__() == tag == str(tag)
    """
    result = subprocess.run([sys.executable, "-W", "error", "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
