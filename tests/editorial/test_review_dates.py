"""Review dates: defaults from the type's interval, shown to readers, reported and reminded once."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from hub.core.models import HubSettings, ReviewInterval
from hub.home.models import StandardPage
from tests.factories.home import StandardPageFactory
from tests.factories.users import UserFactory

TODAY = timezone.localdate()


def overdue_page(home_page, owner, title="Fit notes explained", days=10):
    page = StandardPageFactory(parent=home_page, title=title, owner=owner)
    page.last_reviewed = TODAY - datetime.timedelta(days=400)
    page.next_review_due = TODAY - datetime.timedelta(days=days)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_new_content_is_due_after_the_default_interval(home_page):
    page = StandardPageFactory(parent=home_page)
    assert page.last_reviewed == TODAY
    assert page.next_review_due.year * 12 + page.next_review_due.month == TODAY.year * 12 + TODAY.month + 12


@pytest.mark.django_db
def test_a_type_interval_from_site_settings_wins(home_page):
    settings = HubSettings.load()
    ReviewInterval.objects.create(
        settings=settings, content_type=ContentType.objects.get_for_model(StandardPage), months=6
    )
    page = StandardPageFactory(parent=home_page)
    months_ahead = (page.next_review_due.year - TODAY.year) * 12 + page.next_review_due.month - TODAY.month
    assert months_ahead == 6


@pytest.mark.django_db
def test_readers_see_review_dates_and_a_neutral_notice_when_overdue(client, home_page):
    current = StandardPageFactory(parent=home_page, slug="current")
    html = client.get(current.url).content.decode()
    assert "Page last reviewed:" in html and "Next review due:" in html
    assert "due for review" not in html

    stale = overdue_page(home_page, owner=None)
    html = client.get(stale.url).content.decode()
    assert "This page is due for review." in html


@pytest.mark.django_db
def test_report_and_dashboard_list_overdue_content_with_its_owner(client, home_page):
    owner = UserFactory(first_name="Asha", last_name="Khan", groups=["Editors"])
    overdue_page(home_page, owner)
    client.force_login(UserFactory(groups=["Editors"]))
    report = client.get("/admin/reports/due-for-review/").content.decode()
    assert "Fit notes explained" in report and "Asha Khan" in report
    assert "Overdue (1)" in report
    dashboard = client.get("/admin/").content.decode()
    assert "Content due for review" in dashboard and "<strong>1</strong> overdue" in dashboard


@pytest.mark.django_db
def test_reminders_go_once_per_due_date_to_each_owner(home_page):
    owner = UserFactory(first_name="Asha", last_name="Khan", email="asha@example.com")
    page = overdue_page(home_page, owner)
    overdue_page(home_page, owner, title="Reasonable adjustments", days=3)

    call_command("send_review_reminders")
    assert len(mail.outbox) == 1, "one digest per owner"
    message = mail.outbox[0]
    assert message.to == ["asha@example.com"]
    assert "Fit notes explained" in message.body and "Reasonable adjustments" in message.body
    assert f"/admin/pages/{page.pk}/edit/" in message.body

    call_command("send_review_reminders")
    assert len(mail.outbox) == 1, "running again the same day sends nothing new"

    page.next_review_due = TODAY - datetime.timedelta(days=1)
    page.save_revision().publish()
    call_command("send_review_reminders")
    assert len(mail.outbox) == 2, "a new due date earns a new reminder"


@pytest.mark.django_db
def test_content_without_an_owner_reminds_the_moderators(home_page):
    moderator = UserFactory(email="mod@example.com", groups=["Moderators"])
    overdue_page(home_page, owner=None)
    call_command("send_review_reminders")
    assert [message.to for message in mail.outbox] == [[moderator.email]]
