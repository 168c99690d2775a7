import pytest
from django.core.cache import cache

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
