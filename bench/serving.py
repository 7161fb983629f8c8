"""Serve a bench app with the uvicorn settings ``activity-tracker serve`` uses (``ingest_server/cli.py`` ``run``).

Same loop and HTTP implementation (uvicorn's "auto": uvloop and httptools when
installed), same keep-alive, log level and graceful shutdown, so that a
baseline differs from the product only in what its endpoint does.
"""

from __future__ import annotations

import argparse
import resource
from typing import Any

import uvicorn


def serve(app: Any, argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    args, _ = parser.parse_known_args(argv)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    config = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        proxy_headers=False,  # serve trusts no proxy unless --forwarded-allow-ips is given
        log_level="warning",
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
    )
    uvicorn.Server(config).run()
