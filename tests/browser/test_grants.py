"""Grant proposals (issue #4) in a real browser, with axe-core on every page of every person's browser.

The long journey follows one proposal from its first draft to an award, with each person in their own
browser: the researcher who leads it, a co-applicant, a group lead and a mentor. The shorter tests
cover two people saving the same section, bad input that must keep what was typed, and 320 px screens.
"""

import re
import time
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from grants.models import FundingCallPage, Proposal, ProposalSection, ProposalState, ReviewCriterion
from tests.accounts.factories import PASSWORD, GroupLeadFactory, LearnerFactory, MentorFactory
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.support import (
    A11yTracker,
    check_a11y,
    field,
    link_in,
    sign_in,
    signed_in_as,
    submit,
    visit,
)
from tests.grants.factories import co_applicant_add, proposal_make

pytestmark = pytest.mark.browser

#: An open call of the demo site (see grants.demo_content.CALLS).
CALL = "Research for Patient Benefit: spring competition (demo)"
TITLE = "Nurse-initiated Sepsis Six in paediatric intensive care"
LAY_SUMMARY = (
    "Children in intensive care who develop sepsis need antibiotics and fluids fast. "
    "We will test whether bedside nurses can start the Sepsis Six sooner."
)
LAY_SUMMARY_REVISED = (
    "Children in intensive care who develop sepsis need antibiotics and fluids fast. "
    "We will test whether bedside nurses can start the Sepsis Six within the first hour."
)
#: Written through the service in the long journey (the section editor is exercised on the others).
OTHER_SECTIONS = {
    "research_question": "Does a nurse-initiated Sepsis Six bundle shorten the time to antibiotics in PICU?",
    "background": "Delays to antibiotics in children with sepsis are common and harmful.",
    "aims": "To test the feasibility of nurse-initiated sepsis care in three units.",
    "methods": "A hybrid type 2 implementation study with a stepped-wedge design.",
    "timeline": "Set-up in months 1 to 3, the study in months 4 to 15, analysis in months 16 to 18.",
    "team": "A PICU nurse researcher, a consultant intensivist and a statistician.",
}
PPI = "Parents from our family forum chose the outcomes and will sit on the steering group."
COMMENT = "Say what “sooner” means: a time the panel can hold you to, such as within the first hour."
REPLY = "Thank you: we now say within the first hour, as in the national guidance."


# More browsers ----------------------------------------------------------------------------


class Browsers:
    """Other people's browsers on the live server: one private context each, guarded like `context`.

    Every tab they open is tracked like the `page` fixture's, so each page of the site it loads
    must be checked with axe-core, or the test fails at teardown.
    """

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.server = urlsplit(base_url).netloc
        self.contexts = []
        self.trackers: list[A11yTracker] = []
        self.external: list[str] = []

    def open(self, user=None, *, width: int = 1280):
        """A tab in a new browser context, signed in as `user` when given."""
        context = self.browser.new_context(base_url=self.base_url, viewport={"width": width, "height": 800})
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", self._route)
        self.contexts.append(context)
        if user is not None:
            signed_in_as(context, self.base_url, user)
        return self.tab(context)

    def tab(self, context):
        """Another tab in `context` (one of these, or the `page` fixture's)."""
        page = context.new_page()
        self.trackers.append(A11yTracker.attach(page))
        return page

    def _route(self, route):
        url = urlsplit(route.request.url)
        if url.scheme in {"http", "https"} and url.netloc == self.server:
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        assert not self.external, "The browser tried to reach other hosts than the live server:\n" + "\n".join(
            self.external
        )
        for tracker in self.trackers:
            tracker.assert_all_checked()


@pytest.fixture
def browsers(chromium_browser, live_server, site):
    browsers = Browsers(chromium_browser, live_server.url)
    yield browsers
    browsers.close()


# Helpers ----------------------------------------------------------------------------------


def button(page, name: str, *, exact: bool = True):
    """A button in the page's main content (not the header's "Sign out")."""
    return page.locator("main").get_by_role("button", name=name, exact=exact)


def heading(page):
    return page.get_by_role("heading", level=1)


