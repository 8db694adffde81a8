"""`manage.py remote_worker --port 8001`: the reference remote worker under gunicorn."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from gunicorn.app.base import BaseApplication

from ecg.jobs.remote_worker import application


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return application


class Command(BaseCommand):
    help = "Run the reference remote worker (every registered job kind behind signed HTTP)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8001)
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Remote worker on http://{options['host']}:{options['port']}/jobs")
        _Gunicorn(
            {
                "bind": f"{options['host']}:{options['port']}",
                "workers": 1,  # jobs run on threads of this one process
                "worker_class": "gthread",
                "threads": options["threads"],
                "graceful_timeout": 5,
                "accesslog": "-",
            }
        ).run()
