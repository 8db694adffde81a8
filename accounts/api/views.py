from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.serializers import TokenRefreshSerializer

from accounts import google, services
from accounts.api.serializers import (
    GoogleInput,
    GoogleSessionOutput,
    RefreshInput,
    SessionOutput,
    SignupInput,
    TokenInput,
    TokenPairOutput,
    UserOutput,
    UserUpdateInput,
)
from accounts.models import User
from accounts.selectors import request_user
from ecg.client_ip import ClientScopedRateThrottle, client_ip
from ecg.errors import DomainError, ErrorCode, ErrorSerializer


def _session(user: User, **extra: Any) -> dict[str, Any]:
    pair = services.tokens_issue(user=user)
    return {"access": pair.access, "refresh": pair.refresh, "user": UserOutput(user).data, **extra}


class PublicAuthApi(APIView):
    permission_classes = (AllowAny,)
    authentication_classes = ()
    throttle_classes = (ClientScopedRateThrottle,)
    throttle_scope = "auth"


class SignupApi(PublicAuthApi):
    @extend_schema(
        request=SignupInput,
        responses={
            201: SessionOutput,
            400: ErrorSerializer,
            409: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        data = SignupInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_signup(address=client_ip(request._request), **data.validated_data)
        return Response(_session(user), status=status.HTTP_201_CREATED)


class TokenApi(PublicAuthApi):
    @extend_schema(
        request=TokenInput,
        responses={200: SessionOutput, 401: ErrorSerializer, 429: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_authenticate(request=request._request, **data.validated_data)
        return Response(_session(user))


class TokenRefreshApi(PublicAuthApi):
    """Rotates: the refresh token sent is blacklisted and a new pair is returned."""

    @extend_schema(request=RefreshInput, responses={200: TokenPairOutput, 401: ErrorSerializer})
    def post(self, request: Request) -> Response:
        RefreshInput(data=request.data).is_valid(raise_exception=True)
        refresh = TokenRefreshSerializer(data=request.data)
        try:
            refresh.is_valid(raise_exception=True)
        except TokenError as exc:
            raise DomainError(
                ErrorCode.TOKEN_INVALID, "The refresh token is invalid or expired."
            ) from exc
        return Response(refresh.validated_data)


class LogoutApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(
        request=RefreshInput, responses={204: None, 401: ErrorSerializer, 503: ErrorSerializer}
    )
    def post(self, request: Request) -> Response:
        data = RefreshInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.tokens_revoke(refresh=data.validated_data["refresh"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    permission_classes = (IsAuthenticated,)

    @extend_schema(responses={200: UserOutput, 401: ErrorSerializer})
    def get(self, request: Request) -> Response:
        return Response(UserOutput(request.user).data)

    @extend_schema(request=UserUpdateInput, responses={200: UserOutput, 400: ErrorSerializer})
    def patch(self, request: Request) -> Response:
        data = UserUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_update(user=request_user(request), **data.validated_data)
        return Response(UserOutput(user).data)


class GoogleLoginApi(PublicAuthApi):
    @extend_schema(
        request=GoogleInput,
        responses={200: GoogleSessionOutput, 401: ErrorSerializer, 403: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        data = GoogleInput(data=request.data)
        data.is_valid(raise_exception=True)
        token = data.validated_data.get("id_token") or google.exchange_code(
            data.validated_data["code"], data.validated_data["redirect_uri"]
        )
        login = services.google_login(identity=google.verify_id_token(token))
        return Response(_session(login.user, created=login.created))
