"""The proposal workflow: the whole transition table, the checklist gate, the page, the panel and notifications."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Notification, NotificationKind
from grants import workflow
from grants.models import ActivityVerb, Proposal, ProposalState, ProposalVersion
from grants.services.workflow import TransitionNotAllowed, proposal_transition
from tests.grants.factories import proposal_make

pytestmark = pytest.mark.django_db

ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]
READERS = {"lead", "co_applicant", "mentor", "group_lead"}
#: The workflow role each person in the proposal_people fixture holds on its proposal.
WORKFLOW_ROLE = {
    "lead": workflow.LEAD,
    "co_applicant": workflow.CO_APPLICANT,
    "mentor": workflow.MENTOR,
    "group_lead": workflow.GROUP_LEAD,
}


def _user(people, role):
    from django.contrib.auth.models import AnonymousUser

    return people[role] if people[role] is not None else AnonymousUser()


def _set_state(proposal, state):
    Proposal.objects.filter(pk=proposal.pk).update(state=state)
    proposal.state = state


def _expected(transition, state, role) -> str:
    if WORKFLOW_ROLE.get(role) not in transition.roles:
        return "denied"
    if state not in transition.sources:
        return "not_allowed"
    return "allowed"


@pytest.mark.parametrize("state", list(ProposalState))
@pytest.mark.parametrize("transition", workflow.TRANSITIONS, ids=lambda t: t.name)
def test_transition_table(proposal_people, transition, state):
    """Every transition from every state, for each role: allowed, PermissionDenied or TransitionNotAllowed."""
    proposal = proposal_people["proposal"]
    outcomes = {}
    for role in ROLES:
        _set_state(proposal, state)
        try:
            moved = proposal_transition(
                proposal=proposal, name=transition.name, by=_user(proposal_people, role), amount=Decimal("1000")
            )
        except PermissionDenied:
            outcomes[role] = "denied"
        except TransitionNotAllowed:
            outcomes[role] = "not_allowed"
        else:
            outcomes[role] = "allowed"
            assert moved.state == transition.target
            assert Proposal.objects.get(pk=proposal.pk).state == transition.target
    assert outcomes == {role: _expected(transition, state, role) for role in ROLES}


def test_refusal_for_the_wrong_state_says_why(proposal_people):
    proposal = proposal_people["proposal"]
    _set_state(proposal, ProposalState.IN_REVIEW)
    with pytest.raises(TransitionNotAllowed) as caught:
        proposal_transition(proposal=proposal, name="send_for_review", by=proposal_people["lead"])
    assert caught.value.message == "This proposal is already in mentor review, so it can't be sent for review again."
    _set_state(proposal, ProposalState.DRAFT)
    with pytest.raises(TransitionNotAllowed) as caught:
        proposal_transition(proposal=proposal, name="submit_to_funder", by=proposal_people["lead"])
    assert "still a draft" in caught.value.message


def test_send_for_review_needs_the_checklist(learner):
    proposal = proposal_make(lead=learner, complete=False, lay_summary="Only this so far.")
    with pytest.raises(TransitionNotAllowed) as caught:
        proposal_transition(proposal=proposal, name="send_for_review", by=learner)
    assert "Research question written" in caught.value.missing
    assert "Budget has at least one costed line" in caught.value.missing
    assert "Lay summary written" not in caught.value.missing
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT
    assert not ProposalVersion.objects.filter(proposal=proposal).exists()


def test_send_for_review_freezes_a_version_and_records_it(proposal_people):
    proposal, lead = proposal_people["proposal"], proposal_people["lead"]
    moved = proposal_transition(proposal=proposal, name="send_for_review", by=lead, note="  Over  to you ")
    assert moved.state == ProposalState.IN_REVIEW
    assert moved.mentoring_requested_at is not None
    assert proposal.state == ProposalState.IN_REVIEW  # the caller's object follows
    version = moved.versions.get()
    assert version.number == 1 and version.created_by == lead
    entry = moved.activities.filter(verb=ActivityVerb.STATE_CHANGED).get()
    assert (entry.from_state, entry.to_state, entry.detail, entry.actor) == ("draft", "in_review", "Over to you", lead)
    assert moved.activities.filter(verb=ActivityVerb.VERSION_FROZEN, detail="Version 1").exists()

    # Back for revisions and sent again: a second version; the first request date is kept.
    first_requested = moved.mentoring_requested_at
    proposal_transition(proposal=moved, name="request_revisions", by=proposal_people["mentor"])
    again = proposal_transition(proposal=moved, name="send_for_review", by=lead)
    assert list(again.versions.values_list("number", flat=True)) == [1, 2]
    assert again.mentoring_requested_at == first_requested


def test_record_awarded_stores_the_amount_and_needs_one(proposal_people):
    proposal = proposal_people["proposal"]
    _set_state(proposal, ProposalState.SUBMITTED)
    with pytest.raises(ValidationError):
        proposal_transition(proposal=proposal, name="record_awarded", by=proposal_people["group_lead"])
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.SUBMITTED
    moved = proposal_transition(
        proposal=proposal, name="record_awarded", by=proposal_people["group_lead"], amount=Decimal("148500.00")
    )
    assert moved.amount_awarded == Decimal("148500.00") and moved.state == ProposalState.AWARDED


def test_applicants_and_mentors_are_told_but_not_the_actor(proposal_people, django_capture_on_commit_callbacks):
    proposal, lead = proposal_people["proposal"], proposal_people["lead"]
    with django_capture_on_commit_callbacks(execute=True):
        proposal_transition(proposal=proposal, name="send_for_review", by=lead, note="Ready for you")
    told = set(Notification.objects.filter(kind=NotificationKind.STATE_CHANGED).values_list("recipient", flat=True))
    assert told == {proposal_people["co_applicant"].pk, proposal_people["mentor"].pk}
    note = Notification.objects.filter(recipient=proposal_people["mentor"]).get()
    assert "in mentor review" in note.message and "Ready for you" in note.message
    assert note.url == proposal.get_absolute_url()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [proposal_people["co_applicant"].email, proposal_people["mentor"].email]
    )


# The page ----------------------------------------------------------------------------------


def _url(proposal, name):
    return reverse("grants:proposal_transition", args=[proposal.pk, name])


@pytest.mark.parametrize("role", ROLES)
def test_transition_post_permissions(client, proposal_people, role):
    """Withdraw (lead only) by every role: non-readers 404, readers without the role 403, anonymous to log in."""
    proposal = proposal_people["proposal"]
    if proposal_people[role] is not None:
        client.force_login(proposal_people[role])
    response = client.post(_url(proposal, "withdraw"), {"note": "No longer feasible"})
    proposal.refresh_from_db()
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role == "lead":
        assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
        assert proposal.state == ProposalState.WITHDRAWN
    elif role in READERS:
        assert response.status_code == 403
        assert "Only the lead applicant can take this step." in response.content.decode()
        assert "No longer feasible" in response.content.decode()
    else:
        assert response.status_code == 404
        assert proposal.title not in response.content.decode()
    if role != "lead":
        assert proposal.state == ProposalState.DRAFT


def test_wrong_state_is_409_with_the_note_kept(client, proposal_people):
    proposal = proposal_people["proposal"]
    _set_state(proposal, ProposalState.IN_REVIEW)
    client.force_login(proposal_people["lead"])
    response = client.post(_url(proposal, "send_for_review"), {"note": "Please look at the methods"})
    assert response.status_code == 409
    content = response.content.decode()
    assert "already in mentor review, so it can&#x27;t be sent for review again" in content
    assert "Please look at the methods" in content


def test_incomplete_checklist_is_listed(client, learner):
    proposal = proposal_make(lead=learner, complete=False)
    client.force_login(learner)
    response = client.get(_url(proposal, "send_for_review"))
    assert response.status_code == 409
    assert "Aims and objectives written" in response.content.decode()
    response = client.post(_url(proposal, "send_for_review"), {"note": "Keep me"})
    assert response.status_code == 409
    assert "Aims and objectives written" in response.content.decode() and "Keep me" in response.content.decode()


def test_unknown_transition_is_404(client, proposal_people):
    client.force_login(proposal_people["lead"])
    assert client.get(_url(proposal_people["proposal"], "publish")).status_code == 404


def test_withdraw_is_confirmed_first(client, proposal_people):
    client.force_login(proposal_people["lead"])
    response = client.get(_url(proposal_people["proposal"], "withdraw"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "can't be undone" in content and 'name="note"' in content
    assert Proposal.objects.get(pk=proposal_people["proposal"].pk).state == ProposalState.DRAFT


def test_recording_an_award_asks_the_amount_in_pounds(client, proposal_people, django_capture_on_commit_callbacks):
    proposal = proposal_people["proposal"]
    _set_state(proposal, ProposalState.SUBMITTED)
    client.force_login(proposal_people["lead"])
    url = _url(proposal, "record_awarded")
    assert 'name="amount"' in client.get(url).content.decode()
    response = client.post(url, {"amount": "", "note": "Great news"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode() and "Great news" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"amount": "£148,500", "note": "Great news"}, follow=True)
    assert "Recorded as awarded" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.AWARDED and proposal.amount_awarded == Decimal("148500.00")


def test_send_for_review_from_the_overview_button(client, proposal_people):
    proposal = proposal_people["proposal"]
    client.force_login(proposal_people["lead"])
    overview = client.get(proposal.get_absolute_url()).content.decode()
    assert "Send for mentor review" in overview and f'action="{_url(proposal, "send_for_review")}"' in overview
    response = client.post(_url(proposal, "send_for_review"), follow=True)
    assert "Version 1 is frozen" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "state", "shown", "hidden"),
    [
        ("lead", ProposalState.DRAFT, ["Send for mentor review", "Withdraw the proposal"], ["Request revisions"]),
        ("co_applicant", ProposalState.DRAFT, [], ["Send for mentor review", "Next steps"]),
        ("mentor", ProposalState.DRAFT, [], ["Next steps"]),
        ("mentor", ProposalState.IN_REVIEW, ["Request revisions", "Mark ready to submit"], ["Withdraw the proposal"]),
        ("group_lead", ProposalState.SUBMITTED, ["Record: awarded", "Record: not funded"], ["Withdraw"]),
    ],
)
def test_overview_shows_the_steps_each_member_may_take(client, proposal_people, role, state, shown, hidden):
    proposal = proposal_people["proposal"]
    _set_state(proposal, state)
    client.force_login(proposal_people[role])
    content = client.get(proposal.get_absolute_url()).content.decode()
    for text in shown:
        assert text in content
    for text in hidden:
        assert text not in content
