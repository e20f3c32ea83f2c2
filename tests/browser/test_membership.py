"""Joining the community: a learner applies, a group lead approves, the new member is in the directory."""

import re

import pytest
from playwright.sync_api import expect

from community.models import ApplicationStatus, MembershipApplication
from tests.accounts.factories import PASSWORD, GroupLeadFactory, LearnerFactory, OrganisationFactory
from tests.browser.support import field, sign_in, sign_out, submit, visit

pytestmark = pytest.mark.browser

REASON = "Our unit is starting a sepsis screening project and I would like to learn from other units."


def main(page):
    return page.locator("main")


def test_a_learner_applies_a_group_lead_approves_and_the_member_is_listed(page):
    organisation = OrganisationFactory(name="Severnside Children's Hospital NHS Trust")
    applicant = LearnerFactory(
        first_name="Chloe", last_name="Bennett", job_title="Staff nurse", organisation=organisation
    )
    lead = GroupLeadFactory(first_name="Gareth", last_name="Lloyd")

    # Anyone may read about membership; applying needs an account: sign in, then back to the page.
    visit(page, "/membership/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Membership")
    submit(page, main(page).get_by_role("link", name="Sign in to apply"))
    sign_in(page, applicant.email, PASSWORD, path="")
    expect(page.get_by_role("heading", level=1)).to_have_text("Membership")
    expect(field(page, "Organisation")).to_have_value(organisation.name)
    expect(field(page, "Job title")).to_have_value("Staff nurse")

    # Sent without a reason: the error is next to the field, and nothing typed is lost.
    field(page, "Professional group").select_option(label="Nurse")
    field(page, "List me in the members' directory").check()
    submit(page, main(page).get_by_role("button", name="Send my application"))
    expect(main(page).get_by_text("Tell the group leads why you would like to join.")).to_be_visible()
    expect(field(page, "Job title")).to_have_value("Staff nurse")
    expect(field(page, "List me in the members' directory")).to_be_checked()

    field(page, "Why would you like to join?").fill(REASON)
    submit(page, main(page).get_by_role("button", name="Send my application"))
    expect(page.get_by_text("Your application is waiting for a decision.")).to_be_visible()
    expect(main(page).get_by_role("button", name="Withdraw my application")).to_be_visible()
    sign_out(page)

    # The group lead decides from the queue.
    sign_in(page, lead.email, PASSWORD)
    visit(page, "/membership/applications/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Membership applications")
    card = main(page).get_by_role("article", name="Chloe Bennett")
    expect(card).to_contain_text(REASON)
    expect(card).to_contain_text("Agrees to be listed")
    card.get_by_label(re.compile("Note to the applicant")).fill("Welcome! The sepsis group meets monthly.")
    submit(page, card.get_by_role("button", name="Approve Chloe Bennett"))
    expect(page.get_by_text("Chloe Bennett is now a member of the community.")).to_be_visible()
    expect(main(page).get_by_text("No applications are waiting.")).to_be_visible()
    sign_out(page)
    assert MembershipApplication.objects.get(user=applicant).status == ApplicationStatus.APPROVED

    # The new member sees it, and finds themselves in the directory.
    sign_in(page, applicant.email, PASSWORD)
    visit(page, "/membership/")
    expect(page.get_by_text("You are a member of the community")).to_be_visible()
    expect(main(page)).to_contain_text("Welcome! The sepsis group meets monthly.")
    submit(page, main(page).get_by_role("link", name="Browse the members' directory"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Members' directory")
    listed = main(page).get_by_role("article", name="Chloe Bennett")
    expect(listed).to_contain_text("Staff nurse")
    expect(listed).to_contain_text(organisation.name)
    expect(main(page)).not_to_contain_text(applicant.email)


def test_a_learner_who_is_not_a_member_is_told_how_to_join(page):
    sign_in(page, LearnerFactory().email, PASSWORD)
    visit(page, "/members/", status=403)
    expect(page.get_by_role("heading", level=1)).to_have_text("The members' directory is for community members")
    submit(page, main(page).get_by_role("link", name="Apply to join the community"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Membership")


def test_the_organisations_directory_holds_at_320px(narrow_page):
    visit(narrow_page, "/organisations/")
    expect(narrow_page.get_by_role("heading", level=1)).to_have_text("Organisations in the community")
    assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 320
