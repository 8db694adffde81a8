"""Transcript endpoints: read and edit (revisions with ETags), subtitles, re-transcription."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from uuid import UUID

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import request_user
from ecg import storage
from ecg.errors import DomainError, ErrorCode, ErrorSerializer
from media import selectors
from media.api.serializers import (
    RetranscribeInput,
    TranscriptionJobOutput,
    WordTimesInput,
    WordTimesOutput,
    transcription_data,
)
from media.models import TranscriptRevision
from media.transcription import services as transcription
from media.transcription.subtitles import to_srt, to_vtt

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="The ETag of the revision the edit starts from; refused if it is not current.",
)


def _with_etag(revision: TranscriptRevision) -> Response:
    response = Response(revision.data)
    response["ETag"] = f'"{revision.pk}"'
    response["X-Transcript-Source"] = str(revision.source)
    return response


def _if_match(request: Request) -> int | None:
    header = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if not header:
        return None
    if not header.isdigit():
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            "If-Match must be an ETag from a GET.",
            details={"fields": {"If-Match": ["Not a transcript ETag."]}},
        )
    return int(header)


class TranscriptApi(APIView):
    max_body_bytes = 16 * 1024**2  # a three-hour talk is a few megabytes of words

    @extend_schema(responses={200: OpenApiTypes.OBJECT, 404: ErrorSerializer, 409: ErrorSerializer})
    def get(self, request: Request, video_id: UUID) -> Response:
        video = selectors.video_get(owner=request_user(request), video_id=video_id)
        return _with_etag(selectors.current_transcript_required(video=video))

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        parameters=[IF_MATCH],
        responses={
            200: OpenApiTypes.OBJECT,
            400: ErrorSerializer,
            409: ErrorSerializer,
            412: ErrorSerializer,
        },
    )
    def put(self, request: Request, video_id: UUID) -> Response:
        user = request_user(request)
        video = selectors.video_get(owner=user, video_id=video_id)
        revision = transcription.transcript_save_edit(
            video=video, data=request.data, author=user, if_match=_if_match(request)
        )
        return _with_etag(revision)


class SubtitlesApi(APIView):
    formats: dict[str, tuple[Any, str]] = {
        "srt": (to_srt, "application/x-subrip; charset=utf-8"),
        "vtt": (to_vtt, "text/vtt; charset=utf-8"),
    }

    @extend_schema(
        responses={
            (200, "text/plain"): OpenApiTypes.STR,
            404: ErrorSerializer,
            409: ErrorSerializer,
        }
    )
    def get(self, request: Request, video_id: UUID, fmt: str) -> HttpResponse:
        video = selectors.video_get(owner=request_user(request), video_id=video_id)
        revision = selectors.current_transcript_required(video=video)
        render, content_type = self.formats[fmt]
        response = HttpResponse(render(revision.data), content_type=content_type)
        filename = f"{Path(video.original_filename).stem}.{fmt}"
        response["Content-Disposition"] = storage.content_disposition(filename)
        return response


class WaveformApi(APIView):
    """The audio's peaks for the editor's timeline: a small binary file (format in
    media/transcription/waveform.py, about 100 bytes a second), made once by the transcription."""

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: ErrorSerializer,
            409: ErrorSerializer,
        }
    )
    def get(self, request: Request, video_id: UUID) -> HttpResponse:
        video = selectors.video_get(owner=request_user(request), video_id=video_id)
        data = selectors.waveform_bytes(video=video)
        if data is None:
            raise DomainError(
                ErrorCode.WAVEFORM_NOT_READY,
                "This video has no waveform yet: it is made when the video is transcribed.",
                status=409,
            )
        response = HttpResponse(data, content_type="application/octet-stream")
        response["Cache-Control"] = "private, max-age=3600"
        return response


class RetranscribeApi(APIView):
    @extend_schema(
        request=RetranscribeInput,
        responses={202: TranscriptionJobOutput, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request, video_id: UUID) -> Response:
        video = selectors.video_get(owner=request_user(request), video_id=video_id)
        data = RetranscribeInput(data=request.data)
        data.is_valid(raise_exception=True)
        options = transcription.transcription_options(**data.validated_data)
        job = transcription.transcription_request(video=video, options=options)
        return Response(transcription_data(job), status=status.HTTP_202_ACCEPTED)


class WordTimesApi(APIView):
    """Times for words a creator types over a span of the video (a word retyped as several, a
    run of words replaced): placed by the sound there, as the engine places words."""

    @extend_schema(
        request=WordTimesInput,
        responses={200: WordTimesOutput, 400: ErrorSerializer, 404: ErrorSerializer},
    )
    def post(self, request: Request, video_id: UUID) -> Response:
        video = selectors.video_get(owner=request_user(request), video_id=video_id)
        data = WordTimesInput(data=request.data)
        data.is_valid(raise_exception=True)
        placed, timed_by = transcription.words_time(
            video=video,
            start=data.validated_data["start"],
            end=data.validated_data["end"],
            texts=data.validated_data["words"],
        )
        words = [{"text": p.text, "start": p.start, "end": p.end} for p in placed]
        return Response(WordTimesOutput({"words": words, "timed_by": timed_by}).data)
