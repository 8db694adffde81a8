from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Shared job machinery (no models of its own): the remote worker command lives here."""

    name = "ecg.jobs"
    label = "jobs"
