"""The demo survey: built once under Paediatric Sepsis, answered by the demo members through the service."""

import pytest

from accounts.models import User
from community.demo import surveys_content as content
from community.demo.surveys import surveys_demo_load
from community.models import SurveyPage, SurveySubmission
from community.selectors.surveys import survey_summary
from home.demo import accounts_ensure
from home.demo_content import ACCOUNTS
from tests.accounts.factories import LearnerFactory
from tests.community.factories.communities import MembershipFactory


def _snapshot():
    return (
        list(SurveyPage.objects.values_list("pk", "title", "live", "latest_revision_id")),
        list(SurveySubmission.objects.order_by("pk").values_list("pk", "user_id", "form_data", "submit_time")),
    )


def test_demo_skips_without_the_community(site_pages):
    surveys_demo_load(home=site_pages["home"], with_activity=True)

    assert not SurveyPage.objects.exists()


def test_demo_survey_without_activity(community):
    surveys_demo_load(home=community.get_parent().get_parent(), with_activity=False)

    survey = SurveyPage.objects.get()
    assert (survey.title, survey.live, survey.members_only, survey.one_response_per_member) == (
        "Setting our priorities for 2027",
        True,
        True,
        True,
    )
    assert survey.get_parent().specific == community
    assert [field.field_type for field in survey.get_form_fields()] == [q["field_type"] for q in content.QUESTIONS]
    assert survey.closes_at is not None
    assert not SurveySubmission.objects.exists()
    survey.full_clean()


@pytest.fixture
def demo_members(community, password):
    """The six demo accounts, five of them (and the group lead) members, plus five more demo members."""
    accounts_ensure(password=password)
    for email in [account["email"] for account in ACCOUNTS if not account["email"].startswith("lead@")]:
        MembershipFactory(user=User.objects.get(email=email))
    for n in range(5):
        MembershipFactory(user=LearnerFactory(email=f"member{n}{content.DEMO_EMAIL_DOMAIN}"))
    # Not a demo member: never answers the demo survey.
    MembershipFactory(user=LearnerFactory(email="someone@example.org"))
    return community


def test_demo_responses_are_made_once(demo_members):
    home = demo_members.get_parent().get_parent()

    surveys_demo_load(home=home, with_activity=True)

    survey = SurveyPage.objects.get()
    responses = SurveySubmission.objects.filter(page=survey)
    assert responses.count() == 11  # the six accounts and five more members
    assert not responses.filter(user__isnull=True).exists()
    assert not responses.filter(user__email="someone@example.org").exists()
    assert responses.values("user").distinct().count() == responses.count()
    summary = survey_summary(survey=survey)
    assert summary["total"] == 11
    first = summary["questions"][0]
    assert sum(choice.count for choice in first.choices) == 11
    assert all(choice.current for question in summary["questions"] for choice in question.choices)
    before = _snapshot()

    surveys_demo_load(home=home, with_activity=True)

    assert _snapshot() == before


def test_demo_keeps_editors_changes(community):
    home = community.get_parent().get_parent()
    surveys_demo_load(home=home, with_activity=False)
    survey = SurveyPage.objects.get()
    survey.title = "Our priorities for 2027"
    survey.save_revision().publish()

    surveys_demo_load(home=home, with_activity=False)

    assert SurveyPage.objects.get().title == "Our priorities for 2027"
