"""Creator pages: dashboard, upload, the editor and exports (server-rendered; data through the
API). They read through selectors and act through services, like the API views."""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from accounts.models import User
from ecg import storage
from ecg.errors import DomainError
from media import selectors as media_selectors
from media.models import VideoStatus
from media.services import VIDEO_EXTENSIONS
from media.transcription import vocabulary as recognizer_words
from media.transcription.options import LANGUAGE_NAMES
from rendering import selectors as render_selectors
from rendering.scenario import FONTS
from rendering.services import render_download_url

DASHBOARD_VIDEOS = 60
EXPORTS_SHOWN = 100
UNSURE_LANGUAGE = 0.7  # a detection less sure than this is shown to the creator to confirm


def _languages() -> list[dict[str, str]]:
    """The languages Whisper knows, by name, for the pickers."""
    return [
        {"code": code, "name": name}
        for code, name in sorted(LANGUAGE_NAMES.items(), key=lambda item: item[1])
    ]


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home.html")
    return dashboard(request)


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):  # login_required let only users through
        raise Http404
    return request.user


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    videos = list(media_selectors.video_list(owner=user)[:DASHBOARD_VIDEOS])
    transcriptions = media_selectors.latest_transcriptions(videos=videos)
    renders = render_selectors.latest_renders(videos=videos)
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
    quota = render_selectors.render_quota(owner=user)
    return render(request, "media/dashboard.html", {"cards": cards, "quota": quota})


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    config = {
        "maxBytes": settings.UPLOAD_MAX_BYTES,
        "extensions": sorted(VIDEO_EXTENSIONS),
        "maxSeconds": settings.VIDEO_MAX_DURATION_SECONDS,
        "editorUrl": reverse("editor", kwargs={"video_id": "00000000-0000-0000-0000-000000000000"}),
        "languages": _languages(),
        "maxTerms": recognizer_words.MAX_TERMS,
        "maxTermLength": recognizer_words.MAX_TERM_LENGTH,
    }
    return render(request, "media/upload.html", {"config": config})


@login_required
def vocabulary(request: HttpRequest) -> HttpResponse:
    config = {
        "terms": media_selectors.vocabulary_terms(owner=_user(request)),
        "maxTerms": recognizer_words.MAX_TERMS,
        "maxTermLength": recognizer_words.MAX_TERM_LENGTH,
    }
    return render(request, "media/vocabulary.html", {"config": config})


@login_required
def editor(request: HttpRequest, video_id: UUID) -> HttpResponse:
    user = _user(request)
    try:
        video = media_selectors.video_get(owner=user, video_id=video_id)
    except DomainError as exc:
        raise Http404("No such video.") from exc
    ready = video.status == VideoStatus.READY
    config = {
        "video": {
            "id": str(video.pk),
            "filename": video.original_filename,
            "status": video.status,
            "duration": video.duration,
            "width": video.width,
            "height": video.height,
            "source": storage.download_url(video.storage_key) if ready else None,
            "thumbnail": storage.download_url(video.thumbnail_key) if video.thumbnail_key else None,
        },
        "presets": render_selectors.preset_list(),
        "user_presets": render_selectors.user_preset_list(owner=user),
        "fonts": [{"family": name, "weights": list(weights)} for name, weights in FONTS.items()],
        "user_fonts": render_selectors.user_font_list(owner=user),
        "low_confidence": settings.TRANSCRIBE_LOW_CONFIDENCE,
        "languages": _languages(),
        "language_detection": media_selectors.language_detection(video=video),
        "unsure_language": UNSURE_LANGUAGE,
    }
    return render(request, "media/editor.html", {"video": video, "config": config})


@login_required
def exports(request: HttpRequest) -> HttpResponse:
    jobs = render_selectors.render_list(owner=_user(request))[:EXPORTS_SHOWN]
    rows = [{"job": job, "download": render_download_url(job=job)} for job in jobs]
    return render(request, "rendering/exports.html", {"rows": rows})
