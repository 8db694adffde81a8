from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The creator's server-rendered pages: above every app, reading through selectors."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "pages"
