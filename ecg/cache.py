"""Django's Redis cache, made cheaper and tolerant of Redis being away.

- One Redis client per connection pool instead of one per call: Django builds a new
  `redis.Redis` for every operation, and its construction (the response-callback table) cost
  about as much as the round trip itself on the hottest path of the API (a status poll makes two
  cache reads). A client is thread-safe and borrows a pooled connection for each command.
- Redis out of reach is a miss, never an error: reads return nothing, writes are dropped (both
  logged), `incr` reports a missing key. Status polls then read the database, jobs keep running
  and reporting progress, and the logout list and rate limits fail open until Redis is back; a
  new logout, which checks that its write was kept, is refused (accounts.services.tokens_revoke).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
_MISSES: dict[str, Any] = {
    "add": False,
    "get": None,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "set_many": [],
    "delete_many": None,
    "clear": False,
}


def _tolerant(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as exc:
            logger.warning("Cache %s skipped: Redis is unreachable (%s)", name, exc)
            if name == "incr":
                raise ValueError("the cache is unreachable") from exc
            if name == "get":  # get(key, default)
                return args[1] if len(args) > 1 else kwargs.get("default")
            miss = _MISSES[name]
            return miss.copy() if isinstance(miss, dict | list) else miss

    return call


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        base: Any = self  # django-stubs do not declare the client's private helpers
        pool = base._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = base._client(connection_pool=pool)
        return client


for _name in (*_MISSES, "incr"):
    setattr(
        SharedClientRedisCacheClient,
        _name,
        _tolerant(_name, getattr(RedisCacheClient, _name)),
    )


class SharedClientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
