from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "hub.services"
    label = "services"
    default_auto_field = "django.db.models.BigAutoField"
