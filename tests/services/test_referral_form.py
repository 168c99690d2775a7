import re

import pytest
from bs4 import BeautifulSoup

from hub.services.models import Referral
from tests.factories.services import ReferralFormFieldFactory
from tests.services.conftest import PERSON_NAME, valid_data

pytestmark = pytest.mark.django_db

FIXED_REQUIRED = [
    "referrer_name",
    "referrer_role",
    "referrer_organisation",
    "referrer_email",
    "referrer_phone",
    "person_name",
    "person_date_of_birth",
    "support_needed",
    "consent",
]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_gp_form_asks_the_fixed_questions_with_labels_hints_and_fieldsets(client, gp_form):
    response = client.get(gp_form.url)
    assert response.status_code == 200
    page = soup(response)
    for name in FIXED_REQUIRED:
        field = page.find(id=f"id_{name}")
        assert field is not None, name
        assert page.find("label", attrs={"for": f"id_{name}"}) is not None, name
    assert page.find("label", attrs={"for": "id_referrer_organisation"}).get_text(strip=True) == "GP practice"
    legends = [legend.get_text(strip=True) for legend in page.select("fieldset > legend")]
    assert legends == ["About you", "About the person you are referring", "Their support needs", "Consent"]
    hint_target = page.find(id="id_referrer_role")["aria-describedby"]
    assert page.find(id=hint_target).get_text(strip=True) == "For example, GP or practice nurse."
    # Autocomplete describes the person filling in the form, never the person referred.
    assert page.find(id="id_referrer_email")["autocomplete"] == "email"
    assert page.find(id="id_referrer_name")["autocomplete"] == "name"
    assert page.find(id="id_person_name")["autocomplete"] == "off"


def test_jobcentre_form_asks_for_the_jobcentre(client, jcp_form):
    page = soup(client.get(jcp_form.url))
    assert page.find("label", attrs={"for": "id_referrer_organisation"}).get_text(strip=True) == "Jobcentre"


def test_editor_questions_are_asked_too(client, gp_form):
    ReferralFormFieldFactory(page=gp_form, label="Preferred contact time", required=True)
    page = soup(client.get(gp_form.url))
    assert page.find(id="id_preferred_contact_time") is not None
    response = client.post(gp_form.url, valid_data())
    assert response.status_code == 200
    assert Referral.objects.count() == 0
    assert "This field is required." in response.content.decode()


def test_every_fixed_question_is_required(client, gp_form):
    response = client.post(gp_form.url, {"website": ""})
    assert response.status_code == 200
    page = soup(response)
    summary_links = {a["href"] for a in page.select(".error-summary a")}
    for name in FIXED_REQUIRED:
        assert f"#id_{name}" in summary_links, name
    assert Referral.objects.count() == 0


def test_errors_are_summarised_linked_and_values_kept(client, gp_form):
    response = client.post(gp_form.url, valid_data(referrer_email="not-an-email", consent=""))
    page = soup(response)
    assert page.title.get_text().startswith("Error:")
    summary = page.select_one(".error-summary")
    assert summary["role"] == "alert"
    links = {a["href"]: a.get_text(strip=True) for a in summary.select("a")}
    assert links["#id_consent"] == "Confirm that the person has agreed to the referral."
    assert "#id_referrer_email" in links
    email = page.find(id="id_referrer_email")
    assert email["value"] == "not-an-email"
    assert email["aria-invalid"] == "true"
    assert "id_referrer_email-error" in email["aria-describedby"].split()
    assert page.find(id="id_person_name")["value"] == PERSON_NAME
    assert page.find(id="id_support_needed").get_text().strip().startswith("Anxiety")


def test_person_needs_a_phone_or_an_email(client, gp_form):
    response = client.post(gp_form.url, valid_data(person_phone="", person_email=""))
    assert "Give a phone number or an email address for the person." in response.content.decode()
    response = client.post(gp_form.url, valid_data(person_phone="", person_email="zeb@example.org"), follow=True)
    assert "Referral sent" in response.content.decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/1985", "Enter the date of birth as day/month/year"),
        ("yesterday", "Enter the date of birth as day/month/year"),
        ("01/01/2999", "must be in the past"),
        ("01/01/1850", "more than 120 years ago"),
        ("01/01/2020", "16 or older"),
    ],
)
def test_date_of_birth_is_checked(client, gp_form, value, message):
    response = client.post(gp_form.url, valid_data(person_date_of_birth=value))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Referral.objects.count() == 0


def test_success_redirects_to_a_confirmation_with_a_reference(client, gp_form):
    response = client.post(gp_form.url, valid_data())
    assert response.status_code == 302
    assert response["Location"] == gp_form.url + "confirmation/"
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    referral = Referral.objects.get()
    assert re.fullmatch(r"BTG-GP-[2-9A-HJKMNP-TV-Z]{6}", referral.reference)
    text = confirmation.content.decode()
    assert referral.reference in text
    assert "What happens next" in text
    assert "We will phone the person within 5 working days." in text
    assert PERSON_NAME not in text


