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


def _database() -> dict[str, Any]:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        connection.close()  # do not keep a broken connection for the next request
        raise
    return {"vendor": connection.vendor}


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
