"""JSON bodies: refused early when too large or too deeply nested, parsed strictly, and
checked for values PostgreSQL cannot store before anything reaches it."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser
from rest_framework.renderers import JSONRenderer

from ecg.errors import DomainError, ErrorCode

# NUL, which PostgreSQL's text and jsonb refuse, and surrogates, which UTF-8 cannot encode.
_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")


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
            data = strict_json_loads(
                raw.decode(context.get("encoding") or settings.DEFAULT_CHARSET)
            )
        except (ValueError, RecursionError) as exc:
            raise ParseError("The body is not valid JSON.") from exc
        require_storable(data)
        return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_json_loads(raw: str | bytes) -> Any:
    """JSON as the standard defines it: NaN and Infinity, which Python's json accepts and
    PostgreSQL's jsonb refuses, are a parse error here."""
    return json.loads(raw, parse_constant=_refuse_constant)


def require_storable(data: Any) -> None:
    """Refuse (400, naming the JSON path) a value PostgreSQL cannot store in a text or jsonb
    column: a NUL character, a lone surrogate (no UTF-8 for it) or a non-finite number (1e400
    parses as inf). Every door through which JSON reaches the database calls this once."""
    problem = unstorable(data)
    if problem is None:
        return
    path, what = problem
    raise DomainError(
        ErrorCode.VALUE_NOT_STORABLE,
        f"{path or 'The body'} {what}, which cannot be stored.",
        details={"path": path, "problem": what},
    )


def unstorable(data: Any) -> tuple[str, str] | None:
    """(JSON path, problem) of the first value that cannot be stored, or None.

    Serializing as the database column does (at C speed) clears almost every document at once;
    only a suspect one is walked to name the place.
    """
    try:
        dumped = json.dumps(data, allow_nan=False, ensure_ascii=False)
        dumped.encode()
    except (ValueError, TypeError, RecursionError):  # UnicodeEncodeError is a ValueError
        return _first_unstorable(data)
    return _first_unstorable(data) if "\\u0000" in dumped else None


def _first_unstorable(data: Any) -> tuple[str, str] | None:
    """Iterative (a document may be as deep as the parser allows), in document order."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            bad = _bad_character(value)
            if bad:
                return path, f"contains {bad}"
        elif isinstance(value, float) and not math.isfinite(value):
            return path, "is not a finite number"
        elif isinstance(value, dict):
            children = []
            for key, child in value.items():
                child_path = _join(path, str(key))
                bad = _bad_character(str(key))
                if bad:
                    return child_path, f"has a name containing {bad}"
                children.append((child_path, child))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend(reversed([(_join(path, str(i)), c) for i, c in enumerate(value)]))
    return None


def _join(path: str, key: str) -> str:
    """A path as the answer can show it: a bad character in a key is written as its escape."""
    shown = _BAD_CHARACTER.sub(lambda match: f"\\u{ord(match.group()):04x}", key)
    return f"{path}.{shown}" if path else shown


def _bad_character(text: str) -> str | None:
    found = _BAD_CHARACTER.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return "a NUL character (\\u0000)"
    return f"a lone surrogate (\\u{ord(found.group()):04x}), which is no character"


def finite_number(value: Any) -> bool:
    """A JSON number that fits a database column: not a bool, not NaN or infinite, not huge."""
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e15


def _too_large(limit: int) -> DomainError:
    return DomainError(
        ErrorCode.BODY_TOO_LARGE,
        "The request body is too large.",
        details={"limit": limit},
    )
