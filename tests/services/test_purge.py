from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from hub.core.models import HubSettings
from hub.services.models import Referral, ReferralNotification
from tests.services.conftest import valid_data

pytestmark = pytest.mark.django_db


def make_referrals(client, form_page, ages_in_days):
    for age in ages_in_days:
        client.post(form_page.url, valid_data())
        newest = Referral.objects.order_by("-pk").first()
        Referral.objects.filter(pk=newest.pk).update(submit_time=timezone.now() - timedelta(days=age))


def test_purge_deletes_only_referrals_past_retention(client, gp_form, capsys):
    hub_settings = HubSettings.load()
    hub_settings.referral_retention_days = 30
    hub_settings.save()
    make_referrals(client, gp_form, [1, 29, 31, 400])
    call_command("purge_referrals")
    assert sorted((timezone.now() - r.submit_time).days for r in Referral.objects.all()) == [1, 29]
    assert "Deleted referrals older than 30 days: 2." in capsys.readouterr().out
    assert ReferralNotification.objects.count() == 2  # their notifications went with them


def test_purge_older_than_overrides_the_setting(client, gp_form, capsys):
    make_referrals(client, gp_form, [5, 10])
    call_command("purge_referrals", "--older-than", "7", "--dry-run")
    assert "1 referrals older than 7 days would be deleted." in capsys.readouterr().out
    assert Referral.objects.count() == 2
    call_command("purge_referrals", "--older-than", "7")
    assert Referral.objects.count() == 1


def close(referral, days_ago):
    """Mark ``referral`` closed ``days_ago`` days ago (as the workflow would have)."""
    Referral.objects.filter(pk=referral.pk).update(status="closed", closed_at=timezone.now() - timedelta(days=days_ago))


def test_retention_counts_from_closure_or_from_receipt_if_never_closed(client, gp_form):
    make_referrals(client, gp_form, [400, 400, 40, 10])
    closed_recently, closed_long_ago, _open_old, open_new = Referral.objects.order_by("pk")
    close(closed_recently, 10)
    close(closed_long_ago, 40)
    call_command("purge_referrals", "--older-than", "30")
    assert set(Referral.objects.all()) == {closed_recently, open_new}


def test_monthly_figures_survive_the_purge(client, gp_form, users):
    from hub.services.models import ClosureOutcome, ReferralStatistic

    client.post(gp_form.url, valid_data())
    referral = Referral.objects.get()
    client.force_login(users["own_staff"])
    outcome = ClosureOutcome.objects.get(name="Stayed in work")
    for step, extra in [("contacted", {}), ("accepted", {}), ("closed", {"outcome": outcome.pk})]:
        client.post(f"/admin/referrals/{referral.pk}/status/", {"to_status": step, **extra})
    before = list(ReferralStatistic.objects.values())
    call_command("purge_referrals", "--older-than", "0")
    assert not Referral.objects.exists()
    assert list(ReferralStatistic.objects.values()) == before
    (figures,) = before
    assert (figures["received"], figures["contacted"], figures["accepted"], figures["closed"]) == (1, 1, 1, 1)
    assert figures["first_contact_days"] == {"0": 1}
    assert figures["outcomes"] == {"Stayed in work": 1}
