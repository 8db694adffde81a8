from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from ecg.errors import DomainError, ErrorCode
from media.models import Video


def video_list(*, owner: User) -> QuerySet[Video]:
    return Video.objects.filter(owner=owner).order_by("-created_at")


def video_get(*, owner: User, video_id: Any) -> Video:
    """The owner's video; any other user's (or a missing one) is simply not found."""
    video = Video.objects.filter(owner=owner, pk=video_id).first()
    if video is None:
        raise DomainError(ErrorCode.NOT_FOUND, "Video not found.", status=404)
    return video
