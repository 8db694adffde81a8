"""WSGI entry point of the reference remote worker: `gunicorn ecg.remote_wsgi:application`."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecg.settings")
django.setup()

from ecg.jobs.remote_worker import application  # noqa: E402  (needs the apps' kinds loaded)

__all__ = ["application"]
