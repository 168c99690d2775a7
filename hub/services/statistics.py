"""Monthly referral figures (``ReferralStatistic``): counts, not people.

Each referral adds to the row of its service, referrer type and month of receipt when it arrives
and again at each status change, inside the same transaction as the change. The rows hold no
reference, date or free text, so they are kept when the purge deletes the referrals themselves.
"""

from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Referral, ReferralStatistic, ReferralStatus


def month_of(moment):
    return timezone.localdate(moment).replace(day=1)


def days_between(start, end):
    return (timezone.localdate(end) - timezone.localdate(start)).days


def _cohort_row(referral, lock=True):
    row, _created = ReferralStatistic.objects.get_or_create(
        service_id=referral.service_id, referrer_type=referral.referrer_type, month=month_of(referral.submit_time)
    )
    if lock:
        row = ReferralStatistic.objects.select_for_update().get(pk=row.pk)
    return row


def record_received(referral):
    """Count a newly saved referral (an UPDATE of a counter: safe when two arrive at once)."""
    row = _cohort_row(referral, lock=False)
    ReferralStatistic.objects.filter(pk=row.pk).update(received=F("received") + 1)


def _add(counts, key, amount=1):
    counts[str(key)] = counts.get(str(key), 0) + amount


@transaction.atomic
def record_change(referral, to_status, reason, when):
    """Count one status change against the referral's month of receipt (the row is locked)."""
    row = _cohort_row(referral)
    if to_status == ReferralStatus.CONTACTED:
        row.contacted += 1
        _add(row.first_contact_days, days_between(referral.submit_time, when))
    elif to_status == ReferralStatus.ACCEPTED:
        row.accepted += 1
    elif to_status == ReferralStatus.DECLINED:
        row.declined += 1
        _add(row.decline_reasons, reason)
    elif to_status == ReferralStatus.CLOSED:
        row.closed += 1
        _add(row.outcomes, reason)
    row.save()


ACCEPTED_OR_LATER = {ReferralStatus.ACCEPTED, ReferralStatus.SUPPORT_STARTED, ReferralStatus.CLOSED}


def _tally(rows):
    """Accumulate ``Referral.values()`` rows into unsaved statistics keyed by cohort."""
    cohorts = defaultdict(lambda: {"counts": Counter(), "days": {}, "reasons": {}, "outcomes": {}})
    for row in rows:
        cohort = cohorts[(row["service_id"], row["referrer_type"], month_of(row["submit_time"]))]
        counts = cohort["counts"]
        counts["received"] += 1
        if row["first_contact_at"]:
            counts["contacted"] += 1
            _add(cohort["days"], days_between(row["submit_time"], row["first_contact_at"]))
        if row["status"] in ACCEPTED_OR_LATER:
            counts["accepted"] += 1
        if row["status"] == ReferralStatus.DECLINED:
            counts["declined"] += 1
            _add(cohort["reasons"], row["decline_reason__name"] or "")
        if row["status"] == ReferralStatus.CLOSED:
            counts["closed"] += 1
            _add(cohort["outcomes"], row["outcome__name"] or "")
    return cohorts


@transaction.atomic
def rebuild_statistics(services):
    """Recount the figures of ``services`` from their referrals, replacing the rows.

    For synthetic data loaded in bulk (the demo and the benchmark), which bypasses the per-change
    counting. Never for a real service whose referrals have been purged: its older figures would be
    lost, because the referrals they were counted from are gone."""
    ReferralStatistic.objects.filter(service__in=services).delete()
    rows = Referral.objects.filter(service__in=services).values(
        "service_id",
        "referrer_type",
        "submit_time",
        "status",
        "first_contact_at",
        "decline_reason__name",
        "outcome__name",
    )
    cohorts = _tally(rows.iterator(chunk_size=5000))
    ReferralStatistic.objects.bulk_create(
        [
            ReferralStatistic(
                service_id=service_id,
                referrer_type=referrer_type,
                month=month,
                received=cohort["counts"]["received"],
                contacted=cohort["counts"]["contacted"],
                accepted=cohort["counts"]["accepted"],
                declined=cohort["counts"]["declined"],
                closed=cohort["counts"]["closed"],
                first_contact_days=cohort["days"],
                decline_reasons=cohort["reasons"],
                outcomes=cohort["outcomes"],
            )
            for (service_id, referrer_type, month), cohort in cohorts.items()
        ],
        batch_size=1000,
    )
    return len(cohorts)
