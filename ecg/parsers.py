"""JSON bodies: refused early when too large or too deeply nested, and parsed strictly."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser
from rest_framework.renderers import JSONRenderer

from ecg.errors import DomainError, ErrorCode


class LimitedJSONParser(BaseParser):
    """JSON with a byte limit (the view's `max_body_bytes`, else API_MAX_JSON_BYTES).

    Not a JSONParser subclass on purpose: DRF buffers the whole body for those before parsing;
    this one reads the stream itself and stops one byte past the limit.
    """

    media_type = "application/json"
    renderer_class = JSONRenderer

    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        context = parser_context or {}
        view = context.get("view")
        limit = getattr(view, "max_body_bytes", settings.API_MAX_JSON_BYTES)
        request = context.get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and str(declared).isdigit() and int(declared) > limit:
            raise _too_large(limit)
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise _too_large(limit)
        try:
            return strict_json_loads(
                raw.decode(context.get("encoding") or settings.DEFAULT_CHARSET)
            )
        except (ValueError, RecursionError) as exc:
            raise ParseError("The body is not valid JSON.") from exc


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_json_loads(raw: str | bytes) -> Any:
    """JSON as the standard defines it: NaN and Infinity, which Python's json accepts and
    PostgreSQL's jsonb refuses, are a parse error here."""
    return json.loads(raw, parse_constant=_refuse_constant)


def finite_number(value: Any) -> bool:
    """A JSON number that fits a database column: not a bool, not NaN or infinite, not huge."""
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e15


def _too_large(limit: int) -> DomainError:
    return DomainError(
        ErrorCode.BODY_TOO_LARGE,
        "The request body is too large.",
        status=413,
        details={"limit": limit},
    )
