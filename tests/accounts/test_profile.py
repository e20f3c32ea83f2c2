"""The profile step after sign-up and the profile page."""

import pytest
from django.urls import reverse

from accounts.models import Organisation
from tests.accounts.factories import MentorFactory, NewMemberFactory, OrganisationFactory

VALID = {
    "first_name": "Amira",
    "last_name": "Okafor",
    "professional_group": "nurse",
    "job_title": "Staff nurse",
    "organisation": "St Aidan's PICU",
    "works_at_bedside": "yes",
    "research_experience": "none",
    "interests": "sepsis, Sepsis,  family care ,",
}


@pytest.mark.django_db
def test_profile_pages_need_a_log_in(client):
    for name in ("accounts:profile", "accounts:profile_setup"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_profile_step_saves_and_welcomes(client, site_pages):
    user = NewMemberFactory()
    OrganisationFactory(name="St Aidan's PICU")
    client.force_login(user)
    response = client.get(reverse("accounts:profile_setup"))
    assert response.status_code == 200
    assert b"Tell us about yourself" in response.content
    assert b"St Aidan&#x27;s PICU" in response.content  # offered in the datalist
    response = client.post(reverse("accounts:profile_setup"), VALID, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert b"Welcome, Amira" in response.content
    user.refresh_from_db()
    assert user.has_completed_profile
    assert user.works_at_bedside is True
    assert user.organisation.name == "St Aidan's PICU"
    assert sorted(t.name for t in user.interests.all()) == ["family care", "sepsis"]
    assert Organisation.objects.filter(name__iexact="St Aidan's PICU").count() == 1


@pytest.mark.django_db
def test_profile_errors_are_by_the_field_and_input_is_kept(client, site_pages):
    user = NewMemberFactory()
    client.force_login(user)
    data = {**VALID, "last_name": "", "organisation": "x"}
    response = client.post(reverse("accounts:profile_setup"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="error_1_id_last_name"' in content or "This field is required" in content
    assert "Enter the full name of your organisation." in content
    assert 'value="Amira"' in content
    assert 'value="Staff nurse"' in content
    user.refresh_from_db()
    assert not user.has_completed_profile


@pytest.mark.django_db
def test_completed_profile_step_redirects_to_profile(client, learner):
    client.force_login(learner)
    response = client.get(reverse("accounts:profile_setup"))
    assert response["Location"] == reverse("accounts:profile")


@pytest.mark.django_db
def test_profile_page_edits_and_suggests_new_organisation(client, learner, site_pages):
    client.force_login(learner)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    assert learner.email.encode() in response.content
    response = client.post(reverse("accounts:profile"), {**VALID, "organisation": "Riverside Children's Hospital"})
    assert response["Location"] == reverse("accounts:profile")
    learner.refresh_from_db()
    assert learner.organisation.name == "Riverside Children's Hospital"
    assert not learner.organisation.is_verified


@pytest.mark.django_db
def test_mentors_also_edit_their_expertise(client, site_pages):
    mentor = MentorFactory()
    client.force_login(mentor)
    assert b"Mentoring expertise" in client.get(reverse("accounts:profile")).content
    client.post(reverse("accounts:profile"), {**VALID, "expertise": "CFIR, hybrid trials"})
    assert sorted(t.name for t in mentor.expertise.all()) == ["CFIR", "hybrid trials"]


@pytest.mark.django_db
def test_profile_next_must_be_on_this_site(client, site_pages):
    user = NewMemberFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:profile_setup"), {**VALID, "next": "https://evil.example/"})
    assert response["Location"] == "/"
    user2 = NewMemberFactory()
    client.force_login(user2)
    response = client.post(reverse("accounts:profile_setup"), {**VALID, "next": "/membership/"})
    assert response["Location"] == "/membership/"


@pytest.mark.django_db
def test_profile_page_query_count_does_not_grow_with_organisations(
    client, learner, site_pages, django_assert_max_num_queries
):
    client.force_login(learner)
    client.get(reverse("accounts:profile"))
    OrganisationFactory.create_batch(40)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_mentors_set_how_many_proposals_they_can_mentor(client, site_pages, learner):
    mentor = MentorFactory(mentoring_capacity=3)
    client.force_login(mentor)
    content = client.get(reverse("accounts:profile")).content.decode()
    assert "How many proposals can you mentor at the same time?" in content
    assert 'name="mentoring_capacity" value="3"' in content
    client.post(reverse("accounts:profile"), {**VALID, "mentoring_capacity": "5"})
    mentor.refresh_from_db()
    assert mentor.mentoring_capacity == 5
    # Left empty, it stays as it was; bad input is refused next to the field and kept.
    client.post(reverse("accounts:profile"), {**VALID, "mentoring_capacity": ""})
    mentor.refresh_from_db()
    assert mentor.mentoring_capacity == 5
    response = client.post(reverse("accounts:profile"), {**VALID, "mentoring_capacity": "-2"})
    content = response.content.decode()
    assert response.status_code == 200 and "Enter 0 or more." in content and 'value="-2"' in content
    mentor.refresh_from_db()
    assert mentor.mentoring_capacity == 5
    # Members who are not mentors are not asked, and cannot set it.
    client.force_login(learner)
    assert b"mentoring_capacity" not in client.get(reverse("accounts:profile")).content
    client.post(reverse("accounts:profile"), {**VALID, "mentoring_capacity": "9"})
    learner.refresh_from_db()
    assert learner.mentoring_capacity == 3
