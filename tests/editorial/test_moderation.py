"""Editors submit, Moderators approve; scheduled publishing and expiry happen on time."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from tests.factories.home import StandardPageFactory
from tests.factories.users import UserFactory


@pytest.fixture
def draft_page(home_page):
    page = StandardPageFactory(parent=home_page, slug="draft", title="Draft", live=False)
    return page


@pytest.mark.django_db
def test_the_site_wide_workflow_needs_a_moderator(draft_page):
    workflow = draft_page.get_workflow()
    assert workflow is not None and workflow.active
    task = workflow.tasks.first().specific
    assert [group.name for group in task.groups.all()] == ["Moderators"]


@pytest.mark.django_db
def test_editor_submits_and_moderator_approval_publishes(draft_page):
    editor = UserFactory(groups=["Editors"])
    moderator = UserFactory(groups=["Moderators"])
    assert not draft_page.permissions_for_user(editor).can_publish()

    draft_page.title = "Ready for review"
    draft_page.save_revision(user=editor)
    workflow_state = draft_page.get_workflow().start(draft_page, editor)
    task_state = workflow_state.current_task_state
    assert task_state.task.specific.get_actions(draft_page, editor) == []
    assert task_state.task.specific.get_actions(draft_page, moderator)

    task_state.task.specific.on_action(task_state, moderator, "approve")
    draft_page.refresh_from_db()
    assert draft_page.live
    assert draft_page.title == "Ready for review"


@pytest.mark.django_db
def test_scheduled_publishing_and_expiry(draft_page):
    go_live = timezone.now() + datetime.timedelta(days=2)
    expire = go_live + datetime.timedelta(days=5)
    draft_page.go_live_at = go_live
    draft_page.expire_at = expire
    draft_page.save_revision().publish()
    draft_page.refresh_from_db()
    assert not draft_page.live, "a page scheduled for the future must not be live yet"

    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    assert Page.objects.get(pk=draft_page.pk).live

    with time_machine.travel(expire + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    expired = Page.objects.get(pk=draft_page.pk)
    assert not expired.live and expired.expired
