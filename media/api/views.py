from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.authentication import PollAuthenticationMixin
from accounts.selectors import request_user, request_user_id
from ecg.errors import ErrorSerializer
from ecg.pagination import Pagination
from media import selectors, services
from media.api.serializers import (
    UploadTargetOutput,
    VideoCompleteInput,
    VideoCreatedOutput,
    VideoCreateInput,
    VideoDetailOutput,
    VideoOutput,
    video_data,
    video_detail_data,
)
from media.transcription.services import transcription_options


def video_detail_response(request: HttpRequest, detail: selectors.VideoDetail) -> dict[str, Any]:
    """The video with absolute short-lived links, its latest transcription and transcript."""

    def absolute(url: str | None) -> str | None:
        return request.build_absolute_uri(url) if url else None

    detail = replace(
        detail,
        source_url=absolute(detail.source_url),
        thumbnail_url=absolute(detail.thumbnail_url),
    )
    return video_detail_data(detail)


class VideoListCreateApi(APIView):
    @extend_schema(responses={200: VideoOutput(many=True)})
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(
            selectors.video_list(owner=request_user(request)),
            request,
            view=self,
        )
        return paginator.get_paginated_response([video_data(video) for video in page or []])

    @extend_schema(
        request=VideoCreateInput,
        responses={
            201: VideoCreatedOutput,
            400: ErrorSerializer,
            413: ErrorSerializer,
            415: ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        data = VideoCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        video, target = services.video_create(owner=request_user(request), **data.validated_data)
        upload = asdict(target)
        upload["url"] = request.build_absolute_uri(target.url)
        body = {"video": video_data(video), "upload": UploadTargetOutput(upload).data}
        return Response(body, status=status.HTTP_201_CREATED)


class VideoDetailApi(PollAuthenticationMixin, APIView):
    @extend_schema(responses={200: VideoDetailOutput, 404: ErrorSerializer})
    def get(self, request: Request, video_id: UUID) -> Response:
        detail = selectors.video_poll(owner_id=request_user_id(request), video_id=video_id)
        return Response(video_detail_response(request, detail))

    @extend_schema(responses={204: None, 404: ErrorSerializer, 503: ErrorSerializer})
    def delete(self, request: Request, video_id: UUID) -> Response:
        video = selectors.video_get(owner=request_user(request), video_id=video_id)
        services.video_delete(video=video)
        return Response(status=status.HTTP_204_NO_CONTENT)


class VideoCompleteApi(APIView):
    @extend_schema(
        request=VideoCompleteInput,
        responses={
            200: VideoDetailOutput,
            404: ErrorSerializer,
            409: ErrorSerializer,
            422: ErrorSerializer,
            503: ErrorSerializer,
        },
    )
    def post(self, request: Request, video_id: UUID) -> Response:
        video = selectors.video_get(owner=request_user(request), video_id=video_id)
        data = VideoCompleteInput(data=request.data)
        data.is_valid(raise_exception=True)
        options = transcription_options(**data.validated_data)  # checked before the probe
        video = services.video_complete(video=video, options=options)
        return Response(video_detail_response(request, selectors.video_detail(video=video)))
