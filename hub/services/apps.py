from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "hub.services"
    label = "services"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Services and referrals"

    def ready(self):
        from . import checks, signals  # noqa: F401
