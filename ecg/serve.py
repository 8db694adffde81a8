"""Start the production web server: `python -m ecg.serve [--bind HOST:PORT]`.

The one definition of how the app is served: `make serve`, the Docker image and the load
benchmark (bench/load.py) all start `gunicorn_argv()`, so what is measured is what runs.
Gunicorn supervises uvicorn worker processes (WEB_WORKERS); each serves ecg.asgi, which runs
the app on WEB_THREADS threads and the event streams as coroutines (ecg/serving.py).
"""

from __future__ import annotations

import argparse
import os
import sys


def gunicorn_argv(*, bind: str, workers: int, access_log: str = "-") -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "ecg.asgi:application",
        "--worker-class",
        "uvicorn_worker.UvicornWorker",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--timeout",
        "120",
        "--graceful-timeout",
        "20",
        "--access-logfile",
        access_log,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bind", default=os.environ.get("WEB_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "3")))
    args = parser.parse_args()
    argv = gunicorn_argv(bind=args.bind, workers=args.workers)
    os.execv(argv[0], argv)  # noqa: S606  (our own interpreter, our own arguments)


if __name__ == "__main__":
    main()
