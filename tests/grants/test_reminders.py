"""Deadline reminders: drafts' applicants are told 14, 7 and 1 days before their call closes, once each."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Notification, NotificationKind
from grants.models import DeadlineReminder, ProposalState
from grants.services import reminders
from grants.services.reminders import deadline_reminders_send, reminder_due
from tests.accounts.factories import LearnerFactory
from tests.grants.factories import (
    FundingCallIndexPageFactory,
    FundingCallPageFactory,
    co_applicant_add,
    mentor_assign,
    proposal_make,
)

pytestmark = pytest.mark.django_db

#: The call closes on Friday 12 December 2025 at 13:00 UK time.
CLOSES = datetime.datetime(2025, 12, 12, 13, 0)


def uk(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def days_before(n: int, hour: int = 9) -> datetime.datetime:
    """`hour` o'clock UK time, n calendar days before the closing day."""
    day = CLOSES.date() - datetime.timedelta(days=n)
    return uk(day.year, day.month, day.day, hour, 0)


@pytest.fixture
def index(site_pages):
    return FundingCallIndexPageFactory(parent=site_pages["home"])


@pytest.fixture
def call(index):
    return FundingCallPageFactory(
        parent=index,
        title="RfPB spring competition",
        scheme="Research for Patient Benefit",
        opens_on=datetime.date(2025, 9, 1),
        closes_at=timezone.make_aware(CLOSES),
    )


@pytest.fixture
def draft(call):
    proposal = proposal_make(call=call, title="Nurse-led sepsis screening")
    proposal.co = co_applicant_add(proposal=proposal)
    proposal.mentor = mentor_assign(proposal=proposal)
    return proposal


def deadline_notes(user=None):
    notes = Notification.objects.filter(kind=NotificationKind.DEADLINE)
    return notes.filter(recipient=user) if user else notes


def sent_thresholds(proposal) -> list[int]:
    return sorted(DeadlineReminder.objects.filter(proposal=proposal).values_list("days_before", flat=True))


@pytest.mark.parametrize(
    ("days", "wording"),
    [
        (14, "closes in 14 days (Friday 12 December, 13:00)"),
        (7, "closes in 7 days (Friday 12 December, 13:00)"),
        (1, "closes tomorrow (Friday 12 December, 13:00)"),
    ],
)
def test_reminder_on_each_lead_time_reaches_lead_and_co_applicants(draft, days, wording):
    mail.outbox.clear()
    assert deadline_reminders_send(now=days_before(days)) == 1
    assert sent_thresholds(draft) == [days]
    for person in (draft.lead, draft.co):
        note = deadline_notes(person).get()
        assert (
            note.message == f"“Nurse-led sepsis screening” is still a draft and Research for Patient Benefit {wording}."
        )
        assert note.url == draft.get_absolute_url()
        assert note.actor is None
    assert not deadline_notes(draft.mentor).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([draft.lead.email, draft.co.email])
    assert draft.get_absolute_url() in mail.outbox[0].body


@pytest.mark.parametrize("days", [30, 15, 13, 8, 6, 2])
def test_nothing_on_the_days_between_once_the_last_reminder_was_sent(draft, days):
    # Reminders for every lead time already reached were sent on time.
    for threshold in reminders.REMINDER_DAYS:
        if threshold > days:
            DeadlineReminder.objects.create(proposal=draft, days_before=threshold)
    # (At 6 and 2 days the 7-day reminder has been sent and the 1-day one is not due yet.)
    assert deadline_reminders_send(now=days_before(days)) == 0
    assert not deadline_notes().exists()


def test_running_daily_for_three_weeks_sends_exactly_three_reminders(draft):
    for days in range(21, -1, -1):
        for hour in (0, 9, 23):  # run hourly-ish: several times a day changes nothing
            deadline_reminders_send(now=days_before(days, hour))
    assert sent_thresholds(draft) == [1, 7, 14]
    assert deadline_notes(draft.lead).count() == 3
    assert deadline_notes(draft.co).count() == 3


def test_a_second_run_the_same_day_sends_nothing(draft):
    assert deadline_reminders_send(now=days_before(7, 8)) == 1
    assert deadline_reminders_send(now=days_before(7, 18)) == 0
    assert deadline_notes(draft.lead).count() == 1


def test_missed_run_sends_the_tightest_reminder_once_and_never_the_larger_ones(draft):
    # Nothing ran until six days before: the 7-day reminder goes out late, saying how long is really left.
    assert deadline_reminders_send(now=days_before(6)) == 1
    assert sent_thresholds(draft) == [7]
    assert "closes in 6 days" in deadline_notes(draft.lead).get().message
    for days in (5, 4, 3, 2):
        assert deadline_reminders_send(now=days_before(days)) == 0
    assert deadline_reminders_send(now=days_before(1)) == 1
    assert sent_thresholds(draft) == [1, 7]


