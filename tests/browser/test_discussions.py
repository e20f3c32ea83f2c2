"""Discussions: a member starts a thread in Markdown, another replies, the first is told; a lead locks it."""

import re

import pytest
from playwright.sync_api import expect

from community.models import CommunityIndexPage
from tests.accounts.factories import PASSWORD
from tests.browser.support import field, sign_in, sign_out, signed_in_as, submit, visit
from tests.community.factories.communities import (
    CommunityIndexPageFactory,
    CommunityLeadFactory,
    CommunityMemberFactory,
    CommunityMembershipFactory,
    CommunityPageFactory,
)
from tests.community.factories.discussions import PostFactory, ThreadFactory

pytestmark = pytest.mark.browser

TITLE = "Time zero for antibiotics"


def main(page):
    return page.locator("main")


@pytest.fixture
def sepsis(site):
    index = CommunityIndexPage.objects.first() or CommunityIndexPageFactory(parent=site["home"])
    return CommunityPageFactory(parent=index, title="Paediatric Sepsis Test", slug="paediatric-sepsis-test")


def test_members_discuss_and_a_lead_locks(page, live_server, sepsis):
    amira = CommunityMembershipFactory(community=sepsis).user
    tom = CommunityMembershipFactory(community=sepsis).user
    lead = CommunityLeadFactory(page=sepsis).user
    list_path = f"/discussions/{sepsis.pk}/"

    # Amira signs in (asked to when she opens the discussions) and starts a thread in Markdown.
    visit(page, list_path)
    sign_in(page, amira.email, PASSWORD, path="")
    expect(page.get_by_role("heading", level=1)).to_have_text("Discussions in Paediatric Sepsis Test")
    expect(page.get_by_text("No discussions yet.")).to_be_visible()
    submit(page, main(page).get_by_role("link", name="Start a discussion"))
    submit(page, main(page).get_by_role("button", name="Start the discussion"))
    expect(page.get_by_text("Give the discussion a title.")).to_be_visible()
    field(page, "Title").fill(TITLE)
    field(page, "Your message").fill("Where does the clock start?\n\n- **triage**\n- the first red flag")
    submit(page, main(page).get_by_role("button", name="Start the discussion"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main(page).locator("strong", has_text="triage")).to_be_visible()
    expect(main(page).get_by_role("listitem").filter(has_text="the first red flag").last).to_be_visible()
    thread_path = re.sub(r"^https?://[^/]+", "", page.url)
    sign_out(page)

    # Tom replies.
    signed_in_as(page.context, live_server.url, tom)
    visit(page, thread_path)
    field(page, "Your message").fill("We use the time the screening tool _first_ flags sepsis.")
    submit(page, main(page).get_by_role("button", name="Post the reply"))
    expect(page.get_by_text("Your reply is posted.")).to_be_visible()
    expect(main(page).locator("em", has_text="first")).to_be_visible()
    sign_out(page)

    # Amira is told, and the notification leads to the reply.
    signed_in_as(page.context, live_server.url, amira)
    visit(page, "/")
    submit(page, page.locator("header").get_by_role("link", name=re.compile(r"^Notifications")))
    submit(page, main(page).get_by_role("link", name=f"{tom.display_name} replied in the discussion “{TITLE}”"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert re.search(r"#post-\d+$", page.url)
    sign_out(page)

    # A lead locks the thread: no more replies.
    signed_in_as(page.context, live_server.url, lead)
    visit(page, thread_path)
    submit(page, main(page).get_by_role("button", name="Lock the discussion"))
    expect(page.get_by_text("The discussion is locked: no more replies.")).to_be_visible()
    expect(main(page).get_by_role("button", name="Post the reply")).to_have_count(0)
    expect(main(page).get_by_role("button", name="Unlock the discussion")).to_be_visible()
    sign_out(page)

    signed_in_as(page.context, live_server.url, tom)
    visit(page, thread_path)
    expect(page.get_by_text("A lead has closed this discussion")).to_be_visible()
    expect(field(page, "Your message")).to_have_count(0)


def test_people_who_have_not_joined_are_asked_to_join(page, live_server, sepsis):
    signed_in_as(page.context, live_server.url, CommunityMemberFactory())
    visit(page, f"/discussions/{sepsis.pk}/", status=403)
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the community to take part")


def test_discussions_hold_at_320px(narrow_page, live_server, sepsis):
    member = CommunityMembershipFactory(community=sepsis).user
    signed_in_as(narrow_page.context, live_server.url, member)
    thread = ThreadFactory(community=sepsis, author=member, title="A long title " * 8)
    PostFactory(thread=thread, body="A long address: https://www.example.org/" + "a-very-long-path/" * 10)
    for path in (f"/discussions/{sepsis.pk}/new/", f"/discussions/{sepsis.pk}/", f"/discussions/thread/{thread.pk}/"):
        visit(narrow_page, path)
        assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 320, path
