"""Communities: a member of the community of practice finds Paediatric Sepsis, joins and follows it,
then reads its care bundle and the news."""

import pytest
from playwright.sync_api import expect

from community.demo.communities import communities_demo_load
from community.demo.communities_content import CARE_BUNDLE, NEWS
from tests.accounts.factories import PASSWORD
from tests.browser.support import sign_in, submit, visit
from tests.community.factories.communities import CommunityMemberFactory

pytestmark = pytest.mark.browser

NEWEST = min(NEWS, key=lambda item: item["days_ago"])


@pytest.fixture
def communities(site):
    # Idempotent: a no-op once the site's demo builds the communities itself.
    return communities_demo_load(home=site["home"], with_activity=False)


def test_member_joins_and_follows_then_reads_the_bundle_and_the_news(page, communities):
    member = CommunityMemberFactory()
    sign_in(page, member.email, PASSWORD)
    main_menu = page.locator("header")
    submit(page, main_menu.get_by_role("link", name="Communities", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Communities")
    submit(page, page.get_by_role("link", name="Paediatric Sepsis"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Paediatric Sepsis")
    expect(page.get_by_text("0 members")).to_be_visible()

    submit(page, page.get_by_role("button", name="Join"))
    expect(page.get_by_text("You have joined Paediatric Sepsis.")).to_be_visible()
    expect(page.get_by_text("1 member", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Leave")).to_be_visible()
    # Joining also follows: the member can unfollow and follow again.
    submit(page, page.get_by_role("button", name="Unfollow"))
    expect(page.get_by_text("You no longer follow Paediatric Sepsis.")).to_be_visible()
    submit(page, page.get_by_role("button", name="Follow"))
    expect(page.get_by_text("You follow Paediatric Sepsis: we will tell you of its new meetings.")).to_be_visible()
    expect(page.get_by_role("button", name="Unfollow")).to_be_visible()
    expect(page.get_by_text("No discussions yet")).to_be_visible()

    submit(page, page.get_by_role("link", name=CARE_BUNDLE["title"], exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(CARE_BUNDLE["title"])
    contents = page.get_by_role("navigation", name="Stages of the pathway")
    expect(contents.get_by_role("link")).to_have_count(len(CARE_BUNDLE["stages"]))
    contents.get_by_role("link", name="Treatment").click()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#stage-3")
    expect(page.get_by_role("heading", level=2, name="Stage 3: Treatment")).to_be_in_viewport()

    submit(page, main_menu.get_by_role("link", name="News", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("News")
    submit(page, page.get_by_role("link", name=NEWEST["title"], exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(NEWEST["title"])
    expect(page.get_by_role("link", name="Paediatric Sepsis")).to_be_visible()


def test_communities_hold_at_320px(narrow_page, communities):
    for path in ["/communities/", "/communities/paediatric-sepsis/", "/news/"]:
        visit(narrow_page, path)
        assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 320
