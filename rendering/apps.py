from django.apps import AppConfig


class RenderingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "rendering"

    def ready(self) -> None:
        from rendering import services  # noqa: F401 - connects the usage receiver
