"""Create the Editors, Moderators and Administrators roles (idempotent).

Uses the live role definitions rather than historical models on purpose: it only touches auth and
Wagtail permission tables, and the same code re-applies the roles after every later migrate.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from django.apps import apps as live_apps

    from hub.editorial.roles import sync_roles

    for app_config in live_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    sync_roles()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("core", "0002_hub_settings"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
