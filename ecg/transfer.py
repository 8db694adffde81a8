"""The local storage's own signed URLs: a remote worker's output (PUT, streamed) and
downloads (GET, with ranges). Plain Django views: the signed token in the URL is the
credential, and no body is buffered whole."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, cast

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ecg import storage
from ecg.errors import DomainError, ErrorCode, error_response

_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


@csrf_exempt
@require_http_methods(["PUT"])
def output_receive(request: HttpRequest, token: str) -> HttpResponse:
    """A remote worker's result, streamed to the key its signed URL names (overwrites)."""
    try:
        key, max_size = storage.read_output_token(token)
        length = request.headers.get("Content-Length", "")
        if not length.isdigit() or not 0 < int(length) <= max_size:
            raise DomainError(
                ErrorCode.UPLOAD_SIZE_MISMATCH,
                "Send a Content-Length within the limit.",
                details={"limit": max_size},
            )
        storage.write_stream(key=key, stream=cast(IO[bytes], request), size=int(length))
    except storage.UploadStreamError:
        return error_response(DomainError(ErrorCode.UPLOAD_INCOMPLETE, "The upload ended early."))
    except DomainError as exc:
        return error_response(exc)
    return JsonResponse({"key": key, "size": int(length)}, status=201)


@require_http_methods(["GET", "HEAD"])
def file_download(request: HttpRequest, token: str) -> HttpResponseBase:
    try:
        key, filename = storage.read_download_token(token)
    except DomainError as exc:
        return error_response(exc)
    if not default_storage.exists(key):
        return error_response(DomainError(ErrorCode.NOT_FOUND, "The file no longer exists."))
    size = default_storage.size(key)
    handle = default_storage.open(key, "rb")
    match = _RANGE.fullmatch(request.headers.get("Range", ""))
    if not match or not any(match.groups()):
        response = FileResponse(handle, as_attachment=bool(filename), filename=filename or key)
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = match.groups()
    start = int(first) if first else max(0, size - int(last))
    end = min(int(last), size - 1) if first and last else size - 1
    if start >= size or start > end:
        handle.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    handle.seek(start)
    response = FileResponse(_limited(handle, end - start + 1), status=206)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    if filename:
        response["Content-Disposition"] = storage.content_disposition(filename)
    return response


def _limited(handle: IO[bytes], remaining: int) -> Iterator[bytes]:
    try:
        while remaining > 0:
            chunk = handle.read(min(storage.CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()
