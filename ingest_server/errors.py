"""Errors that carry their HTTP status, raised by request handlers and turned into JSON bodies."""

from __future__ import annotations

from typing import Any


class HTTPError(Exception):
    def __init__(self, status: int, field: str, reason: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{field}: {reason}")
        self.status = status
        self.field = field
        self.reason = reason
        self.headers = headers

    def body(self) -> dict[str, Any]:
        return {"error": f"{self.field}: {self.reason}", "field": self.field}
