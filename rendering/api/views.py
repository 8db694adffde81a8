from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.authentication import PollAuthenticationMixin
from accounts.selectors import request_user, request_user_id
from ecg.errors import ErrorSerializer
from ecg.pagination import Pagination
from media import selectors as media_selectors
from rendering import selectors, services
from rendering.api.serializers import (
    CaptionLayoutInput,
    PresetOutput,
    RenderCreateInput,
    RenderOutput,
    render_data,
)
from rendering.models import RenderJob


def render_view_data(request: HttpRequest, job: RenderJob) -> dict[str, Any]:
    """A job as the API shows it, with an absolute short-lived download link when done."""
    url = services.render_download_url(job=job)
    return render_data(job, request.build_absolute_uri(url) if url else None)


class RenderListCreateApi(APIView):
    max_body_bytes = 16 * 1024**2  # a custom transcript may come along

    @extend_schema(
        parameters=[OpenApiParameter("video", str, required=False)],
        responses={200: RenderOutput(many=True)},
    )
    def get(self, request: Request) -> Response:
        jobs = selectors.render_list(
            owner=request_user(request), video_id=request.query_params.get("video")
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(jobs, request, view=self) or []
        return paginator.get_paginated_response(
            [render_view_data(request, job) for job in page or []]
        )

    @extend_schema(
        request=RenderCreateInput,
        responses={
            202: RenderOutput,
            400: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
            422: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        services.render_rate_limit(user=user)
        data = RenderCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        video = media_selectors.video_get(owner=user, video_id=data.validated_data["video"])
        job = services.render_request(
            user=user,
            video=video,
            transcript=data.validated_data.get("transcript"),
            style=data.validated_data.get("style"),
            output=data.validated_data.get("output"),
        )
        return Response(render_view_data(request, job), status=status.HTTP_202_ACCEPTED)


class RenderDetailApi(PollAuthenticationMixin, APIView):
    @extend_schema(responses={200: RenderOutput, 404: ErrorSerializer})
    def get(self, request: Request, render_id: UUID) -> Response:
        job = selectors.render_poll(owner_id=request_user_id(request), render_id=render_id)
        return Response(render_view_data(request, job))


class RenderCancelApi(APIView):
    @extend_schema(
        request=None, responses={200: RenderOutput, 404: ErrorSerializer, 409: ErrorSerializer}
    )
    def post(self, request: Request, render_id: UUID) -> Response:
        job = selectors.render_get(owner=request_user(request), render_id=render_id)
        return Response(render_view_data(request, services.render_cancel(job=job)))


class PresetListApi(APIView):
    @extend_schema(responses={200: PresetOutput(many=True)})
    def get(self, request: Request) -> Response:
        presets = [
            {**preset, "thumbnail_url": request.build_absolute_uri(preset["thumbnail"])}
            for preset in selectors.preset_list()
        ]
        return Response(PresetOutput(presets, many=True).data)


class RenderQuotaApi(APIView):
    """The caller's render limits, usage today and this month, renders running, what is left."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        return Response(selectors.render_quota(owner=request_user(request)))


class CaptionLayoutApi(APIView):
    """The caption model the shared renderer draws and the style as the export draws it, for
    the editor's live preview (which resolves no style of its own)."""

    max_body_bytes = 16 * 1024**2

    @extend_schema(
        request=CaptionLayoutInput, responses={200: OpenApiTypes.OBJECT, 400: ErrorSerializer}
    )
    def post(self, request: Request) -> Response:
        data = CaptionLayoutInput(data=request.data)
        data.is_valid(raise_exception=True)
        style, model = services.caption_preview(
            user=request_user(request),
            transcript=data.validated_data["transcript"],
            style=data.validated_data.get("style"),
        )
        return Response({"style": style, **model})
