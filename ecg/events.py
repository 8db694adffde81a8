"""Server-Sent Events for a job's progress, shared by the job kinds' endpoints.

An async view streams `event: <name>` with the job's JSON each time it changes, a comment to
keep the connection open when nothing does, and ends when the job does (or after
STREAM_SECONDS: EventSource reconnects by itself). The state is read the way a poll reads it
(the status snapshot in the shared cache, the database on a miss). Under ASGI (production,
ecg/serving.py) a stream waits for a change notice (ecg/changes.py, Redis pub/sub) as a
coroutine: no thread, no database connection, no reads while nothing changes.

The streams are plain Django views, which the OpenAPI generator does not see: each app names
its stream with `document_stream`, and `schema_with_event_streams` (a drf-spectacular
post-processing hook) adds them to the schema.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connections
from django.http import HttpRequest, StreamingHttpResponse
from django.http.response import HttpResponseBase

from ecg.changes import subscription, user_topic
from ecg.errors import DomainError, ErrorCode, error_response

CHECK_SECONDS = 0.5  # how often a stream reads without change notices (no Redis, WSGI)
RECHECK_SECONDS = 15.0  # how often a notified stream reads anyway (a notice lost is late only)
KEEP_ALIVE_SECONDS = 15.0
STREAM_SECONDS = 600.0
T = TypeVar("T")


@dataclass(frozen=True)
class StreamState:
    """What a stream shows now, whether it is the end, and the change topics to wake it."""

    data: dict[str, Any]
    final: bool
    topics: tuple[str, ...]


class _Stream:
    """Which events to send and when to stop: shared by the async and the sync stream."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.started = self.last_sent = time.monotonic()
        self.last: str | None = None
        self.done = False

    def next(self, state: StreamState) -> str | None:
        text = json.dumps(state.data, cls=DjangoJSONEncoder)
        now = time.monotonic()
        self.done = state.final or now - self.started >= STREAM_SECONDS
        if text != self.last:
            self.last, self.last_sent = text, now
            return f"event: {self.name}\ndata: {text}\n\n"
        if now - self.last_sent >= KEEP_ALIVE_SECONDS:
            self.last_sent = now
            return ": still here\n\n"
        return None


def _then_release(read: Callable[[], T]) -> T:
    """Run a read on a pool thread and give its database connection back at once: a waiting
    stream holds no connection (under ASGI the request's own end may be minutes away)."""
    try:
        return read()
    finally:
        connections.close_all()


async def _released(read: Callable[[], T]) -> T:
    return await sync_to_async(_then_release, thread_sensitive=False)(read)


class _SharedReads:
    """Streams of one process that show the same thing (same host, path and user) and were woken
    by the same notice read it once: 200 open streams of a job make one read a change, not 200.
    A stream joins only a read that started after it was woken, so it never gets a state older
    than the change that woke it."""

    def __init__(self) -> None:
        self._reads: dict[Hashable, tuple[float, asyncio.Task[Any]]] = {}

    async def read(self, key: Hashable, since: float, read: Callable[[], Awaitable[T]]) -> T:
        found = self._reads.get(key)
        loop = asyncio.get_running_loop()
        if found is None or found[0] < since or found[1].get_loop() is not loop:
            task: asyncio.Task[Any] = asyncio.ensure_future(read())
            found = self._reads[key] = (time.monotonic(), task)
            task.add_done_callback(lambda done: self._forget(key, done))
        return await asyncio.shield(found[1])  # one stream closing never cancels the others'

    def _forget(self, key: Hashable, done: asyncio.Task[Any]) -> None:
        if key in self._reads and self._reads[key][1] is done:
            del self._reads[key]


_shared_reads = _SharedReads()


def _async_stream(
    name: str, read: Callable[[], StreamState], first: StreamState, share: Hashable
) -> Any:
    async def read_again(since: float, last: StreamState) -> StreamState | None:
        """The state now (shared with the streams woken at the same time), `last` while the
        database cannot answer (the stream waits and tries again), None when it ends."""
        try:
            return await _shared_reads.read(share, since, lambda: _released(read))
        except DomainError:  # gone, or its owner deactivated: the stream ends
            return None
        except DatabaseError:  # its pool ran dry or the database is away: not the client's
            return last

    async def stream() -> AsyncIterator[str]:
        state = _Stream(name)
        current: StreamState | None = first
        followed: tuple[str, ...] = ()
        async with subscription(CHECK_SECONDS) as waiter:
            while current is not None:
                if current.topics != followed:  # read again once subscribed: nothing missed
                    await waiter.follow(current.topics)
                    followed = current.topics
                    current = await read_again(time.monotonic(), current)
                    continue
                if chunk := state.next(current):
                    yield chunk
                if state.done:
                    return
                woken = await waiter.wait(RECHECK_SECONDS)
                current = await read_again(woken, current)

    return stream()


def _sync_stream(name: str, read: Callable[[], StreamState], first: StreamState) -> Any:
    """Under WSGI (runserver, the test server) a plain generator, as WSGI would otherwise
    collect an async stream whole before sending any of it."""

    def stream() -> Iterator[str]:
        state, current = _Stream(name), first
        while True:
            if chunk := state.next(current):
                yield chunk
            if state.done:
                return
            time.sleep(CHECK_SECONDS)
            try:
                current = read()
            except DomainError:  # gone, or its owner deactivated: the stream ends
                return

    return stream()


async def owner_events(
    request: HttpRequest, name: str, read: Callable[[int], StreamState]
) -> HttpResponseBase:
    """The signed-in user's events: `read(user_id)` raises DomainError (not found, ...) for an
    object that is not theirs, answered as the usual JSON error before any stream starts."""
    asgi = isinstance(request, ASGIRequest)

    def read_for(user_id: int) -> Callable[[], StreamState]:
        def read_for_user() -> StreamState:
            """The user's own topic too: a deactivated user's streams end at once."""
            found = read(user_id)
            return replace(found, topics=(*found.topics, user_topic(user_id)))

        return read_for_user

    def first() -> tuple[Callable[[], StreamState], StreamState] | HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return error_response(
                DomainError(ErrorCode.NOT_AUTHENTICATED, "Sign in to follow this.")
            )
        read_user = read_for(user.pk)
        try:
            return read_user, read_user()
        except DomainError as exc:
            return error_response(exc)

    opened = await (_released(first) if asgi else sync_to_async(first)())
    if isinstance(opened, HttpResponseBase):
        return opened
    read_user, state = opened
    if asgi:
        share = (request.get_host(), request.path, request.user.pk)
        stream = _async_stream(name, read_user, state, share)
    else:
        stream = _sync_stream(name, read_user, state)
    response = StreamingHttpResponse(stream, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # proxies must not hold the events back
    return response


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
