"""Render the tracker, widget and queue-stub tags for server-side templates.

Each function returns markup that Jinja, Django and MarkupSafe insert unescaped
(``markupsafe.Markup`` when it is installed, else a ``str`` with ``__html__``);
every attribute value is HTML-escaped on the way in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape
from typing import Final

from tracker_sdk.client import http_base, site_name

AttrValue = str | bool | None

_DATA_KEY: Final = re.compile(r"[a-z][a-z0-9_]*")
_PANEL_SEPARATOR: Final = re.compile(r"[\s,]")  # the widget splits its panels attribute on these

# The one-line queue stub, as snippet/ARCHITECTURE.md documents it: t.js replays ``q`` on load.
_STUB: Final = (
    "<script>window.activityTracker=window.activityTracker||{q:[],"
    'track:function(){activityTracker.q.push(["track",arguments])},'
    'pageview:function(){activityTracker.q.push(["pageview",arguments])}}</script>'
)


class HTML(str):
    """Text that is already HTML: template engines that honour ``__html__`` insert it as is."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


_markup: Callable[[str], str]
try:
    from markupsafe import Markup as _markup
except ImportError:  # no hard dependency: HTML has the __html__ protocol Markup has
    _markup = HTML


def script_tag(host: str, site: str, *, api: str | None = None, **data_attrs: str | bool) -> str:
    """Render ``<script defer src="{host}/t.js" data-site="…"></script>``.

    ``api`` sets ``data-api`` (an http(s) URL, or a path on the page's origin). Other keywords
    become ``data-*`` attributes: ``track_localhost=True`` renders a bare ``data-track-localhost``;
    ``False`` leaves the attribute out.
    """
    attrs: list[tuple[str, AttrValue]] = [
        ("defer", True),
        ("src", http_base(host, "host") + "/t.js"),
        ("data-site", site_name(site)),
    ]
    if api is not None:
        attrs.append(("data-api", api if api.startswith("/") and not api.startswith("//") else http_base(api, "api")))
    for key, value in data_attrs.items():
        if not _DATA_KEY.fullmatch(key):
            raise ValueError(f"Data attribute names must be lower-case snake_case like track_localhost, not {key!r}.")
        attrs.append(("data-" + key.replace("_", "-"), value))
    return _markup(f"<script{_attributes(attrs)}></script>")


def widget_tag(
    host: str,
    site: str,
    *,
    token: str | None = None,
    panels: Sequence[str] | None = None,
    period: str | None = None,
) -> str:
    """Render the dashboard widget: its ``<script>`` and an ``<activity-dashboard>`` element.

    ``token`` is needed for private sites; ``panels`` (comma-joined) and ``period`` choose what it shows.
    """
    if isinstance(panels, str):
        raise TypeError("panels must be a list of panel names, not one string.")
    if panels is not None and any(not panel or _PANEL_SEPARATOR.search(panel) for panel in panels):
        raise ValueError(f"Panel names must be non-empty, with no commas or spaces: {list(panels)!r}.")
    script = _attributes([("src", http_base(host, "host") + "/widget.js"), ("defer", True)])
    element = _attributes([
        ("site", site_name(site)),
        ("token", token),
        ("panels", None if panels is None else ",".join(panels)),
        ("period", period),
    ])
    return _markup(f"<script{script}></script><activity-dashboard{element}></activity-dashboard>")


def stub_tag() -> str:
    """Render the inline stub that queues ``activityTracker`` calls made before the tracker loads."""
    return _markup(_STUB)


def _attributes(attrs: Sequence[tuple[str, AttrValue]]) -> str:
    html = []
    for name, value in attrs:
        if value is True:
            html.append(f" {name}")
        elif isinstance(value, str):
            html.append(f' {name}="{escape(value, quote=True)}"')
        elif value is not False and value is not None:
            raise TypeError(f"The {name} attribute must be a string or a boolean, not {type(value).__name__}.")
    return "".join(html)
