"""The organisers' list and its CSV, the member's state box, the community filter, and the admin's link."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from community.models import RegistrationStatus
from community.selectors.events import event_registrations
from community.services.events import registration_cancel, registration_create
from tests.accounts.factories import LearnerFactory, OrganisationFactory
from tests.community.factories.communities import CommunityPageFactory
from tests.community.factories.events import EventPageFactory, RegistrationFactory, uk_time


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def event(event_index, community):
    return EventPageFactory(parent=event_index, title="Summer meeting", community=community, capacity=2)


@pytest.fixture
def filled(event):
    """Two confirmed places, two waiting, one who left: made through the service, in this order."""
    members = [LearnerFactory(organisation=OrganisationFactory(name=f"Trust {i}")) for i in range(5)]
    registrations = [registration_create(event=event, user=member) for member in members]
    registration_cancel(registration=registrations[2], by=members[2])
    return members


def test_the_list_shows_places_the_waiting_list_in_order_and_cancellations(client, event, filled, group_lead):
    client.force_login(group_lead)
    content = html(client.get(f"/events/{event.pk}/registrations/"))
    assert content.count("<h1") == 1
    assert "2 confirmed places of 2," in content and "2 on the waiting list," in content and "1 cancelled." in content
    confirmed = content.split('id="registered-heading"')[1].split("</section>")[0]
    waiting = content.split('id="waitlisted-heading"')[1].split("</section>")[0]
    cancelled = content.split('id="cancelled-heading"')[1].split("</section>")[0]
    for member in filled[:2]:
        assert escape(member.get_full_name()) in confirmed and member.email in confirmed
        assert member.organisation.name in confirmed
    assert waiting.index(escape(filled[3].get_full_name())) < waiting.index(escape(filled[4].get_full_name()))
    assert escape(filled[2].get_full_name()) in cancelled
    assert f'href="/events/{event.pk}/registrations.csv"' in content


def test_a_promotion_shows_on_the_list(client, event, filled, group_lead):
    registration_cancel(registration=event.registrations.get(user=filled[0]), by=filled[0])
    client.force_login(group_lead)
    content = html(client.get(f"/events/{event.pk}/registrations/"))
    confirmed = content.split('id="registered-heading"')[1].split("</section>")[0]
    assert escape(filled[3].get_full_name()) in confirmed and "Offered a place" in confirmed


def test_csv_has_every_registration_in_order(client, event, filled, community_lead):
    client.force_login(community_lead)
    response = client.get(f"/events/{event.pk}/registrations.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "private, no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["status", "waiting list position", "name", "e-mail", "organisation"]
    body = rows[1:]
    assert [row[3] for row in body] == [filled[i].email for i in (0, 1, 3, 4, 2)]
    assert [row[0] for row in body] == ["Registered"] * 2 + ["On the waiting list"] * 2 + ["Cancelled"]
    assert [row[1] for row in body] == ["", "", "1", "2", ""]
    assert body[0][4] == "Trust 0"


def test_csv_cells_cannot_run_as_formulas(client, event, group_lead):
    member = LearnerFactory(first_name="=HYPERLINK(", last_name="x", organisation=OrganisationFactory(name="@SUM(A1)"))
    RegistrationFactory(event=event, user=member)
    client.force_login(group_lead)
    rows = list(
        csv.reader(io.StringIO(client.get(f"/events/{event.pk}/registrations.csv").content.decode("utf-8-sig")))
    )
    assert rows[1][2] == "'=HYPERLINK( x"
    assert rows[1][4] == "'@SUM(A1)"


def test_the_list_costs_the_same_queries_with_more_registrations(client, event, group_lead, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            RegistrationFactory(event=event, user=LearnerFactory(organisation=OrganisationFactory()))
        RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
        RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)

    client.force_login(group_lead)
    add(2)
    client.get(f"/events/{event.pk}/registrations/")
    with CaptureQueriesContext(connection) as small:
        html(client.get(f"/events/{event.pk}/registrations/"))
    # Read now: the query log is emptied at the start of every request.
    count = len(small)
    add(15)
    with django_assert_num_queries(count):
        content = html(client.get(f"/events/{event.pk}/registrations/"))
    assert content.count("<tr>") == 17 + 2 * 2 + 3  # rows plus one header row per table
    with django_assert_num_queries(1):
        event_registrations(event=event)


# The member's state box --------------------------------------------------------------------------


def test_the_page_names_its_community_with_a_link(client, event, community):
    content = html(client.get(event.url))
    assert f'<a href="{community.url}">Paediatric Sepsis</a>' in content


@pytest.mark.parametrize(
    ("state", "says", "button"),
    [
        ("open", "Places are open: 1 left.", "Register"),
        ("full", "Full.", "Join the waiting list"),
        ("registered", "You have a place at this meeting.", "Cancel my place"),
        ("waitlisted", "Waiting list, position 1.", "Leave the waiting list"),
        ("closed", "Registration closed.", None),
    ],
)
def test_the_state_box_says_where_the_member_stands(client, event_index, learner, state, says, button):
    event = EventPageFactory(parent=event_index, capacity=2)
    if state == "closed":
        event.starts_at, event.ends_at = uk_time(-1, 14), uk_time(-1, 16)
        event.save_revision().publish()
    RegistrationFactory(event=event)
    if state in {"full", "waitlisted"}:
        RegistrationFactory(event=event)
    if state in {"registered", "waitlisted"}:
        RegistrationFactory(event=event, user=learner, status=state)
    client.force_login(learner)
    content = html(client.get(event.url))
    box = content.split('id="event-your-place"')[1].split("</section>")[0]
    assert says in box
    if button:
        assert f">{button}</button>" in box
    else:
        assert "<button" not in box


def test_the_page_offers_the_calendar_file_and_the_feed(client, event):
    content = html(client.get(event.url))
    calendar = content.split('id="event-calendar"')[1].split("</section>")[0]
    assert f'href="/events/{event.pk}/calendar.ics"' in calendar
    assert 'href="webcal://testserver/events/feed.ics"' in calendar
    assert "http://testserver/events/feed.ics" in calendar


# The community filter on the list ---------------------------------------------------------------


def test_the_list_can_be_narrowed_to_one_community(client, event_index, community, community_index):
    other = CommunityPageFactory(parent=community_index, title="Implementation Group")
    EventPageFactory(parent=event_index, title="Sepsis meeting", community=community)
    EventPageFactory(parent=event_index, title="Implementation meeting", community=other)
    EventPageFactory(parent=event_index, title="Open meeting")

    content = html(client.get("/events/"))
    assert 'for="id_community" class="form-label">' in content and "Community" in content
    assert "Sepsis meeting" in content and "Implementation meeting" in content and "Open meeting" in content

    content = html(client.get(f"/events/?community={community.pk}"))
    assert "Sepsis meeting" in content
    assert "Implementation meeting" not in content and "Open meeting" not in content
    assert f'<option value="{community.pk}" selected>' in content
    assert "Show all meetings" in content


def test_an_unknown_community_says_so_by_the_field_and_shows_everything(client, event_index, community):
    EventPageFactory(parent=event_index, title="Sepsis meeting", community=community)
    content = html(client.get("/events/?community=nonsense"))
    assert "Choose a community from the list: all meetings are shown." in content
    assert "Sepsis meeting" in content


def test_the_filtered_list_costs_the_same_queries_with_more_meetings(
    client, event_index, community, django_assert_num_queries
):
    def make(n):
        for i in range(n):
            EventPageFactory(parent=event_index, community=community, starts_in_days=(-10 - i) if i % 2 else 10 + i)

    url = f"/events/?community={community.pk}"
    make(2)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        html(client.get(url))
    # Read now: the query log is emptied at the start of every request.
    count = len(small)
    make(8)
    client.get(url)
    with django_assert_num_queries(count):
        content = html(client.get(url))
    assert content.count('class="card h-100"') == 10


# The Wagtail admin ------------------------------------------------------------------------------


def test_the_admin_links_to_the_registrations(client, event, event_index, editor):
    client.force_login(editor)
    link = f'href="/events/{event.pk}/registrations/"'
    assert link in html(client.get(f"/admin/pages/{event.pk}/edit/"))
    assert link in html(client.get(f"/admin/pages/{event_index.pk}/"))
