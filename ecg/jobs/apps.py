from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Shared job machinery (one table: unsent messages); the remote worker command lives here."""

    name = "ecg.jobs"
    label = "jobs"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from ecg.jobs.services import job_models
        from ecg.jobs.status import on_job_deleted, on_job_saved

        # Creation and other saves; transitions (queryset updates) remember their own state.
        for model in job_models():
            post_save.connect(on_job_saved, sender=model, dispatch_uid=f"status-{model}")
            post_delete.connect(on_job_deleted, sender=model, dispatch_uid=f"status-{model}")
