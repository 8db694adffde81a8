"""A video's processing pushed to the browser (Server-Sent Events, ecg/events.py): a `video`
event (the same JSON as GET /api/v1/videos/{id}) each time it changes, until its latest
transcription has ended. Polling the video stays the fallback."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from ecg.events import StreamDoc, StreamState, document_stream, owner_events
from ecg.jobs.status import job_topic
from media import selectors
from media.api.views import video_detail_response
from media.models import TranscriptionJob
from media.video_status import video_topic

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
    def read(user_id: int) -> StreamState:
        detail = selectors.video_poll(owner_id=user_id, video_id=video_id)
        job = detail.transcription
        topics: tuple[str, ...] = (video_topic(video_id),)
        if job is not None:
            topics += (job_topic(TranscriptionJob, job.pk),)
        data = video_detail_response(request, detail)
        return StreamState(data, job is None or job.is_final, topics)

    return await owner_events(request, "video", read)
