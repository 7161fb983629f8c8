"""The examples run: the demo site serves tagged pages, the Python app renders SDK tags."""

from __future__ import annotations

import asyncio
import functools
import http.server
import importlib.util
import threading
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Iterator

import httpx
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def demo() -> Iterator[str]:
    module = _load("demo_site")
    module.DemoHandler.collector = "http://collector.test:9000"
    module.DemoHandler.site = "demo.example"
    handler = functools.partial(module.DemoHandler, directory=str(module.ROOT))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["/", "/pricing.html", "/docs.html", "/spa.html", "/spa.html/settings"])
def test_demo_pages_carry_the_tag(demo: str, path: str) -> None:
    with urllib.request.urlopen(demo + path, timeout=10) as response:
        page = response.read().decode()
    assert '<script defer src="http://collector.test:9000/t.js" data-site="demo.example"' in page
    assert "{{" not in page


def test_python_app_renders_sdk_tags_and_tracks_server_side() -> None:
    module = _load("python_app")
    sent: list[tuple[str, dict]] = []
    module.client.track = lambda name, props, **kw: sent.append((name, props)) or "id"  # type: ignore[method-assign]
    transport = httpx.ASGITransport(app=module.app)

    async def run() -> None:
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
            home = await client.get("/")
            assert '<script defer src="http://127.0.0.1:8000/t.js" data-site="shop.example"' in home.text
            assert '<activity-dashboard site="shop.example"' in home.text
            bought = await client.post("/buy")
            assert bought.status_code == 303

    asyncio.run(run())
    assert sent == [("purchase", {"plan": "pro", "amount": 10})]
