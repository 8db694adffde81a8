"""The Content-Security-Policy every response carries: scripts, styles and fonts from the app
only; media, images and uploads from the app and its file storage; no framing, no plugins.

Django 5.2 has no CSP of its own. The pages load no inline script or style attribute (the
editor's scripts are modules under static/, their style writes go through the CSSOM, which a
policy does not restrict), so the policy needs no nonce and no 'unsafe-inline'. A view serving
a third-party page that needs more (the API docs) widens it with `csp_override`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from ecg import storage

Directives = dict[str, tuple[str, ...]]
SELF = "'self'"
# allauth's Google login is a POST to the app that redirects there; browsers apply
# form-action to the redirect as well.
GOOGLE_OAUTH = "https://accounts.google.com"
OVERRIDE_ATTRIBUTE = "_csp_override"


def site_directives() -> Directives:
    """The site's policy, from the settings (storage origins, Google login, reporting)."""
    stored = tuple(storage.storage_origins())
    directives: Directives = {
        "default-src": (SELF,),
        "script-src": (SELF,),
        "style-src": (SELF,),
        "font-src": (SELF,),
        "img-src": (SELF, *stored),
        "media-src": (SELF, *stored),
        "connect-src": (SELF, *stored),  # presigned uploads POST straight to the bucket
        "object-src": ("'none'",),
        "base-uri": (SELF,),
        "form-action": (SELF, GOOGLE_OAUTH) if settings.GOOGLE_CLIENT_ID else (SELF,),
        "frame-ancestors": ("'none'",),
    }
    if settings.CSP_REPORT_URI:
        directives["report-uri"] = (settings.CSP_REPORT_URI,)
    return directives


def policy_header(directives: Directives) -> str:
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def csp_override(
    **directives: tuple[str, ...],
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A view whose page needs more than the site's policy: each named directive (underscores
    for dashes) replaces the site's for that view's responses only."""
    named = {name.replace("_", "-"): sources for name, sources in directives.items()}

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            response = view(request, *args, **kwargs)
            setattr(response, OVERRIDE_ATTRIBUTE, named)
            return response

        return wrapped

    return decorate


class ContentSecurityPolicyMiddleware:
    """Sets the policy on every response; with CSP_REPORT_ONLY, as Report-Only (violations are
    reported, nothing is blocked) so that operators can try a change of policy first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.header = (
            "Content-Security-Policy-Report-Only"
            if settings.CSP_REPORT_ONLY
            else "Content-Security-Policy"
        )

    @cached_property
    def directives(self) -> Directives:
        """Made on the first response (not at start-up, which must not wait on S3 credentials)."""
        return site_directives()

    @cached_property
    def site_policy(self) -> str:
        return policy_header(self.directives)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        override = getattr(response, OVERRIDE_ATTRIBUTE, None)
        policy = policy_header({**self.directives, **override}) if override else self.site_policy
        response.headers[self.header] = policy
        return response
