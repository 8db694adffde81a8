"""Sending messages to workers: the one module that talks to the broker.

A send never fails its caller: a message the broker refuses (it is away) is logged and
remembered as an `UnsentMessage`, and the periodic sweep sends it again at its next pass.
Messages go to actors by name, so that a service never imports an actor's module (actors import
services, never the other way round). Every actor is idempotent: a message sent twice is harmless.
"""

from __future__ import annotations

import logging

import dramatiq
from django.db import transaction

from ecg.jobs.kinds import kind_of
from ecg.jobs.models import Job, UnsentMessage

logger = logging.getLogger(__name__)


def _send(actor_name: str, args: list[str]) -> None:
    dramatiq.get_broker().get_actor(actor_name).send(*args)


def message_send(actor_name: str, *args: str) -> bool:
    """Send a message now; False when the broker refused it (it is then remembered)."""
    try:
        _send(actor_name, list(args))
        return True
    except Exception:
        logger.exception("Could not send %s%s; the sweep will send it again", actor_name, args)
    try:
        UnsentMessage.objects.get_or_create(actor_name=actor_name, args=list(args))
    except Exception:
        logger.exception("Could not remember the unsent message %s%s", actor_name, args)
    return False


def message_send_on_commit(actor_name: str, *args: str) -> None:
    """Send a message once the current transaction commits (so the worker finds the rows)."""
    transaction.on_commit(lambda: message_send(actor_name, *args))


def job_send_on_commit(job: Job) -> None:
    """Send the worker message that runs this job, by the actor name its kind registered."""
    message_send_on_commit(kind_of(job).actor_name, str(job.pk))


def unsent_messages_resend() -> int:
    """Send again, oldest first, what the broker refused; the first refusal ends the pass (it is
    still away). SKIP LOCKED: two sweepers never send one message twice. Returns how many went."""
    sent = 0
    with transaction.atomic():
        waiting = UnsentMessage.objects.select_for_update(skip_locked=True).order_by("failed_at")
        for unsent in waiting:
            try:
                _send(unsent.actor_name, unsent.args)
            except Exception as exc:
                logger.warning("The broker still refuses messages (%s); they wait", exc)
                break
            unsent.delete()
            sent += 1
    return sent
