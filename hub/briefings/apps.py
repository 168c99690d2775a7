from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "hub.briefings"
    label = "briefings"
    default_auto_field = "django.db.models.BigAutoField"
