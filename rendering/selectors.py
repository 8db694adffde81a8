"""Reads of renders, and the render quota as a creator sees it: one home for each query."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.templatetags.static import static
from django.urls import reverse

from accounts.models import User
from accounts.selectors import require_active_user
from accounts.user_state import user_is_active
from ecg.errors import DomainError, ErrorCode
from ecg.jobs.models import ACTIVE_STATUSES
from ecg.jobs.status import status_recall
from media.models import Video
from quotas.selectors import quota_summary
from rendering.fonts import offered_weights
from rendering.models import RenderJob, UserFont, UserPreset
from rendering.scenario import FONTS, PRESETS, preset_style


def _renders() -> QuerySet[RenderJob]:
    """Renders as the API and pages show them: without the transcript snapshot (the largest
    column by far, which only the worker reads)."""
    return RenderJob.objects.defer("transcript_snapshot")


def render_list(*, owner: User, video_id: Any = None) -> QuerySet[RenderJob]:
    jobs = _renders().select_related("video").filter(owner=owner).order_by("-created_at")
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


def render_poll(*, owner_id: int, render_id: Any) -> RenderJob:
    """A status poll's read: the job's cached state when it changed lately and its owner is
    still active (accounts.user_state: no database either), else one query, which also
    requires the owner to be active."""
    job = status_recall(RenderJob, render_id)
    if job is not None and job.owner_id == owner_id and user_is_active(user_id=owner_id):
        return job
    try:
        return _renders().get(owner_id=owner_id, owner__is_active=True, pk=render_id)
    except RenderJob.DoesNotExist:
        require_active_user(user_id=owner_id)
        raise DomainError(ErrorCode.NOT_FOUND, "Render not found.", status=404) from None


def render_get(*, owner: User, render_id: Any) -> RenderJob:
    """One query on one table: the poll's read (the video is read only for a finished job's
    download name)."""
    try:
        return _renders().get(owner=owner, pk=render_id)
    except RenderJob.DoesNotExist as exc:
        raise DomainError(ErrorCode.NOT_FOUND, "Render not found.", status=404) from exc


def active_render_count(*, owner: User) -> int:
    """Renders queued or running: each holds one of the owner's concurrent slots."""
    return RenderJob.objects.filter(owner=owner, status__in=ACTIVE_STATUSES).count()


def latest_renders(*, videos: Iterable[Video]) -> dict[Any, RenderJob]:
    """The newest render of each video, in one query."""
    latest: dict[Any, RenderJob] = {}
    jobs = RenderJob.objects.filter(video__in=[v.pk for v in videos]).select_related("video")
    for job in jobs.order_by("-created_at"):
        latest.setdefault(job.video_id, job)
    return latest


def render_quota(*, owner: User) -> dict[str, Any]:
    """The owner's render limits, usage, renders running now and what is left."""
    return quota_summary(user=owner, running=active_render_count(owner=owner))


def preset_list() -> list[dict[str, Any]]:
    """Every caption preset with its full style and the path of its thumbnail (static)."""
    return [
        {
            "name": name,
            "label": preset["label"],
            "style": preset_style(name),
            "thumbnail": static(f"captions/presets/{name}.png"),
        }
        for name, preset in PRESETS.items()
    ]


def user_presets(*, owner: User) -> QuerySet[UserPreset]:
    return UserPreset.objects.filter(owner=owner).order_by(Lower("name"))


def user_preset_get(*, owner: User, preset_id: Any) -> UserPreset:
    try:
        return UserPreset.objects.get(owner=owner, pk=uuid.UUID(str(preset_id)))
    except (ValueError, UserPreset.DoesNotExist) as exc:
        raise DomainError(ErrorCode.NOT_FOUND, "Preset not found.", status=404) from exc


def user_preset_data(preset: UserPreset) -> dict[str, Any]:
    """A preset as the API and the editor show it."""
    return {
        "id": str(preset.pk),
        "name": preset.name,
        "style": preset.style,
        "created_at": preset.created_at.isoformat(),
        "updated_at": preset.updated_at.isoformat(),
    }


def user_preset_list(*, owner: User) -> list[dict[str, Any]]:
    return [user_preset_data(p) for p in user_presets(owner=owner)]


def user_fonts(*, owner: User) -> QuerySet[UserFont]:
    return UserFont.objects.filter(owner=owner).order_by(Lower("family"), "weight_min")


def user_font_get(*, owner: User, font_id: Any) -> UserFont:
    try:
        return UserFont.objects.get(owner=owner, pk=uuid.UUID(str(font_id)))
    except (ValueError, UserFont.DoesNotExist) as exc:
        raise DomainError(ErrorCode.NOT_FOUND, "Font not found.", status=404) from exc


def family_fonts(*, owner: User, family: str) -> QuerySet[UserFont]:
    """The owner's files of `family`, matched in any case (none for a bundled family)."""
    return user_fonts(owner=owner).filter(family__iexact=family)


def own_families(*, owner: User) -> dict[str, tuple[int, ...]]:
    """The owner's families (as their files spell them), each with the weights it offers."""
    families: dict[str, list[UserFont]] = {}
    for font in user_fonts(owner=owner):
        families.setdefault(font.family.lower(), []).append(font)
    return {
        files[0].family: offered_weights((f.weight_min, f.weight_max) for f in files)
        for files in families.values()
    }


def font_faces(*, owner: User, family: str) -> list[dict[str, str]]:
    """The faces a browser loads to draw the owner's `family` (the shared renderer's
    `style.font_faces`: a weight range and the file's URL); none for a bundled family."""
    return [
        {"weight": f"{font.weight_min} {font.weight_max}", "src": _font_url(font)}
        for font in family_fonts(owner=owner, family=family)
    ]


def usable_fonts(*, owner: User | None) -> dict[str, tuple[int, ...]]:
    """The families a style of the owner's may use, with their weights: the bundled ones and
    the owner's own."""
    return {**FONTS, **(own_families(owner=owner) if owner is not None else {})}


def user_font_data(font: UserFont) -> dict[str, Any]:
    """A font file as the API and the editor show it."""
    return {
        "id": str(font.pk),
        "family": font.family,
        "weights": list(font.weights),
        "weight_min": font.weight_min,
        "weight_max": font.weight_max,
        "file_name": font.file_name,
        "format": font.source_format,
        "size": font.size,
        "url": _font_url(font),
        "created_at": font.created_at.isoformat(),
    }


def _font_url(font: UserFont) -> str:
    return reverse("user-font-file", kwargs={"font_id": font.pk})


def user_font_list(*, owner: User) -> list[dict[str, Any]]:
    return [user_font_data(f) for f in user_fonts(owner=owner)]
