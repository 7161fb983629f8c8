"""Country of an IP address from a MaxMind-format (GeoLite2/GeoIP2) database."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import maxminddb

__all__ = ["GeoDatabaseError", "GeoLookup"]


class GeoDatabaseError(Exception):
    """The GeoIP database cannot be used."""


class GeoLookup:
    """IP → ISO 3166-1 country code; build it with ``GeoLookup.open``."""

    def __init__(self, reader: maxminddb.Reader | None) -> None:
        self._reader = reader

    @classmethod
    def open(cls, path: Path | None) -> GeoLookup:
        """Open a Country or City database; None gives a lookup that knows no country."""
        if path is None:
            return cls(None)
        try:
            import maxminddb
        except ImportError as exc:
            raise GeoDatabaseError(
                "Country lookups need the maxminddb package: pip install 'activity-tracker[geoip]'."
            ) from exc
        if not path.is_file():
            raise GeoDatabaseError(f"The GeoIP database {path} does not exist or is not a file.")
        try:
            reader = maxminddb.open_database(str(path))
        except (maxminddb.InvalidDatabaseError, OSError, ValueError) as exc:
            raise GeoDatabaseError(f"{path} is not a MaxMind DB file ({exc})") from exc
        kind = reader.metadata().database_type
        if "country" not in kind.lower() and "city" not in kind.lower():
            reader.close()
            raise GeoDatabaseError(
                f"{path} is a {kind} database; country lookups need a Country or City database."
            )
        return cls(reader)

    def country(self, ip: str) -> str | None:
        """ISO country code of ``ip``; None when unknown, private or not an IP address."""
        if self._reader is None:
            return None
        try:
            record: Any = self._reader.get(ip)
        except ValueError:  # not an IP address, or IPv6 in an IPv4-only database
            return None
        if not isinstance(record, dict):
            return None
        for key in ("country", "registered_country"):
            place = record.get(key)
            code = place.get("iso_code") if isinstance(place, dict) else None
            if isinstance(code, str):
                return code
        return None

    def close(self) -> None:
        """Release the database file."""
        if self._reader is not None:
            self._reader.close()
