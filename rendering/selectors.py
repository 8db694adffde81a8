from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from ecg.errors import DomainError, ErrorCode
from rendering.models import RenderJob


def render_list(*, owner: User, video_id: Any = None) -> QuerySet[RenderJob]:
    jobs = RenderJob.objects.filter(owner=owner).select_related("video").order_by("-created_at")
    if video_id:
        try:
            jobs = jobs.filter(video_id=uuid.UUID(str(video_id)))
        except ValueError as exc:
            raise DomainError(
                ErrorCode.VALIDATION_ERROR,
                "Not a video id.",
                details={"fields": {"video": ["Must be a UUID."]}},
            ) from exc
    return jobs


def render_get(*, owner: User, render_id: Any) -> RenderJob:
    job = RenderJob.objects.select_related("video").filter(owner=owner, pk=render_id).first()
    if job is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Render not found.", status=404)
    return job
