"""activity-tracker's server: collector, event log backends, aggregator, dashboards and CLI."""

from __future__ import annotations

__version__ = "0.1.0"
