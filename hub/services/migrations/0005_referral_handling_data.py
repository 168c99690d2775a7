"""Default decline reasons and outcomes; referrals already kept start at 'received' and are counted."""

from collections import Counter

from django.db import migrations
from django.db.models import F
from django.utils import timezone

DECLINE_REASONS = ["Not eligible", "Declined by the person", "Unable to contact", "Referred elsewhere"]
OUTCOMES = [
    "Stayed in work",
    "Returned to work",
    "Started training or volunteering",
    "No change",
    "Moved away",
]


def forwards(apps, schema_editor):
    DeclineReason = apps.get_model("services", "DeclineReason")
    ClosureOutcome = apps.get_model("services", "ClosureOutcome")
    Referral = apps.get_model("services", "Referral")
    ReferralStatistic = apps.get_model("services", "ReferralStatistic")
    for model, names in ((DeclineReason, DECLINE_REASONS), (ClosureOutcome, OUTCOMES)):
        for order, name in enumerate(names):
            model.objects.get_or_create(name=name, defaults={"sort_order": order})
    Referral.objects.update(status_changed_at=F("submit_time"))
    received = Counter(
        (service_id, referrer_type, timezone.localdate(submit_time).replace(day=1))
        for service_id, referrer_type, submit_time in Referral.objects.values_list(
            "service_id", "referrer_type", "submit_time"
        )
    )
    for (service_id, referrer_type, month), count in received.items():
        ReferralStatistic.objects.update_or_create(
            service_id=service_id, referrer_type=referrer_type, month=month, defaults={"received": count}
        )


class Migration(migrations.Migration):
    dependencies = [("services", "0004_referral_handling")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
