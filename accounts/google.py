"""Verifying Google identities: ID tokens (RS256, Google's published keys) and auth codes.

Only Google's two HTTP endpoints are touched (its JWKS and its token endpoint); everything
else is checked here: signature, issuer, audience, expiry and the e-mail verification claim.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.cache import cache

from ecg.errors import DomainError, ErrorCode

GOOGLE_CERTS_URL = "https://www.googleapis.com/oauth2/v3/certs"
GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token"  # noqa: S105 - a URL, not a secret
GOOGLE_ISSUERS = ("accounts.google.com", "https://accounts.google.com")
_CERTS_CACHE_KEY = "google:jwks"
_HTTP_TIMEOUT = 10


@dataclass(frozen=True)
class GoogleIdentity:
    subject: str
    email: str
    email_verified: bool
    name: str
    claims: dict[str, Any]


def _invalid(message: str) -> DomainError:
    return DomainError(ErrorCode.GOOGLE_TOKEN_INVALID, message)


def _unavailable() -> DomainError:
    return DomainError(ErrorCode.GOOGLE_UNAVAILABLE, "Google could not be reached; try again.")


def _client_ids() -> list[str]:
    if not settings.GOOGLE_CLIENT_ID:
        raise DomainError(ErrorCode.GOOGLE_NOT_CONFIGURED, "Google login is not enabled here.")
    return [settings.GOOGLE_CLIENT_ID, *settings.GOOGLE_EXTRA_CLIENT_IDS]


def _google_keys(*, refresh: bool = False) -> dict[str, Any]:
    keys: dict[str, Any] | None = None if refresh else cache.get(_CERTS_CACHE_KEY)
    if keys is None:
        try:
            response = requests.get(GOOGLE_CERTS_URL, timeout=_HTTP_TIMEOUT)
            response.raise_for_status()
            keys = {key["kid"]: key for key in response.json()["keys"]}
        except (requests.RequestException, KeyError, ValueError) as exc:
            raise _unavailable() from exc
        cache.set(_CERTS_CACHE_KEY, keys, timeout=3600)
    return keys


def _signing_key(token: str) -> Any:
    try:
        kid = jwt.get_unverified_header(token).get("kid")
    except jwt.PyJWTError as exc:
        raise _invalid("The Google ID token is malformed.") from exc
    keys = _google_keys()
    if kid not in keys:  # Google rotates keys: refetch once before giving up
        keys = _google_keys(refresh=True)
    if kid not in keys:
        raise _invalid("The Google ID token is signed with an unknown key.")
    return jwt.PyJWK.from_json(json.dumps(keys[kid])).key


def verify_id_token(token: str) -> GoogleIdentity:
    audiences = _client_ids()
    key = _signing_key(token)
    try:
        claims = jwt.decode(
            token,
            key=key,
            algorithms=["RS256"],
            audience=audiences,
            options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            leeway=30,
        )
    except jwt.ExpiredSignatureError as exc:
        raise _invalid("The Google ID token has expired.") from exc
    except jwt.InvalidAudienceError as exc:
        raise _invalid("The Google ID token was issued for another application.") from exc
    except jwt.PyJWTError as exc:
        raise _invalid("The Google ID token is not valid.") from exc
    if claims.get("iss") not in GOOGLE_ISSUERS:
        raise _invalid("The Google ID token has an unexpected issuer.")
    email = str(claims.get("email") or "").strip().lower()
    if not email:
        raise _invalid("The Google account has no e-mail address.")
    return GoogleIdentity(
        subject=str(claims["sub"]),
        email=email,
        email_verified=claims.get("email_verified") in (True, "true"),
        name=str(claims.get("name") or ""),
        claims=claims,
    )


def exchange_code(code: str, redirect_uri: str) -> str:
    """Trade an authorization code for Google's ID token (the SPA's redirect flow)."""
    _client_ids()
    try:
        response = requests.post(
            GOOGLE_TOKEN_URL,
            data={
                "code": code,
                "client_id": settings.GOOGLE_CLIENT_ID,
                "client_secret": settings.GOOGLE_CLIENT_SECRET,
                "redirect_uri": redirect_uri,
                "grant_type": "authorization_code",
            },
            timeout=_HTTP_TIMEOUT,
        )
    except requests.RequestException as exc:
        raise _unavailable() from exc
    if response.status_code >= 500:
        raise _unavailable()
    if response.status_code != 200:
        raise _invalid("Google refused the authorization code.")
    id_token = response.json().get("id_token")
    if not id_token:
        raise _invalid("Google returned no ID token for the authorization code.")
    return str(id_token)
