"""Only a service's own handler group (and superusers) can list, view or export its referrals;
every list, view and export is in Wagtail's audit log; exports cannot smuggle spreadsheet formulas."""

import csv
import io

import pytest
from wagtail.models import ModelLogEntry, PageLogEntry

from hub.services.admin_views import safe_cell
from hub.services.models import Referral
from tests.services.conftest import PERSON_NAME, valid_data

pytestmark = pytest.mark.django_db


def urls(referral):
    service_id = referral.service_id
    return {
        "list": f"/admin/referrals/service/{service_id}/",
        "view": f"/admin/referrals/{referral.pk}/",
        "export": f"/admin/referrals/service/{service_id}/export.csv",
    }


@pytest.mark.parametrize("kind", ["list", "view", "export"])
def test_anonymous_visitors_are_sent_to_log_in(client, referral, kind):
    response = client.get(urls(referral)[kind])
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("who", ["editor", "other_staff"])
@pytest.mark.parametrize("kind", ["list", "view", "export"])
def test_editors_and_other_services_staff_get_403(client, users, referral, who, kind):
    client.force_login(users[who])
    response = client.get(urls(referral)[kind])
    assert response.status_code == 403
    assert PERSON_NAME not in response.content.decode()
    assert referral.reference not in response.content.decode()


@pytest.mark.parametrize("who", ["own_staff", "superuser"])
def test_own_staff_and_superusers_see_list_view_and_export(client, users, referral, who):
    client.force_login(users[who])
    listing = client.get(urls(referral)["list"])
    assert listing.status_code == 200
    assert referral.reference in listing.content.decode()
    assert PERSON_NAME not in listing.content.decode()  # the list shows references only
    detail = client.get(urls(referral)["view"])
    assert detail.status_code == 200
    assert PERSON_NAME in detail.content.decode()
    assert "no-store" in detail["Cache-Control"]
    export = client.get(urls(referral)["export"])
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    assert PERSON_NAME in export.content.decode("utf-8-sig")


def test_own_staff_cannot_reach_another_services_referral(client, users, referral, other_referral):
    client.force_login(users["own_staff"])
    assert client.get(urls(other_referral)["view"]).status_code == 403
    index = client.get("/admin/referrals/")
    assert "Bridging the Gap" in index.content.decode()
    assert "Health and Work Service" not in index.content.decode()


def test_the_referrals_menu_is_shown_only_to_handlers(client, users, referral):
    client.force_login(users["own_staff"])
    assert "/admin/referrals/" in client.get("/admin/").content.decode()
    client.force_login(users["editor"])
    assert "/admin/referrals/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/referrals/").status_code == 403


def test_unknown_ids_are_404_not_500(client, users):
    client.force_login(users["superuser"])
    assert client.get("/admin/referrals/999999/").status_code == 404
    assert client.get("/admin/referrals/service/999999/").status_code == 404
    assert client.get("/admin/referrals/service/999999/export.csv").status_code == 404


def test_every_list_view_and_export_is_audit_logged(client, users, referral):
    client.force_login(users["own_staff"])
    client.get(urls(referral)["list"])
    client.get(urls(referral)["view"])
    client.get(urls(referral)["export"])
    page_entries = PageLogEntry.objects.filter(page_id=referral.service_id, user=users["own_staff"])
    assert set(page_entries.values_list("action", flat=True)) == {
        "services.referrals_listed",
        "services.referrals_exported",
    }
    view_entry = ModelLogEntry.objects.get(action="services.referral_viewed", object_id=str(referral.pk))
    assert view_entry.user == users["own_staff"]
    assert view_entry.label == referral.reference
    assert PERSON_NAME not in str(view_entry.data) + str(list(page_entries.values_list("data", flat=True)))


def test_refused_access_is_not_logged_as_a_view(client, users, referral):
    client.force_login(users["editor"])
    client.get(urls(referral)["view"])
    assert not ModelLogEntry.objects.filter(action="services.referral_viewed").exists()


def test_wagtails_generic_submission_views_never_show_referrals(client, users, referral, gp_form):
    client.force_login(users["superuser"])
    forms_index = client.get("/admin/forms/")
    assert gp_form.title not in forms_index.content.decode()
    response = client.get(f"/admin/forms/submissions/{gp_form.pk}/")
    assert response.status_code in (302, 403)
    assert PERSON_NAME not in response.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+1", "'+1+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("ordinary text", "ordinary text"),
        (True, "Yes"),
    ],
)
def test_cells_that_look_like_formulas_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_export_neutralises_formulas_end_to_end(client, gp_form, users):
    client.post(gp_form.url, valid_data(person_name="=cmd|' /C calc'!A0", support_needed="@SUM(1+1)"))
    client.force_login(users["own_staff"])
    response = client.get(f"/admin/referrals/service/{gp_form.get_parent().pk}/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    assert row[header.index("Full name")] == "'=cmd|' /C calc'!A0"
    assert row[header.index("What support do they need?")] == "'@SUM(1+1)"
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_service_with_referrals_cannot_be_deleted(client, users, referral):
    client.force_login(users["superuser"])
    response = client.post(f"/admin/pages/{referral.service_id}/delete/")
    assert response.status_code == 302
    assert Referral.objects.filter(pk=referral.pk).exists()
