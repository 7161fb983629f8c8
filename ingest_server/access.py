"""Who may read a site's dashboard. Open until sites are registered (see sites.py)."""

from __future__ import annotations

from typing import Protocol


class Access(Protocol):
    def check_read(self, site: str, token: str | None) -> None:
        """Raise HTTPError (401/403/404) unless ``token`` may read ``site``."""
        ...


class OpenAccess:
    """No sites registered: every dashboard is public."""

    def check_read(self, site: str, token: str | None) -> None:
        return None
