"""Mentoring: asking for a mentor, suggestions ranked by shared topics and load, assigning and removing mentors."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Notification, NotificationKind
from grants.models import ActivityVerb, MentorAssignment, ProposalState
from grants.permissions import proposal_view_allowed
from grants.selectors.mentoring import mentor_options, mentor_suggestions
from grants.services.mentoring import mentor_assign, mentor_unassign, mentoring_request
from tests.accounts.factories import GroupLeadFactory, LearnerFactory, MentorFactory
from tests.grants.factories import co_applicant_add, proposal_make
from tests.grants.factories import mentor_assign as mentor_assign_directly

pytestmark = pytest.mark.django_db

ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]
READERS = {"lead", "co_applicant", "mentor", "group_lead"}


def _mentor(name: str, expertise=(), capacity: int = 3):
    first, last = name.split()
    mentor = MentorFactory(first_name=first, last_name=last, mentoring_capacity=capacity)
    if expertise:
        mentor.expertise.set(list(expertise))
    return mentor


def _load(mentor, count: int, state=ProposalState.DRAFT):
    for _ in range(count):
        proposal = proposal_make()
        if state != ProposalState.DRAFT:
            proposal.state = state
            proposal.save(update_fields=["state"])
        mentor_assign_directly(proposal=proposal, mentor=mentor)


# Asking for a mentor ------------------------------------------------------------------------------


def test_request_sets_the_time_records_and_tells_every_group_lead_once(proposal_people):
    proposal, lead = proposal_people["proposal"], proposal_people["lead"]
    other_lead = GroupLeadFactory()
    assert mentoring_request(proposal=proposal, by=lead, note="  My first   grant: the sample size ") is True
    proposal.refresh_from_db()
    first_time = proposal.mentoring_requested_at
    assert first_time is not None
    activity = proposal.activities.get(verb=ActivityVerb.MENTORING_REQUESTED)
    assert activity.actor == lead and activity.detail == "My first grant: the sample size"
    told = Notification.objects.filter(kind=NotificationKind.MENTORING_REQUESTED)
    assert {n.recipient for n in told} == {proposal_people["group_lead"], other_lead}
    assert "My first grant" in told.first().message
    assert told.first().url == reverse("grants:proposal_mentors", args=[proposal.pk])
    assert len(mail.outbox) == 2

    # Asking again changes nothing and tells nobody twice.
    assert mentoring_request(proposal=proposal, by=lead) is False
    proposal.refresh_from_db()
    assert proposal.mentoring_requested_at == first_time
    assert told.count() == 2
    assert proposal.activities.filter(verb=ActivityVerb.MENTORING_REQUESTED).count() == 1


@pytest.mark.parametrize("role", ["co_applicant", "mentor", "group_lead", "other_member"])
def test_only_the_lead_may_ask_for_a_mentor(proposal_people, role):
    with pytest.raises(PermissionDenied):
        mentoring_request(proposal=proposal_people["proposal"], by=proposal_people[role])


def test_ask_from_the_overview_returns_there(client, proposal_people):
    lead = LearnerFactory()
    proposal = proposal_make(lead=lead)
    client.force_login(lead)
    overview = client.get(proposal.get_absolute_url()).content.decode()
    assert "Ask for a mentor" in overview and 'for="mentoring-note"' in overview
    response = client.post(
        reverse("grants:mentoring_request", args=[proposal.pk]), {"note": "Help with PPI", "return_to": "overview"}
    )
    assert response["Location"] == proposal.get_absolute_url()
    overview = client.get(proposal.get_absolute_url()).content.decode()
    assert "A mentor was asked for on" in overview and 'for="mentoring-note"' not in overview
    mentors_page = client.get(reverse("grants:proposal_mentors", args=[proposal.pk])).content.decode()
    assert "Help with PPI" in mentors_page


def test_a_too_long_note_is_refused_next_to_the_field_and_kept(client, proposal_people):
    proposal = proposal_people["proposal"]
    client.force_login(proposal_people["lead"])
    note = "x" * 501
    response = client.post(reverse("grants:mentoring_request", args=[proposal.pk]), {"note": note})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ensure this value has at most 500 characters" in content
    assert note in content
    proposal.refresh_from_db()
    assert proposal.mentoring_requested_at is None


# Suggestions --------------------------------------------------------------------------------------


@pytest.fixture
def ranked():
    """A proposal on three topics, and mentors whose expertise and load differ."""
    lead = LearnerFactory()
    proposal = proposal_make(lead=lead)
    proposal.topics.set(["Sepsis", "PICU", "early warning"])
    mentors = {
        "two_light": _mentor("Ada Two", ["sepsis", "picu", "ventilation"]),
        "two_busy": _mentor("Bea Busy", ["SEPSIS", "Picu"], capacity=2),
        "one_light": _mentor("Cai One", ["Early Warning"]),
        "one_full": _mentor("Dee Full", ["picu"], capacity=1),
        "none": _mentor("Eve None", ["nutrition"]),
        "applicant": _mentor("Fay Applicant", ["sepsis", "picu", "early warning"]),
        "assigned": _mentor("Gus Assigned", ["sepsis", "picu", "early warning"]),
    }
    _load(mentors["two_busy"], 2)
    _load(mentors["one_full"], 1, state=ProposalState.IN_REVIEW)
    # Neither an ended assignment nor one on a proposal with the funder counts towards load.
    _load(mentors["one_light"], 1, state=ProposalState.SUBMITTED)
    _load(mentors["none"], 1)
    MentorAssignment.objects.filter(mentor=mentors["none"]).update(ended_at="2024-01-01T00:00:00Z")
    co_applicant_add(proposal=proposal, user=mentors["applicant"])
    mentor_assign_directly(proposal=proposal, mentor=mentors["assigned"])
    LearnerFactory()  # not a mentor: never suggested
    return proposal, mentors


def test_suggestions_rank_by_shared_topics_then_load_then_name(ranked):
    proposal, mentors = ranked
    options = mentor_suggestions(proposal=proposal)
    assert [o.mentor for o in options] == [
        mentors["two_light"],
        mentors["two_busy"],
        mentors["one_light"],
        mentors["one_full"],
        mentors["none"],
    ]
    by_mentor = {o.mentor: o for o in options}
    assert by_mentor[mentors["two_light"]].shared_topics == ("PICU", "Sepsis")
    assert by_mentor[mentors["one_light"]].shared_topics == ("early warning",)
    assert by_mentor[mentors["none"]].shared_topics == ()
    assert [by_mentor[mentors[k]].load for k in ("two_light", "two_busy", "one_light", "one_full", "none")] == [
        0,
        2,
        0,
        1,
        0,
    ]


def test_suggestions_flag_mentors_at_or_over_capacity(ranked):
    proposal, mentors = ranked
    by_mentor = {o.mentor: o for o in mentor_options(proposal=proposal)}
    assert by_mentor[mentors["two_busy"]].at_capacity and not by_mentor[mentors["two_busy"]].over_capacity
    assert by_mentor[mentors["one_full"]].at_capacity
    assert not by_mentor[mentors["two_light"]].at_capacity
    _load(mentors["one_full"], 1)
    by_mentor = {o.mentor: o for o in mentor_options(proposal=proposal)}
    assert by_mentor[mentors["one_full"]].over_capacity


def test_ties_are_broken_by_name_and_the_limit_holds():
    proposal = proposal_make()
    names = ["Zoe Zed", "Amy Able", "Mo Mid"]
    for name in names:
        _mentor(name)
    assert [str(o.mentor) for o in mentor_suggestions(proposal=proposal)] == ["Amy Able", "Mo Mid", "Zoe Zed"]
    assert len(mentor_suggestions(proposal=proposal, limit=2)) == 2


def test_suggestions_cost_a_fixed_number_of_queries(django_assert_num_queries):
    proposal = proposal_make()
    proposal.topics.set(["sepsis"])
    _mentor("One Mentor", ["sepsis"])
    with django_assert_num_queries(5) as small:
        mentor_suggestions(proposal=proposal)
    for index in range(8):
        mentor = _mentor(f"Extra Mentor{index}", ["sepsis", f"topic {index}"])
        _load(mentor, 1)
    with django_assert_num_queries(len(small)):
        assert len(mentor_suggestions(proposal=proposal)) == 9


# Assigning and removing ---------------------------------------------------------------------------


def test_assign_records_tells_the_mentor_and_applicants_and_is_idempotent(proposal_people):
    proposal, new_mentor = proposal_people["proposal"], proposal_people["other_mentor"]
    by = proposal_people["group_lead"]
    assert not proposal_view_allowed(user=new_mentor, proposal=proposal)
    assignment = mentor_assign(proposal=proposal, mentor=new_mentor, by=by)
    assert assignment.assigned_by == by and assignment.ended_at is None
    assert proposal_view_allowed(user=new_mentor, proposal=proposal)
    activity = proposal.activities.get(verb=ActivityVerb.MENTOR_ASSIGNED)
    assert activity.actor == by and activity.detail == str(new_mentor)
    told = Notification.objects.filter(kind=NotificationKind.MENTOR_ASSIGNED)
    assert {n.recipient for n in told} == {new_mentor, proposal_people["lead"], proposal_people["co_applicant"]}
    assert "asked to mentor" in told.get(recipient=new_mentor).message

    assert mentor_assign(proposal=proposal, mentor=new_mentor, by=by) == assignment
    assert told.count() == 3
    assert proposal.activities.filter(verb=ActivityVerb.MENTOR_ASSIGNED).count() == 1


@pytest.mark.parametrize("role", ["lead", "co_applicant", "mentor", "other_mentor", "other_member"])
def test_only_group_leads_assign_and_remove(proposal_people, role):
    proposal = proposal_people["proposal"]
    with pytest.raises(PermissionDenied):
        mentor_assign(proposal=proposal, mentor=proposal_people["other_mentor"], by=proposal_people[role])
    with pytest.raises(PermissionDenied):
        mentor_unassign(proposal=proposal, mentor=proposal_people["mentor"], by=proposal_people[role])


def test_assign_refuses_non_mentors_and_applicants(proposal_people):
    proposal, by = proposal_people["proposal"], proposal_people["group_lead"]
    with pytest.raises(ValidationError, match="is not a mentor"):
        mentor_assign(proposal=proposal, mentor=proposal_people["other_member"], by=by)
    mentoring_applicant = MentorFactory()
    co_applicant_add(proposal=proposal, user=mentoring_applicant)
    with pytest.raises(ValidationError, match="is an applicant"):
        mentor_assign(proposal=proposal, mentor=mentoring_applicant, by=by)
    assert not proposal.activities.filter(verb=ActivityVerb.MENTOR_ASSIGNED).exists()


def test_unassign_ends_the_assignment_and_the_access(proposal_people):
    proposal, mentor, by = proposal_people["proposal"], proposal_people["mentor"], proposal_people["group_lead"]
    assert mentor_unassign(proposal=proposal, mentor=mentor, by=by) is True
    assignment = MentorAssignment.objects.get(proposal=proposal, mentor=mentor)
    assert assignment.ended_at is not None
    assert not proposal_view_allowed(user=mentor, proposal=proposal)
    assert proposal.activities.get(verb=ActivityVerb.MENTOR_UNASSIGNED).detail == str(mentor)
    assert Notification.objects.filter(recipient=mentor, kind=NotificationKind.MENTOR_ASSIGNED).exists()
    assert mentor_unassign(proposal=proposal, mentor=mentor, by=by) is False
    # Assigned again later: a new assignment, the old one kept for the history.
    mentor_assign(proposal=proposal, mentor=mentor, by=by)
    assert MentorAssignment.objects.filter(proposal=proposal, mentor=mentor).count() == 2


def test_group_lead_sees_suggestions_and_assigns_with_a_capacity_warning(client, proposal_people):
    proposal, group_lead = proposal_people["proposal"], proposal_people["group_lead"]
    proposal.topics.set(["sepsis"])
    full = _mentor("Fran Full", ["Sepsis", "CFIR"], capacity=1)
    _load(full, 1)
    client.force_login(group_lead)
    content = client.get(reverse("grants:proposal_mentors", args=[proposal.pk])).content.decode()
    assert "Suggested mentors" in content
    assert "Fran Full" in content and "1 of 1" in content and "At capacity" in content
    assert escape(str(proposal_people["other_mentor"])) in content
    # An assigned mentor is listed as a mentor, not suggested.
    assert content.count(f'Assign<span class="visually-hidden"> {proposal_people["mentor"]}') == 0

    response = client.post(reverse("grants:mentor_assign", args=[proposal.pk]), {"mentor": full.pk}, follow=True)
    content = response.content.decode()
    assert "Fran Full is now mentoring this proposal" in content
    assert "already mentoring 1 of the 1 proposals" in content
    assert MentorAssignment.objects.active().filter(proposal=proposal, mentor=full).exists()


def test_assign_form_refuses_a_member_who_is_not_a_mentor(client, proposal_people):
    proposal = proposal_people["proposal"]
    client.force_login(proposal_people["group_lead"])
    response = client.post(
        reverse("grants:mentor_assign", args=[proposal.pk]), {"mentor": proposal_people["other_member"].pk}
    )
    assert response.status_code == 200
    assert "That member cannot be assigned to this proposal" in response.content.decode()
    response = client.post(reverse("grants:mentor_assign", args=[proposal.pk]), {"mentor": ""})
    assert "Choose a mentor to assign." in response.content.decode()
    assert not MentorAssignment.objects.filter(proposal=proposal, mentor=proposal_people["other_member"]).exists()


def test_applicants_see_the_mentors_but_no_suggestions(client, proposal_people):
    proposal = proposal_people["proposal"]
    proposal_people["mentor"].expertise.set(["trial design"])
    client.force_login(proposal_people["co_applicant"])
    content = client.get(reverse("grants:proposal_mentors", args=[proposal.pk])).content.decode()
    assert escape(str(proposal_people["mentor"])) in content and "trial design" in content
    assert "Suggested mentors" not in content
    assert escape(str(proposal_people["other_mentor"])) not in content
    assert "Ask for a mentor" not in content  # only the lead asks


# Who may do what ----------------------------------------------------------------------------------


def _as(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


def _expect(response, role, allowed: bool, ok_status: int = 302):
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif allowed:
        assert response.status_code == ok_status
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_mentors_page_matrix(client, proposal_people, role):
    _as(client, proposal_people, role)
    response = client.get(reverse("grants:proposal_mentors", args=[proposal_people["proposal"].pk]))
    _expect(response, role, role in READERS, ok_status=200)
    if role not in READERS:
        assert proposal_people["proposal"].title not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_assign_matrix(client, proposal_people, role):
    proposal, candidate = proposal_people["proposal"], proposal_people["other_mentor"]
    _as(client, proposal_people, role)
    response = client.post(reverse("grants:mentor_assign", args=[proposal.pk]), {"mentor": candidate.pk})
    _expect(response, role, role == "group_lead")
    assert MentorAssignment.objects.active().filter(proposal=proposal, mentor=candidate).exists() == (
        role == "group_lead"
    )


@pytest.mark.parametrize("role", ROLES)
def test_unassign_matrix(client, proposal_people, role):
    proposal, mentor = proposal_people["proposal"], proposal_people["mentor"]
    _as(client, proposal_people, role)
    response = client.post(reverse("grants:mentor_unassign", args=[proposal.pk, mentor.pk]))
    _expect(response, role, role == "group_lead")
    assert MentorAssignment.objects.active().filter(proposal=proposal, mentor=mentor).exists() == (role != "group_lead")


@pytest.mark.parametrize("role", ROLES)
def test_request_mentoring_matrix(client, proposal_people, role):
    proposal = proposal_people["proposal"]
    _as(client, proposal_people, role)
    response = client.post(reverse("grants:mentoring_request", args=[proposal.pk]), {"note": ""})
    _expect(response, role, role == "lead")
    proposal.refresh_from_db()
    assert (proposal.mentoring_requested_at is not None) == (role == "lead")


def test_nobody_assigns_mentors_once_the_proposal_is_final(proposal_people):
    proposal = proposal_people["proposal"]
    proposal.state = ProposalState.WITHDRAWN
    proposal.save(update_fields=["state"])
    with pytest.raises(PermissionDenied):
        mentor_assign(proposal=proposal, mentor=proposal_people["other_mentor"], by=proposal_people["group_lead"])
    with pytest.raises(PermissionDenied):
        mentoring_request(proposal=proposal, by=proposal_people["lead"])


# Query counts -------------------------------------------------------------------------------------


def _page_queries(client, django_assert_max_num_queries, url, budget=30):
    client.get(url)  # warm the session and site caches
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_mentors_page_queries_do_not_grow_with_mentors(client, proposal_people, django_assert_max_num_queries):
    proposal = proposal_people["proposal"]
    proposal.topics.set(["sepsis", "sedation"])
    client.force_login(proposal_people["group_lead"])
    url = reverse("grants:proposal_mentors", args=[proposal.pk])
    small = _page_queries(client, django_assert_max_num_queries, url)
    for index in range(6):
        mentor = _mentor(f"More Mentor{index}", ["sepsis", f"area {index}"])
        _load(mentor, 1)
        mentor_assign_directly(proposal=proposal, mentor=_mentor(f"Assigned Mentor{index}", ["sedation"]))
    assert _page_queries(client, django_assert_max_num_queries, url) == small


def test_overview_panel_shows_mentoring_cheaply(client, proposal_people, django_assert_max_num_queries):
    proposal = proposal_people["proposal"]
    client.force_login(proposal_people["lead"])
    url = proposal.get_absolute_url()
    small = _page_queries(client, django_assert_max_num_queries, url, budget=45)
    for _ in range(4):
        mentor_assign_directly(proposal=proposal)
    content = client.get(url).content.decode()
    assert "Mentored by" in content and escape(str(proposal_people["mentor"])) in content
    assert _page_queries(client, django_assert_max_num_queries, url, budget=45) == small