def test_first_run_after_the_one_day_mark_sends_one_reminder_on_the_closing_day(draft):
    assert deadline_reminders_send(now=days_before(0, 8)) == 1
    assert sent_thresholds(draft) == [1]
    assert "closes today at 13:00" in deadline_notes(draft.lead).get().message
    assert deadline_reminders_send(now=days_before(0, 12)) == 0


def test_a_larger_reminder_is_not_sent_after_a_smaller_one(draft):
    DeadlineReminder.objects.create(proposal=draft, days_before=7)
    assert reminder_due(days_left=14, already_sent={7}) is None
    assert deadline_reminders_send(now=days_before(10)) == 0


def test_reminder_due_rules():
    assert reminder_due(days_left=None, already_sent=set()) is None
    assert reminder_due(days_left=15, already_sent=set()) is None
    assert reminder_due(days_left=14, already_sent=set()) == 14
    assert reminder_due(days_left=9, already_sent=set()) == 14
    assert reminder_due(days_left=9, already_sent={14}) is None
    assert reminder_due(days_left=7, already_sent={14}) == 7
    assert reminder_due(days_left=3, already_sent=set()) == 7
    assert reminder_due(days_left=1, already_sent={14, 7}) == 1
    assert reminder_due(days_left=0, already_sent={1}) is None


def test_calendar_days_are_counted_in_uk_time(draft, call):
    # 23:30 UTC on 7 July is already 8 July in the UK (BST): seven UK days before a 15 July close.
    type(call).objects.filter(pk=call.pk).update(opens_on=datetime.date(2025, 6, 1), closes_at=uk(2025, 7, 15, 13, 0))
    late_evening_utc = datetime.datetime(2025, 7, 7, 23, 30, tzinfo=datetime.UTC)
    assert deadline_reminders_send(now=late_evening_utc) == 1
    assert sent_thresholds(draft) == [7]


def test_closed_calls_send_nothing(draft):
    assert deadline_reminders_send(now=days_before(0, 14)) == 0  # closed at 13:00 that day
    assert deadline_reminders_send(now=days_before(-1)) == 0
    assert not DeadlineReminder.objects.exists()


def test_unpublished_calls_send_nothing(draft, call):
    call.unpublish()
    assert deadline_reminders_send(now=days_before(7)) == 0


@pytest.mark.parametrize("state", [s for s in ProposalState if s != ProposalState.DRAFT])
def test_proposals_past_the_draft_stage_are_not_reminded(draft, state):
    type(draft).objects.filter(pk=draft.pk).update(state=state)
    assert deadline_reminders_send(now=days_before(7)) == 0
    assert not deadline_notes().exists()


def test_proposals_without_a_call_are_not_reminded(call):
    proposal_make(call=None)
    assert deadline_reminders_send(now=days_before(7)) == 0


def test_every_draft_for_the_call_is_reminded_once(call, draft):
    other = proposal_make(call=call, title="Family presence on ward rounds")
    assert deadline_reminders_send(now=days_before(7)) == 2
    assert deadline_notes(other.lead).count() == 1


def test_muted_deadline_emails_still_leave_the_in_site_notification(draft):
    draft.lead.email_muted_kinds = [NotificationKind.DEADLINE]
    draft.lead.save()
    mail.outbox.clear()
    assert deadline_reminders_send(now=days_before(7)) == 1
    assert deadline_notes(draft.lead).count() == 1
    assert [m.to for m in mail.outbox] == [[draft.co.email]]


def test_inactive_applicants_are_skipped(draft):
    draft.co.is_active = False
    draft.co.save()
    assert deadline_reminders_send(now=days_before(7)) == 1
    assert not deadline_notes(draft.co).exists()
    assert deadline_notes(draft.lead).count() == 1


def test_a_reminder_claimed_by_an_overlapping_run_is_not_sent_again(draft, monkeypatch):
    # The other run claimed the row after this one read the proposals: the unique constraint decides.
    DeadlineReminder.objects.create(proposal=draft, days_before=7)
    monkeypatch.setattr(reminders, "reminder_due", lambda **kwargs: 7)
    assert deadline_reminders_send(now=days_before(7)) == 0
    assert not deadline_notes().exists()
    assert DeadlineReminder.objects.filter(proposal=draft).count() == 1


def test_command_reports_how_many_were_sent(index):
    lead = LearnerFactory()
    today = timezone.localdate()
    call = FundingCallPageFactory(
        parent=index,
        opens_on=today - datetime.timedelta(days=30),
        closes_at=timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=7), datetime.time(13))),
    )
    proposal_make(lead=lead, call=call)
    out = io.StringIO()
    call_command("send_deadline_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 1 deadline reminder(s)."
    out = io.StringIO()
    call_command("send_deadline_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 0 deadline reminder(s)."
    assert deadline_notes(lead).count() == 1
