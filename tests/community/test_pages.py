"""What visitors and members see: the meeting list, a meeting's page, and the page-type rules."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import wagtail_factories
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from community.models import EventIndexPage, EventMaterial, EventPage, EventSpeaker
from home.models import HomePage
from tests.community.factories import EventPageFactory, RegistrationFactory, uk_time

LONDON = ZoneInfo("Europe/London")
SECRET = "https://meet.example.org/secret-room"


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


class PageTypeRulesTests(WagtailPageTestCase):
    def test_event_index_sits_under_the_home_page(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})

    def test_events_sit_under_the_index_only(self):
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())


@pytest.mark.django_db
def test_a_meeting_must_end_after_it_starts():
    event = EventPage(
        title="Meeting",
        slug="meeting",
        summary="x",
        starts_at=datetime.datetime(2027, 3, 2, 14, tzinfo=LONDON),
        ends_at=datetime.datetime(2027, 3, 2, 14, tzinfo=LONDON),
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "ends_at" in error.value.message_dict


def test_index_lists_upcoming_soonest_first_and_past_most_recent_first(client, event_index):
    for title, days in [("Later", 40), ("Sooner", 5), ("Long ago", -90), ("Recently", -10)]:
        EventPageFactory(parent=event_index, title=title, starts_in_days=days)
    content = html(client.get("/events/"))
    assert content.count("<h1") == 1
    upcoming = content.split('id="upcoming-events"')[1].split("</section>")[0]
    past = content.split('id="past-events"')[1].split("</section>")[0]
    assert upcoming.index(">Sooner<") < upcoming.index(">Later<")
    assert past.index(">Recently<") < past.index(">Long ago<")
    assert "Recently" not in upcoming and "Sooner" not in past
    assert "Meet other units." in content
    assert 'href="webcal://testserver/events/feed.ics"' in content
    assert "http://testserver/events/feed.ics" in content


def test_index_says_so_when_empty(client, event_index):
    content = html(client.get("/events/"))
    assert "No meetings are planned just now." in content
    assert "No meetings have taken place yet." in content


def test_index_queries_do_not_grow_with_the_number_of_meetings(client, event_index, django_assert_num_queries):
    def make(n):
        for i in range(n):
            EventPageFactory(parent=event_index, starts_in_days=(-10 - i) if i % 2 else (10 + i))

    make(3)
    client.get("/events/")  # warm-up: site root paths and the like are cached after the first request
    with CaptureQueriesContext(connection) as small:
        html(client.get("/events/"))
    # Read now: the query log is emptied at the start of every request.
    count = len(small)
    make(9)
    client.get("/events/")
    with django_assert_num_queries(count):
        content = html(client.get("/events/"))
    assert content.count('class="card h-100"') == 12


def test_event_page_shows_date_in_uk_format_and_everything_else(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        title="Spring meeting",
        starts_at=datetime.datetime(2027, 3, 2, 14, 0, tzinfo=LONDON),
        ends_at=datetime.datetime(2027, 3, 2, 16, 0, tzinfo=LONDON),
        capacity=40,
        notes="<p>Units agreed to share audit templates.</p>",
        speakers=[EventSpeaker(name="Dr Amira Khan", role="Consultant")],
    )
    slides = wagtail_factories.DocumentFactory(title="Slides", file__filename="slides.pdf", file_size=2048)
    EventMaterial.objects.create(page=event, document=slides, title="Talk slides", sort_order=0)

    content = html(client.get(event.url))

    assert content.count("<h1") == 1
    assert "Tuesday 2 March 2027, 14:00–16:00 (UK time)" in content
    assert "Seminar room 2" in content
    assert "Dr Amira Khan" in content and "Consultant" in content
    assert "Talk slides" in content and f'href="{slides.url}"' in content
    assert "Units agreed to share audit templates." in content
    assert "Add to calendar (.ics)" in content
    assert 'href="webcal://testserver/events/feed.ics"' in content


def test_summer_time_is_shown_in_uk_time(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        starts_at=datetime.datetime(2027, 7, 6, 13, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 7, 6, 15, 0, tzinfo=datetime.UTC),
    )
    assert "Tuesday 6 July 2027, 14:00–16:00 (UK time)" in html(client.get(event.url))


def test_event_page_shows_places_left(client, event_index):
    event = EventPageFactory(parent=event_index, capacity=3)
    RegistrationFactory(event=event)
    assert "2 of 3 places left" in html(client.get(event.url))
    RegistrationFactory(event=event)
    RegistrationFactory(event=event)
    content = html(client.get(event.url))
    assert "Full: new registrations join the waiting list" in content
    assert "Join the waiting list" in content


@pytest.mark.parametrize("who", ["anonymous", "member", "waitlisted"])
def test_online_link_is_hidden_from_anyone_without_a_place(client, event_index, learner, who):
    event = EventPageFactory(parent=event_index)
    if who != "anonymous":
        client.force_login(learner)
    if who == "waitlisted":
        RegistrationFactory(event=event, user=learner, status="waitlisted")
    content = html(client.get(event.url))
    assert SECRET not in content
    assert "The joining link is shown to registered members." in content


def test_online_link_is_shown_to_registered_members(client, event_index, learner):
    event = EventPageFactory(parent=event_index)
    RegistrationFactory(event=event, user=learner)
    client.force_login(learner)
    content = html(client.get(event.url))
    assert f'href="{SECRET}"' in content
    assert "You have a place at this meeting." in content
    assert "Cancel my place" in content


def test_past_meetings_show_no_registration(client, event_index, learner):
    event = EventPageFactory(parent=event_index, starts_at=uk_time(-2, 14), ends_at=uk_time(-2, 16))
    client.force_login(learner)
    content = html(client.get(event.url))
    assert "This meeting has taken place." in content
    assert ">Register<" not in content


def test_draft_meetings_are_not_served(client, event_index):
    event = EventPageFactory(parent=event_index, title="Not yet")
    event.unpublish()
    assert client.get("/events/not-yet/").status_code == 404
    assert "Not yet" not in html(client.get("/events/"))


def test_editors_can_open_the_event_form_in_the_admin(client, event_index, editor):
    client.force_login(editor)
    content = html(client.get(f"/admin/pages/add/community/eventpage/{event_index.pk}/"))
    for label in ("Starts at", "Online joining link", "Capacity", "Speakers", "Slides and documents", "Notes"):
        assert label in content, label


def test_editors_can_preview_a_new_meeting(client, event_index, editor):
    client.force_login(editor)
    url = f"/admin/pages/add/community/eventpage/{event_index.pk}/preview/"
    data = {
        "title": "Preview meeting",
        "slug": "preview-meeting",
        "starts_at": "2027-03-02 14:00",
        "ends_at": "2027-03-02 16:00",
        "summary": "A summary.",
        "capacity": "10",
        "speakers-TOTAL_FORMS": "1",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "1000",
        "speakers-0-name": "Dr Preview",
        "speakers-0-role": "",
        "speakers-0-ORDER": "1",
        "speakers-0-DELETE": "",
        "materials-TOTAL_FORMS": "0",
        "materials-INITIAL_FORMS": "0",
        "materials-MIN_NUM_FORMS": "0",
        "materials-MAX_NUM_FORMS": "1000",
    }
    assert client.post(url, data).json()["is_valid"] is True
    content = html(client.get(url))
    assert "Preview meeting" in content and "Dr Preview" in content
    assert "Tuesday 2 March 2027, 14:00–16:00 (UK time)" in content
