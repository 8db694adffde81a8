from django.apps import AppConfig


class RenderingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rendering"

    def ready(self) -> None:
        from ecg.jobs.kinds import kind_register
        from rendering import tasks  # noqa: F401 - declares the actors
        from rendering.kind import RenderKind

        kind_register(RenderKind())
