"""allauth's account adapter: the login and sign-up pages limit who is asking as the API does,
by the same client address (ecg.client_ip) and the same per-account count of failed logins."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from accounts import services
from ecg.client_ip import client_ip
from ecg.errors import DomainError


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        return client_ip(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)  # allauth's limit per address
        try:
            services.login_failures_check(email=credentials.get("email") or "")
        except DomainError as exc:
            raise self.validation_error("too_many_login_attempts") from exc

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        services.login_failure_record(email=credentials.get("email") or "")
