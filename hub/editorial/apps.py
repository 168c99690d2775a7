from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    """Roles, moderation, review dates and the reports that keep health content trustworthy."""

    name = "hub.editorial"
    label = "editorial"
    verbose_name = "Editorial"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .roles import sync_roles_after_migrate

        # Apps add models over time; re-applying the role definitions after every migrate grants
        # the new models' permissions to the right roles without another data migration.
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="hub.editorial.sync_roles")
