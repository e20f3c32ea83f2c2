"""Day-before reminders: only confirmed places, only meetings starting soon, once each."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from community.services.events import event_reminders_send
from tests.accounts.factories import LearnerFactory
from tests.community.factories import EventPageFactory, RegistrationFactory


def test_reminders_go_once_to_members_with_a_place_at_meetings_starting_soon(
    event_index, django_capture_on_commit_callbacks
):
    now = timezone.now()
    soon = EventPageFactory(
        parent=event_index,
        title="Tomorrow's meeting",
        starts_at=now + datetime.timedelta(hours=20),
        ends_at=now + datetime.timedelta(hours=22),
    )
    later = EventPageFactory(
        parent=event_index,
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=2),
    )
    draft = EventPageFactory(
        parent=event_index,
        starts_at=now + datetime.timedelta(hours=5),
        ends_at=now + datetime.timedelta(hours=6),
    )
    draft.unpublish()
    member = LearnerFactory()
    RegistrationFactory(event=soon, user=member)
    RegistrationFactory(event=soon, status="waitlisted")
    RegistrationFactory(event=soon, status="cancelled")
    RegistrationFactory(event=later)
    RegistrationFactory(event=draft)

    with django_capture_on_commit_callbacks(execute=True):
        assert event_reminders_send(now=now) == 1
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert mail.outbox[0].subject == "Reminder: Tomorrow's meeting starts soon"
    assert "Join online: https://meet.example.org/secret-room" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        assert event_reminders_send(now=now + datetime.timedelta(hours=1)) == 0
    assert len(mail.outbox) == 1


def test_reminder_command_reports_what_it_queued(event_index, capsys):
    now = timezone.now()
    event = EventPageFactory(
        parent=event_index, starts_at=now + datetime.timedelta(hours=2), ends_at=now + datetime.timedelta(hours=3)
    )
    RegistrationFactory(event=event)
    call_command("send_event_reminders")
    assert "Queued 1 reminder(s)." in capsys.readouterr().out
