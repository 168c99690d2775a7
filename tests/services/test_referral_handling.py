"""Handlers move a referral through the workflow in the Referrals admin: every move is recorded (who,
when, an encrypted note), audit-logged, exported, and refused when the workflow does not allow it."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from hub.services.handling import working_days_between
from hub.services.models import ClosureOutcome, DeclineReason, Referral, ReferralStatusChange

pytestmark = pytest.mark.django_db

NOTE = "Spoke to them on the phone; prefers mornings."


def status_url(referral):
    return f"/admin/referrals/{referral.pk}/status/"


def move(client, referral, to_status, **extra):
    return client.post(status_url(referral), {"to_status": to_status, "note": "", **extra})


def test_a_handler_moves_a_referral_through_every_status(client, users, referral):
    client.force_login(users["own_staff"])
    outcome = ClosureOutcome.objects.get(name="Returned to work")
    steps = [
        ("contacted", {"note": NOTE}),
        ("accepted", {}),
        ("support_started", {}),
        ("closed", {"outcome": outcome.pk}),
    ]
    for to_status, extra in steps:
        response = move(client, referral, to_status, **extra)
        assert response.status_code == 302, response.content.decode()[:500]
        referral.refresh_from_db()
        assert referral.status == to_status
    assert referral.outcome == outcome
    assert referral.first_contact_at is not None and referral.closed_at is not None
    changes = list(ReferralStatusChange.objects.filter(referral=referral))
    assert [change.to_status for change in changes] == [step for step, _ in steps]
    assert all(change.changed_by == users["own_staff"] for change in changes)
    detail = client.get(f"/admin/referrals/{referral.pk}/").content.decode()
    assert NOTE in detail
    assert "Returned to work" in detail
    assert "has no next step" in detail


def test_the_note_is_encrypted_at_rest(client, users, referral):
    client.force_login(users["own_staff"])
    move(client, referral, "contacted", note=NOTE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM services_referralstatuschange")
        stored = cursor.fetchone()[0]
    assert "mornings" not in stored
    assert ReferralStatusChange.objects.get().note_text == NOTE


def test_every_change_is_in_the_audit_log_without_the_note(client, users, referral):
    client.force_login(users["own_staff"])
    move(client, referral, "contacted", note=NOTE)
    move(client, referral, "declined", decline_reason=DeclineReason.objects.get(name="Not eligible").pk)
    entries = ModelLogEntry.objects.filter(object_id=str(referral.pk), action__startswith="services.referral_")
    entries = entries.exclude(action="services.referral_viewed").order_by("timestamp", "pk")
    assert [entry.action for entry in entries] == ["services.referral_contacted", "services.referral_declined"]
    assert all(entry.user == users["own_staff"] for entry in entries)
    assert entries[1].data["reason"] == "Not eligible"
    assert entries[1].message == "Marked the referral declined"
    assert "mornings" not in str([entry.data for entry in entries])


@pytest.mark.parametrize(
    ("to_status", "message"),
    [
        ("closed", "A received referral cannot be marked closed"),
        ("support_started", "it can next be: contacted, declined"),
        ("nonsense", "Choose one of the statuses offered."),
    ],
)
def test_an_invalid_transition_is_refused_with_a_clear_message(client, users, referral, to_status, message):
    client.force_login(users["own_staff"])
    response = move(client, referral, to_status)
    assert response.status_code == 409
    assert message in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "received"
    assert not ReferralStatusChange.objects.exists()


def test_a_final_status_cannot_be_left(client, users, referral):
    client.force_login(users["own_staff"])
    move(client, referral, "declined", decline_reason=DeclineReason.objects.first().pk)
    response = move(client, referral, "contacted")
    assert response.status_code == 409
    assert "it can next be: nothing: it is final" in response.content.decode()


def test_declining_needs_a_reason_and_closing_an_outcome(client, users, referral):
    client.force_login(users["own_staff"])
    response = move(client, referral, "declined")
    assert response.status_code == 400
    assert "Choose why the referral was declined." in response.content.decode()
    for step in ("contacted", "accepted"):
        move(client, referral, step)
    response = move(client, referral, "closed", outcome="999999")
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.status == "accepted"


def test_a_get_to_the_status_url_is_not_a_change(client, users, referral):
    client.force_login(users["own_staff"])
    assert client.get(status_url(referral)).status_code == 405


@pytest.mark.parametrize("who", ["editor", "other_staff"])
def test_a_handler_of_another_service_cannot_see_or_change_it(client, users, referral, who):
    client.force_login(users[who])
    assert client.get(f"/admin/referrals/{referral.pk}/").status_code == 403
    response = move(client, referral, "contacted", note=NOTE)
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == "received"
    assert not ReferralStatusChange.objects.exists()
    assert not ModelLogEntry.objects.filter(action="services.referral_contacted").exists()


def test_anonymous_posts_are_sent_to_log_in(client, referral):
    response = move(client, referral, "contacted")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def age(referral, days):
    Referral.objects.filter(pk=referral.pk).update(submit_time=timezone.now() - timedelta(days=days))


def test_the_list_filters_by_status_and_age(client, users, gp_form, referral_data):
    for _ in range(3):
        client.post(gp_form.url, referral_data())
    young, old, contacted = Referral.objects.order_by("pk")
    age(old, 40)
    client.force_login(users["own_staff"])
    move(client, contacted, "contacted")
    url = f"/admin/referrals/service/{gp_form.get_parent().pk}/"
    client.get(url)  # shows (and clears) the "now contacted" message, which names the reference

    def listed(query):
        html = client.get(url, query).content.decode()
        return {r for r in (young, old, contacted) if f'href="/admin/referrals/{r.pk}/"' in html}

    assert listed({"status": "received"}) == {young, old}
    assert listed({"age": "31-90"}) == {old}
    assert listed({"status": "contacted", "age": "0-7"}) == {contacted}
    assert listed({}) == {young, old, contacted}
    bad = client.get(url, {"status": "lost"})
    assert bad.status_code == 400
    assert "Select a valid choice" in bad.content.decode()


def test_the_list_shows_waiting_days_and_flags_referrals_past_the_target(client, users, gp_form, referral_data):
    client.post(gp_form.url, referral_data())
    client.post(gp_form.url, referral_data())
    _recent, late = Referral.objects.order_by("pk")
    age(late, 14)  # two weeks: 10 working days, past the default 5
    client.force_login(users["own_staff"])
    html = client.get(f"/admin/referrals/service/{gp_form.get_parent().pk}/").content.decode()
    assert "Waiting for first contact for 14 days: past the 5-working-day target" in html
    assert "Waiting for first contact for 0 days</span>" in html
    service = gp_form.get_parent().specific
    service.first_contact_target_days = 15
    service.save()
    html = client.get(f"/admin/referrals/service/{service.pk}/").content.decode()
    assert "past the" not in html


def test_working_days_skip_weekends():
    friday, monday = date(2026, 12, 4), date(2026, 12, 7)
    assert working_days_between(friday, monday) == 1
    assert working_days_between(monday, monday + timedelta(days=7)) == 5
    assert working_days_between(monday, friday) == 0


def test_working_days_skip_england_bank_holidays():
    """Christmas 2026 is a Friday; Boxing Day, a Saturday, is made up on Monday 28 December."""
    thursday_before, tuesday_after = date(2026, 12, 24), date(2026, 12, 29)
    assert working_days_between(thursday_before, tuesday_after) == 1
    assert working_days_between(date(2027, 5, 28), date(2027, 6, 1)) == 1  # spring bank holiday, 31 May


def test_export_has_the_status_columns_and_notes_formula_safe(client, users, referral):
    client.force_login(users["own_staff"])
    move(client, referral, "contacted", note="=HYPERLINK(evil)")
    move(client, referral, "declined", decline_reason=DeclineReason.objects.get(name="Unable to contact").pk)
    response = client.get(f"/admin/referrals/service/{referral.service_id}/export.csv")
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    record = dict(zip(header, row, strict=True))
    assert header[:10] == [
        "Reference",
        "Sent",
        "Referrer",
        "Status",
        "Status changed",
        "First contact",
        "Closed",
        "Decline reason",
        "Outcome",
        "Notes",
    ]
    assert record["Status"] == "Declined"
    assert record["Decline reason"] == "Unable to contact"
    assert record["First contact"] and record["Closed"]
    assert record["Notes"].endswith("Contacted: =HYPERLINK(evil)")
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_a_reason_or_outcome_posted_with_another_status_is_ignored(client, users, referral):
    client.force_login(users["own_staff"])
    outcome = ClosureOutcome.objects.first()
    response = move(client, referral, "contacted", outcome=outcome.pk, decline_reason=DeclineReason.objects.first().pk)
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.outcome is None and referral.decline_reason is None
    assert ReferralStatusChange.objects.get().reason == ""
