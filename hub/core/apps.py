from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hub.core"
    label = "core"
    verbose_name = "Hub core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import page_cache
        from .cache import connect_page_tree_signals

        connect_page_tree_signals()
        page_cache.connect_signals()
