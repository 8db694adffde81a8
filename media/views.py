"""Creator pages: dashboard, upload and the editor (server-rendered; data through the API)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from accounts.models import User
from ecg.errors import DomainError
from ecg.jobs.models import ACTIVE_STATUSES
from media import selectors, storage
from media.models import TranscriptionJob
from media.services import VIDEO_EXTENSIONS
from quotas.services import quota_summary
from rendering.models import RenderJob
from rendering.scenario import FONTS, PRESETS, preset_style
from rendering.services import render_download_url


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home.html")
    return dashboard(request)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _latest_by_video(jobs: Iterable[Any]) -> dict[Any, Any]:
    latest: dict[Any, Any] = {}
    for job in jobs:  # newest first
        latest.setdefault(job.video_id, job)
    return latest


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    videos = list(selectors.video_list(owner=user)[:60])
    ids = [video.pk for video in videos]
    transcriptions = _latest_by_video(
        TranscriptionJob.objects.filter(video__in=ids).order_by("-created_at")
    )
    renders = _latest_by_video(RenderJob.objects.filter(video__in=ids).order_by("-created_at"))
    cards = []
    for video in videos:
        render_job = renders.get(video.pk)
        cards.append(
            {
                "video": video,
                "thumbnail": storage.download_url(video.thumbnail_key)
                if video.thumbnail_key
                else None,
                "transcription": transcriptions.get(video.pk),
                "render": render_job,
                "download": render_download_url(job=render_job) if render_job else None,
            }
        )
    running = RenderJob.objects.filter(owner=user, status__in=ACTIVE_STATUSES).count()
    quota = quota_summary(user=user, running=running)
    limits, usage = quota["limits"], quota["usage"]
    left = {
        "today": max(0, limits["daily_renders"] - int(usage["today"]["renders_started"])),
        "month": max(0, limits["monthly_renders"] - int(usage["month"]["renders_started"])),
    }
    return render(request, "media/dashboard.html", {"cards": cards, "quota": quota, "left": left})


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    config = {
        "maxBytes": settings.UPLOAD_MAX_BYTES,
        "extensions": sorted(VIDEO_EXTENSIONS),
        "maxSeconds": settings.VIDEO_MAX_DURATION_SECONDS,
        "editorUrl": reverse("editor", kwargs={"video_id": "00000000-0000-0000-0000-000000000000"}),
    }
    return render(request, "media/upload.html", {"config": config})


@login_required
def editor(request: HttpRequest, video_id: UUID) -> HttpResponse:
    try:
        video = selectors.video_get(owner=_user(request), video_id=video_id)
    except DomainError as exc:
        raise Http404("No such video.") from exc
    presets: list[dict[str, Any]] = [
        {"name": name, "label": preset["label"], "style": preset_style(name)}
        for name, preset in PRESETS.items()
    ]
    config = {
        "video": {
            "id": str(video.pk),
            "filename": video.original_filename,
            "status": video.status,
            "duration": video.duration,
            "width": video.width,
            "height": video.height,
            "source": storage.download_url(video.storage_key) if video.status == "ready" else None,
        },
        "presets": presets,
        "fonts": list(FONTS),
    }
    return render(request, "media/editor.html", {"video": video, "config": config})
