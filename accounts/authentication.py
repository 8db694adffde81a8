"""JWT authentication that refuses the access tokens of a session that logged out."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework_simplejwt.authentication import (
    JWTAuthentication,
    JWTStatelessUserAuthentication,
)
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


class PollJWTAuthentication(SessionJWTAuthentication):
    """For status polls, the hottest reads of the API: the token is checked (signature, expiry,
    logout) but its user is not loaded. The poll's own query joins the owner and requires them
    to be active, and a poll that finds nothing refuses the token of a user who is gone or
    deactivated (`accounts.selectors.require_active_user`). With the status snapshots
    (ecg.jobs.status) and the cached user state (accounts.user_state) a poll of a job that
    changed lately makes no query at all."""

    get_user = JWTStatelessUserAuthentication.get_user


class PollAuthenticationMixin:
    """GET of this API view is a status poll (PollJWTAuthentication); other methods load the
    user as usual. Session cookies (our own pages) work for both."""

    request: Any

    def get_authenticators(self) -> list[BaseAuthentication]:
        documenting = getattr(self, "swagger_fake_view", False)  # the same bearer token
        if not documenting and getattr(self.request, "method", None) == "GET":
            return [PollJWTAuthentication(), SessionAuthentication()]
        return super().get_authenticators()  # type: ignore[misc]
