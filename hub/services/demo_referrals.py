"""A year of synthetic referral history for the demo services, so the Referrals admin and the
statistics page show real-looking figures.

Deterministic (a fixed seed per service, dates counted back from today) and idempotent: a service
that already has demo referrals is left alone. Nobody in it could be mistaken for a real person:
people are "Demo Person 0001", referrers "Demo Referrer", phone numbers from Ofcom's drama range and
references end in DEMO plus a number (the real alphabet has no 0 or 1, so they never collide).
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import (
    ClosureOutcome,
    DeclineReason,
    Referral,
    ReferralStatus,
    ReferralStatusChange,
    ReferrerType,
    ServicePage,
)
from .statistics import rebuild_statistics

S = ReferralStatus
SEED = 2026
DAYS = 365
# Referrals a month and the share from Jobcentre Plus, by service slug (Notts Fit for Work has a GP form only).
VOLUMES = {"bridging-the-gap": (34, 0.4), "health-and-work-service": (22, 0.3), "notts-fit-for-work": (12, 0.0)}
OUTCOME_WEIGHTS = {
    "Stayed in work": 34,
    "Returned to work": 30,
    "Started training or volunteering": 10,
    "No change": 18,
    "Moved away": 4,
}
DECLINE_WEIGHTS = {"Not eligible": 40, "Declined by the person": 30, "Unable to contact": 15, "Referred elsewhere": 15}
LABELS = {
    "referrer_name": "Your name",
    "person_name": "Full name",
    "person_phone": "Phone number",
    "support_needed": "What support do they need?",
}
SUPPORT = [
    "Anxiety is making it hard to stay at work.",
    "Off sick with stress for six weeks; wants help to plan a return.",
    "Low mood since losing their job; would like help looking for work.",
    "Wants to talk to their employer about adjustments.",
]


def weighted(generator, weights, names):
    """A random entry of ``names`` (name → object) by ``weights``; any entry if none is weighted (renamed lists)."""
    choices = [name for name in weights if name in names]
    if not choices:
        return generator.choice(list(names.values()))
    return names[generator.choices(choices, [weights[name] for name in choices])[0]]


class History:
    """One service's synthetic referrals and their status changes, built before anything is saved."""

    def __init__(self, service, generator, now, lists, marker="DEMO"):
        self.service, self.generator, self.now, self.marker = service, generator, now, marker
        self.reasons, self.outcomes = lists
        self.referrals = []

    def build(self, count=None, days=DAYS):
        """``count`` referrals over the last ``days`` (default: the service's usual year)."""
        per_month, jobcentre_share = VOLUMES.get(self.service.slug, (10, 0.3))
        if count is None:
            count = round(per_month * 12 * self.generator.uniform(0.9, 1.1))
        for number in range(1, count + 1):
            referrer = ReferrerType.JOBCENTRE_PLUS if self.generator.random() < jobcentre_share else ReferrerType.GP
            received = self.now - timedelta(days=self.generator.uniform(0, days), hours=self.generator.uniform(0, 8))
            self.add(number, referrer, received)
        return self

    def add(self, number, referrer, received):
        prefix = self.service.get_reference_prefix()
        referral = Referral(
            reference=f"{prefix}-{'GP' if referrer == ReferrerType.GP else 'JCP'}-{self.marker}{number:04d}",
            service=self.service,
            referrer_type=referrer,
            submit_time=received,
            status_changed_at=received,
            form_data={
                "referrer_name": "Demo Referrer",
                "person_name": f"Demo Person {number:04d}",
                "person_phone": f"0115 496 0{number % 1000:03d}",
                "support_needed": self.generator.choice(SUPPORT),
            },
            field_labels=LABELS,
        )
        self.referrals.append(referral)
        referral.pending_changes = []
        for status, after_days, reason in self.path():
            moment = referral.status_changed_at + timedelta(days=after_days, hours=self.generator.uniform(0, 6))
            if moment >= self.now:
                break
            self.move(referral, status, moment, reason)

    def path(self):
        """The statuses a referral goes through, each with days since the previous one and its reason."""
        g = self.generator
        if g.random() < 0.06:
            return [(S.DECLINED, g.uniform(5, 10), weighted(g, {"Unable to contact": 1}, self.reasons))]
        steps = [(S.CONTACTED, g.choice([0, 1, 1, 2, 2, 3, 4, 5, 7, 9]), None)]
        if g.random() < 0.18:
            return [*steps, (S.DECLINED, g.uniform(1, 10), weighted(g, DECLINE_WEIGHTS, self.reasons))]
        steps += [(S.ACCEPTED, g.uniform(1, 7), None), (S.SUPPORT_STARTED, g.uniform(3, 14), None)]
        return [*steps, (S.CLOSED, g.uniform(30, 150), weighted(g, OUTCOME_WEIGHTS, self.outcomes))]

    def move(self, referral, status, moment, reason):
        referral.pending_changes.append(
            ReferralStatusChange(
                from_status=referral.status, to_status=status, changed_at=moment, reason=str(reason or ""), note={}
            )
        )
        referral.status, referral.status_changed_at = status, moment
        if status == S.CONTACTED:
            referral.first_contact_at = moment
        if status in (S.DECLINED, S.CLOSED):
            referral.closed_at = moment
        if status == S.DECLINED:
            referral.decline_reason = reason
        if status == S.CLOSED:
            referral.outcome = reason


def choice_lists():
    return {r.name: r for r in DeclineReason.objects.all()}, {o.name: o for o in ClosureOutcome.objects.all()}


@transaction.atomic
def load_referral_history(stdout, now=None):
    now = now or timezone.now()
    lists = choice_lists()
    if not all(lists):
        return  # the lists were emptied by an administrator: nothing sensible to generate
    loaded = []
    for service in ServicePage.objects.filter(slug__in=VOLUMES).order_by("slug"):
        if Referral.objects.filter(service=service, reference__contains="-DEMO").exists():
            continue
        history = History(service, random.Random(f"{SEED}-{service.slug}"), now, lists).build()
        Referral.objects.bulk_create(history.referrals, batch_size=500)
        changes = []
        for referral in history.referrals:
            for change in referral.pending_changes:
                change.referral = referral
                changes.append(change)
        ReferralStatusChange.objects.bulk_create(changes, batch_size=500)
        loaded.append(service)
    if loaded:
        rebuild_statistics(loaded)
    stdout.write(f"Synthetic referral history for {len(loaded)} demo services.")
