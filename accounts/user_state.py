"""Whether a user may still be served, kept in the shared cache for the status polls (and event
streams) that answer from cached snapshots (ecg.jobs.status, media.video_status) and so never
read the user's row: without it, a deactivated user was served, download links included, for as
long as the snapshots lived.

Every save or delete of a user forgets the state once it commits (the signals are connected in
accounts.apps), so however a user becomes inactive (the admin, a service, a shell) the next poll
reads the database. The short lifetime bounds what the signals cannot see: a queryset update, a
forget dropped while Redis was away, a read racing the change.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction

from accounts.models import User
from ecg.changes import topic_changed, user_topic

USER_STATE_SECONDS = 60


def _key(user_id: Any) -> str:
    return f"user-active:{user_id}"


def user_is_active(*, user_id: int) -> bool:
    active = cache.get(_key(user_id))
    if active is None:
        active = User.objects.filter(pk=user_id, is_active=True).exists()
        cache.set(_key(user_id), active, USER_STATE_SECONDS)
    return bool(active)


def user_state_remember(user: User) -> None:
    """For a user just read (a login): the first poll then makes no query either."""
    cache.set(_key(user.pk), user.is_active, USER_STATE_SECONDS)


def on_user_changed(sender: type, instance: User, **kwargs: Any) -> None:
    key = _key(instance.pk)
    transaction.on_commit(lambda: cache.delete(key))
    topic_changed(user_topic(instance.pk))  # their open event streams read again
