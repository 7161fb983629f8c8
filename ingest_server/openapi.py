"""The OpenAPI 3.1 document of the whole HTTP API, served at ``/openapi.json``.

Built from the same constants the handlers validate with (limits, periods,
metrics, dimensions), so the document cannot drift from them; a schemathesis
test checks the running app against it.
"""

from __future__ import annotations

import functools
from typing import Any

from ingest_server import __version__, stats
from ingest_server.segments import FILTERABLE
from ingest_server.rollup_store import PERIODS as SNAPSHOT_PERIODS
from tracker_sdk import schema as wire

JSON = "application/json"
_ERROR = {"$ref": "#/components/schemas/Error"}
# [label, count] pairs (written without prefixItems, which schemathesis mistranslates)
_PAIRS = {"type": "array", "items": {"type": "array", "items": {"type": ["string", "integer"]},
                                     "minItems": 2, "maxItems": 2}}
_CORS = {"Access-Control-Allow-Origin": {"schema": {"type": "string"}}}


def _error(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description, "content": {JSON: {"schema": _ERROR}}}
    if headers:
        response["headers"] = headers
    return response


def _query(name: str, description: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


_SITE = _query("site", "The site's name, e.g. `example.com`.", {"type": "string", "minLength": 1}, required=True)
_TOKEN = _query("token", "Read token of a private site (or `Authorization: Bearer`).", {"type": "string"})
_READ_ERRORS = {
    "400": _error("A parameter is malformed; `field` names it."),
    "401": _error("The site is private and no token was given."),
    "403": _error("The token does not grant access to this site."),
    "404": _error("This process does not serve dashboards."),
}
_RETRY = {"Retry-After": {"schema": {"type": "string"}, "description": "Seconds to wait."}}


def _event_schema() -> dict[str, Any]:
    text = {"type": "string"}
    return {
        "type": "object",
        "required": ["id", "type", "ts", "url"],
        "properties": {
            "id": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$", "description": "Unique per event; the dedupe key."},
            "type": {"type": "string", "pattern": f"^[a-z][a-z0-9_]{{0,{wire.MAX_TYPE_LEN - 1}}}$",
                     "examples": sorted(wire.KNOWN_TYPES)},
            "ts": {"type": "integer", "description": "Milliseconds since the epoch; not older than the server's "
                                                     "--max-event-age (24 h by default) nor 10 minutes ahead."},
            "url": {**text, "maxLength": wire.MAX_URL_LEN},
            "ref": {**text, "maxLength": wire.MAX_URL_LEN},
            "title": {**text, "maxLength": wire.MAX_TITLE_LEN},
            "sid": {**text, "maxLength": wire.MAX_SID_LEN},
            "name": {**text, "maxLength": wire.MAX_NAME_LEN, "description": "Required for `custom` events."},
            "target": {**text, "maxLength": wire.MAX_URL_LEN},
            "vid": {**text, "maxLength": wire.MAX_ID_LEN, "description": "Server-side SDK: the app's visitor key."},
            "ms": {"type": "integer", "minimum": 0, "maximum": wire.MAX_ENGAGED_MS},
            "scroll": {"type": "integer", "minimum": 0, "maximum": 100},
            "status": {"type": "integer", "minimum": 0, "maximum": 599},
            "wd": {"type": "boolean", "description": "navigator.webdriver: the event is counted as a bot's."},
            "props": {"type": "object", "maxProperties": wire.MAX_PROPS,
                      "additionalProperties": {"type": ["string", "number", "boolean", "null"]}},
        },
    }


def _snapshot_schema() -> dict[str, Any]:
    integer = {"type": "integer"}
    number = {"type": "number"}
    breakdowns = ["top_pages", "entry_pages", "exit_pages", "referrers", "sources", "utm_sources", "utm_mediums",
                  "utm_campaigns", "browsers", "os", "devices", "countries", "event_types", "outbound", "downloads"]
    return {
        "type": "object",
        "required": ["v", "site", "ts", "period", "current_visitors", "totals", "series", "latest", *breakdowns],
        "properties": {
            "v": {"const": 1},
            "site": {"type": "string"},
            "ts": integer,
            "period": {"enum": list(SNAPSHOT_PERIODS)},
            "current_visitors": integer,
            "totals": {
                "type": "object",
                "required": ["pageviews", "events", "visitors", "visits", "bounce_rate", "visit_duration_s",
                             "pages_per_visit"],
                "properties": {"pageviews": integer, "events": integer, "visitors": integer, "visits": integer,
                               "bounce_rate": number, "visit_duration_s": number, "pages_per_visit": number,
                               "bots": integer},
            },
            "series": {"type": "array", "items": {
                "type": "object", "required": ["t", "events", "pageviews", "visitors"],
                "properties": {"t": integer, "events": integer, "pageviews": integer, "visitors": integer}}},
            **{name: _PAIRS for name in breakdowns},
            "goals": {"type": "array", "items": {
                "type": "object", "required": ["name", "count", "visitors", "props"],
                "properties": {"name": {"type": "string"}, "count": integer, "visitors": integer,
                               "props": {"type": "object", "additionalProperties": _PAIRS}}}},
            "engagement": {"type": "object", "properties": {"avg_time_ms": number, "avg_scroll": number}},
            "latest": {"type": "array", "items": {"type": "object", "required": ["id", "type", "ts"]}},
        },
    }


def _stats_schema() -> dict[str, Any]:
    metric_values = {"type": "object", "properties": {
        m: {"type": "number"} if m in ("bounce_rate", "visit_duration", "pages_per_visit")
        else {"type": "integer"} for m in stats.METRICS}}
    point = {"allOf": [metric_values, {"type": "object", "required": ["t", "time"],
                                       "properties": {"t": {"type": "integer"}, "time": {"type": "string"}}}]}
    span = {"from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
            "start": {"type": "integer"}, "end": {"type": "integer"}, "interval": {"enum": list(stats.INTERVALS)}}
    return {
        "type": "object",
        "required": ["v", "site", "period", "from", "to", "start", "end", "interval", "filters", "metrics", "totals",
                     "series"],
        "properties": {
            "v": {"const": 1},
            "site": {"type": "string"},
            "period": {"enum": list(stats.PERIODS)},
            **span,
            "filters": {"type": "object", "additionalProperties": {"type": "string"}},
            "metrics": {"type": "array", "items": {"enum": list(stats.METRICS)}},
            "totals": metric_values,
            "series": {"type": "array", "items": point},
            "compare": {"type": "object", "required": ["from", "to", "totals", "change", "series"], "properties": {
                **span, "totals": metric_values, "series": {"type": "array", "items": point},
                "change": {"type": "object", "additionalProperties": {"type": ["number", "null"]}}}},
            "breakdown": {
                "type": "object",
                "required": ["dimension", "metric", "page", "limit", "total", "next_page", "results"],
                "properties": {
                    "dimension": {"enum": list(stats.BREAKDOWNS)},
                    "metric": {"enum": sorted(set(stats.NATIVE_METRIC.values()))},
                    "page": {"type": "integer"}, "limit": {"type": "integer"}, "total": {"type": "integer"},
                    "next_page": {"type": ["integer", "null"]},
                    "results": {"type": "array", "items": {"allOf": [metric_values, {
                        "type": "object", "required": ["value"],
                        "properties": {"value": {"type": "string"},
                                       "props": {"type": "object", "additionalProperties": _PAIRS}}}]}},
                },
            },
        },
    }


def _stats_parameters() -> list[dict[str, Any]]:
    return [
        _SITE, _TOKEN,
        _query("period", "The range, unless `from`/`to` give a custom one. Default `30d`.",
               {"enum": list(stats.PERIODS)}),
        _query("from", "First day of a custom range (UTC), YYYY-MM-DD.", {"type": "string", "format": "date"}),
        _query("to", "Last day of a custom range (UTC), inclusive.", {"type": "string", "format": "date"}),
        _query("interval", "Bucket size of `series`; the default follows the range.", {"enum": list(stats.INTERVALS)}),
        _query("metrics", f"Comma-separated, from: {', '.join(stats.METRICS)}. Default: all that the filter allows.",
               {"type": "string"}),
        _query("breakdown", "A dimension to rank.", {"enum": list(stats.BREAKDOWNS)}),
        _query("filters", "`dimension==value`, `;`-separated; dimensions: "
                          f"{', '.join(FILTERABLE)}. E.g. `page==/pricing;source==search`.", {"type": "string"}),
        _query("limit", "Breakdown rows per page.", {"type": "integer", "minimum": 1, "maximum": stats.MAX_LIMIT}),
        _query("page", "Breakdown page, from 1.", {"type": "integer", "minimum": 1, "maximum": stats.MAX_PAGE}),
        _query("compare", "`previous`: add the same-length range before, with relative changes.",
               {"enum": ["previous"]}),
        _query("format", "`csv`: the breakdown rows (or else the series) as CSV.", {"enum": ["json", "csv"]}),
    ]


def _script(description: str) -> dict[str, Any]:
    return {
        "summary": description,
        "parameters": [{"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"}}],
        "responses": {
            "200": {"description": "The script.", "headers": {"ETag": {"schema": {"type": "string"}}},
                    "content": {"text/javascript": {"schema": {"type": "string"}}}},
            "304": {"description": "Not modified (the ETag matched)."},
        },
    }


