"""Review reminders: one plain-text digest per owner, never repeated for the same due date."""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction

from .models import ReviewReminder
from .review import admin_edit_url, due_for_review


def _recipients_for(item):
    if item.owner is not None and item.owner.is_active and item.owner.email:
        return [item.owner]
    moderators = Group.objects.filter(name="Moderators").first()
    return list(moderators.user_set.filter(is_active=True).exclude(email="")) if moderators else []


def _not_yet_reminded(items):
    """Items with no reminder yet for their current due date: one query, however many items."""
    keyed = [(item, ContentType.objects.get_for_model(item.obj)) for item in items]
    sent = set(
        ReviewReminder.objects.filter(due_date__in={item.due for item, _ in keyed}).values_list(
            "content_type_id", "object_id", "due_date"
        )
    )
    return [
        (item, content_type)
        for item, content_type in keyed
        if (content_type.pk, str(item.obj.pk), item.due) not in sent
    ]


def digest_text(user, items):
    name = user.get_full_name() or user.get_username()
    lines = [f"Hello {name},", "", "This content you look after is due for review:", ""]
    for item in items:
        when = "overdue since" if item.status == "overdue" else "due on"
        lines.append(f"- {item.title} ({item.kind}), {when} {item.due:%d %B %Y}")
        lines.append(f"  {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{admin_edit_url(item.obj)}")
    lines += ["", "When you have checked it, set 'Last reviewed' to today and publish.", ""]
    return "\n".join(lines)


def send_review_reminders(today=None):
    """Email each owner a digest of their content that is overdue or due soon; return emails sent."""
    by_recipient = defaultdict(list)
    for item, content_type in _not_yet_reminded(due_for_review(today)):
        for user in _recipients_for(item):
            by_recipient[user].append((item, content_type))
    sent = 0
    for user, entries in by_recipient.items():
        items = [item for item, _ in entries]
        with transaction.atomic():
            for item, content_type in entries:
                ReviewReminder.objects.get_or_create(
                    content_type=content_type,
                    object_id=str(item.obj.pk),
                    due_date=item.due,
                    defaults={"recipient": user},
                )
            send_mail(
                subject=f"{len(items)} item(s) due for review on the Work and Wellbeing Hub",
                message=digest_text(user, items),
                from_email=None,
                recipient_list=[user.email],
            )
        sent += 1
    return sent
