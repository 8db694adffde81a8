"""A video's processing pushed to the browser (Server-Sent Events, ecg/events.py): a `video`
event (the same JSON as GET /api/v1/videos/{id}) each time it changes, until its latest
transcription has ended. Polling the video stays the fallback."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from ecg.events import StreamDoc, document_stream, owner_events
from media import selectors
from media.api.views import video_detail_response

document_stream(
    StreamDoc(
        path="/api/v1/videos/{video_id}/events",
        event="video",
        data="VideoDetailOutput",
        summary="A video's processing, pushed until its transcription ends",
        fallback="GET /api/v1/videos/{video_id}",
    )
)


async def video_events(request: HttpRequest, video_id: UUID) -> HttpResponseBase:
    def read(user_id: int) -> tuple[dict[str, Any], bool]:
        detail = selectors.video_poll(owner_id=user_id, video_id=video_id)
        job = detail.transcription
        return video_detail_response(request, detail), job is None or job.is_final

    return await owner_events(request, "video", read)
