"""A small Python web app that uses the SDK: tags in its pages, events from its server.

    activity-tracker serve                 # in one terminal
    python examples/python_app.py          # in another; open http://127.0.0.1:8090/

Pages carry the tracker tag and the live widget, rendered by ``tracker_sdk``;
buying something sends a server-side ``purchase`` event through ``Client``,
which batches and retries in the background and never blocks the request.
"""

from __future__ import annotations

import argparse

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Route

from tracker_sdk import Client, script_tag, widget_tag

COLLECTOR = "http://127.0.0.1:8000"
SITE = "shop.example"
client = Client(COLLECTOR, SITE)


def page(body: str) -> HTMLResponse:
    return HTMLResponse(
        f"""<!doctype html><html><head><meta charset="utf-8"><title>Python shop</title>
        {script_tag(COLLECTOR, SITE, track_localhost=True)}</head>
        <body style="font-family: system-ui; max-width: 60rem; margin: 2rem auto">{body}
        <h2>Live, from activity-tracker</h2>{widget_tag(COLLECTOR, SITE)}</body></html>"""
    )


async def home(request: Request) -> HTMLResponse:
    return page('<h1>Python shop</h1><form method="post" action="/buy"><button>Buy the pro plan</button></form>')


async def buy(request: Request) -> RedirectResponse:
    # A server-side event: the visitor key is the app's own (here: the client address).
    visitor = request.client.host if request.client else "anonymous"
    client.track("purchase", {"plan": "pro", "amount": 10}, visitor=visitor, url=str(request.url))
    return RedirectResponse("/thanks", status_code=303)


async def thanks(request: Request) -> HTMLResponse:
    return page("<h1>Thank you!</h1><p>A <code>purchase</code> event was sent from the server.</p>")


app = Starlette(routes=[Route("/", home), Route("/buy", buy, methods=["POST"]), Route("/thanks", thanks)])


def main() -> None:
    global COLLECTOR, SITE, client
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--collector", default=COLLECTOR)
    parser.add_argument("--site", default=SITE)
    args = parser.parse_args()
    COLLECTOR, SITE = args.collector.rstrip("/"), args.site
    client = Client(COLLECTOR, SITE)
    uvicorn.run(app, host="127.0.0.1", port=args.port)


if __name__ == "__main__":
    main()
