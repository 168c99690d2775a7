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