@functools.cache
def openapi_document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (a fresh copy is not needed: callers only serialise it)."""
    beacon = {
        "type": "object", "required": ["site", "events"],
        "properties": {"site": {"type": "string", "maxLength": wire.MAX_SITE_LEN},
                       "events": {"type": "array", "minItems": 1, "maxItems": wire.MAX_EVENTS,
                                  "items": {"$ref": "#/components/schemas/Event"}}},
    }
    read = {"tags": ["dashboards"]}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "activity-tracker",
            "version": __version__,
            "description": "Self-hosted real-time web analytics. Wire protocol: tracker_sdk/schema.py; "
                           "snapshots and streams: docs/stream-api.md; queries: docs/stats-api.md.",
        },
        "paths": {
            "/api/collect": {
                "post": {
                    "tags": ["collect"],
                    "summary": "Send a beacon: a batch of events of one site (one visitor).",
                    "description": "Answers 202 once the events are durable. Each event is checked on its own: "
                                   "rejected ones are listed by index, the others are kept. Send it as text/plain "
                                   "(no CORS preflight) or application/json.",
                    "requestBody": {"required": True, "content": {
                        JSON: {"schema": {"$ref": "#/components/schemas/Beacon"}},
                        "text/plain": {"schema": {"type": "string"}},
                    }},
                    "responses": {
                        "202": {"description": "Stored.", "headers": _CORS,
                                "content": {JSON: {"schema": {"$ref": "#/components/schemas/Accepted"}}}},
                        "400": _error("The envelope is unusable, or no event in it is valid."),
                        "403": _error("The site is not registered here, or not from this origin."),
                        "408": _error("The body did not arrive in time."),
                        "413": _error("The body is larger than 64 KiB."),
                        "415": _error("The content type is neither text/plain nor application/json."),
                        "429": _error("Rate limited.", _RETRY),
                        "503": _error("The log is unavailable and the spool is full.", _RETRY),
                    },
                },
                "options": {
                    "tags": ["collect"],
                    "summary": "CORS preflight.",
                    "responses": {"204": {"description": "The methods and headers a page may use."}},
                },
            },
            "/api/collect.gif": {
                "get": {
                    "tags": ["collect"],
                    "summary": "A pageview from a `<noscript>` image; always answers with the pixel.",
                    "parameters": [
                        _query("site", "The site's name.", {"type": "string"}),
                        _query("url", "The page (default: the Referer header).", {"type": "string"}),
                        _query("ref", "The page's referrer.", {"type": "string"}),
                        _query("id", "An event id, for dedupe.", {"type": "string"}),
                    ],
                    "responses": {"200": {"description": "A 1×1 GIF.",
                                          "content": {"image/gif": {"schema": {"type": "string",
                                                                               "contentMediaType": "image/gif"}}}}},
                },
            },
            "/api/stream": {
                "get": {
                    **read,
                    "summary": "Live snapshots over Server-Sent Events (docs/stream-api.md).",
                    "description": "`event: snapshot` messages whose `data` is a snapshot; endless.",
                    "parameters": [
                        _SITE, _TOKEN,
                        _query("period", "The period of totals and breakdowns.", {"enum": list(SNAPSHOT_PERIODS)}),
                        _query("last_event_id", "Resume after this snapshot id.", {"type": "string"}),
                    ],
                    "responses": {
                        "200": {"description": "The stream.", "content": {"text/event-stream": {
                            "schema": {"type": "string"}}}},
                        **_READ_ERRORS,
                        "503": _error("Too many open streams.", _RETRY),
                    },
                },
            },
            "/api/snapshot": {
                "get": {
                    **read,
                    "summary": "The current snapshot, once.",
                    "parameters": [_SITE, _TOKEN, _query("period", "The period of totals and breakdowns.",
                                                         {"enum": list(SNAPSHOT_PERIODS)})],
                    "responses": {
                        "200": {"description": "The snapshot.", "headers": _CORS,
                                "content": {JSON: {"schema": {"$ref": "#/components/schemas/Snapshot"}}}},
                        **_READ_ERRORS,
                    },
                },
            },
            "/api/stats": {
                "get": {
                    **read,
                    "summary": "Totals, a time series and one breakdown over any range (docs/stats-api.md).",
                    "parameters": _stats_parameters(),
                    "responses": {
                        "200": {"description": "The answer, as JSON or (format=csv) CSV.", "headers": _CORS,
                                "content": {JSON: {"schema": {"$ref": "#/components/schemas/Stats"}},
                                            "text/csv": {"schema": {"type": "string"}}}},
                        **_READ_ERRORS,
                    },
                },
            },
            "/dashboard": {
                "get": {
                    **read,
                    "summary": "The dashboard page.",
                    "parameters": [_query("site", "Checked for access when given.", {"type": "string"}), _TOKEN,
                                   _query("period", "Initial period.", {"enum": list(SNAPSHOT_PERIODS)})],
                    "responses": {"200": {"description": "HTML.", "content": {"text/html": {"schema": {
                        "type": "string"}}}}, **_READ_ERRORS},
                },
            },
            "/t.js": {"get": {"tags": ["assets"], **_script("The tracking snippet.")}},
            "/widget.js": {"get": {"tags": ["assets"], **_script("The `<activity-dashboard>` web component.")}},
            "/healthz": {"get": {"tags": ["operations"], "summary": "The process is up.", "responses": {"200": {
                "description": "Up.", "content": {JSON: {"schema": {"type": "object", "required": ["status"]}}}}}}},
            "/readyz": {"get": {"tags": ["operations"], "summary": "Its threads run and its log answers.",
                                "responses": {code: {"description": text, "content": {JSON: {"schema": {
                                    "type": "object", "required": ["ready", "log"],
                                    "properties": {"ready": {"type": "boolean"}, "log": {"type": "string"}}}}}}
                                    for code, text in (("200", "Ready."), ("503", "Not ready."))}}},
            "/metrics": {"get": {"tags": ["operations"], "summary": "Prometheus metrics.", "responses": {"200": {
                "description": "Prometheus text format.", "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
            "/openapi.json": {"get": {"tags": ["operations"], "summary": "This document.", "responses": {"200": {
                "description": "OpenAPI 3.1.", "content": {JSON: {"schema": {"type": "object"}}}}}}},
        },
        "components": {
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {
                    "error": {"type": "string", "description": "A sentence, starting with the field it is about."},
                    "field": {"type": "string", "description": "The parameter or field at fault."},
                    "rejected": {"type": "array", "items": {"$ref": "#/components/schemas/Rejection"}},
                }},
                "Rejection": {"type": "object", "required": ["index", "field", "reason"], "properties": {
                    "index": {"type": "integer"}, "field": {"type": "string"}, "reason": {"type": "string"}}},
                "Accepted": {"type": "object", "required": ["accepted", "rejected"], "properties": {
                    "accepted": {"type": "integer"},
                    "rejected": {"type": "array", "items": {"$ref": "#/components/schemas/Rejection"}}}},
                "Beacon": beacon,
                "Event": _event_schema(),
                "Snapshot": _snapshot_schema(),
                "Stats": _stats_schema(),
            },
        },
    }
