from __future__ import annotations

from pathlib import Path

import pytest
from mmdb_writer import MMDBWriter
from netaddr import IPSet

from ingest_server.geo import GeoDatabaseError, GeoLookup


def write_mmdb(
    path: Path, networks: dict[str, dict[str, object]], *, ip_version: int = 6, kind: str = "GeoLite2-Country"
) -> Path:
    writer = MMDBWriter(ip_version=ip_version, ipv4_compatible=ip_version == 6, database_type=kind)
    for network, record in networks.items():
        writer.insert_network(IPSet([network]), record)
    writer.to_db_file(str(path))
    return path


@pytest.fixture
def country_db(tmp_path: Path) -> Path:
    return write_mmdb(
        tmp_path / "GeoLite2-Country.mmdb",
        {
            "81.2.69.0/24": {"country": {"iso_code": "GB", "names": {"en": "United Kingdom"}}},
            "2001:db8::/32": {"country": {"iso_code": "DE"}, "registered_country": {"iso_code": "FR"}},
            # anonymous proxies and satellite providers carry only the registered country
            "192.0.2.0/24": {"registered_country": {"iso_code": "US"}},
            "198.51.100.0/24": {"continent": {"code": "EU"}},
        },
    )


def test_country_codes(country_db: Path) -> None:
    geo = GeoLookup.open(country_db)
    try:
        assert geo.country("81.2.69.160") == "GB"
        assert geo.country("2001:db8::1") == "DE"
        assert geo.country("192.0.2.5") == "US"
        assert geo.country("198.51.100.1") is None  # a record without a country
        assert geo.country("8.8.8.8") is None  # not in the database
        assert geo.country("not an ip") is None
        assert geo.country("") is None
    finally:
        geo.close()


def test_city_database(tmp_path: Path) -> None:
    path = write_mmdb(
        tmp_path / "city.mmdb",
        {"1.0.0.0/8": {"city": {"names": {"en": "Sydney"}}, "country": {"iso_code": "AU"}}},
        ip_version=4,
        kind="GeoIP2-City",
    )
    geo = GeoLookup.open(path)
    assert geo.country("1.2.3.4") == "AU"
    assert geo.country("2001:db8::1") is None  # IPv6 in an IPv4-only database
    geo.close()


def test_no_database_knows_no_country() -> None:
    geo = GeoLookup.open(None)
    assert geo.country("81.2.69.160") is None
    geo.close()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GeoDatabaseError, match="does not exist"):
        GeoLookup.open(tmp_path / "nope.mmdb")


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "fake.mmdb"
    path.write_bytes(b"not a maxmind database" * 100)
    with pytest.raises(GeoDatabaseError, match="is not a MaxMind DB file"):
        GeoLookup.open(path)


def test_wrong_kind_of_database(tmp_path: Path) -> None:
    path = write_mmdb(tmp_path / "asn.mmdb", {"1.0.0.0/8": {"autonomous_system_number": 13335}}, kind="GeoLite2-ASN")
    with pytest.raises(GeoDatabaseError, match="is a GeoLite2-ASN database; country lookups need a Country or City"):
        GeoLookup.open(path)
