"""Reachability of the services the app depends on, for /healthz."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import redis
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connections

Component = dict[str, Any]


def _timed(check: Callable[[], dict[str, Any]]) -> Component:
    started = time.perf_counter()
    try:
        result: Component = {"ok": True, **check()}
    except Exception as exc:  # a health check reports every failure, whatever its type
        result = {"ok": False, "error": type(exc).__name__}
    result["latency_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


class PoolExhausted(Exception):
    """Every pooled connection is lent out and requests are waiting for one."""


def _pool_state(connection: Any) -> dict[str, Any]:
    """This process's connection pool, when there is one: refuses before waiting in its
    queue, so /healthz answers at once when requests are already waiting for a connection."""
    pool = getattr(connection, "pool", None)
    if pool is None:
        return {}
    stats = pool.get_stats()
    state = {
        "pool_size": stats.get("pool_size", 0),
        "pool_max": stats.get("pool_max", 0),
        "pool_available": stats.get("pool_available", 0),
        "requests_waiting": stats.get("requests_waiting", 0),
    }
    if state["requests_waiting"] and not state["pool_available"]:
        raise PoolExhausted(str(state))
    return {"pool": state}


def _database() -> dict[str, Any]:
    connection = connections["default"]
    pool = _pool_state(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        connection.close()  # do not keep a broken connection for the next request
        raise
    return {"vendor": connection.vendor, **pool}


def _broker() -> dict[str, Any]:
    if settings.BROKER_URL.startswith("stub:"):
        return {"mode": "embedded"}
    client = redis.Redis.from_url(settings.BROKER_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    finally:
        client.close()
    return {"mode": "redis"}


def _storage() -> dict[str, Any]:
    if settings.USE_S3:
        client = default_storage.connection.meta.client  # type: ignore[attr-defined]
        client.head_bucket(Bucket=settings.AWS_STORAGE_BUCKET_NAME)
        return {"backend": "s3"}
    root = settings.MEDIA_ROOT
    root.mkdir(parents=True, exist_ok=True)
    if not os.access(root, os.W_OK):
        raise PermissionError(str(root))
    return {"backend": "local"}


def check_all() -> dict[str, Component]:
    return {
        "database": _timed(_database),
        "broker": _timed(_broker),
        "storage": _timed(_storage),
    }
