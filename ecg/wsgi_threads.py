"""A WSGI app on a pool of threads under an ASGI server, with one hand-off each way.

For an ordinary request (a body of at most INLINE_BODY_BYTES, read by the event loop first) the
whole WSGI call runs in one go on a pool thread: the app, its response collected, its close()
(Django's request_finished, which gives the thread's database connection back to the pool, in
the thread that took it). The loop then sends the answer. A generic bridge (a2wsgi, used here
for transfers) hands every read and every write between the loop and the thread, which measured
0.4-0.6 ms a request on this machine and more under load, where each hand-off also waits for
the GIL.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from a2wsgi.wsgi import build_environ

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
WSGIApp = Callable[..., Iterable[bytes]]

INLINE_BODY_BYTES = 2 * 1024**2  # the JSON and form limits (API_MAX_JSON_BYTES and friends)


class Answer:
    def __init__(self) -> None:
        self.status = 500
        self.headers: list[tuple[bytes, bytes]] = []
        self.body = b""


def declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            return int(value) if value.isdigit() else 0
    return 0


class ThreadedWSGI:
    def __init__(self, app: WSGIApp, threads: int) -> None:
        self.app = app
        self.executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="web")

    def _call(self, scope: Scope, body: bytes) -> Answer:
        answer = Answer()

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Any:
            answer.status = int(status.split(" ", 1)[0])
            answer.headers = [(k.lower().encode("latin1"), v.encode("latin1")) for k, v in headers]
            return lambda data: None  # the write() callable, which Django never uses

        result = self.app(build_environ(scope, io.BytesIO(body)), start_response)  # type: ignore[arg-type]
        try:
            answer.body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()  # request_finished, on the thread that served the request
        return answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
        loop = asyncio.get_running_loop()
        answer = await loop.run_in_executor(self.executor, self._call, scope, bytes(body))
        await send(
            {"type": "http.response.start", "status": answer.status, "headers": answer.headers}
        )
        await send({"type": "http.response.body", "body": answer.body})
