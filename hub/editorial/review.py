"""Finding content that is due for review, across every page type and snippet that has review dates."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from hub.core.models import HubSettings
from hub.core.review import ReviewDatesMixin, ReviewStatus


@dataclass
class DueItem:
    obj: object
    status: str
    due: datetime.date
    owner: object

    @property
    def title(self):
        return str(getattr(self.obj, "title", self.obj))

    @property
    def kind(self):
        return type(self.obj)._meta.verbose_name


def reviewable_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ReviewDatesMixin) and not model._meta.abstract and model._meta.concrete_model is model
    ]


def owner_of(obj):
    """Pages have an owner; snippets fall back to whoever saved their latest revision."""
    owner = getattr(obj, "owner", None)
    if owner is None and getattr(obj, "latest_revision", None) is not None:
        owner = obj.latest_revision.user
    return owner


def due_for_review(today=None):
    """Live content that is overdue or due soon, most overdue first."""
    today = today or timezone.localdate()
    soon_days = HubSettings.load().review_due_soon_days
    threshold = today + datetime.timedelta(days=soon_days)
    items = []
    for model in reviewable_models():
        queryset = model.objects.filter(live=True, next_review_due__lte=threshold)
        if issubclass(model, Page):
            queryset = queryset.select_related("owner")
        elif hasattr(model, "latest_revision"):
            queryset = queryset.select_related("latest_revision__user")
        for obj in queryset:
            items.append(DueItem(obj, obj.review_status(today, soon_days), obj.next_review_due, owner_of(obj)))
    return sorted(items, key=lambda item: (item.due, item.title))


def admin_edit_url(obj, user=None):
    return AdminURLFinder(user).get_edit_url(obj)


def split_by_status(items):
    overdue = [item for item in items if item.status == ReviewStatus.OVERDUE]
    due_soon = [item for item in items if item.status == ReviewStatus.DUE_SOON]
    return overdue, due_soon