def tab(page, name: str):
    """One of the proposal's tabs (Overview, Budget, Files, Team, Mentors, Feedback, Versions, Activity)."""
    return page.get_by_role("navigation", name="Proposal").get_by_role("link", name=name, exact=True)


def state_badge(page):
    return page.locator("main .state-badge").first


def expect_message(page, text: str) -> None:
    """The message the site shows after an action (a polite status at the top of the page)."""
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def expect_autosaved(page) -> None:
    """The section editor's status once the text typed has been saved in the background (1.5 s after typing)."""
    saved = page.get_by_role("status").filter(has_text=re.compile(r"^Saved at \d\d:\d\d$"))
    expect(saved).to_be_visible(timeout=TIMEOUT_MS)


def section_text(proposal: Proposal, key: str) -> str:
    return ProposalSection.objects.get(proposal=proposal, key=key).text


def section_write(proposal: Proposal, key: str, text: str, *, by) -> None:
    from grants.services.editing import section_save

    section = ProposalSection.objects.get(proposal=proposal, key=key)
    section_save(proposal=proposal, key=key, text=text, base_revision=section.revision, by=by)


def mail_to(email: str, timeout: float = 5.0):
    """The latest e-mail to `email` (e-mails are sent by a task after commit, so wait a little)."""
    deadline = time.monotonic() + timeout
    while True:
        sent = [message for message in mail.outbox if email in message.to]
        if sent:
            return sent[-1]
        if time.monotonic() > deadline:
            pytest.fail(f"No e-mail to {email}", pytrace=False)
        time.sleep(0.05)


# The journey ------------------------------------------------------------------------------


