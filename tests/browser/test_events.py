"""Meetings: a learner finds the next meeting, signs in when asked, registers and gets the joining link."""

import pytest
from playwright.sync_api import expect

from community.demo.events_content import EVENTS
from tests.accounts.factories import PASSWORD, LearnerFactory
from tests.browser.support import sign_in, submit, visit

pytestmark = pytest.mark.browser

NEXT = next(event for event in EVENTS if event["starts_in_days"] > 0)


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
    expect(page.get_by_role("link", name="Add to calendar")).to_be_visible()
    expect(page.get_by_text("39 of 40 places left")).to_be_visible()
    expect(page.get_by_role("button", name="Cancel my place")).to_be_visible()


def test_meetings_hold_at_320px(narrow_page):
    visit(narrow_page, "/events/")
    assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 320
