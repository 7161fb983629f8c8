"""The collector role alone on the embedded log: ``activity-tracker serve`` minus its aggregator and dashboards.

``serve`` refuses separate roles without Kafka (the embedded log has one
writer process), so this builds the same ``Runtime`` and ``create_app`` as
``cli.run`` and drops the other roles before it starts. Same uvicorn settings
(``serving.py``). It shows what the collector itself costs; ``serve`` adds the
aggregator's work to the same process and the same GIL.

    python bench/collector_only.py --port 8000 --data-dir DIR
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serving import serve  # noqa: E402
from ingest_server.app import create_app  # noqa: E402
from ingest_server.config import Settings  # noqa: E402
from ingest_server.ratelimit import CollectLimits  # noqa: E402
from ingest_server.runtime import Runtime  # noqa: E402
from ingest_server.sites import SiteRegistry  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    args, _ = parser.parse_known_args()
    settings = Settings(data_dir=args.data_dir)
    registry = SiteRegistry.open(settings.data_dir, extra_sites=settings.sites)
    runtime = Runtime(settings, gate=registry.gate())
    runtime.aggregator = None  # collector only: nothing else runs in this process
    runtime.store = None
    runtime.broadcaster = None
    if runtime.collector is not None:
        runtime.collector.limits = CollectLimits.from_rates(settings.rate_limit_ip, settings.rate_limit_site)
    serve(create_app(runtime, access=registry.access()))


if __name__ == "__main__":
    main()