def test_proposal_from_first_draft_to_award(page, browsers):
    researcher = LearnerFactory(first_name="Priya", last_name="Shah")
    co_applicant = LearnerFactory(first_name="Tom", last_name="Hughes")
    group_lead = GroupLeadFactory(first_name="Grace", last_name="Lee")
    mentor = MentorFactory(first_name="Ruth", last_name="Okafor")
    mentor.expertise.add("sepsis", "implementation science")
    MentorFactory(first_name="Adam", last_name="Ash").expertise.add("neonatal nutrition")

    # a. The researcher starts a proposal for an open call, writes the lay summary and a budget line.
    sign_in(page, researcher.email, PASSWORD)
    submit(page, page.locator("header").get_by_role("link", name="Proposals"))
    expect(heading(page)).to_have_text("Your proposals")
    submit(page, page.locator("main").get_by_role("link", name="Start a proposal"))
    field(page, "Working title").fill(TITLE)
    field(page, "Funding call").select_option(label=CALL)
    field(page, "Topics").fill("sepsis, nursing, early warning scores")
    submit(page, button(page, "Start the proposal"))
    expect(heading(page)).to_have_text(TITLE)
    expect_message(page, "Your proposal has been started.")
    expect(state_badge(page)).to_have_text("Draft")
    proposal = Proposal.objects.get(lead=researcher)
    overview = f"/grants/proposals/{proposal.pk}/"

    submit(page, page.get_by_role("link", name="Edit Lay summary"))
    page.get_by_label("Lay summary", exact=True).fill(LAY_SUMMARY)
    expect_autosaved(page)
    assert section_text(proposal, "lay_summary") == LAY_SUMMARY

    submit(page, tab(page, "Budget"))
    line = page.get_by_role("group", name="New line 1")
    line.get_by_label("Category").select_option(label="Staff")
    line.get_by_label("Item").fill("Research nurse, 0.2 WTE for 12 months")
    line.get_by_label("Cost (£)").fill("12000")
    line.get_by_label("Justification").fill("Collects the data on the three units, at Band 6 with on-costs.")
    submit(page, button(page, "Save budget"))
    expect_message(page, "The budget is saved.")
    expect(page.get_by_role("table", name="Budget lines")).to_contain_text("Research nurse, 0.2 WTE for 12 months")
    expect(page.get_by_role("table", name="Budget lines")).to_contain_text("£12,000.00")

    # To keep the journey short, the other required sections are written through the service the
    # editor's autosave calls; the editor itself is used above and by the co-applicant below (PPI).
    for key, text in OTHER_SECTIONS.items():
        section_write(proposal, key, text, by=researcher)

    # b. The researcher invites a co-applicant from the Team page; they sign in from the e-mail's link,
    # accept, and write the PPI section.
    submit(page, tab(page, "Team"))
    field(page, "E-mail address").fill(co_applicant.email)
    field(page, "Personal message (optional)").fill("Would you write the PPI section with me?")
    submit(page, button(page, "Send the invitation"))
    expect_message(page, f"Invitation sent to {co_applicant.email}.")
    expect(page.get_by_role("region", name="Invitations waiting for an answer")).to_contain_text(co_applicant.email)

    invitation_link = link_in(mail_to(co_applicant.email), "/grants/invitations/")
    co_page = browsers.open()
    visit(co_page, invitation_link)
    expect(co_page.locator("main")).to_contain_text(TITLE)
    submit(co_page, co_page.locator("main").get_by_role("link", name="Sign in"))
    sign_in(co_page, co_applicant.email, PASSWORD, path="")
    expect(heading(co_page)).to_have_text("Invitation to a grant proposal")
    submit(co_page, button(co_page, "Accept and join"))
    expect_message(co_page, "Welcome to the team.")
    expect(heading(co_page)).to_have_text(TITLE)
    submit(co_page, co_page.get_by_role("link", name="Edit Patient and public involvement"))
    co_page.get_by_label("Patient and public involvement", exact=True).fill(PPI)
    expect_autosaved(co_page)
    assert section_text(proposal, "ppi") == PPI

    # c. With the checklist complete, the researcher sends the proposal for mentor review.
    submit(page, tab(page, "Overview"))
    checklist = page.get_by_role("region", name="Before mentor review")
    expect(checklist).to_contain_text("Everything needed is in place.")
    expect(page.get_by_role("region", name="People")).to_contain_text(f"{co_applicant} (co-applicant)")
    submit(page, button(page, "Send for mentor review"))
    expect_message(page, "Sent for mentor review. Version 1 is frozen")
    expect(state_badge(page)).to_have_text("In mentor review")

    # d. No mentor was asked for, so the group leads are told; the group lead opens the Mentors page from
    # the e-mail, sees the mentor who shares the proposal's topics suggested first, and assigns them.
    lead_page = browsers.open(group_lead)
    visit(lead_page, link_in(mail_to(group_lead.email), f"/grants/proposals/{proposal.pk}/mentors/"))
    expect(heading(lead_page)).to_have_text(TITLE)
    suggestions = lead_page.get_by_role("table", name="Mentors suggested for this proposal")
    best = suggestions.get_by_role("row").nth(1)
    expect(best.get_by_role("rowheader")).to_contain_text(str(mentor))
    expect(best.get_by_role("cell").first).to_have_text("sepsis")
    submit(lead_page, best.get_by_role("button", name=f"Assign {mentor}"))
    expect_message(lead_page, f"{mentor} is now mentoring this proposal.")
    expect(lead_page.get_by_role("region", name="Mentors", exact=True)).to_contain_text(str(mentor))

    # e. The mentor finds the proposal, comments on the lay summary, submits a structured review and
    # asks for revisions.
    mentor_page = browsers.open(mentor)
    visit(mentor_page, "/")
    submit(mentor_page, mentor_page.locator("header").get_by_role("link", name="Proposals"))
    mentoring = mentor_page.get_by_role("table", name="Proposals you mentor")
    submit(mentor_page, mentoring.get_by_role("link", name=TITLE))
    submit(mentor_page, tab(mentor_page, "Feedback"))
    expect(mentor_page.get_by_role("heading", name="Feedback on version 1")).to_be_visible()
    field(mentor_page, "Section").select_option(label="Lay summary")
    field(mentor_page, "Words you are commenting on (optional)").fill("start the Sepsis Six sooner")
    field(mentor_page, "Comment").fill(COMMENT)
    submit(mentor_page, button(mentor_page, "Post comment"))
    expect_message(mentor_page, "Your comment is posted.")
    expect(mentor_page.get_by_role("article").filter(has_text=COMMENT)).to_be_visible()

    submit(mentor_page, mentor_page.get_by_role("link", name="Write your review"))
    for criterion in ReviewCriterion:
        mentor_page.get_by_role("group", name=str(criterion.label), exact=True).get_by_label("4 – Good").check()
    mentor_page.get_by_role("group", name="Overall recommendation").get_by_label("Minor revisions").check()
    mentor_page.get_by_label("Summary for the applicants").fill("A clear, important question. Tighten the aims.")
    submit(mentor_page, button(mentor_page, "Submit review"))
    expect_message(mentor_page, "Your review is submitted.")
    expect(mentor_page.locator("main")).to_contain_text("Minor revisions")

    submit(mentor_page, tab(mentor_page, "Overview"))
    submit(mentor_page, button(mentor_page, "Request revisions"))
    expect_message(mentor_page, "Revisions requested.")
    expect(state_badge(mentor_page)).to_have_text("Revisions requested")

    # f. The researcher reads the comment, replies, marks it addressed, revises the lay summary, sends the
    # proposal again and compares version 1 with version 2.
    submit(page, tab(page, "Feedback"))
    thread = page.get_by_role("article").filter(has_text=COMMENT)
    expect(thread).to_contain_text("start the Sepsis Six sooner")
    expect(thread).to_contain_text("Open")
    expect(page.get_by_role("region", name="Reviews of version 1")).to_contain_text("Minor revisions")
    thread.locator("summary", has_text="Reply").click()
    thread.get_by_label("Your reply").fill(REPLY)
    submit(page, thread.get_by_role("button", name="Post reply"))
    expect_message(page, "Your reply is posted.")
    expect(thread).to_contain_text(REPLY)
    submit(page, thread.get_by_role("button", name=re.compile(r"^Mark as addressed")))
    expect_message(page, "The comment is marked as addressed.")
    expect(thread.get_by_text("Addressed", exact=True)).to_be_visible()

    submit(page, tab(page, "Overview"))
    submit(page, page.get_by_role("link", name="Edit Lay summary"))
    page.get_by_label("Lay summary", exact=True).fill(LAY_SUMMARY_REVISED)
    expect_autosaved(page)
    assert section_text(proposal, "lay_summary") == LAY_SUMMARY_REVISED
    submit(page, page.get_by_role("link", name="Back to the overview"))
    submit(page, button(page, "Send for mentor review"))
    expect_message(page, "Version 2 is frozen")
    expect(state_badge(page)).to_have_text("In mentor review")

    submit(page, tab(page, "Versions"))
    field(page, "Compare").select_option(label="Version 1")
    field(page, "with").select_option(label="Version 2")
    submit(page, button(page, "Compare"))
    expect(page.get_by_role("heading", level=2)).to_contain_text(re.compile(r"version 1 to version 2", re.I))
    changed = page.get_by_role("region", name="Lay summary", exact=True)
    expect(changed.locator("del", has_text="sooner")).to_be_visible()
    expect(changed.locator("ins", has_text="first hour")).to_be_visible()
    expect(page.get_by_role("region", name="Aims and objectives", exact=True)).to_contain_text("No changes")
    answered = page.get_by_role("region", name="Comments version 2 answered")
    expect(answered).to_contain_text(COMMENT)
    expect(answered).to_contain_text(f"Marked addressed by {researcher}")

    # g. The mentor marks it ready, the researcher records it as submitted, the group lead records the award.
    visit(mentor_page, overview)
    submit(mentor_page, button(mentor_page, "Mark ready to submit"))
    expect_message(mentor_page, "Marked ready to submit.")
    expect(state_badge(mentor_page)).to_have_text("Ready to submit")

    visit(page, overview)
    submit(page, button(page, "Record as submitted to the funder"))
    expect_message(page, "Recorded as submitted to the funder.")
    expect(state_badge(page)).to_have_text("Submitted to funder")

    visit(lead_page, overview)
    submit(lead_page, lead_page.locator("main").get_by_role("link", name="Record: awarded"))
    field(lead_page, "Amount awarded (£)").fill("148,500")
    field(lead_page, "Note (optional)").fill("Funded in full by the spring panel.")
    submit(lead_page, button(lead_page, "Record: awarded"))
    expect_message(lead_page, "Recorded as awarded. Congratulations to the team!")
    expect(state_badge(lead_page)).to_have_text("Awarded")
    recent = lead_page.get_by_role("region", name="Recent activity")
    expect(recent.get_by_role("listitem").first).to_contain_text(
        f"{group_lead} changed the state: Submitted to funder → Awarded (Funded in full by the spring panel.)"
    )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.AWARDED
    assert proposal.amount_awarded == Decimal("148500.00")

    # The researcher's timeline tells the whole story, newest first.
    visit(page, overview)
    expect(state_badge(page)).to_have_text("Awarded")
    submit(page, tab(page, "Activity"))
    moves = page.locator("main ol.timeline > li").filter(has_text="changed the state")
    expect(moves).to_have_count(6)
    for entry, (actor, move) in zip(
        moves.all(),
        [
            (group_lead, "Submitted to funder → Awarded"),
            (researcher, "Ready to submit → Submitted to funder"),
            (mentor, "In mentor review → Ready to submit"),
            (researcher, "Revisions requested → In mentor review"),
            (mentor, "In mentor review → Revisions requested"),
            (researcher, "Draft → In mentor review"),
        ],
        strict=True,
    ):
        expect(entry).to_contain_text(f"{actor} changed the state: {move}")


