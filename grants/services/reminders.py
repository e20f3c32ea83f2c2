"""Deadline reminders: nudge the applicants of a draft proposal as its funding call's closing date nears."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import NotificationKind
from accounts.notifications import notify
from grants.models import CoApplicant, DeadlineReminder, Proposal, ProposalState

#: Calendar days (UK time) before the closing day on which a draft's applicants are reminded.
REMINDER_DAYS = (14, 7, 1)


def reminder_due(*, days_left: int | None, already_sent: set[int]) -> int | None:
    """The reminder (its number of days) to send now, or None.

    The tightest lead time that has been reached, unless it or a tighter one was already sent: a
    missed run (say the 7-day reminder at 6 days) sends that one reminder late, once, and a larger
    one is never sent after a smaller one.
    """
    if days_left is None or days_left > max(REMINDER_DAYS):
        return None
    due = min(days for days in REMINDER_DAYS if days >= days_left)
    if any(sent <= due for sent in already_sent):
        return None
    return due


def reminder_message(*, proposal: Proposal, days_left: int) -> str:
    """E.g. “Title” is still a draft and Research for Patient Benefit closes in 7 days (Friday 12 December, 13:00)."""
    call = proposal.call
    closes = timezone.localtime(call.closes_at)
    when = formats.date_format(closes, "l j F, H:i")
    if days_left == 0:
        closing = _("closes today at %(time)s") % {"time": formats.time_format(closes, "H:i")}
    elif days_left == 1:
        closing = _("closes tomorrow (%(when)s)") % {"when": when}
    else:
        closing = ngettext("closes in %(days)s day (%(when)s)", "closes in %(days)s days (%(when)s)", days_left) % {
            "days": days_left,
            "when": when,
        }
    return _("“%(title)s” is still a draft and %(call)s %(closing)s.") % {
        "title": Truncator(proposal.title).chars(120),
        "call": call.scheme or call.title,
        "closing": closing,
    }


def deadline_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the applicants (lead and co-applicants) of every draft whose live call closes in 14, 7 or 1 days.

    Each proposal gets each reminder at most once: the DeadlineReminder row is claimed (its unique
    constraint decides) before anyone is notified, so overlapping runs never send twice and the
    command is safe to run daily or hourly. Members who switched deadline e-mails off still see the
    reminder in the site. Returns how many proposals' applicants were reminded.
    """
    now = now or timezone.now()
    # A loose bound in time (a DST change moves a calendar day by an hour); days_left_at decides exactly.
    horizon = now + datetime.timedelta(days=max(REMINDER_DAYS) + 2)
    drafts = (
        Proposal.objects.filter(
            state=ProposalState.DRAFT, call__live=True, call__closes_at__gt=now, call__closes_at__lte=horizon
        )
        .select_related("lead", "call")
        .prefetch_related(
            Prefetch("co_applicants", queryset=CoApplicant.objects.select_related("user")),
            "deadline_reminders",
        )
        .order_by("call__closes_at", "pk")
    )
    sent = 0
    for proposal in drafts:
        days_left = proposal.call.days_left_at(now)
        due = reminder_due(days_left=days_left, already_sent={r.days_before for r in proposal.deadline_reminders.all()})
        if due is None:
            continue
        with transaction.atomic():
            try:
                with transaction.atomic():
                    DeadlineReminder.objects.create(proposal=proposal, days_before=due, sent_at=now)
            except IntegrityError:
                continue  # another run claimed this reminder first
            notify(
                recipients=[proposal.lead, *(co.user for co in proposal.co_applicants.all())],
                kind=NotificationKind.DEADLINE,
                message=reminder_message(proposal=proposal, days_left=days_left),
                url=proposal.get_absolute_url(),
            )
        sent += 1
    return sent
