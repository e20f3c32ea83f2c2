"""Calendar files: one per meeting (joining link for registered members only) and the public feed."""

import datetime

import pytest
from icalendar import Calendar

from tests.accounts.factories import LearnerFactory
from tests.community.factories import EventPageFactory, RegistrationFactory

SECRET = "https://meet.example.org/secret-room"


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@pytest.fixture
def event(event_index):
    return EventPageFactory(
        parent=event_index,
        title="Summer meeting",
        starts_at=datetime.datetime(2027, 7, 6, 13, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 7, 6, 15, 0, tzinfo=datetime.UTC),
    )


def test_calendar_file_describes_the_meeting(client, event):
    calendar = parse(client.get(f"/events/{event.pk}/calendar.ics"))
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@implementation-hub"
    assert vevent.decoded("DTSTART") == datetime.datetime(2027, 7, 6, 13, 0, tzinfo=datetime.UTC)
    assert vevent.decoded("DTEND") == datetime.datetime(2027, 7, 6, 15, 0, tzinfo=datetime.UTC)
    assert b"DTSTART:20270706T130000Z" in client.get(f"/events/{event.pk}/calendar.ics").content
    assert str(vevent["SUMMARY"]) == "Summer meeting"
    assert str(vevent["LOCATION"]) == "Seminar room 2"
    assert str(vevent["URL"]) == event.get_full_url()
    assert SECRET not in client.get(f"/events/{event.pk}/calendar.ics").content.decode()


@pytest.mark.parametrize(("status", "shown"), [("registered", True), ("waitlisted", False), ("cancelled", False)])
def test_joining_link_only_in_a_registered_members_file(client, event, status, shown):
    member = LearnerFactory()
    RegistrationFactory(event=event, user=member, status=status)
    client.force_login(member)
    calendar = parse(client.get(f"/events/{event.pk}/calendar.ics"))
    [vevent] = calendar.walk("VEVENT")
    assert (SECRET in str(vevent["DESCRIPTION"])) is shown
    assert (SECRET in calendar.to_ical().decode()) is shown


def test_feed_lists_upcoming_and_recent_meetings_without_links(client, event_index, event):
    EventPageFactory(parent=event_index, title="Last month", starts_in_days=-30)
    EventPageFactory(parent=event_index, title="Last year", starts_in_days=-365)
    draft = EventPageFactory(parent=event_index, title="Draft")
    draft.unpublish()
    member = LearnerFactory()
    RegistrationFactory(event=event, user=member)
    client.force_login(member)  # even for a registered member, the shared feed never carries joining links

    calendar = parse(client.get("/events/feed.ics"))

    summaries = [str(vevent["SUMMARY"]) for vevent in calendar.walk("VEVENT")]
    assert summaries == ["Last month", "Summer meeting"]
    assert SECRET not in calendar.to_ical().decode()
    assert {str(vevent["UID"]) for vevent in calendar.walk("VEVENT")} >= {f"event-{event.pk}@implementation-hub"}
