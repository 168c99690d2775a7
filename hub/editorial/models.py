from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ReviewReminder(models.Model):
    """One reminder sent for one piece of content and one due date, so a daily run never repeats itself.

    A new due date (after the content is reviewed) allows a new reminder.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    due_date = models.DateField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "due_date"], name="one_reminder_per_due_date")
        ]

    def __str__(self):
        return f"{self.content_type} {self.object_id} due {self.due_date}"
