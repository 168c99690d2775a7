"""Review dates: health and employment guidance goes out of date, so every page and resource says
when it was last checked and when it is next due, and editors are reminded before it lapses."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class ReviewStatus(models.TextChoices):
    CURRENT = "current", "Current"
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"


class ReviewDatesMixin(models.Model):
    """``last_reviewed`` and ``next_review_due``, with the due date defaulting from the type's interval."""

    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When someone last checked this is still accurate. Update it whenever you review the content.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Leave empty to use this content type's review interval from Settings → Hub settings.",
    )

    review_panels = [FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")], heading="Review")]

    class Meta:
        abstract = True

    def fill_review_dates(self):
        """Default ``last_reviewed`` to today and ``next_review_due`` to it plus the type's interval."""
        if self.next_review_due:
            return
        from hub.core.models import HubSettings

        self.last_reviewed = self.last_reviewed or timezone.localdate()
        months = HubSettings.load().review_interval_for(type(self))
        self.next_review_due = self.last_reviewed + relativedelta(months=months)

    def review_status(self, today=None, due_soon_days=30):
        if not self.next_review_due:
            return ReviewStatus.CURRENT
        today = today or timezone.localdate()
        if self.next_review_due < today:
            return ReviewStatus.OVERDUE
        if self.next_review_due <= today + datetime.timedelta(days=due_soon_days):
            return ReviewStatus.DUE_SOON
        return ReviewStatus.CURRENT

    @property
    def is_overdue_for_review(self):
        return self.review_status() == ReviewStatus.OVERDUE
