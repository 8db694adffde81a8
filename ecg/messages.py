"""Sending messages to actors by name, so that a service never imports an actor's module
(actors import services, never the other way round)."""

from __future__ import annotations

from typing import Any

import dramatiq


def send_task(actor_name: str, *args: Any) -> None:
    dramatiq.get_broker().get_actor(actor_name).send(*args)
