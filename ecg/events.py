"""Server-Sent Events for a job's progress, shared by the job kinds' endpoints.

An async view streams `event: <name>` with the job's JSON each time it changes, a comment to
keep the connection open when nothing does, and ends when the job does (or after
STREAM_SECONDS: EventSource reconnects by itself). The state is read from the status snapshot
a poll reads (the shared cache), twice a second: under ASGI a waiting stream holds no worker
thread, and the database is not touched while nothing changes.

The streams are plain Django views, which the OpenAPI generator does not see: each app names
its stream with `document_stream`, and `schema_with_event_streams` (a drf-spectacular
post-processing hook) adds them to the schema.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase

from ecg.errors import DomainError, ErrorCode, error_response

CHECK_SECONDS = 0.5
KEEP_ALIVE_SECONDS = 15.0
STREAM_SECONDS = 600.0


class _Stream:
    """Which events to send and when to stop: shared by the async and the sync stream."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.started = self.last_sent = time.monotonic()
        self.last: str | None = None
        self.done = False

    def next(self, data: dict[str, Any], final: bool) -> str | None:
        text = json.dumps(data, cls=DjangoJSONEncoder)
        now = time.monotonic()
        self.done = final or now - self.started >= STREAM_SECONDS
        if text != self.last:
            self.last, self.last_sent = text, now
            return f"event: {self.name}\ndata: {text}\n\n"
        if now - self.last_sent >= KEEP_ALIVE_SECONDS:
            self.last_sent = now
            return ": still here\n\n"
        return None


def event_stream(
    request: HttpRequest, name: str, read: Callable[[], tuple[dict[str, Any], bool]]
) -> StreamingHttpResponse:
    """`read()` -> (the JSON to send, whether it is the end). Under ASGI the stream is async and
    waits without a thread; under WSGI (runserver, the test server) a plain generator, as WSGI
    would otherwise collect an async stream whole before sending any of it."""
    if isinstance(request, ASGIRequest):
        read_async = sync_to_async(read)

        async def stream_async() -> AsyncIterator[str]:
            state = _Stream(name)
            while not state.done:
                if chunk := state.next(*await read_async()):
                    yield chunk
                if not state.done:
                    await asyncio.sleep(CHECK_SECONDS)

        response = StreamingHttpResponse(stream_async(), content_type="text/event-stream")
    else:

        def stream_sync() -> Iterator[str]:
            state = _Stream(name)
            while not state.done:
                if chunk := state.next(*read()):
                    yield chunk
                if not state.done:
                    time.sleep(CHECK_SECONDS)

        response = StreamingHttpResponse(stream_sync(), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # proxies must not hold the events back
    return response


async def owner_events(
    request: HttpRequest, name: str, read: Callable[[int], tuple[dict[str, Any], bool]]
) -> HttpResponseBase:
    """The signed-in user's events: `read(user_id)` raises DomainError (not found, ...) for an
    object that is not theirs, answered as the usual JSON error before any stream starts."""
    user = await request.auser()
    if not user.is_authenticated:
        return error_response(ErrorCode.NOT_AUTHENTICATED, "Sign in to follow this.", status=401)
    try:
        await sync_to_async(read)(user.pk)
    except DomainError as exc:
        return error_response(exc.code, exc.message, exc.status, exc.details)
    return event_stream(request, name, lambda: read(user.pk))


@dataclass(frozen=True)
class StreamDoc:
    """An event stream as the OpenAPI schema shows it."""

    path: str  # as the schema writes paths: "/api/v1/renders/{render_id}/events"
    event: str  # the name of its events
    data: str  # the schema component that each event's JSON follows
    summary: str
    fallback: str  # the endpoint to poll when a stream cannot be used


_DOCUMENTED: dict[str, StreamDoc] = {}


def document_stream(doc: StreamDoc) -> None:
    _DOCUMENTED[doc.path] = doc


def _error(description: str) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Error"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def schema_with_event_streams(result: dict[str, Any], **_: Any) -> dict[str, Any]:
    for doc in _DOCUMENTED.values():
        parameter = re.search(r"\{(\w+)\}", doc.path)
        assert parameter, doc.path
        description = (
            f"Server-Sent Events (`text/event-stream`): an `event: {doc.event}` whose `data` is a "
            f"`{doc.data}` each time the state changes, the first at once; a `: still here` "
            f"comment every {KEEP_ALIVE_SECONDS:.0f} s while nothing does. The stream ends "
            f"after the final state, or after {STREAM_SECONDS / 60:.0f} minutes (EventSource "
            f"reconnects by itself). Signed-in session only (EventSource sends no headers). "
            f"Where a stream cannot be used, poll `{doc.fallback}`."
        )
        result["paths"][doc.path] = {
            "get": {
                "operationId": re.sub(r"\W+", "_", doc.path).strip("_"),
                "summary": doc.summary,
                "description": description,
                "tags": ["api"],
                "parameters": [
                    {
                        "in": "path",
                        "name": parameter.group(1),
                        "required": True,
                        "schema": {"type": "string", "format": "uuid"},
                    }
                ],
                "security": [{"cookieAuth": []}],
                "responses": {
                    "200": {
                        "description": f"A stream of `{doc.event}` events.",
                        "content": {
                            "text/event-stream": {
                                "schema": {"type": "string"},
                                "x-event-data": {"$ref": f"#/components/schemas/{doc.data}"},
                            }
                        },
                    },
                    "401": _error("Not signed in."),
                    "404": _error("No such object of the signed-in user."),
                },
            }
        }
    return result