# Two people, one section ------------------------------------------------------------------


def test_section_conflict_keeps_both_texts(page, browsers):
    lead = LearnerFactory(first_name="Priya", last_name="Shah")
    co_applicant = LearnerFactory(first_name="Tom", last_name="Hughes")
    proposal = proposal_make(lead=lead, title=TITLE, complete=True)
    co_applicant_add(proposal=proposal, user=co_applicant)
    editor = f"/grants/proposals/{proposal.pk}/sections/lay_summary/"
    first_text = "Written by the lead: children with sepsis need antibiotics within the hour."
    second_text = "Written by the co-applicant: nurses could start the Sepsis Six themselves."

    signed_in_as(page.context, browsers.base_url, lead)
    visit(page, editor)
    other = browsers.open(co_applicant)
    visit(other, editor)

    page.get_by_label("Lay summary", exact=True).fill(first_text)
    expect_autosaved(page)
    assert section_text(proposal, "lay_summary") == first_text

    # The co-applicant's page was opened before that save: their autosave is refused and both texts shown.
    mine = other.get_by_label("Lay summary", exact=True)
    mine.fill(second_text)
    conflict = other.get_by_role("region", name="Not saved: this section was changed by someone else")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text(f"{lead} saved a different version of this section")
    expect(conflict.get_by_label(re.compile(rf"^Their text \(saved by {lead} at \d\d:\d\d\)$"))).to_have_value(
        first_text
    )
    expect(mine).to_have_value(second_text)
    expect(other.get_by_role("status").filter(has_text="Not saved: choose which text to keep.")).to_be_visible()
    check_a11y(other)  # the page again, with the conflict panel open
    assert section_text(proposal, "lay_summary") == first_text, "Nothing is overwritten until they choose"

    conflict.get_by_role("button", name="Keep my text").click()
    expect_autosaved(other)
    expect(conflict).to_be_hidden()
    expect(mine).to_have_value(second_text)
    assert section_text(proposal, "lay_summary") == second_text


