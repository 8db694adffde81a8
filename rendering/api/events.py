"""An export's progress pushed to the browser (Server-Sent Events, ecg/events.py): a `render`
event per change of the job, the download link in the last one. Polling
GET /api/v1/renders/{id} stays the fallback."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from ecg.events import StreamDoc, StreamState, document_stream, owner_events
from ecg.jobs.status import job_topic
from rendering import selectors
from rendering.api.views import render_view_data
from rendering.models import RenderJob

document_stream(
    StreamDoc(
        path="/api/v1/renders/{render_id}/events",
        event="render",
        data="RenderOutput",
        summary="An export's progress, pushed",
        fallback="GET /api/v1/renders/{render_id}",
    )
)


async def render_events(request: HttpRequest, render_id: UUID) -> HttpResponseBase:
    topics = (job_topic(RenderJob, render_id),)

    def read(user_id: int) -> StreamState:
        job = selectors.render_poll(owner_id=user_id, render_id=render_id)
        return StreamState(render_view_data(request, job), job.is_final, topics)

    return await owner_events(request, "render", read)
