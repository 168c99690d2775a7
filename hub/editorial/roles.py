"""Least-privilege roles for the people who run the hub, defined once and applied idempotently.

Referral data is deliberately absent from every role here: only each service's own
"Referral handlers" group (managed by the services app) and superusers can see referrals.
"""

import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

logger = logging.getLogger(__name__)

DOCUMENT_AND_IMAGE_EDITING = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]
CONTENT_EDITING = [
    "wagtailadmin.access_admin",
    "core.add_audience",
    "core.change_audience",
    "resources.add_resource",
    "resources.change_resource",
    "resources.add_organisation",
    "resources.change_organisation",
]
MODERATION = [
    "resources.publish_resource",
    "resources.delete_resource",
    "resources.lock_resource",
    "resources.unlock_resource",
    "resources.delete_organisation",
    "core.delete_audience",
    "wagtaildocs.delete_document",
    "wagtailimages.delete_image",
    "search.add_synonym",
    "search.change_synonym",
    "search.delete_synonym",
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.delete_searchpromotion",
]
ADMINISTRATION = [
    "core.change_hubsettings",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
    "wagtailcore.add_workflow",
    "wagtailcore.change_workflow",
    "wagtailcore.add_task",
    "wagtailcore.change_task",
    "auth.add_user",
    "auth.change_user",
    "auth.add_group",
    "auth.change_group",
]


@dataclass(frozen=True)
class Role:
    name: str
    page_permissions: tuple = ()
    permissions: tuple = ()
    collection_permissions: tuple = field(default=())


EDITORS = Role(
    "Editors",
    page_permissions=("add_page", "change_page", "lock_page"),
    permissions=(*CONTENT_EDITING,),
    collection_permissions=(*DOCUMENT_AND_IMAGE_EDITING,),
)
MODERATORS = Role(
    "Moderators",
    page_permissions=("add_page", "change_page", "lock_page", "unlock_page", "publish_page"),
    permissions=(*CONTENT_EDITING, *MODERATION),
    collection_permissions=(*DOCUMENT_AND_IMAGE_EDITING, "wagtaildocs.delete_document", "wagtailimages.delete_image"),
)
ADMINISTRATORS = Role(
    "Administrators",
    page_permissions=("add_page", "change_page", "lock_page", "unlock_page", "publish_page", "bulk_delete_page"),
    permissions=(*CONTENT_EDITING, *MODERATION, *ADMINISTRATION),
    collection_permissions=(*DOCUMENT_AND_IMAGE_EDITING, "wagtaildocs.delete_document", "wagtailimages.delete_image"),
)
ROLES = (EDITORS, MODERATORS, ADMINISTRATORS)


def find_permissions(dotted_names):
    """Permissions for ``app_label.codename`` names; names whose model does not exist yet are skipped."""
    found = []
    for dotted in dotted_names:
        app_label, codename = dotted.split(".", 1)
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is None:
            logger.debug("Permission %s does not exist (yet); skipped.", dotted)
        else:
            found.append(permission)
    return found


def apply_role(role):
    """Make ``role``'s group hold exactly the permissions it defines: nothing more, nothing less."""
    group, _ = Group.objects.get_or_create(name=role.name)
    group.permissions.set(find_permissions(role.permissions))

    root_page = Page.get_first_root_node()
    if root_page is not None:
        page_permissions = list(
            Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=role.page_permissions)
        )
        GroupPagePermission.objects.filter(group=group).exclude(permission__in=page_permissions).delete()
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        collection_permissions = find_permissions(role.collection_permissions)
        GroupCollectionPermission.objects.filter(group=group).exclude(permission__in=collection_permissions).delete()
        for permission in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    return group


def sync_roles():
    return [apply_role(role) for role in ROLES]


def sync_roles_after_migrate(sender, app_config=None, **kwargs):
    # post_migrate fires once per app, in INSTALLED_APPS order, after that app's permissions are
    # created: by the last app every permission exists.
    if app_config is not None and app_config is list(apps.get_app_configs())[-1]:
        sync_roles()
