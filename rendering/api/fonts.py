"""A creator's brand fonts over the API: upload (multipart, field `file`), list, delete, and
the file itself, served to its owner only (the export painter gets it with the job)."""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import request_user
from ecg import storage
from ecg.errors import DomainError, ErrorCode, ErrorSerializer
from rendering import selectors
from rendering.services import brand_fonts

MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers around the file


class FontUploadInput(serializers.Serializer):
    file = serializers.FileField(help_text="A TTF, OTF, WOFF or WOFF2 font.")


class UserFontOutput(serializers.Serializer):
    id = serializers.UUIDField()
    family = serializers.CharField()
    weights = serializers.ListField(child=serializers.IntegerField())
    weight_min = serializers.IntegerField()
    weight_max = serializers.IntegerField()
    file_name = serializers.CharField()
    format = serializers.CharField()
    size = serializers.IntegerField()
    url = serializers.CharField()
    created_at = serializers.DateTimeField()


class UserFontListCreateApi(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(responses={200: UserFontOutput(many=True)})
    def get(self, request: Request) -> Response:
        return Response(selectors.user_font_list(owner=request_user(request)))

    @extend_schema(
        request={"multipart/form-data": FontUploadInput},
        responses={
            201: UserFontOutput,
            400: ErrorSerializer,
            409: ErrorSerializer,
            413: ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        owner = request_user(request)
        declared = str(request.META.get("CONTENT_LENGTH") or "")
        if declared.isdigit() and int(declared) > settings.FONT_MAX_BYTES + MULTIPART_OVERHEAD:
            raise brand_fonts.too_large()  # refused before a byte of it is read
        upload = request.FILES.get("file")
        if upload is None:
            raise DomainError(
                ErrorCode.VALIDATION_ERROR,
                "Send the font as the multipart field `file`.",
                details={"fields": {"file": "is required"}},
            )
        if upload.size is None or upload.size > settings.FONT_MAX_BYTES:
            raise brand_fonts.too_large()
        font = brand_fonts.font_upload(
            owner=owner, file_name=upload.name or "font", data=upload.read()
        )
        return Response(selectors.user_font_data(font), status=status.HTTP_201_CREATED)


class UserFontDetailApi(APIView):
    @extend_schema(request=None, responses={204: None, 404: ErrorSerializer})
    def delete(self, request: Request, font_id: UUID) -> Response:
        font = selectors.user_font_get(owner=request_user(request), font_id=font_id)
        brand_fonts.font_delete(font=font)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UserFontFileApi(APIView):
    @extend_schema(
        responses={(200, "font/woff"): OpenApiTypes.BINARY, 404: ErrorSerializer},
    )
    def get(self, request: Request, font_id: UUID) -> HttpResponse:
        font = selectors.user_font_get(owner=request_user(request), font_id=font_id)
        data = storage.read_small(font.storage_key, max_size=settings.FONT_FAMILY_MAX_BYTES)
        if data is None:
            raise DomainError(ErrorCode.NOT_FOUND, "Font not found.", status=404)
        response = HttpResponse(data, content_type="font/woff")
        response["Cache-Control"] = "private, max-age=86400, immutable"  # a new file, a new id
        response["X-Content-Type-Options"] = "nosniff"
        return response
