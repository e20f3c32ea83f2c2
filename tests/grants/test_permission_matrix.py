"""The permission matrix of grant support: every grants URL, by direct address, for every role towards a proposal.

One world (a proposal sent for review twice, with a file, comments, a submitted and a draft review, a
PDF, a pending invitation) and one table: for each URL (GET pages and POST actions) what each role
gets. Readers are the applicants (lead, co-applicants), the assigned mentors and group leads; anyone
else signed in gets 404, as proposals are confidential, and anonymous visitors are sent to log in.
A reader who may not change something gets either the friendly 403 page (writing the proposal, its
team and its workflow) or 404 (feedback and mentoring actions, whose forms they are never shown).

Each role's request runs in a savepoint that is rolled back, so a POST that changes the world (a
withdrawal, a removed file) cannot change what the next role sees: the order of rows and roles does
not matter. Where a POST has an effect that can be read back, the table also checks that it happened
for exactly the roles allowed, so a refusal that nevertheless did the work is caught.

Every page served is also searched for SECRETS (another mentor's draft review, an invitee's
address) that the role may not see. A guard test fails when a URL in grants.urls has no row, so a
new view cannot skip the matrix. Then: another proposal's objects reached through this proposal's
URLs (404), and the query count of the member's proposal list (the same for 1 proposal as for 8).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, reverse

from grants import urls as grants_urls
from grants.models import (
    BudgetCategory,
    CoApplicant,
    Comment,
    Invitation,
    MentorAssignment,
    Proposal,
    ProposalAttachment,
    ProposalExport,
    ProposalSection,
    ProposalState,
    ReviewCriterion,
)
from grants.services.editing import attachment_add, section_save
from grants.services.exports import proposal_export_request
from grants.services.feedback import comment_add, comment_address, comment_reply, review_save
from grants.services.team import invitation_create
from grants.services.workflow import proposal_transition
from tests.accounts.factories import EditorFactory, GroupLeadFactory, LearnerFactory, MentorFactory
from tests.grants.factories import (
    FundingCallIndexPageFactory,
    FundingCallPageFactory,
    co_applicant_add,
    mentor_assign,
    proposal_make,
)

pytestmark = pytest.mark.django_db

# Roles towards the proposal -------------------------------------------------------------------

#: The issue's eight roles, and a second assigned mentor with a draft review (only they may read it).
ROLES = [
    "lead",
    "co_applicant",
    "mentor",
    "drafting_mentor",
    "other_mentor",
    "group_lead",
    "other_member",
    "editor",
    "anonymous",
]
MEMBERS = frozenset(ROLES) - {"anonymous"}
APPLICANTS = frozenset({"lead", "co_applicant"})
MENTORS = frozenset({"mentor", "drafting_mentor"})
READERS = APPLICANTS | MENTORS | {"group_lead"}
NOBODY = frozenset()

LOGIN = "login"  # anonymous: redirected to the log-in page

PDF_BYTES = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
SCORES = {criterion.value: (4, f"About {criterion.label}.") for criterion in ReviewCriterion}
#: Words only in the draft review: no page but its author's may show them.
DRAFT_SUMMARY = "Draft thoughts not yet shared"
DRAFT_REMARK = "An unshared remark on the design"
#: The address of someone invited but not yet on the team: for the applicants' eyes only.
INVITEE = "newcomer@example.org"
#: Text that may show on a page (any page, in any row) only to these roles.
SECRETS = {
    DRAFT_SUMMARY: frozenset({"drafting_mentor"}),
    DRAFT_REMARK: frozenset({"drafting_mentor"}),
    INVITEE: APPLICANTS,
}


# The world --------------------------------------------------------------------------------------


@pytest.fixture
def world(django_capture_on_commit_callbacks) -> SimpleNamespace:
    """A proposal in mentor review with two frozen versions and something of every kind on it.

    Made through the services, as members would: the lead attaches a file and sends the proposal
    for review (version 1); the mentor asks for revisions; the lead changes the aims and sends it
    again (version 2). On version 2 the mentor comments twice (the lead replies to one and marks
    the other addressed), submits a review, and the second mentor saves a draft review. The lead
    invites someone and asks for a PDF, which the (immediate) task builds.
    """
    people = {
        "lead": LearnerFactory(),
        "co_applicant": LearnerFactory(),
        "mentor": MentorFactory(),
        "drafting_mentor": MentorFactory(),
        "other_mentor": MentorFactory(),
        "group_lead": GroupLeadFactory(),
        "other_member": LearnerFactory(),
        "editor": EditorFactory(),
        "anonymous": None,
    }
    lead, mentor = people["lead"], people["mentor"]
    proposal = proposal_make(lead=lead, complete=True, title="Nurse-led early warning for sepsis in PICU")
    co_applicant_add(proposal=proposal, user=people["co_applicant"])
    mentor_assign(proposal=proposal, mentor=mentor)
    mentor_assign(proposal=proposal, mentor=people["drafting_mentor"])
    with django_capture_on_commit_callbacks(execute=True):
        attachment = attachment_add(
            proposal=proposal,
            upload=SimpleUploadedFile("support-letter.pdf", PDF_BYTES, content_type="application/pdf"),
            description="Letter of support",
            by=lead,
        )
        proposal_transition(proposal=proposal, name="send_for_review", by=lead)
        proposal_transition(proposal=proposal, name="request_revisions", by=mentor)
        aims = ProposalSection.objects.get(proposal=proposal, key="aims")
        section_save(
            proposal=proposal, key="aims", text="Sharper aims, after feedback.", base_revision=aims.revision, by=lead
        )
        proposal_transition(proposal=proposal, name="send_for_review", by=lead)
        comment = comment_add(proposal=proposal, by=mentor, section="aims", body="Say who the aims are for.")
        comment_reply(proposal=proposal, comment=comment, by=lead, body="Families and bedside nurses.")
        answered = comment_add(proposal=proposal, by=mentor, section="methods", body="Name the primary outcome.")
        comment_address(proposal=proposal, comment=answered, by=lead)
        submitted = review_save(proposal=proposal, by=mentor, scores=SCORES, recommendation="minor", submit=True)
        draft = review_save(
            proposal=proposal,
            by=people["drafting_mentor"],
            scores={"design": (3, DRAFT_REMARK)},
            summary=DRAFT_SUMMARY,
        )
        invitation = invitation_create(proposal=proposal, email=INVITEE, by=lead)
        export = proposal_export_request(proposal=proposal, by=lead)
    export.refresh_from_db()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.IN_REVIEW and proposal.versions.count() == 2
    assert export.is_ready and submitted.is_submitted and not draft.is_submitted
    return SimpleNamespace(
        people=people,
        proposal=proposal,
        attachment=attachment,
        comment=comment,
        answered=answered,
        submitted_review=submitted,
        draft_review=draft,
        invitation=invitation,
        export=export,
    )


# The table --------------------------------------------------------------------------------------


def _proposal(w) -> list:
    return [w.proposal.pk]


@dataclasses.dataclass(frozen=True)
class Row:
    """One request, and what each role gets for it.

    `ok` roles get `ok_status` (`only` may say otherwise for a role); `refused` roles (readers) get
    `refused_status`; every other member gets 404 and anonymous visitors `anonymous` (the log-in
    redirect unless said). Pages the `ok` roles get show `shows`, and no SECRETS but those the page
    `reveals`, to whoever may not see them. `effect` reads back what a POST changes: it must change
    for the `changes` roles (by default `ok`), and only for them.
    """

    id: str
    name: str
    ok: frozenset
    method: str = "GET"
    ok_status: int = 200
    refused: frozenset = NOBODY
    refused_status: int = 403
    anonymous: int | str = LOGIN
    args: Callable = _proposal
    query: dict | None = None
    data: Callable | None = None
    effect: Callable | None = None
    changes: frozenset | None = None
    #: Exceptions for single roles, e.g. {"mentor": 302}.
    only: dict = dataclasses.field(default_factory=dict)
    #: Text the page must show to the `ok` roles (so a 200 is the real page, not an empty shell).
    shows: str = ""
    #: SECRETS this page may show to whoever it serves.
    reveals: frozenset = NOBODY

    def expected(self, role: str) -> int | str:
        if role in self.only:
            return self.only[role]
        if role == "anonymous":
            return self.anonymous
        if role in self.ok:
            return self.ok_status
        if role in self.refused:
            return self.refused_status
        return 404


def get(id, name, ok, **kwargs) -> Row:
    return Row(id=id, name=name, ok=frozenset(ok), **kwargs)


def post(id, name, ok, **kwargs) -> Row:
    kwargs.setdefault("ok_status", 302)
    return Row(id=id, name=name, ok=frozenset(ok), method="POST", **kwargs)


def _section_data(w) -> dict:
    section = ProposalSection.objects.get(proposal=w.proposal, key="aims")
    return {"text": "Aims rewritten by whoever may.", "base_revision": section.revision}


def _budget_data(w) -> dict:
    revision = Proposal.objects.values_list("budget_revision", flat=True).get(pk=w.proposal.pk)
    return {
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "200",
        "lines-0-category": BudgetCategory.EQUIPMENT,
        "lines-0-description": "Tablet for data collection",
        "lines-0-cost": "400",
        "lines-0-justification": "Bedside data entry.",
        "base_revision": str(revision),
    }


def _upload_data(w) -> dict:
    return {"file": SimpleUploadedFile("protocol.pdf", PDF_BYTES, content_type="application/pdf"), "description": ""}


def _state(w):
    return Proposal.objects.values_list("state", flat=True).get(pk=w.proposal.pk)


def _active_mentors(w) -> set:
    return set(MentorAssignment.objects.active().filter(proposal=w.proposal).values_list("mentor_id", flat=True))


def _comments(w) -> int:
    return Comment.objects.filter(proposal=w.proposal).count()


def _addressed(comment) -> Callable:
    return lambda w: Comment.objects.values_list("addressed_at", flat=True).get(pk=comment(w).pk)


PROPOSAL_PAGES = [
    get("overview", "proposal_detail", READERS, shows="Nurse-led early warning for sepsis in PICU"),
    get("versions", "proposal_versions", READERS),
    get("activity", "proposal_activity", READERS),
    get("mentors", "proposal_mentors", READERS),
    get("feedback", "proposal_feedback", READERS, shows="Say who the aims are for."),
    get("feedback-version-1", "proposal_feedback", READERS, query={"version": 1}),
    get("team", "proposal_team", READERS),
    get("budget", "proposal_budget", READERS),
    get("files", "proposal_attachments", READERS),
    get("file-download", "attachment_download", READERS, args=lambda w: [w.proposal.pk, w.attachment.pk]),
    get("version-1", "version_detail", READERS, args=lambda w: [w.proposal.pk, 1]),
    get("version-2", "version_detail", READERS, args=lambda w: [w.proposal.pk, 2]),
    get("compare-1-2", "proposal_compare", READERS, query={"from": 1, "to": 2}),
    get("compare-1-current", "proposal_compare", READERS, query={"from": 1, "to": "current"}),
    get("compare-default", "proposal_compare", READERS, ok_status=302),
    get(
        "review-submitted",
        "review_detail",
        READERS,
        args=lambda w: [w.proposal.pk, w.submitted_review.pk],
        shows="About Feasibility.",
    ),
    # A draft is its author's alone: not the applicants', the other mentor's or the group lead's.
    get(
        "review-draft",
        "review_detail",
        {"drafting_mentor"},
        args=lambda w: [w.proposal.pk, w.draft_review.pk],
        shows=DRAFT_SUMMARY,
    ),
    get("export-status", "export_detail", READERS, args=lambda w: [w.proposal.pk, w.export.pk]),
    get("export-download", "export_download", READERS, args=lambda w: [w.proposal.pk, w.export.pk]),
    post(
        "export-request",
        "proposal_export",
        READERS,
        effect=lambda w: ProposalExport.objects.filter(proposal=w.proposal).count(),
    ),
]

EDITING = [
    get(
        "section-edit",
        "section_edit",
        APPLICANTS,
        refused=MENTORS | {"group_lead"},
        args=lambda w: [w.proposal.pk, "aims"],
    ),
    post(
        "section-save",
        "section_edit",
        APPLICANTS,
        refused=MENTORS | {"group_lead"},
        args=lambda w: [w.proposal.pk, "aims"],
        data=_section_data,
        effect=lambda w: ProposalSection.objects.values_list("text", flat=True).get(proposal=w.proposal, key="aims"),
    ),
    post(
        "budget-save",
        "proposal_budget",
        APPLICANTS,
        refused=MENTORS | {"group_lead"},
        data=_budget_data,
        effect=lambda w: list(w.proposal.budget_lines.values_list("description", flat=True)),
    ),
    post(
        "file-upload",
        "proposal_attachments",
        APPLICANTS,
        refused=MENTORS | {"group_lead"},
        data=_upload_data,
        effect=lambda w: ProposalAttachment.objects.filter(proposal=w.proposal).count(),
    ),
    get(
        "file-remove-confirm",
        "attachment_remove",
        APPLICANTS,
        refused=MENTORS | {"group_lead"},
        args=lambda w: [w.proposal.pk, w.attachment.pk],
    ),
    post(
        "file-remove",
        "attachment_remove",
        APPLICANTS,
        refused=MENTORS | {"group_lead"},
        args=lambda w: [w.proposal.pk, w.attachment.pk],
        effect=lambda w: ProposalAttachment.objects.filter(pk=w.attachment.pk).exists(),
    ),
]

NOT_LEAD = READERS - {"lead"}

TEAM = [
    post(
        "invite",
        "proposal_team",
        {"lead"},
        refused=NOT_LEAD,
        data=lambda w: {"email": "another@example.org", "message": ""},
        effect=lambda w: Invitation.objects.filter(proposal=w.proposal).count(),
    ),
    post(
        "invitation-revoke",
        "invitation_revoke",
        {"lead"},
        refused=NOT_LEAD,
        args=lambda w: [w.proposal.pk, w.invitation.pk],
        effect=lambda w: Invitation.objects.values_list("revoked_at", flat=True).get(pk=w.invitation.pk),
    ),
    post(
        "invitation-resend",
        "invitation_resend",
        {"lead"},
        refused=NOT_LEAD,
        args=lambda w: [w.proposal.pk, w.invitation.pk],
    ),
    get(
        "co-applicant-remove-confirm",
        "co_applicant_remove",
        {"lead"},
        refused=NOT_LEAD,
        args=lambda w: [w.proposal.pk, w.people["co_applicant"].pk],
    ),
    post(
        "co-applicant-remove",
        "co_applicant_remove",
        {"lead"},
        refused=NOT_LEAD,
        args=lambda w: [w.proposal.pk, w.people["co_applicant"].pk],
        effect=lambda w: CoApplicant.objects.filter(proposal=w.proposal).count(),
    ),
    # The invitation link is its own key: whoever holds it sees whom it is from and for which proposal
    # (even before signing in), but only the invited address may accept it.
    get(
        "invitation-page",
        "invitation",
        MEMBERS,
        anonymous=200,
        args=lambda w: [w.invitation.token],
        reveals=frozenset({INVITEE}),  # "sent to newcomer@…": which address to sign in with
    ),
    post(
        "invitation-accept",
        "invitation",
        NOBODY,
        refused=MEMBERS,
        anonymous=LOGIN,
        args=lambda w: [w.invitation.token],
        effect=lambda w: CoApplicant.objects.filter(proposal=w.proposal).count(),
    ),
]

MENTOR_STEPS = MENTORS | {"group_lead"}

WORKFLOW = [
    get(
        "withdraw-confirm",
        "proposal_transition",
        {"lead"},
        refused=NOT_LEAD,
        args=lambda w: [w.proposal.pk, "withdraw"],
    ),
    post(
        "withdraw",
        "proposal_transition",
        {"lead"},
        refused=NOT_LEAD,
        args=lambda w: [w.proposal.pk, "withdraw"],
        effect=_state,
    ),
    get(
        "mark-ready-confirm",
        "proposal_transition",
        MENTOR_STEPS,
        refused=APPLICANTS,
        args=lambda w: [w.proposal.pk, "mark_ready"],
    ),
    post(
        "mark-ready",
        "proposal_transition",
        MENTOR_STEPS,
        refused=APPLICANTS,
        args=lambda w: [w.proposal.pk, "mark_ready"],
        effect=_state,
    ),
]

# Mentoring and feedback actions are refused to readers with 404: their forms are never shown to them.
MENTORING = [
    # Sending for review already asked for a mentor, so asking again changes nothing.
    post("mentoring-request", "mentoring_request", {"lead"}, refused=NOT_LEAD, refused_status=404),
    post(
        "mentor-assign",
        "mentor_assign",
        {"group_lead"},
        refused=READERS - {"group_lead"},
        refused_status=404,
        data=lambda w: {"mentor": w.people["other_mentor"].pk},
        effect=_active_mentors,
    ),
    post(
        "mentor-unassign",
        "mentor_unassign",
        {"group_lead"},
        refused=READERS - {"group_lead"},
        refused_status=404,
        args=lambda w: [w.proposal.pk, w.people["drafting_mentor"].pk],
        effect=_active_mentors,
    ),
]

FEEDBACK = [
    post(
        "comment-add",
        "comment_add",
        MENTORS,
        refused=READERS - MENTORS,
        refused_status=404,
        data=lambda w: {"section": "methods", "quote": "", "body": "Consider a pilot first."},
        effect=_comments,
    ),
    post(
        "comment-reply",
        "comment_reply",
        APPLICANTS | MENTORS,
        refused={"group_lead"},
        refused_status=404,
        args=lambda w: [w.proposal.pk, w.comment.pk],
        data=lambda w: {"body": "Thank you."},
        effect=_comments,
    ),
    post(
        "comment-address",
        "comment_address",
        APPLICANTS,
        refused=MENTOR_STEPS,
        refused_status=404,
        args=lambda w: [w.proposal.pk, w.comment.pk],
        effect=_addressed(lambda w: w.comment),
    ),
    post(
        "comment-reopen",
        "comment_reopen",
        APPLICANTS,
        refused=MENTOR_STEPS,
        refused_status=404,
        args=lambda w: [w.proposal.pk, w.answered.pk],
        effect=_addressed(lambda w: w.answered),
    ),
    # The mentor who has submitted is sent to the (read-only) review; the drafting mentor writes.
    get(
        "review-edit",
        "review_edit",
        MENTORS,
        refused=APPLICANTS | {"group_lead"},
        refused_status=404,
        only={"mentor": 302},
    ),
    post(
        "review-save",
        "review_edit",
        MENTORS,
        refused=APPLICANTS | {"group_lead"},
        refused_status=404,
        data=lambda w: {"score_design": "4", "recommendation": "", "summary": "Nearly there."},
        effect=lambda w: sorted(w.proposal.reviews.values_list("summary", flat=True)),
        changes=frozenset({"drafting_mentor"}),
    ),
]

MEMBER_PAGES = [
    get("proposal-list", "proposal_list", MEMBERS, args=lambda w: []),
    get("proposal-new", "proposal_new", MEMBERS, args=lambda w: []),
    post(
        "proposal-start",
        "proposal_new",
        MEMBERS,
        args=lambda w: [],
        data=lambda w: {"title": "A new idea", "topics": ""},
        effect=lambda w: Proposal.objects.count(),
    ),
    get("dashboard", "dashboard", {"group_lead"}, args=lambda w: []),
    get("dashboard-proposals", "dashboard_proposals", {"group_lead"}, args=lambda w: []),
    get("dashboard-csv", "dashboard_csv", {"group_lead"}, args=lambda w: []),
]

MATRIX: list[Row] = [*PROPOSAL_PAGES, *EDITING, *TEAM, *WORKFLOW, *MENTORING, *FEEDBACK, *MEMBER_PAGES]


# The tests --------------------------------------------------------------------------------------


def _outcome(response) -> int | str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def _request(client, row: Row, world) -> object:
    url = reverse(f"grants:{row.name}", args=row.args(world))
    if row.method == "GET":
        return client.get(url, row.query or {})
    return client.post(url, row.data(world) if row.data else {})


@pytest.mark.parametrize("row", MATRIX, ids=[row.id for row in MATRIX])
def test_permission_matrix(client, world, row):
    """Each role, by direct URL, gets what the table says; a refused POST leaves no trace; no page shows
    a secret (a draft review, an invitee's address) to whoever may not see it."""
    title = world.proposal.title
    changes = row.ok if row.changes is None else row.changes
    wrong = []
    for role in ROLES:
        with transaction.atomic():
            client.logout()
            if world.people[role] is not None:
                client.force_login(world.people[role])
            before = row.effect(world) if row.effect else None
            response = _request(client, row, world)
            after = row.effect(world) if row.effect else None
            transaction.set_rollback(True)
        expected, got = row.expected(role), _outcome(response)
        if got != expected:
            wrong.append(f"{role}: expected {expected}, got {got}")
        elif got == 404 and title in response.content.decode():
            wrong.append(f"{role}: the 404 page shows the proposal's title")
        elif got == 200 and not response.streaming:
            content = response.content.decode()
            for secret, allowed in SECRETS.items():
                if role not in allowed and secret not in row.reveals and secret in content:
                    wrong.append(f"{role}: the page shows {secret!r}")
            if role in row.ok and row.shows and row.shows not in content:
                wrong.append(f"{role}: the page does not show {row.shows!r}")
        if row.effect and (before != after) != (role in changes):
            wrong.append(f"{role}: effect {'missing' if role in changes else 'happened'} ({before!r} -> {after!r})")
    assert not wrong, f"{row.method} {row.name} ({row.id}):\n" + "\n".join(wrong)


@pytest.fixture
def elsewhere(world, django_capture_on_commit_callbacks) -> SimpleNamespace:
    """A second proposal, in review, with one of everything; none of the world's people are on it."""
    lead, mentor = LearnerFactory(), MentorFactory()
    proposal = proposal_make(lead=lead, complete=True, title="A proposal nobody here may see")
    co_applicant = co_applicant_add(proposal=proposal)
    mentor_assign(proposal=proposal, mentor=mentor)
    with django_capture_on_commit_callbacks(execute=True):
        attachment = attachment_add(
            proposal=proposal,
            upload=SimpleUploadedFile("theirs.pdf", PDF_BYTES, content_type="application/pdf"),
            by=lead,
        )
        proposal_transition(proposal=proposal, name="send_for_review", by=lead)
        comment = comment_add(proposal=proposal, by=mentor, section="aims", body="Elsewhere.")
        review = review_save(proposal=proposal, by=mentor, scores=SCORES, recommendation="ready", submit=True)
        invitation = invitation_create(proposal=proposal, email="theirs@example.org", by=lead)
    export = proposal_export_request(proposal=proposal, by=lead)  # not built: it need only exist
    return SimpleNamespace(
        proposal=proposal,
        co_applicant=co_applicant,
        attachment=attachment,
        comment=comment,
        review=review,
        invitation=invitation,
        export=export,
    )


def test_the_timeline_names_invitees_to_the_applicants_only(client, world):
    """Mentors and group leads read that someone was invited, not their e-mail address (as on the team page)."""
    url = reverse("grants:proposal_activity", args=[world.proposal.pk])
    for role in READERS:
        client.force_login(world.people[role])
        content = client.get(url).content.decode()
        assert "invited a co-applicant" in content, role
        assert (INVITEE in content) == (role in APPLICANTS), role


#: (method, URL name, extra URL arguments after this proposal's id) for another proposal's objects.
FOREIGN = [
    ("GET", "attachment_download", lambda o: [o.attachment.pk]),
    ("GET", "attachment_remove", lambda o: [o.attachment.pk]),
    ("POST", "attachment_remove", lambda o: [o.attachment.pk]),
    ("GET", "export_detail", lambda o: [o.export.pk]),
    ("GET", "export_download", lambda o: [o.export.pk]),
    ("POST", "invitation_revoke", lambda o: [o.invitation.pk]),
    ("POST", "invitation_resend", lambda o: [o.invitation.pk]),
    ("GET", "co_applicant_remove", lambda o: [o.co_applicant.pk]),
    ("POST", "co_applicant_remove", lambda o: [o.co_applicant.pk]),
    ("POST", "comment_reply", lambda o: [o.comment.pk]),
    ("POST", "comment_address", lambda o: [o.comment.pk]),
    ("POST", "comment_reopen", lambda o: [o.comment.pk]),
    ("GET", "review_detail", lambda o: [o.review.pk]),
    ("GET", "version_detail", lambda o: [3]),
    ("GET", "section_edit", lambda o: ["no_such_section"]),
    ("GET", "proposal_transition", lambda o: ["no_such_step"]),
]


def test_another_proposals_things_are_not_found_through_this_one(client, world, elsewhere):
    """By this proposal's address, its lead (who may do everything here) finds nothing of another proposal's."""
    client.force_login(world.people["lead"])
    wrong = []
    for method, name, extra in FOREIGN:
        url = reverse(f"grants:{name}", args=[world.proposal.pk, *extra(elsewhere)])
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, {"body": "Hello"})
            transaction.set_rollback(True)
        if response.status_code != 404:
            wrong.append(f"{method} {name}: {response.status_code}")
        elif elsewhere.proposal.title in response.content.decode():
            wrong.append(f"{method} {name}: the 404 page shows the other proposal's title")
    assert not wrong, "\n".join(wrong)


