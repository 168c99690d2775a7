from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "toolkit"
    label = "toolkit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """The toolkit's step lists are cached under the page-tree version (``ToolkitPage.steps``):
        publishing moves it on, and so does saving or deleting a step or an action directly (scripts,
        imports, the shell), which sends no publishing signal."""
        from django.db.models.signals import post_delete, post_save

        from hub.core.cache import PAGE_TREE

        from .models import ToolkitAction, ToolkitStepPage

        for model in (ToolkitStepPage, ToolkitAction):
            for signal in (post_save, post_delete):
                signal.connect(PAGE_TREE.bump, sender=model, dispatch_uid=f"toolkit-steps-{signal}-{model.__name__}")
