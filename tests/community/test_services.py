"""Registering for meetings: capacity, the waiting list and its promotions, idempotence, who may cancel."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from community.models import Registration, RegistrationStatus
from community.selectors.events import places_left, waitlist_position
from community.services.events import RegistrationClosed, registration_cancel, registration_create
from tests.accounts.factories import LearnerFactory
from tests.community.factories import EventPageFactory


@pytest.fixture
def small_event(event_index):
    return EventPageFactory(parent=event_index, title="Summer meeting", capacity=2)


def test_places_are_given_until_full_then_the_waiting_list(small_event, django_capture_on_commit_callbacks):
    members = LearnerFactory.create_batch(4)
    with django_capture_on_commit_callbacks(execute=True):
        registrations = [registration_create(event=small_event, user=member) for member in members]
    assert [r.status for r in registrations] == ["registered", "registered", "waitlisted", "waitlisted"]
    assert places_left(event=small_event) == 0
    assert [waitlist_position(registration=r) for r in registrations] == [None, None, 1, 2]
    assert [m.subject for m in mail.outbox] == [
        "You are registered: Summer meeting",
        "You are registered: Summer meeting",
        "You are on the waiting list: Summer meeting",
        "You are on the waiting list: Summer meeting",
    ]
    assert mail.outbox[2].to == [members[2].email]
    assert "waiting list (position 1)" in mail.outbox[2].body
    assert "(UK time)" in mail.outbox[0].body


def test_unlimited_meetings_never_waitlist(event_index):
    event = EventPageFactory(parent=event_index, capacity=None)
    for member in LearnerFactory.create_batch(3):
        assert registration_create(event=event, user=member).status == RegistrationStatus.REGISTERED
    assert places_left(event=event) is None


def test_a_cancelled_place_goes_to_the_first_on_the_waiting_list(small_event, django_capture_on_commit_callbacks):
    first, second, third, fourth = LearnerFactory.create_batch(4)
    with django_capture_on_commit_callbacks(execute=True):
        place = registration_create(event=small_event, user=first)
        registration_create(event=small_event, user=second)
        waiting = registration_create(event=small_event, user=third)
        later = registration_create(event=small_event, user=fourth)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=place, by=first)

    place.refresh_from_db()
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert place.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.REGISTERED and waiting.promoted_at is not None
    assert later.status == RegistrationStatus.WAITLISTED and waitlist_position(registration=later) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [third.email]
    assert mail.outbox[0].subject == "A place has come up for you: Summer meeting"
    assert small_event.get_full_url() in mail.outbox[0].body


def test_leaving_the_waiting_list_promotes_no_one(small_event, django_capture_on_commit_callbacks):
    members = LearnerFactory.create_batch(4)
    registrations = [registration_create(event=small_event, user=member) for member in members]
    registration_cancel(registration=registrations[2], by=members[2])
    registrations[3].refresh_from_db()
    assert registrations[3].status == RegistrationStatus.WAITLISTED
    assert waitlist_position(registration=registrations[3]) == 1


def test_registering_twice_makes_one_record(small_event, learner):
    first = registration_create(event=small_event, user=learner)
    second = registration_create(event=small_event, user=learner)
    assert first.pk == second.pk
    assert Registration.objects.filter(event=small_event, user=learner).count() == 1
    assert places_left(event=small_event) == 1


def test_a_cancelled_member_who_comes_back_joins_at_the_back(small_event):
    first, second, third, fourth = LearnerFactory.create_batch(4)
    registration_create(event=small_event, user=first)
    registration_create(event=small_event, user=second)
    waiting = registration_create(event=small_event, user=third)
    registration_cancel(registration=waiting, by=third)
    other = registration_create(event=small_event, user=fourth)
    back = registration_create(event=small_event, user=third)
    assert back.pk == waiting.pk and back.status == RegistrationStatus.WAITLISTED
    assert waitlist_position(registration=other) == 1
    assert waitlist_position(registration=back) == 2
    assert Registration.objects.filter(event=small_event).count() == 4


def test_only_the_member_may_cancel_their_place(small_event, learner):
    registration = registration_create(event=small_event, user=learner)
    with pytest.raises(PermissionDenied):
        registration_cancel(registration=registration, by=LearnerFactory())
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_past_meetings_refuse_registration(event_index, learner):
    event = EventPageFactory(parent=event_index, starts_in_days=-3)
    with pytest.raises(RegistrationClosed, match="already taken place"):
        registration_create(event=event, user=learner)
    assert not Registration.objects.exists()


def test_only_active_accounts_register_and_only_for_live_meetings(small_event, learner):
    learner.is_active = False
    learner.save()
    with pytest.raises(PermissionDenied):
        registration_create(event=small_event, user=learner)
    small_event.unpublish()
    with pytest.raises(PermissionDenied):
        registration_create(event=small_event, user=LearnerFactory())
    assert not Registration.objects.exists()
