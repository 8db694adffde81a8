"""Account rules: sign-up, password login, tokens, profile, Google sign-in and linking."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.google import GoogleIdentity
from accounts.models import User
from accounts.user_state import user_state_remember
from ecg.errors import DomainError, ErrorCode
from ecg.ratelimit import rate_limit_enforce, rate_limit_hit, rate_limit_reached, rate_limited

GOOGLE = "google"
SESSION_CLAIM = "sid"


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str


def _email_taken() -> DomainError:
    return DomainError(ErrorCode.EMAIL_TAKEN, "An account with this e-mail address already exists.")


def _normalised(email: str) -> str:
    return User.objects.normalize_email(email).strip().lower()


def user_signup(*, email: str, password: str, address: str, display_name: str = "") -> User:
    """A new account; sign-ups are limited per client address and per e-mail address."""
    email = _normalised(email)
    for group, key, rate in (
        ("signup-address", address, settings.SIGNUP_ADDRESS_RATE),
        ("signup-email", email, settings.SIGNUP_EMAIL_RATE),
    ):
        rate_limit_enforce(group=group, key=key, rate=rate, message="Too many sign-ups; wait.")
    if User.objects.filter(email__iexact=email).exists():
        raise _email_taken()
    try:
        validate_password(password, user=User(email=email, display_name=display_name))
    except ValidationError as exc:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            "The password is too weak.",
            details={"fields": {"password": list(exc.messages)}},
        ) from exc
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, password, display_name=display_name)
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    except IntegrityError as exc:  # a concurrent sign-up with the same address won
        raise _email_taken() from exc
    return user


def login_failures_check(*, email: str) -> None:
    """Failed password logins are counted per account (LOGIN_FAILURE_RATE), whatever address
    they come from, by the API and the login page alike; once over, the account answers 429
    until the window ends, right password or not."""
    rate = settings.LOGIN_FAILURE_RATE
    wait = rate_limit_reached(group="login-failed", key=_normalised(email), rate=rate)
    if wait is not None:
        raise rate_limited(wait=wait, rate=rate, message="Too many failed logins; wait.")


def login_failure_record(*, email: str) -> None:
    rate = settings.LOGIN_FAILURE_RATE
    rate_limit_hit(group="login-failed", key=_normalised(email), rate=rate)


def user_authenticate(*, request: HttpRequest | None, email: str, password: str) -> User:
    """The same answer for an unknown address, a wrong password and a disabled account."""
    login_failures_check(email=email)
    user = authenticate(request, email=_normalised(email), password=password)
    if not isinstance(user, User) or not user.is_active:
        login_failure_record(email=email)
        raise DomainError(ErrorCode.INVALID_CREDENTIALS, "E-mail or password is incorrect.")
    return user


def tokens_issue(*, user: User) -> TokenPair:
    """A new session: a refresh token and its access token, sharing a session id (`sid`) that
    every rotation keeps, so that logging out can end the session's access tokens too."""
    refresh = RefreshToken.for_user(user)
    refresh[SESSION_CLAIM] = uuid.uuid4().hex
    user_state_remember(user)
    return TokenPair(access=str(refresh.access_token), refresh=str(refresh))


@transaction.atomic
def tokens_revoke(*, refresh: str) -> None:
    """Log a session out: its refresh token is blacklisted (for good, in the database) and its
    session id is refused on every request until its last access token would have expired.

    The session id is kept in the shared cache, which every request reads. When the cache
    cannot keep it (Redis out of reach: ecg.cache drops the write), the logout is refused
    with 503 and nothing changes, so the client can try again: a 204 would leave the access
    tokens working. (Keeping it in the database instead would cost every request, status polls
    included, a query.)"""
    try:
        token = RefreshToken(refresh)  # type: ignore[arg-type]
        token.blacklist()
    except TokenError as exc:
        raise DomainError(
            ErrorCode.TOKEN_INVALID, "The refresh token is invalid or expired."
        ) from exc
    session = token.get(SESSION_CLAIM)
    if session:
        key = session_revoked_key(str(session))
        lifetime = settings.SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"].total_seconds()
        cache.set(key, True, timeout=int(lifetime) + 60)
        if not cache.get(key):  # the blacklisting rolls back
            raise DomainError(
                ErrorCode.LOGOUT_UNAVAILABLE,
                "The logout could not be recorded; you are still signed in. Try again.",
            )


def session_revoked_key(session: str) -> str:
    return f"jwt-session-revoked:{session}"


def user_update(
    *, user: User, display_name: str | None = None, notify_by_email: bool | None = None
) -> User:
    fields = []
    if display_name is not None:
        user.display_name = display_name.strip()
        fields.append("display_name")
    if notify_by_email is not None:
        user.notify_by_email = notify_by_email
        fields.append("notify_by_email")
    if fields:
        user.save(update_fields=fields)
    return user


def user_job_done_email(*, user: User, subject: str, body: str) -> bool:
    """Tell a creator by e-mail that a job of theirs ended, when the site sends such mail
    (JOB_DONE_EMAIL) and they asked for it; True when a message was sent."""
    if not (settings.JOB_DONE_EMAIL and user.notify_by_email and user.is_active):
        return False
    return send_mail(subject, body, None, [user.email], fail_silently=True) == 1


def user_seed(*, email: str, password: str, display_name: str, staff: bool) -> bool:
    """A demo account with a verified address: created, or its password set again when it
    exists. True when it was created."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"display_name": display_name, "is_staff": staff, "is_superuser": staff},
    )
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return created


@dataclass(frozen=True)
class GoogleLogin:
    user: User
    created: bool


def google_login(*, identity: GoogleIdentity) -> GoogleLogin:
    """Sign in with a verified Google identity, creating or linking the account.

    An existing account is linked by e-mail only because Google vouches for the address. If
    that account's own address was never verified, its password was set by someone who never
    proved owning the address, so the password is disabled when the real owner links Google.
    """
    if not identity.email_verified:
        raise DomainError(
            ErrorCode.GOOGLE_EMAIL_UNVERIFIED,
            "Google has not verified this e-mail address.",
        )
    with transaction.atomic():
        linked = (
            SocialAccount.objects.select_related("user")
            .filter(provider=GOOGLE, uid=identity.subject)
            .first()
        )
        if linked is not None:
            user = linked.user
            _ensure_active(user)
            return GoogleLogin(user=user, created=False)

        user_or_none = User.objects.select_for_update().filter(email__iexact=identity.email).first()
        created = user_or_none is None
        if user_or_none is None:
            user = User.objects.create_user(identity.email, None, display_name=identity.name)
        else:
            user = user_or_none
            _ensure_active(user)
            address_verified = EmailAddress.objects.filter(
                user=user, email__iexact=identity.email, verified=True
            ).exists()
            if not address_verified and user.has_usable_password():
                user.set_unusable_password()
                user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=identity.email, defaults={"verified": True, "primary": True}
        )
        SocialAccount.objects.create(
            user=user, provider=GOOGLE, uid=identity.subject, extra_data=identity.claims
        )
    return GoogleLogin(user=user, created=created)


def _ensure_active(user: User) -> None:
    if not user.is_active:
        raise DomainError(ErrorCode.AUTHENTICATION_FAILED, "This account is disabled.")
