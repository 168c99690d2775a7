import io
import re

import pytest
from django.contrib.auth.models import Group

from hub.services.demo_content import load_services
from hub.services.leaflets import simple_pdf
from hub.services.models import ReferralFormPage, ServicePage
from tests.services.conftest import valid_data

pytestmark = pytest.mark.django_db

FORM_URLS = [
    "/services/bridging-the-gap/gp-referral/",
    "/services/bridging-the-gap/jobcentre-plus-referral/",
    "/services/health-and-work-service/gp-referral/",
    "/services/health-and-work-service/jobcentre-plus-referral/",
    "/services/notts-fit-for-work/gp-referral/",
]


def test_demo_services_load_idempotently_at_the_contract_urls(client, home_page):
    load_services(io.StringIO())
    load_services(io.StringIO())
    assert ServicePage.objects.count() == 3
    assert ReferralFormPage.objects.count() == 5
    assert client.get("/services/").status_code == 200
    for slug in ["bridging-the-gap", "health-and-work-service", "notts-fit-for-work"]:
        response = client.get(f"/services/{slug}/")
        assert response.status_code == 200
        assert "(PDF," in response.content.decode()
    for url in FORM_URLS:
        assert client.get(url).status_code == 200, url
    assert Group.objects.filter(name__startswith="Referral handlers: ").count() == 3
    services = ServicePage.objects.live()
    assert all(service.leaflet and service.leaflet_html for service in services)


def test_demo_referral_gets_a_reference(client, home_page):
    load_services(io.StringIO())
    response = client.post(FORM_URLS[4], valid_data(), follow=True)
    assert "NFW-GP-" in response.content.decode()


def test_generated_leaflets_are_well_formed_pdfs():
    pdf = simple_pdf("Information leaflet: Test (brackets)", ["Hello \\ world", "## Heading", "x " * 3000])
    assert pdf.startswith(b"%PDF-1.4")
    assert pdf.rstrip().endswith(b"%%EOF")
    startxref = int(pdf.rsplit(b"startxref", 1)[1].split()[0])
    assert pdf[startxref:].startswith(b"xref")
    # Every xref offset points at the start of its object.
    entries = pdf[startxref:].split(b"\n")[3:]
    for number, entry in enumerate(entries, start=1):
        if not entry.endswith(b" n "):
            break
        offset = int(entry.split()[0])
        assert pdf[offset:].startswith(b"%d 0 obj" % number)
    assert b"/Count 2" in pdf or b"/Count 3" in pdf


def test_demo_referral_history_is_synthetic_deterministic_and_loaded_once(client, home_page):
    from hub.services.demo_content import load_referral_statistics
    from hub.services.models import Referral, ReferralStatistic

    load_services(io.StringIO())
    load_referral_statistics(io.StringIO())
    referrals = list(Referral.objects.order_by("reference").values_list("reference", "status", "submit_time"))
    figures = list(ReferralStatistic.objects.order_by("pk").values_list("received", flat=True))
    load_referral_statistics(io.StringIO())
    assert list(Referral.objects.order_by("reference").values_list("reference", "status", "submit_time")) == referrals
    assert list(ReferralStatistic.objects.order_by("pk").values_list("received", flat=True)) == figures
    assert len(referrals) > 500
    statuses = {status for _reference, status, _time in referrals}
    assert statuses == {"received", "contacted", "accepted", "declined", "support_started", "closed"}
    names = {referral.form_data["person_name"] for referral in Referral.objects.all()[:50]}
    assert all(re.fullmatch(r"Demo Person \d{4}", name) for name in names)
    assert sum(figures) == len(referrals)
    page = client.get("/services/referral-statistics/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bridging the Gap" in html and "Notts Fit for Work" in html
    assert 'role="img"' in html
    assert client.get("/services/referral-statistics/quarters/").status_code == 200
