"""activity-tracker's Python SDK: the v1 wire schema, a server-side client, and tag helpers."""

from __future__ import annotations

from tracker_sdk.client import Client
from tracker_sdk.schema import VERSION as SCHEMA_VERSION
from tracker_sdk.tags import script_tag, stub_tag, widget_tag

__all__ = ["SCHEMA_VERSION", "Client", "script_tag", "stub_tag", "widget_tag"]