def test_jobcentre_references_say_jcp(client, jcp_form):
    client.post(jcp_form.url, valid_data(referrer_role="Work coach", referrer_organisation="Nottingham Jobcentre"))
    assert Referral.objects.get().reference.startswith("BTG-JCP-")


def test_confirmation_without_a_referral_goes_back_to_the_form(client, gp_form):
    response = client.get(gp_form.url + "confirmation/")
    assert response.status_code == 302
    assert response["Location"] == gp_form.url


def test_form_and_confirmation_are_never_cached(client, gp_form):
    for response in (
        client.get(gp_form.url),
        client.post(gp_form.url, valid_data(person_name="")),
        client.post(gp_form.url, valid_data()),
        client.get(gp_form.url + "confirmation/"),
    ):
        cache_control = response["Cache-Control"]
        assert "private" in cache_control
        assert "no-store" in cache_control


def test_honeypot_turns_bots_away_and_stores_nothing(client, gp_form):
    response = client.post(gp_form.url, valid_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "could not be sent" in response.content.decode()
    assert Referral.objects.count() == 0


def test_honeypot_is_hidden_from_people(client, gp_form):
    page = soup(client.get(gp_form.url))
    trap = page.find(id="id_website")
    assert trap["tabindex"] == "-1"
    assert trap.find_parent(class_="referral-form__trap")["aria-hidden"] == "true"


def test_rate_limit_gives_a_clear_429(client, gp_form, settings):
    settings.REFERRAL_RATE_LIMIT = 3
    for _ in range(3):
        assert client.post(gp_form.url, valid_data()).status_code == 302
    response = client.post(gp_form.url, valid_data())
    assert response.status_code == 429
    assert "Too many referrals sent" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert Referral.objects.count() == 3
    # Another address is not affected.
    assert client.post(gp_form.url, valid_data(), REMOTE_ADDR="10.1.2.3").status_code == 302


@pytest.mark.parametrize(
    "overrides",
    [
        {"person_name": "\x00Zeb"},
        {"person_date_of_birth": "99/99/99999999999"},
        {"person_date_of_birth": "\x00"},
        {"support_needed": "x" * 20000},
        {"referrer_email": "@" * 300},
        {"person_date_of_birth": "0/0/0"},
    ],
)
def test_odd_input_never_gives_a_server_error(client, gp_form, overrides):
    response = client.post(gp_form.url, valid_data(**overrides))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_other_methods_are_refused(client, gp_form):
    assert client.put(gp_form.url).status_code == 405


def test_service_page_shows_leaflet_facts_and_forms(client, service, gp_form, jcp_form):
    response = client.get(service.url)
    assert response.status_code == 200
    page = soup(response)
    links = {a.get_text(strip=True): a["href"] for a in page.select(".service-refer a")}
    assert links == {gp_form.title: gp_form.url, jcp_form.title: jcp_form.url}
    assert "Nottingham and Nottinghamshire" in page.select_one(".service-facts").get_text()


def test_service_index_lists_services_with_constant_queries(client, service_index, django_assert_max_num_queries):
    from tests.factories.services import ReferralFormPageFactory, ServicePageFactory

    for _ in range(3):
        service = ServicePageFactory(parent=service_index)
        ReferralFormPageFactory(parent=service, referrer_type="gp")
    client.get(service_index.url)
    with django_assert_max_num_queries(30) as few:
        client.get(service_index.url)
    for _ in range(10):
        service = ServicePageFactory(parent=service_index)
        ReferralFormPageFactory(parent=service, referrer_type="jcp")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(service_index.url)
    assert response.content.decode().count('class="card"') == 13
    for _ in range(12):
        ServicePageFactory(parent=service_index)
    first, second = client.get(service_index.url), client.get(service_index.url + "?page=2")
    assert first.content.decode().count('class="card"') == 24
    assert second.content.decode().count('class="card"') == 1
    assert 'rel="prev"' in second.content.decode()
    assert client.get(service_index.url + "?page=zzz").status_code == 200


def test_service_page_shows_its_published_related_resources_in_order(client, service):
    from hub.services.models import ServicePageRelatedResource
    from tests.factories.resources import ResourceFactory

    first = ResourceFactory(title="Mental health at work: a guide")
    second = ResourceFactory(title="Returning to work after sickness absence")
    hidden = ResourceFactory(title="A draft resource", live=False)
    for order, resource in enumerate([second, hidden, first]):
        ServicePageRelatedResource.objects.create(page=service, resource=resource, sort_order=order)
    page = soup(client.get(service.url))
    titles = [heading.a.contents[0].strip() for heading in page.select(".service-resources h3")]
    assert titles == [second.title, first.title]


@pytest.mark.parametrize("status", ["temporarily closed", "inactive", "defunct"])
def test_a_closed_service_takes_no_referrals_and_says_so(client, service, gp_form, status):
    service.status = status
    service.save_revision().publish()
    page = client.get(gp_form.url)
    assert page.status_code == 200
    assert "is not taking referrals at the moment" in page.content.decode()
    assert "Send referral" not in page.content.decode()
    response = client.post(gp_form.url, valid_data())
    assert response.status_code == 409
    assert Referral.objects.count() == 0
    service_page = client.get(service.url).content.decode()
    assert gp_form.url not in service_page
