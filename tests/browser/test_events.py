"""Meetings: a learner finds the next meeting, signs in when asked, registers and gets the joining link."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

from community.demo.events_content import EVENTS
from community.models import CommunityIndexPage, CommunityPage, EventIndexPage, EventPage
from community.services.events import registration_create
from home.models import HomePage
from tests.accounts.factories import PASSWORD, GroupLeadFactory, LearnerFactory
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.support import A11yTracker, sign_in, signed_in_as, submit, visit, wait_for_mail
from tests.community.factories.communities import CommunityIndexPageFactory, CommunityPageFactory
from tests.community.factories.events import EventPageFactory

pytestmark = pytest.mark.browser

NEXT = next(event for event in EVENTS if event["starts_in_days"] > 0)
SECRET = "https://meet.example.org/project-clinic"


def test_learner_registers_for_the_next_meeting(page):
    learner = LearnerFactory()
    visit(page, "/")
    submit(page, page.locator("header").get_by_role("link", name="Meetings"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
    upcoming = page.locator("section", has=page.get_by_role("heading", level=2, name="Upcoming meetings"))
    submit(page, upcoming.get_by_role("link", name=NEXT["title"]))
    expect(page.get_by_role("heading", level=1)).to_have_text(NEXT["title"])
    expect(page.get_by_text("The joining link is shown to registered members.")).to_be_visible()
    expect(page.get_by_role("link", name="Join the meeting online")).to_have_count(0)

    # A visitor who presses Register is asked to sign in, then comes back to the meeting.
    submit(page, page.get_by_role("button", name="Register"))
    sign_in(page, learner.email, PASSWORD, path="")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEXT["title"])
    submit(page, page.get_by_role("button", name="Register"))

    expect(page.get_by_text("You are registered.")).to_be_visible()
    expect(page.get_by_text("You have a place at this meeting.")).to_be_visible()
    expect(page.get_by_role("link", name="Join the meeting online")).to_have_attribute("href", NEXT["online_link"])
    expect(page.get_by_role("link", name="Add to calendar (.ics)")).to_be_visible()
    expect(page.get_by_text("39 of 40 places left")).to_be_visible()
    expect(page.get_by_role("button", name="Cancel my place")).to_be_visible()


def test_meetings_hold_at_320px(narrow_page):
    visit(narrow_page, "/events/")
    assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 320
    visit(narrow_page, EventPage.objects.get(slug=NEXT["slug"]).url)
    assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 320


# Other people's browsers ------------------------------------------------------------------------


@pytest.fixture
def other_tab(chromium_browser, live_server, site):
    """Open a tab in a new private browser context signed in as a user (another person's browser).

    Guarded like `page`: it may only reach the live server, and every page it loads must pass axe.
    """
    contexts, trackers = [], []

    def block_others(route):
        if urlsplit(route.request.url).netloc == urlsplit(live_server.url).netloc:
            route.continue_()
        else:
            route.abort()

    def open_tab(user):
        context = chromium_browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", block_others)
        signed_in_as(context, live_server.url, user)
        contexts.append(context)
        tab = context.new_page()
        trackers.append(A11yTracker.attach(tab))
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    for tracker in trackers:
        tracker.assert_all_checked()


def place_box(page):
    return page.locator("section", has=page.get_by_role("heading", level=2, name="Your place"))


def test_waiting_list_member_gets_the_place_a_confirmed_member_gives_up(page, live_server, other_tab):
    index = EventIndexPage.objects.get()
    event = EventPageFactory(parent=index, title="Project clinic", capacity=1, online_link=SECRET)
    holder, waiting = LearnerFactory(), LearnerFactory()
    registration_create(event=event, user=holder)
    signed_in_as(page.context, live_server.url, waiting)
    wait_for_mail(1)
    mail.outbox.clear()

    # The meeting is full: the member joins the waiting list and is told their position.
    visit(page, event.url)
    expect(place_box(page)).to_contain_text("Full.")
    submit(page, place_box(page).get_by_role("button", name="Join the waiting list"))
    expect(page.get_by_text("The meeting is full: you are on the waiting list (position 1).")).to_be_visible()
    expect(place_box(page)).to_contain_text("Waiting list, position 1.")
    expect(page.get_by_role("link", name="Join the meeting online")).to_have_count(0)

    # In their own browser, the member with the place cancels it.
    other = other_tab(holder)
    visit(other, event.url)
    submit(other, place_box(other).get_by_role("button", name="Cancel my place"))
    expect(other.get_by_text("Your place is cancelled.")).to_be_visible()

    # The first member now has the place, the joining link, and an e-mail saying so.
    visit(page, event.url)
    expect(place_box(page)).to_contain_text("You have a place at this meeting.")
    expect(page.get_by_role("link", name="Join the meeting online")).to_have_attribute("href", SECRET)
    promoted = [m for m in wait_for_mail(2) if m.to == [waiting.email]]
    assert [m.subject for m in promoted] == ["You are on the waiting list: Project clinic"] + [
        "A place has come up for you: Project clinic"
    ]

    # A group lead follows the organisers' link and sees who is coming.
    lead = other_tab(GroupLeadFactory())
    visit(lead, event.url)
    submit(lead, lead.get_by_role("link", name="Registrations for this meeting"))
    expect(lead.get_by_role("heading", level=1)).to_have_text("Registrations: Project clinic")
    confirmed = lead.locator("section", has=lead.get_by_role("heading", name="Confirmed places (1)"))
    expect(confirmed).to_contain_text(waiting.email)
    cancelled = lead.locator("section", has=lead.get_by_role("heading", name="Cancelled (1)"))
    expect(cancelled).to_contain_text(holder.email)


def calendar_download(page) -> Calendar:
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    return Calendar.from_ical(Path(download.value.path()).read_bytes())


def test_adding_the_meeting_to_a_calendar(page, live_server, other_tab):
    event = EventPage.objects.get(slug=NEXT["slug"])
    member = LearnerFactory()
    registration_create(event=event, user=member)
    signed_in_as(page.context, live_server.url, member)

    visit(page, event.url)
    expect(page.get_by_role("link", name="Subscribe to all meetings")).to_have_attribute(
        "href", f"webcal://{urlsplit(live_server.url).netloc}/events/feed.ics"
    )
    [vevent] = calendar_download(page).walk("VEVENT")
    assert vevent.decoded("DTSTART") == event.starts_at.astimezone(datetime.UTC)
    assert vevent["DTSTART"].to_ical().endswith(b"Z")  # written in UTC, whatever the season
    assert NEXT["online_link"] in str(vevent["DESCRIPTION"])

    # Someone without a place gets the same meeting, without the joining link.
    visitor = other_tab(LearnerFactory())
    visit(visitor, event.url)
    [vevent] = calendar_download(visitor).walk("VEVENT")
    assert vevent.decoded("DTSTART") == event.starts_at.astimezone(datetime.UTC)
    assert NEXT["online_link"] not in vevent.to_ical().decode()


def test_the_list_narrowed_to_one_community(page):
    home = HomePage.objects.get()
    communities = CommunityIndexPage.objects.first() or CommunityIndexPageFactory(parent=home)
    sepsis = CommunityPage.objects.filter(slug="paediatric-sepsis").first() or CommunityPageFactory(
        parent=communities, title="Paediatric Sepsis", slug="paediatric-sepsis"
    )
    EventPageFactory(parent=EventIndexPage.objects.get(), title="Sepsis huddle", community=sepsis)

    visit(page, "/events/")
    page.get_by_label("Community").select_option(label="Paediatric Sepsis")
    submit(page, page.get_by_role("button", name="Show meetings"))
    upcoming = page.locator("section", has=page.get_by_role("heading", level=2, name="Upcoming meetings"))
    expect(upcoming.get_by_role("link", name="Sepsis huddle")).to_be_visible()
    expect(upcoming.get_by_role("link", name=NEXT["title"])).to_have_count(0)
    submit(page, page.get_by_role("link", name="Show all meetings"))
    expect(page.get_by_role("link", name=NEXT["title"])).to_be_visible()
