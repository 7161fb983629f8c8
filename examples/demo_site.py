"""Serve the demo site (several pages + a single-page app) on its own origin.

    activity-tracker serve                      # in one terminal
    python examples/demo_site.py                # in another; open http://127.0.0.1:8080/

The pages load t.js from the collector (default http://127.0.0.1:8000), a
different origin, exactly as a real site would.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
from pathlib import Path

ROOT = Path(__file__).parent / "demo_site"


class DemoHandler(http.server.SimpleHTTPRequestHandler):
    collector = "http://127.0.0.1:8000"
    site = "demo.example"

    def send_head(self):  # type: ignore[no-untyped-def]
        name = self.path.split("?")[0].lstrip("/") or "index.html"
        if name.startswith("spa.html/"):
            name = "spa.html"  # the single-page app serves its own routes
        page = ROOT / "pages" / name
        if name == "spa.html":
            body = (ROOT / "spa.html").read_text()
        elif page.is_file() and page.parent == ROOT / "pages":
            title, _, content = page.read_text().partition("\n")
            body = (ROOT / "_layout.html").read_text()
            body = body.replace("{{TITLE}}", title.removeprefix("<!-- title: ").removesuffix(" -->"))
            body = body.replace("{{BODY}}", content)
        else:
            return super().send_head()
        data = body.replace("{{COLLECTOR}}", self.collector).replace("{{SITE}}", self.site).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--collector", default="http://127.0.0.1:8000", help="where activity-tracker serve runs")
    parser.add_argument("--site", default="demo.example", help="the data-site the pages send")
    args = parser.parse_args()
    DemoHandler.collector = args.collector.rstrip("/")
    DemoHandler.site = args.site
    handler = functools.partial(DemoHandler, directory=str(ROOT))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    print(f"Demo site on http://127.0.0.1:{args.port}/ sending to {DemoHandler.collector} as {args.site}")
    print(f"Dashboard: {DemoHandler.collector}/dashboard?site={args.site}")
    server.serve_forever()


if __name__ == "__main__":
    main()
