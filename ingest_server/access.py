"""Who may read a site's dashboard: everyone in open mode or for a public site, else a read token.

A token arrives as ``Authorization: Bearer …`` or, because ``EventSource``
cannot set headers, as the ``token`` query parameter. Missing: 401. Given but
not a live token of that very site: 403 (the same answer whether it is
revoked, for another site or made up, so nothing is learned by guessing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from starlette.requests import Request

from ingest_server.errors import HTTPError
from ingest_server.tokens import matches

if TYPE_CHECKING:
    from ingest_server.sites import SiteRegistry

_CHALLENGE = {"www-authenticate": 'Bearer realm="activity-tracker"'}


class Access(Protocol):
    def check_read(self, site: str, token: str | None) -> None:
        """Raise HTTPError (401/403) unless ``token`` may read ``site``."""
        ...


class OpenAccess:
    """No sites registered: every dashboard is public."""

    def check_read(self, site: str, token: str | None) -> None:
        return None


class TokenAccess:
    """Private dashboards over the live site registry (open while it is empty)."""

    def __init__(self, registry: SiteRegistry) -> None:
        self._registry = registry

    def check_read(self, site: str, token: str | None) -> None:
        if self._registry.is_open():
            return
        found = self._registry.site(site)
        if found is not None and found.public:
            return
        # An unregistered site answers like a private one: no way to list which sites exist.
        if not token:
            raise HTTPError(401, "token", f"{site} is private: pass a read token (`activity-tracker token create`)",
                            headers=_CHALLENGE)
        if not matches(token, self._registry.token_hashes(site)):
            raise HTTPError(403, "token", f"this token does not grant access to {site} (revoked, or for another site)")


def request_token(request: Request) -> str | None:
    """The read token a request carries: ``Authorization: Bearer`` first, else the ``token`` query parameter."""
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.query_params.get("token") or None
