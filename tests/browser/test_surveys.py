"""Member surveys: a member signs in, answers (correcting a mistake without retyping), and is thanked once."""

import pytest
from playwright.sync_api import expect

from community.models import CommunityIndexPage, CommunityPage
from tests.accounts.factories import PASSWORD, LearnerFactory
from tests.browser.support import field, sign_in, signed_in_as, submit, visit
from tests.community.factories.communities import (
    CommunityIndexPageFactory,
    CommunityMemberFactory,
    CommunityPageFactory,
)
from tests.community.factories.surveys import SurveyPageFactory

pytestmark = pytest.mark.browser


def _survey(site):
    """A members-only, once-per-member survey under Paediatric Sepsis (made if the demo has no such page)."""
    home = site["home"]
    index = CommunityIndexPage.objects.child_of(home).first() or CommunityIndexPageFactory(parent=home)
    community = CommunityPage.objects.filter(slug="paediatric-sepsis").first() or CommunityPageFactory(
        parent=index, title="Paediatric Sepsis", slug="paediatric-sepsis"
    )
    return SurveyPageFactory(parent=community, title="Where next for sepsis care")


def test_member_answers_a_survey(page, site):
    survey = _survey(site)
    member = CommunityMemberFactory()

    # Members only: a visitor is asked to sign in, then comes back to the survey.
    visit(page, survey.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign In")
    sign_in(page, member.email, PASSWORD, path="")
    expect(page.get_by_role("heading", level=1)).to_have_text("Where next for sepsis care")

    # A mistake: the required first question is left out; everything else is answered.
    page.get_by_role("checkbox", name="Staffing").check()
    page.get_by_role("checkbox", name="Training").check()
    field(page, "Usefulness").select_option("4")
    field(page, "Units in your network").fill("12")
    field(page, "Anything else").fill("Share the simulation scenarios, please.")
    submit(page, page.get_by_role("button", name="Send my answers"))

    expect(page.get_by_role("heading", name="Some answers need attention")).to_be_visible()
    question = page.get_by_role("group", name="Stage to work on next")
    expect(question.get_by_text("This field is required.")).to_be_visible()
    # Nothing typed is lost.
    expect(page.get_by_role("checkbox", name="Staffing")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Training")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Equipment")).not_to_be_checked()
    expect(field(page, "Usefulness")).to_have_value("4")
    expect(field(page, "Units in your network")).to_have_value("12")
    expect(field(page, "Anything else")).to_have_value("Share the simulation scenarios, please.")

    question.get_by_role("radio", name="Escalation").check()
    submit(page, page.get_by_role("button", name="Send my answers"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your answers")
    expect(page.get_by_text("We will share the results at the next meeting.")).to_be_visible()

    # Coming back: the survey says they have answered, with no second form.
    visit(page, survey.url)
    expect(page.get_by_text("You answered this survey on")).to_be_visible()
    expect(page.get_by_role("button", name="Send my answers")).to_have_count(0)
    submit(page, page.get_by_role("link", name="Back to Paediatric Sepsis"))


def test_non_member_is_told_how_to_join_at_320px(narrow_page, context, live_server, site):
    survey = _survey(site)
    signed_in_as(context, live_server.url, LearnerFactory())

    visit(narrow_page, survey.url, status=403)

    expect(narrow_page.get_by_role("heading", level=1)).to_have_text("Where next for sepsis care")
    expect(narrow_page.get_by_text("This survey is for members of the community of practice.")).to_be_visible()
    expect(narrow_page.get_by_text("Stage to work on next")).to_have_count(0)
    assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 320
