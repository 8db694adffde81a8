"""An export's progress pushed to the browser (Server-Sent Events, ecg/events.py): a `render`
event per change of the job, the download link in the last one. Polling
GET /api/v1/renders/{id} stays the fallback."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from ecg.events import StreamDoc, document_stream, owner_events
from rendering import selectors
from rendering.api.views import render_view_data

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
    def read(user_id: int) -> tuple[dict[str, Any], bool]:
        job = selectors.render_poll(owner_id=user_id, render_id=render_id)
        return render_view_data(request, job), job.is_final

    return await owner_events(request, "render", read)
