"""A creator's own presets over the API: list, save, rename or restyle, delete. A render or a
layout request uses one with `"style": {"preset": "<its id>", ...overrides}`."""

from __future__ import annotations

from uuid import UUID

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import request_user
from ecg.errors import ErrorSerializer
from rendering import selectors
from rendering.services import presets


class UserPresetInput(serializers.Serializer):
    name = serializers.CharField(
        required=False, allow_blank=True, max_length=200, trim_whitespace=False
    )
    style = serializers.JSONField(required=False)  # type: ignore[assignment]


class UserPresetOutput(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    style = serializers.DictField()  # type: ignore[assignment]
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class UserPresetListCreateApi(APIView):
    @extend_schema(responses={200: UserPresetOutput(many=True)})
    def get(self, request: Request) -> Response:
        return Response(selectors.user_preset_list(owner=request_user(request)))

    @extend_schema(
        request=UserPresetInput,
        responses={201: UserPresetOutput, 400: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        data = UserPresetInput(data=request.data)
        data.is_valid(raise_exception=True)
        preset = presets.preset_create(
            owner=request_user(request),
            name=data.validated_data.get("name"),
            style=data.validated_data.get("style"),
        )
        return Response(selectors.user_preset_data(preset), status=status.HTTP_201_CREATED)


class UserPresetDetailApi(APIView):
    @extend_schema(
        request=UserPresetInput,
        responses={
            200: UserPresetOutput,
            400: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def patch(self, request: Request, preset_id: UUID) -> Response:
        preset = selectors.user_preset_get(owner=request_user(request), preset_id=preset_id)
        data = UserPresetInput(data=request.data)
        data.is_valid(raise_exception=True)
        updated = presets.preset_update(
            preset=preset,
            name=data.validated_data.get("name"),
            style=data.validated_data.get("style"),
        )
        return Response(selectors.user_preset_data(updated))

    @extend_schema(request=None, responses={204: None, 404: ErrorSerializer})
    def delete(self, request: Request, preset_id: UUID) -> Response:
        preset = selectors.user_preset_get(owner=request_user(request), preset_id=preset_id)
        presets.preset_delete(preset=preset)
        return Response(status=status.HTTP_204_NO_CONTENT)
