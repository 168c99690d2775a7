import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from wagtail.models import GroupPagePermission

from hub.services.models import Referral
from tests.factories.services import ReferralFormPageFactory, ServiceIndexPageFactory, ServicePageFactory


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def service_index(home_page):
    return ServiceIndexPageFactory(parent=home_page)


@pytest.fixture
def service(service_index):
    return ServicePageFactory(
        parent=service_index, title="Bridging the Gap", slug="bridging-the-gap", reference_prefix="BTG"
    )


@pytest.fixture
def other_service(service_index):
    return ServicePageFactory(parent=service_index, title="Health and Work Service", slug="health-and-work-service")


@pytest.fixture
def gp_form(service):
    return ReferralFormPageFactory(parent=service, referrer_type="gp")


@pytest.fixture
def jcp_form(service):
    return ReferralFormPageFactory(parent=service, referrer_type="jcp")


@pytest.fixture
def other_form(other_service):
    return ReferralFormPageFactory(parent=other_service, referrer_type="gp")


PERSON_NAME = "Zebedee Quartermain"


def valid_data(**overrides):
    data = {
        "referrer_name": "Dr Alex Carter",
        "referrer_role": "GP",
        "referrer_organisation": "Riverside Surgery, Nottingham",
        "referrer_email": "alex.carter@nhs.example",
        "referrer_phone": "0115 123 4567",
        "person_name": PERSON_NAME,
        "person_date_of_birth": "27/03/1985",
        "person_phone": "07700 900123",
        "person_email": "",
        "person_postcode": "NG1 1AA",
        "support_needed": "Anxiety is making it hard to return to work after sick leave.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def referral_data():
    return valid_data


@pytest.fixture
def referral(client, gp_form):
    client.post(gp_form.url, valid_data())
    client.logout()
    return Referral.objects.get()


@pytest.fixture
def other_referral(client, other_form):
    client.post(other_form.url, valid_data(person_name="Other Person"))
    client.logout()
    return Referral.objects.get(service=other_form.get_parent())


@pytest.fixture
def users(django_user_model, service, other_service):
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")

    def make(username, *groups, superuser=False):
        if superuser:
            return django_user_model.objects.create_superuser(username, f"{username}@example.org", "pw-for-tests-1")
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw-for-tests-1")
        user.groups.add(*groups)
        return user

    editors = Group.objects.create(name="Service editors")
    editors.permissions.add(access_admin)
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=editors, page=service.get_parent(), permission=Permission.objects.get(codename=permission)
        )
    return {
        "editor": make("editor", editors),
        "other_staff": make("other_staff", other_service.handler_group.group),
        "own_staff": make("own_staff", service.handler_group.group),
        "superuser": make("boss", superuser=True),
    }
