"""The permission matrix: each role can do its job and nothing more; referrals are in no role."""

import pytest
from django.contrib.auth.models import Group, Permission

from hub.editorial.roles import ROLES, sync_roles
from tests.factories.home import StandardPageFactory
from tests.factories.users import UserFactory

MATRIX = {
    # capability:               Editors, Moderators, Administrators
    "edit pages": (True, True, True),
    "publish pages": (False, True, True),
    "add resources": (True, True, True),
    "publish resources": (False, True, True),
    "edit documents": (True, True, True),
    "manage search promotions": (False, True, True),
    "change site settings": (False, False, True),
    "manage users": (False, False, True),
}

CHECKS = {
    "edit pages": lambda user, page: page.permissions_for_user(user).can_edit(),
    "publish pages": lambda user, page: page.permissions_for_user(user).can_publish(),
    "add resources": lambda user, page: user.has_perm("resources.add_resource"),
    "publish resources": lambda user, page: user.has_perm("resources.publish_resource"),
    "edit documents": lambda user, page: (
        user.has_perm("wagtaildocs.change_document") or _collection_perm(user, "change_document")
    ),
    "manage search promotions": lambda user, page: user.has_perm("wagtailsearchpromotions.add_searchpromotion"),
    "change site settings": lambda user, page: user.has_perm("core.change_hubsettings"),
    "manage users": lambda user, page: user.has_perm("auth.change_user"),
}


def _collection_perm(user, codename):
    from wagtail.models import GroupCollectionPermission

    return GroupCollectionPermission.objects.filter(group__user=user, permission__codename=codename).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("capability", MATRIX)
def test_permission_matrix(home_page, capability):
    page = StandardPageFactory(parent=home_page, slug="about")
    for role, expected in zip(("Editors", "Moderators", "Administrators"), MATRIX[capability], strict=True):
        user = UserFactory(groups=[role])
        assert CHECKS[capability](user, page) is expected, f"{role} / {capability}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["Editors", "Moderators", "Administrators"])
def test_no_editorial_role_can_open_a_services_referrals(client, home_page, role):
    from hub.services.access import ensure_handler_group
    from tests.factories.services import ServiceIndexPageFactory, ServicePageFactory

    service = ServicePageFactory(parent=ServiceIndexPageFactory(parent=home_page, slug="services"))
    for url in (f"/admin/referrals/service/{service.pk}/", f"/admin/referrals/service/{service.pk}/export.csv"):
        client.force_login(UserFactory(groups=[role]))
        assert client.get(url).status_code in (302, 403), f"{role} must not see {url}"
    handler = UserFactory()
    handler.groups.add(ensure_handler_group(service))
    client.force_login(handler)
    assert client.get(f"/admin/referrals/service/{service.pk}/").status_code == 200


@pytest.mark.django_db
def test_no_role_can_see_referrals():
    for role in ROLES:
        group = Group.objects.get(name=role.name)
        referral_perms = group.permissions.filter(content_type__app_label="services", codename__icontains="referral")
        assert not referral_perms.exists(), role.name


@pytest.mark.django_db
def test_roles_are_reapplied_exactly_and_idempotently():
    editors = Group.objects.get(name="Editors")
    before = set(editors.permissions.values_list("pk", flat=True))
    editors.permissions.add(Permission.objects.get(codename="change_hubsettings"))
    sync_roles()
    sync_roles()
    assert set(editors.permissions.values_list("pk", flat=True)) == before, "extra permissions are removed"
    assert Group.objects.filter(name="Editors").count() == 1


@pytest.mark.django_db
def test_only_administrators_reach_site_settings_in_the_admin(client):
    url = "/admin/settings/core/hubsettings/"
    client.force_login(UserFactory(groups=["Editors"]))
    assert client.get(url).status_code in (302, 403)
    client.force_login(UserFactory(groups=["Administrators"]))
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "Urgent help lead-in" in response.content.decode()
