from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search.service import connect_promotion_signals

        connect_promotion_signals()