# Bad input --------------------------------------------------------------------------------


def test_bad_input_keeps_what_was_typed(page, browsers):
    lead = LearnerFactory()
    proposal = proposal_make(lead=lead, title=TITLE, complete=True)
    overview = f"/grants/proposals/{proposal.pk}/"
    signed_in_as(page.context, browsers.base_url, lead)

    # A file of a type that can't be attached: the error is next to the field; the description stays.
    description = "Letter of support from the PICU matron"
    visit(page, f"{overview}files/")
    field(page, "File").set_input_files(
        files=[{"name": "support-letter.txt", "mimeType": "text/plain", "buffer": b"We support this study."}]
    )
    field(page, "Description (optional)").fill(description)
    submit(page, button(page, "Attach the file"))
    file_input = field(page, "File")
    expect(file_input).to_have_attribute("aria-invalid", "true")
    expect(file_input).to_have_accessible_description(re.compile(r"You can attach PDF, Word \(\.docx\) or Excel"))
    expect(page.locator("#div_id_file")).to_contain_text("You can attach PDF, Word (.docx) or Excel (.xlsx) files.")
    expect(field(page, "Description (optional)")).to_have_value(description)
    assert not proposal.attachments.exists()

    # A stale page: the confirmation to send for review is open in one tab while the proposal is sent
    # from another. Sending from the stale tab says why it can't, and keeps the note.
    note = "Dear mentors, the methods section is the one I am least sure of."
    visit(page, overview)
    # (Chromium reads the visually hidden part of the link's name after a space: "first : Send".)
    submit(page, page.get_by_role("link", name=re.compile(r"^Add a note first\W+Send for mentor review$")))
    field(page, "Note (optional)").fill(note)

    other_tab = browsers.tab(page.context)
    visit(other_tab, overview)
    submit(other_tab, button(other_tab, "Send for mentor review"))
    expect_message(other_tab, "Sent for mentor review. Version 1 is frozen")

    submit(page, button(page, "Send for mentor review"))
    expect(page.locator("main").get_by_role("alert")).to_have_text(
        "This proposal is already in mentor review, so it can't be sent for review again."
    )
    expect(field(page, "Note (optional)")).to_have_value(note)
    expect(button(page, "Send for mentor review")).to_have_count(0)
    expect(page.locator("main").get_by_role("link", name="Back to the proposal")).to_be_visible()
    assert proposal.versions.count() == 1


