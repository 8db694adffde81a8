"""Demo data for development: a staff user and a creator, with their credentials printed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.services import user_seed

DEMO_USERS = (
    ("admin@ecg.local", "ecg-admin-demo", "ECG Staff", True),
    ("creator@ecg.local", "ecg-creator-demo", "Demo Creator", False),
)


class Command(BaseCommand):
    help = "Create demo users for development (refused when DEBUG is off unless --force)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Seed even with DEBUG off.")

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to seed demo users with DEBUG off; pass --force.")
        for email, password, name, staff in DEMO_USERS:
            created = user_seed(email=email, password=password, display_name=name, staff=staff)
            role = "staff" if staff else "creator"
            state = "created" if created else "reset"
            self.stdout.write(f"{role:8} {email}  password: {password}  ({state})")
