"""Who may see a service's referrals: members of its handler group, and superusers. Nobody else —
not even editors who can edit the service's pages."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import HANDLER_GROUP_PREFIX, ServiceHandlerGroup, ServicePage


def services_handled_by(user):
    if not user.is_authenticated or not user.is_active:
        return ServicePage.objects.none()
    if user.is_superuser:
        return ServicePage.objects.all()
    return ServicePage.objects.filter(handler_group__group__user=user).distinct()


def can_handle(user, service):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return ServiceHandlerGroup.objects.filter(service=service, group__user=user).exists()


def handles_any_service(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or ServiceHandlerGroup.objects.filter(group__user=user).exists()


def _unique_group_name(service):
    name = f"{HANDLER_GROUP_PREFIX}{service.title}"[:150]
    if Group.objects.filter(name=name).exists():
        suffix = f" ({service.pk})"
        name = name[: 150 - len(suffix)] + suffix
    return name


@transaction.atomic
def ensure_handler_group(service):
    """The service's handler group, created (with access to the Wagtail admin) the first time."""
    existing = ServiceHandlerGroup.objects.filter(service=service).select_related("group").first()
    if existing is not None:
        return existing.group
    group = Group.objects.create(name=_unique_group_name(service))
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if access_admin is not None:
        group.permissions.add(access_admin)
    ServiceHandlerGroup.objects.create(service=service, group=group)
    return group
