"""The local upload URL of a video (PUT, streamed): a plain Django view, the signed token in
the URL is the credential and the body is never buffered."""

from __future__ import annotations

from typing import IO, cast

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ecg.errors import DomainError, error_response
from media import services


@csrf_exempt
@require_http_methods(["PUT"])
def upload_receive(request: HttpRequest, token: str) -> HttpResponse:
    try:
        length = int(request.headers.get("Content-Length", ""))
    except ValueError:
        length = None
    try:
        video = services.video_receive_upload(
            token=token, stream=cast(IO[bytes], request), content_length=length
        )
    except DomainError as exc:
        return error_response(exc)
    return JsonResponse({"video": str(video.pk), "size": video.size}, status=201)
