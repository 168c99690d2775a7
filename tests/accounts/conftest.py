import pytest
from django.contrib.auth.models import Permission

from tests.factories.users import UserFactory


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.ADMIN_2FA_REQUIRED = True


@pytest.fixture
def admin_user_without_device(db):
    """An admin user (may use the admin) who has never set up two-factor authentication."""
    user = UserFactory(username="newcomer")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


PASSWORD = "a-long-test-password"


def sign_in_with_password(client, user, next_url="/admin/"):
    return client.post("/admin/login/", {"username": user.username, "password": PASSWORD, "next": next_url})
