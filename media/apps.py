from django.apps import AppConfig


class MediaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "media"

    def ready(self) -> None:
        from ecg.jobs.kinds import kind_register
        from media import tasks  # noqa: F401 - declares the actors
        from media.transcription.kind import TranscriptionKind

        kind_register(TranscriptionKind())
