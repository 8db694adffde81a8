from django.apps import AppConfig


class MediaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "media"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from ecg.jobs.kinds import kind_register
        from media import tasks  # noqa: F401 - declares the actors
        from media.models import TranscriptionJob, TranscriptRevision, Video
        from media.transcription.kind import TranscriptionKind
        from media.video_status import on_video_changed, on_video_part_changed

        kind_register(TranscriptionKind())
        for signal in (post_save, post_delete):
            signal.connect(on_video_changed, sender=Video, dispatch_uid="video-status")
            for part in (TranscriptionJob, TranscriptRevision):
                signal.connect(on_video_part_changed, sender=part, dispatch_uid=f"video-{part}")
