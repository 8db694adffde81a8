"""Sending a job to a remote worker server, and the absolute URLs it needs to reach us."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import requests
from django.conf import settings

from ecg.errors import DomainError, ErrorCode
from ecg.hmac_auth import sign


def absolute_url(path_or_url: str) -> str:
    return path_or_url if "://" in path_or_url else settings.SITE_URL + path_or_url


def remote_submit(*, url: str, secrets: Sequence[str], payload: dict[str, Any]) -> None:
    """POST the job, signed; a connection error is transient (requests raises an OSError)."""
    body = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json", **sign(body, secrets[0])}
    response = requests.post(f"{url}/jobs", data=body, headers=headers, timeout=15)
    if response.status_code >= 400:
        raise DomainError(
            ErrorCode.REMOTE_REFUSED,
            f"The remote worker answered {response.status_code}: {response.text[:300]}",
        )
