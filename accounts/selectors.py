from rest_framework.request import Request

from accounts.models import User


def request_user(request: Request) -> User:
    """The authenticated user of an API request (views require authentication)."""
    user = request.user
    assert isinstance(user, User)
    return user
