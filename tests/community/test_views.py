"""Registering and cancelling through the site."""

import pytest
from django.core import mail

from community.models import Registration, RegistrationStatus
from tests.accounts.factories import LearnerFactory
from tests.community.factories import EventPageFactory, RegistrationFactory


@pytest.fixture
def event(event_index):
    return EventPageFactory(parent=event_index, title="Summer meeting", capacity=1)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_anonymous_visitors_are_asked_to_sign_in_and_come_back_to_the_meeting(client, event):
    response = client.post(f"/events/{event.pk}/register/")
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={event.url}"
    assert not Registration.objects.exists()


def test_register_then_cancel(client, event, learner, django_capture_on_commit_callbacks):
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.pk}/register/", follow=True)
    assert response.redirect_chain == [(event.url, 302)]
    assert messages_of(response) == ["You are registered. We have sent you a confirmation e-mail."]
    assert len(mail.outbox) == 1
    assert Registration.objects.get().status == RegistrationStatus.REGISTERED

    response = client.post(f"/events/{event.pk}/cancel/", follow=True)
    assert messages_of(response) == ["Your place is cancelled."]
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED
    assert ">Register<" in response.content.decode()


def test_double_submitted_registration_makes_one_record(client, event, learner):
    client.force_login(learner)
    client.post(f"/events/{event.pk}/register/")
    client.post(f"/events/{event.pk}/register/")
    assert Registration.objects.filter(event=event, user=learner).count() == 1


def test_a_full_meeting_says_so_and_gives_the_waiting_list_position(client, event, learner):
    RegistrationFactory(event=event)
    client.force_login(learner)
    response = client.post(f"/events/{event.pk}/register/", follow=True)
    assert messages_of(response) == [
        "The meeting is full: you are on the waiting list (position 1). We will e-mail you if a place comes up."
    ]
    content = response.content.decode()
    assert "You are on the waiting list (position 1)." in content
    assert "Leave the waiting list" in content
    assert "https://meet.example.org/secret-room" not in content


def test_past_meetings_refuse_with_a_message(client, event_index, learner):
    past = EventPageFactory(parent=event_index, starts_in_days=-1)
    client.force_login(learner)
    response = client.post(f"/events/{past.pk}/register/", follow=True)
    assert messages_of(response) == ["This meeting has already taken place, so registration is closed."]
    assert not Registration.objects.exists()


def test_no_one_can_cancel_another_members_place(client, event, learner):
    RegistrationFactory(event=event, user=learner)
    client.force_login(LearnerFactory())
    assert client.post(f"/events/{event.pk}/cancel/").status_code == 404
    assert Registration.objects.get().status == RegistrationStatus.REGISTERED


def test_actions_need_post_and_a_live_meeting(client, event, learner):
    client.force_login(learner)
    assert client.get(f"/events/{event.pk}/register/").status_code == 405
    event.unpublish()
    assert client.post(f"/events/{event.pk}/register/").status_code == 404
    assert client.get(f"/events/{event.pk}/calendar.ics").status_code == 404
