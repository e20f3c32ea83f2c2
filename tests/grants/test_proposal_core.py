"""Proposals: who may see them, the overview page and its query count, starting one."""

import pytest
from django.urls import reverse

from grants.models import ActivityVerb, Proposal, ProposalSection
from grants.sections import SECTION_KEYS
from grants.selectors.proposals import proposals_visible_to
from tests.accounts.factories import LearnerFactory
from tests.grants.factories import co_applicant_add, mentor_assign, proposal_make

pytestmark = pytest.mark.django_db

READERS = {"lead", "co_applicant", "mentor", "group_lead"}
ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]


@pytest.mark.parametrize("role", ROLES)
def test_overview_is_shown_only_to_readers(client, proposal_people, role):
    proposal = proposal_people["proposal"]
    if proposal_people[role] is not None:
        client.force_login(proposal_people[role])
    response = client.get(reverse("grants:proposal_detail", args=[proposal.pk]))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in READERS:
        assert response.status_code == 200
        assert proposal.title in response.content.decode()
    else:
        assert response.status_code == 404
        assert proposal.title not in response.content.decode()


@pytest.mark.parametrize("role", ROLES[:-1])
def test_list_side_matches_the_predicate(proposal_people, role):
    visible = set(proposals_visible_to(user=proposal_people[role]).values_list("pk", flat=True))
    assert (proposal_people["proposal"].pk in visible) == (role in READERS)


def test_proposal_create_makes_every_section_and_records_it(client):
    lead = LearnerFactory()
    client.force_login(lead)
    response = client.post(
        reverse("grants:proposal_new"), {"title": "  Family presence   on ward rounds ", "topics": "family, PICU"}
    )
    proposal = Proposal.objects.get(lead=lead)
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    assert proposal.title == "Family presence on ward rounds"
    assert set(ProposalSection.objects.filter(proposal=proposal).values_list("key", flat=True)) == set(SECTION_KEYS)
    assert sorted(proposal.topics.names()) == ["PICU", "family"]
    assert proposal.activities.get().verb == ActivityVerb.CREATED


def test_proposal_create_keeps_input_on_error(client):
    client.force_login(LearnerFactory())
    response = client.post(reverse("grants:proposal_new"), {"title": "", "topics": "sepsis"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert 'value="sepsis"' in response.content.decode()


def _overview_queries(client, django_assert_max_num_queries, proposal, user, budget):
    client.force_login(user)
    url = reverse("grants:proposal_detail", args=[proposal.pk])
    client.get(url)  # warm the session and site caches
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_overview_queries_do_not_grow_with_people(client, django_assert_max_num_queries):
    lead = LearnerFactory()
    proposal = proposal_make(lead=lead, complete=True)
    small = _overview_queries(client, django_assert_max_num_queries, proposal, lead, 40)
    for _ in range(5):
        co_applicant_add(proposal=proposal)
        mentor_assign(proposal=proposal)
    large = _overview_queries(client, django_assert_max_num_queries, proposal, lead, 40)
    assert large == small
