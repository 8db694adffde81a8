from django.apps import AppConfig


class QuotasConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quotas"

    def ready(self) -> None:
        from quotas import receivers  # noqa: F401 - connects the usage receiver
