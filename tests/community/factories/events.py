"""Factories for meetings: the meeting index, meetings and registrations."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from community.models import EventIndexPage, EventPage, Registration, RegistrationStatus
from tests.accounts.factories import LearnerFactory


def uk_time(days: int, hour: int = 14, minute: int = 0) -> datetime.datetime:
    """`days` from today at hour:minute UK time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Meetings"
    slug = "events"


class EventPageFactory(wagtail_factories.PageFactory):
    """An upcoming meeting: in 21 days, 14:00 to 16:00 UK time, in a room and online, no capacity limit."""

    class Meta:
        model = EventPage

    class Params:
        starts_in_days = 21

    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyAttribute(lambda o: uk_time(o.starts_in_days, 14))
    ends_at = factory.LazyAttribute(lambda o: uk_time(o.starts_in_days, 16))
    venue = "Seminar room 2"
    online_link = "https://meet.example.org/secret-room"
    summary = "Sustaining change after the project team moves on."
    agenda = "<ul><li>14:00 Welcome</li></ul>"
    capacity = None


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed place, made directly (services are tested through their own calls)."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventPageFactory)
    user = factory.SubFactory(LearnerFactory)
    status = RegistrationStatus.REGISTERED
