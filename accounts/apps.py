from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from accounts.models import User
        from accounts.user_state import on_user_changed

        for signal in (post_save, post_delete):
            signal.connect(on_user_changed, sender=User, dispatch_uid="user-state")
        from accounts import receivers  # noqa: F401 - connects the job-done e-mail
