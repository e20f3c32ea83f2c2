"""Writes on members: roles, organisations, profiles."""

import pytest

from accounts import roles
from accounts.models import Organisation
from accounts.services import member_joined, member_role_add, organisation_get_or_suggest, profile_update
from tests.accounts.factories import NewMemberFactory, OrganisationFactory


@pytest.mark.django_db
def test_member_joined_makes_a_learner():
    user = NewMemberFactory()
    member_joined(user=user)
    assert list(user.groups.values_list("name", flat=True)) == [roles.LEARNER]


@pytest.mark.django_db
def test_member_role_add_rejects_unknown_roles():
    with pytest.raises(ValueError):
        member_role_add(user=NewMemberFactory(), role="Admins")


@pytest.mark.django_db
def test_organisation_found_in_any_case_or_suggested_unverified():
    existing = OrganisationFactory(name="St Aidan's PICU")
    assert organisation_get_or_suggest(name="  st aidan's   picu ") == existing
    suggested = organisation_get_or_suggest(name="Riverside  Children's Hospital")
    assert suggested.name == "Riverside Children's Hospital"
    assert not suggested.is_verified
    assert Organisation.objects.count() == 2


@pytest.mark.django_db
def test_profile_update_saves_everything_and_marks_completion_once():
    user = NewMemberFactory()
    org = OrganisationFactory()
    profile_update(
        user=user,
        first_name=" Amira ",
        last_name="Okafor",
        professional_group="nurse",
        job_title="Staff nurse",
        organisation=org,
        works_at_bedside=True,
        research_experience="none",
        interests=["sepsis", "sedation"],
    )
    user.refresh_from_db()
    first_completed = user.profile_completed_at
    assert user.first_name == "Amira"
    assert user.organisation == org
    assert sorted(t.name for t in user.interests.all()) == ["sedation", "sepsis"]
    assert first_completed is not None
    profile_update(
        user=user,
        first_name="Amira",
        last_name="Okafor",
        professional_group="nurse",
        job_title="Sister",
        organisation=org,
        works_at_bedside=False,
        research_experience="some",
        interests=[],
    )
    user.refresh_from_db()
    assert user.profile_completed_at == first_completed
    assert user.works_at_bedside is False
    assert list(user.interests.all()) == []
