"""The handling workflow a service's staff move each referral through, from receipt to an outcome.

received → contacted → accepted → support started → closed (with an outcome);
received or contacted → declined (with a reason). Declined and closed are final: a referral's
figures have been counted by then, and the retention period runs from that moment.

Every change is made here, in one transaction: the referral's status and dates, a status-history
row (who, when, the note, encrypted at rest), the monthly figures commissioners see, and an entry in
Wagtail's audit log (which holds the reference and the statuses, never the note).
"""

from dataclasses import dataclass
from datetime import timedelta

import holidays
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import Referral, ReferralStatus, ReferralStatusChange
from .statistics import record_change

S = ReferralStatus
TRANSITIONS = {
    S.RECEIVED: (S.CONTACTED, S.DECLINED),
    S.CONTACTED: (S.ACCEPTED, S.DECLINED),
    S.ACCEPTED: (S.SUPPORT_STARTED, S.CLOSED),
    S.SUPPORT_STARTED: (S.CLOSED,),
    S.DECLINED: (),
    S.CLOSED: (),
}
FINAL = (S.DECLINED, S.CLOSED)

# One audit-log action per status moved to, so the log reads "Marked referral contacted" etc.
LOG_ACTIONS = {status: f"services.referral_{status.value}" for status in S if status != S.RECEIVED}


class InvalidTransition(Exception):
    """A status change the workflow does not allow (or that another handler got to first)."""


def next_statuses(status):
    return TRANSITIONS.get(status, ())


def check_transition(from_status, to_status):
    if to_status not in next_statuses(from_status):
        allowed = ", ".join(S(status).label.lower() for status in next_statuses(from_status)) or "nothing: it is final"
        raise InvalidTransition(
            f"A {S(from_status).label.lower()} referral cannot be marked {S(to_status).label.lower()}; "
            f"it can next be: {allowed}."
        )


def change_status(referral, to_status, user, *, note="", decline_reason=None, outcome=None):
    """Move ``referral`` to ``to_status``; returns the saved :class:`ReferralStatusChange`.

    Raises :class:`InvalidTransition` for a move the workflow does not allow, a decline without a
    reason or a closure without an outcome. The referral row is locked first, so two handlers
    pressing at once cannot both move it (the second is told it has already moved)."""
    to_status = S(to_status)
    # A reason belongs to a decline and an outcome to a closure only (a form may post both lists).
    decline_reason = decline_reason if to_status == S.DECLINED else None
    outcome = outcome if to_status == S.CLOSED else None
    if to_status == S.DECLINED and decline_reason is None:
        raise InvalidTransition("Choose why the referral was declined.")
    if to_status == S.CLOSED and outcome is None:
        raise InvalidTransition("Choose the outcome at closure.")
    now = timezone.now()
    with transaction.atomic():
        current = Referral.objects.select_for_update().get(pk=referral.pk)
        from_status = current.status
        check_transition(from_status, to_status)
        updates = {"status": to_status, "status_changed_at": now}
        if to_status == S.CONTACTED:
            updates["first_contact_at"] = now
        if to_status in FINAL:
            updates["closed_at"] = now
        if decline_reason is not None:
            updates["decline_reason"] = decline_reason
        if outcome is not None:
            updates["outcome"] = outcome
        Referral.objects.filter(pk=referral.pk).update(**updates)
        for field, value in updates.items():
            setattr(referral, field, value)
        reason = str(decline_reason or outcome or "")
        change = ReferralStatusChange.objects.create(
            referral=referral,
            from_status=from_status,
            to_status=to_status,
            changed_at=now,
            changed_by=user,
            reason=reason,
            note={"text": note.strip()},
        )
        record_change(referral, to_status, reason, now)
        log(
            instance=referral,
            action=LOG_ACTIONS[to_status],
            user=user,
            data={"reference": referral.reference, "from": from_status, "to": to_status.value, "reason": reason},
        )
    return change


@dataclass
class TimelineEntry:
    status: str
    entered_at: object
    left_at: object
    changed_by: object
    reason: str
    note: str

    @property
    def time_in_status(self):
        return (self.left_at or timezone.now()) - self.entered_at

    @property
    def time_in_status_text(self):
        return duration_text(self.time_in_status)


def duration_text(duration):
    """'3 days 4 hours', '5 hours', 'under an hour': precise enough for handling, no seconds."""
    days, hours = duration.days, duration.seconds // 3600
    parts = [f"{days} day{'s' * (days != 1)}"] if days else []
    if hours:
        parts.append(f"{hours} hour{'s' * (hours != 1)}")
    return " ".join(parts) or "under an hour"


def timeline(referral):
    """The statuses the referral has been in, oldest first, with how long it spent in each."""
    entries = [TimelineEntry(S.RECEIVED.label, referral.submit_time, None, None, "", "")]
    for change in referral.status_changes.select_related("changed_by"):
        entries[-1].left_at = change.changed_at
        entries.append(
            TimelineEntry(
                S(change.to_status).label, change.changed_at, None, change.changed_by, change.reason, change.note_text
            )
        )
    return entries


# The services are in England: its bank holidays, substitute days included (the holidays package
# keeps the list, announced changes such as coronation or jubilee days too).
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG")


def working_days_between(start, end):
    """Working days (Monday to Friday, not a bank holiday in England) after ``start`` up to and
    including ``end``, both dates."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    weekday = start.weekday()
    weekdays = weeks * 5 + sum(1 for offset in range(1, rest + 1) if (weekday + offset) % 7 < 5)
    closed = BANK_HOLIDAYS[start + timedelta(days=1) : end + timedelta(days=1)]
    return weekdays - sum(1 for day in closed if day.weekday() < 5)


@dataclass
class Waiting:
    days: int
    working_days: int
    past_target: bool


def waiting_for_first_contact(referral, target_working_days, today=None):
    """How long a referral still at 'received' has waited, and whether that is past the service's target."""
    if referral.status != S.RECEIVED:
        return None
    today = today or timezone.localdate()
    received = timezone.localdate(referral.submit_time)
    working = working_days_between(received, today)
    return Waiting((today - received).days, working, working > target_working_days)


def age_range(name, now=None):
    """Submit-time bounds for an age filter name such as '8-30' (days since receipt)."""
    now = now or timezone.now()
    low, _, high = name.partition("-")
    bounds = {}
    if high:
        bounds["submit_time__gt"] = now - timedelta(days=int(high) + 1)
    bounds["submit_time__lte"] = now - timedelta(days=int(low.rstrip("+")))
    return bounds