def _pattern_names(patterns) -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _pattern_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"grants URL {pattern.pattern} has no name, so the matrix cannot name it"
            names.add(pattern.name)
    return names


def test_every_grants_url_is_in_the_matrix():
    """A view added to grants.urls without a row in the matrix fails here."""
    missing = _pattern_names(grants_urls.urlpatterns) - {row.name for row in MATRIX}
    assert not missing, f"add these grants URLs to the permission matrix: {sorted(missing)}"


def test_the_matrix_rows_are_unique_and_complete():
    """A check of the table itself: ids are unique, each POST row is a real POST, each role has an expectation."""
    ids = [row.id for row in MATRIX]
    assert len(ids) == len(set(ids))
    assert {row.method for row in MATRIX} == {"GET", "POST"}
    assert all(row.method == "POST" or row.data is None for row in MATRIX)
    assert all(row.expected(role) in {200, 302, 403, 404, LOGIN} for row in MATRIX for role in ROLES)


# Query counts of the member's proposal list ------------------------------------------------------


def _list_queries(client, django_assert_max_num_queries, user) -> int:
    client.force_login(user)
    url = reverse("grants:proposal_list")
    client.get(url)  # warm the session and site caches
    with django_assert_max_num_queries(30) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _proposals_for(member, numbers: range, *, calls) -> None:
    """For each of `numbers`, a proposal led by `member`, one they co-write and one they mentor.

    Every other one is for one of `calls` (the rest for none); each has other co-applicants and mentors too.
    """
    for index in numbers:
        call = calls[index % len(calls)] if index % 2 == 0 else None
        led = proposal_make(lead=member, title=f"Led {index}", call=call)
        co_applicant_add(proposal=led)
        co_written = proposal_make(title=f"Co-written {index}", call=call)
        co_applicant_add(proposal=co_written, user=member)
        mentor_assign(proposal=co_written)
        mentored = proposal_make(title=f"Mentored {index}", call=call)
        co_applicant_add(proposal=mentored)
        mentor_assign(proposal=mentored, mentor=member)


def test_proposal_list_queries_do_not_grow_with_proposals(client, django_assert_max_num_queries, site_pages):
    """The same number of queries for one proposal in each table as for eight."""
    index = FundingCallIndexPageFactory(parent=site_pages["home"])
    calls = [FundingCallPageFactory(parent=index) for _ in range(3)]
    member = MentorFactory()  # a mentor who also writes proposals: both tables are shown
    _proposals_for(member, range(1), calls=calls)
    small = _list_queries(client, django_assert_max_num_queries, member)
    _proposals_for(member, range(1, 8), calls=calls)
    large = _list_queries(client, django_assert_max_num_queries, member)
    response = client.get(reverse("grants:proposal_list"))
    content = response.content.decode()
    assert all(f"{kind} {n}" in content for kind in ("Led", "Co-written", "Mentored") for n in range(8))
    assert large == small


def test_proposal_list_shows_only_the_members_own(client, world):
    """Readers by office (group leads) and strangers see none of the proposal in their list: it is for their own."""
    title = world.proposal.title
    for role in ROLES[:-1]:
        client.force_login(world.people[role])
        content = client.get(reverse("grants:proposal_list")).content.decode()
        assert (title in content) == (role in APPLICANTS | MENTORS), role
