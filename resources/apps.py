from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    label = "resources"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .cache import connect_signals

        connect_signals()
