"""The application that production serves: one ASGI entry point with three paths inside.

Measured on this project (docs/benchmarks.md): Django's sync views under its ASGI handler cost
every request several thread hops (each request gets its own thread-sensitive context), which
made the API three times slower than the same views on WSGI threads, and let each of those
short-lived threads hold a database connection of its own. So:

- the app runs on Django's WSGI handler on a pool of `WEB_THREADS` threads a process, each
  request handed to a thread once and answered once (ecg/wsgi_threads.py);
- transfers (the local upload, output and download URLs) and bodies too large to read first
  stream both ways through a2wsgi, on a pool of their own;
- the event streams (`/api/v1/<kind>/<id>/events`) run on Django's ASGI handler: a waiting
  stream is a coroutine, holding no thread and no database connection (ecg/events.py).

Requests with a body but no length (chunked) are refused with 411 before anything reads them,
so a hostile upload of unbounded size is never spooled by a web worker.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from a2wsgi import WSGIMiddleware
from django.core.asgi import get_asgi_application
from django.core.wsgi import get_wsgi_application

from ecg.errors import DomainError, ErrorCode
from ecg.wsgi_threads import INLINE_BODY_BYTES, ThreadedWSGI, declared_length

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

STREAM_PATH = re.compile(r"^/api/v1/[a-z]+/[0-9a-f-]{36}/events$")


def web_threads() -> int:
    return int(os.environ.get("WEB_THREADS", "4"))


def without_underscored_headers(headers: Any) -> list[tuple[bytes, bytes]]:
    """Headers whose names hold `_` are dropped, as gunicorn and Django's own server do: the WSGI
    environ spells `X_Forwarded_For` and `X-Forwarded-For` alike (HTTP_X_FORWARDED_FOR), so a
    client could add a hop to what a trusted proxy wrote (ecg/client_ip.py)."""
    return [(name, value) for name, value in headers if b"_" not in name]


def _length_required(scope: Scope) -> bool:
    headers = dict(scope.get("headers") or ())
    chunked = b"chunked" in headers.get(b"transfer-encoding", b"").lower()
    return chunked and b"content-length" not in headers


async def _refuse_length_required(send: Send) -> None:
    refusal = DomainError(ErrorCode.LENGTH_REQUIRED, "Send a Content-Length with the request body.")
    body = json.dumps(refusal.body()).encode()
    await send(
        {
            "type": "http.response.start",
            "status": refusal.status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


TRANSFER_PATH = re.compile(r"^/api/v1/(uploads|outputs|files)/")


def build_application() -> ASGIApp:
    streams = get_asgi_application()
    app = get_wsgi_application()
    threaded = ThreadedWSGI(app, web_threads())
    transfers = WSGIMiddleware(app, workers=web_threads())  # type: ignore[arg-type]

    async def application(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return  # no websockets here: the connection is closed unanswered
        if _length_required(scope):
            await _refuse_length_required(send)
            return
        scope["headers"] = without_underscored_headers(scope.get("headers") or ())
        if STREAM_PATH.match(scope["path"]):
            await streams(scope, receive, send)  # type: ignore[arg-type]
        elif TRANSFER_PATH.match(scope["path"]) or declared_length(scope) > INLINE_BODY_BYTES:
            await transfers(scope, receive, send)  # type: ignore[arg-type]
        else:
            await threaded(scope, receive, send)

    return application


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
