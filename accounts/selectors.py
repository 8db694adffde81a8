from rest_framework.request import Request

from accounts.models import User
from ecg.errors import DomainError, ErrorCode


def request_user(request: Request) -> User:
    """The authenticated user of an API request (views require authentication)."""
    user = request.user
    assert isinstance(user, User)
    return user


def request_user_id(request: Request) -> int:
    """The authenticated user's id, also when a poll did not load the user (a token user)."""
    user_id = request.user.pk
    if user_id is None:  # views require authentication; an anonymous user never gets here
        raise DomainError(ErrorCode.NOT_AUTHENTICATED, "Log in first.")
    return int(user_id)


def require_active_user(*, user_id: int) -> None:
    """A token whose user is gone or deactivated is refused, not told "not found"."""
    if not User.objects.filter(pk=user_id, is_active=True).exists():
        raise DomainError(ErrorCode.TOKEN_INVALID, "The access token is invalid.")
