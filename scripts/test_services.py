"""Print `export` lines for the test services that are reachable and not configured yet:
PostgreSQL (so row-lock tests run for real) and Redis (broker and worker-process tests).

    eval "$(python scripts/test_services.py)"
"""

from __future__ import annotations

import os
import socket
import sys

POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/ecg"
REDIS_URL = "redis://127.0.0.1:6379/15"  # a spare database: the tests flush it


def postgres_reachable() -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    try:
        psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=2).close()
    except psycopg.Error:
        return False
    return True


def redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def main() -> None:
    for name, url, reachable in (
        ("DATABASE_URL", POSTGRES_URL, postgres_reachable),
        ("REDIS_URL", REDIS_URL, redis_reachable),
    ):
        if os.environ.get(name):
            print(f"tests: {name} from the environment", file=sys.stderr)
        elif reachable():
            print(f"export {name}={url}")
            print(f"tests: {name}={url}", file=sys.stderr)
        else:
            print(f"tests: no {name}; the tests that need it are skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
