from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Admin sign-in: two-factor authentication, session limits and the sign-in audit trail."""

    name = "hub.accounts"
    label = "accounts"
    verbose_name = "Admin accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (connects the sign-in and deactivation receivers)