# Small screens ----------------------------------------------------------------------------


def test_proposal_pages_hold_at_320px(narrow_page, browsers):
    from grants.services.feedback import comment_add, comment_address
    from grants.services.mentoring import mentor_assign
    from grants.services.workflow import proposal_transition

    lead = LearnerFactory()
    mentor = MentorFactory()
    MentorFactory().expertise.add("sepsis")  # suggested to the group lead on the mentors page
    group_lead = GroupLeadFactory()
    long_reference = "https://doi.org/10.1097/PCC.0000000000002197-a-very-long-address-that-does-not-break"
    proposal = proposal_make(
        lead=lead,
        call=FundingCallPage.objects.get(title=CALL),
        title=TITLE,
        complete=True,
        lay_summary=LAY_SUMMARY,
        references=f"Weiss SL, et al. Surviving Sepsis Campaign. {long_reference}",
    )
    mentor_assign(proposal=proposal, mentor=mentor, by=group_lead)
    proposal_transition(proposal=proposal, name="send_for_review", by=lead)
    comment = comment_add(
        proposal=proposal, by=mentor, section="lay_summary", quote="start the Sepsis Six sooner", body=COMMENT
    )
    comment_address(proposal=proposal, comment=comment, by=lead)
    proposal_transition(proposal=proposal, name="request_revisions", by=mentor)
    section_write(proposal, "lay_summary", LAY_SUMMARY_REVISED, by=lead)
    proposal_transition(proposal=proposal, name="send_for_review", by=lead)

    signed_in_as(narrow_page.context, browsers.base_url, lead)
    base = f"/grants/proposals/{proposal.pk}"
    for path in [
        f"{base}/",
        f"{base}/sections/lay_summary/",
        f"{base}/budget/",
        f"{base}/feedback/?version=1",
        f"{base}/compare/?from=1&to=2",
        # and the other pages with tables, which scroll inside themselves
        "/grants/proposals/",
        f"{base}/versions/",
        f"{base}/versions/1/",
    ]:
        visit(narrow_page, path)
        width = narrow_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide at 320 px"

    # The group lead's mentors page, with its table of suggested mentors.
    lead_page = browsers.open(group_lead, width=320)
    visit(lead_page, f"{base}/mentors/")
    expect(lead_page.get_by_role("table", name="Mentors suggested for this proposal")).to_be_attached()
    width = lead_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"The mentors page is {width} px wide at 320 px"
