"""JWT authentication that refuses the access tokens of a session that logged out."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken

from accounts.services import SESSION_CLAIM, session_revoked_key


class SessionJWTAuthentication(JWTAuthentication):
    def get_validated_token(self, raw_token: bytes) -> Any:
        token = super().get_validated_token(raw_token)
        session = token.get(SESSION_CLAIM)
        if session and cache.get(session_revoked_key(str(session))):
            raise InvalidToken("This session has logged out.")
        return token


class SessionJWTScheme(SimpleJWTScheme):
    """The OpenAPI security scheme of our JWT: the same bearer token as simplejwt's."""

    target_class = "accounts.authentication.SessionJWTAuthentication"
