"""The built snippet, widget and dashboard page, served from the package with ETags.

Files are read once at start-up from the package's ``static`` folder (only
names listed there can be served, so no path can leave it) and carry a content
hash, used as the ETag and as the ``?v=`` cache-busting parameter.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources

from starlette.requests import Request
from starlette.responses import Response

_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}


@dataclass(frozen=True, slots=True)
class Asset:
    body: bytes
    media_type: str
    digest: str  # first 16 hex characters of the SHA-256

    @property
    def etag(self) -> str:
        return f'"{self.digest}"'


def load_assets() -> dict[str, Asset]:
    assets: dict[str, Asset] = {}
    folder = resources.files("ingest_server") / "static"
    for entry in folder.iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1]
        if entry.is_file() and suffix in _TYPES:
            body = entry.read_bytes()
            assets[entry.name] = Asset(body, _TYPES[suffix], hashlib.sha256(body).hexdigest()[:16])
    return assets


def serve_asset(request: Request, asset: Asset, *, max_age: int, headers: dict[str, str] | None = None) -> Response:
    """200 with the body, or 304 when the client's ETag still matches."""
    common = {"etag": asset.etag, "cache-control": f"public, max-age={max_age}", **(headers or {})}
    if asset.etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=common)
    return Response(asset.body, media_type=asset.media_type, headers=common)
