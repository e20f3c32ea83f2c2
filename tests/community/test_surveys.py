"""Member surveys: who sees the questions, who may answer, one response per member, closed surveys."""

import datetime
import re
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.utils import timezone
from django.utils.html import escape

from community.models import SurveySubmission
from community.selectors import surveys as survey_selectors
from community.selectors.surveys import SurveyAccess, SurveyState, survey_access
from community.services.surveys import (
    SurveyAlreadyAnswered,
    SurveyClosed,
    survey_response_create,
)
from tests.accounts.factories import EditorFactory, GroupLeadFactory, LearnerFactory
from tests.community.factories.communities import CommunityMemberFactory
from tests.community.factories.surveys import SurveyPageFactory, SurveySubmissionFactory

ANSWERS = {
    "stage_to_work_on_next": "Escalation",
    "barriers": ["Staffing", "Training"],
    "usefulness": "4",
    "units_in_your_network": "12",
    "anything_else": "More simulation, please",
}
FIRST_QUESTION = "Stage to work on next"

SURVEYS = {
    "members_once": {"members_only": True, "one_response_per_member": True},
    "open_once": {"members_only": False, "one_response_per_member": True},
    "open_anonymous": {"members_only": False, "one_response_per_member": False},
    "closed": {"members_only": False, "one_response_per_member": False, "closed": True},
}


def _survey(community, kind: str):
    options = dict(SURVEYS[kind])
    closed = options.pop("closed", False)
    closes_at = timezone.now() - datetime.timedelta(days=2) if closed else None
    return SurveyPageFactory(parent=community, closes_at=closes_at, **options)


def _person(role: str, survey):
    """The visitor for `role` (None for anonymous); "answered" is a member who has answered already."""
    if role == "anonymous":
        return None
    if role == "non_member":
        return LearnerFactory()
    if role == "member":
        return CommunityMemberFactory()
    if role == "answered":
        member = CommunityMemberFactory()
        SurveySubmissionFactory(page=survey, user=member, form_data={"stage_to_work_on_next": "Recognition"})
        return member
    if role == "group_lead":
        return GroupLeadFactory()
    if role == "editor":
        return EditorFactory()
    raise AssertionError(role)


# What each visitor gets: "form" (the questions; a valid POST records a response), "login" (redirected to
# sign in), "join" (how to join, no questions), "answered" (when they answered), "closed".
OUTCOMES = {
    "members_once": {
        "anonymous": "login",
        "non_member": "join",
        "member": "form",
        "answered": "answered",
        "group_lead": "form",
        "editor": "join",
    },
    "open_once": {
        "anonymous": "login",
        "non_member": "form",
        "member": "form",
        "answered": "answered",
        "group_lead": "form",
        "editor": "form",
    },
    "open_anonymous": dict.fromkeys(("anonymous", "non_member", "member", "answered", "group_lead", "editor"), "form"),
    "closed": dict.fromkeys(("anonymous", "non_member", "member", "answered", "group_lead", "editor"), "closed"),
}
MATRIX = [(kind, role, outcome) for kind, roles in OUTCOMES.items() for role, outcome in roles.items()]


def _assert_outcome(response, outcome: str, survey) -> None:
    html = response.content.decode() if outcome != "login" else ""
    if outcome == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
        return
    if outcome == "join":
        assert response.status_code == 403
        assert "This survey is for members of the community of practice." in html
    elif outcome == "answered":
        assert response.status_code == 200
        assert "You answered this survey on" in html
    elif outcome == "closed":
        assert response.status_code == 200
        assert "This survey closed on" in html
    if outcome != "form":
        assert FIRST_QUESTION not in html
        assert "Help us choose what to work on next." not in html
        assert '<form method="post" action="' + survey.url not in html


@pytest.mark.parametrize(("kind", "role", "outcome"), MATRIX)
def test_who_sees_the_questions(client, community, kind, role, outcome):
    survey = _survey(community, kind)
    person = _person(role, survey)
    if person:
        client.force_login(person)

    response = client.get(survey.url)

    if outcome == "form":
        assert response.status_code == 200
        html = response.content.decode()
        assert FIRST_QUESTION in html
        assert "Send my answers" in html
    else:
        _assert_outcome(response, outcome, survey)


@pytest.mark.parametrize(("kind", "role", "outcome"), MATRIX)
def test_who_may_answer(client, community, kind, role, outcome):
    survey = _survey(community, kind)
    person = _person(role, survey)
    if person:
        client.force_login(person)
    before = SurveySubmission.objects.filter(page=survey).count()

    response = client.post(survey.url, ANSWERS)

    after = SurveySubmission.objects.filter(page=survey).count()
    if outcome == "form":
        assert response.status_code == 200
        assert "Thank you for your answers" in response.content.decode()
        assert after == before + 1
        latest = SurveySubmission.objects.filter(page=survey).latest("pk")
        assert latest.user == person
        assert latest.form_data["barriers"] == ["Staffing", "Training"]
        assert latest.form_data["usefulness"] == "4"
    else:
        _assert_outcome(response, outcome, survey)
        assert after == before


def test_a_member_who_answered_sees_the_date(client, community):
    survey = _survey(community, "members_once")
    member = CommunityMemberFactory()
    response = SurveySubmissionFactory(page=survey, user=member)
    client.force_login(member)

    html = client.get(survey.url).content.decode()

    assert timezone.localtime(response.submit_time).strftime("%-d %B %Y") in html


def test_double_submit_makes_one_response(client, community):
    survey = _survey(community, "members_once")
    member = CommunityMemberFactory()
    client.force_login(member)

    first = client.post(survey.url, ANSWERS)
    second = client.post(survey.url, {**ANSWERS, "stage_to_work_on_next": "Treatment"})

    assert "Thank you for your answers" in first.content.decode()
    assert second.status_code == 200
    assert "We already had your answers to this survey, so we kept your first ones." in second.content.decode()
    responses = SurveySubmission.objects.filter(page=survey)
    assert responses.count() == 1
    assert responses.get().form_data["stage_to_work_on_next"] == "Escalation"


def test_a_response_made_in_another_tab_while_the_form_was_open(client, community, monkeypatch):
    """The page said "open", but by the time the answers arrive the member has answered in another tab:
    the service (with the survey's row locked) refuses the second response and the page says so."""
    survey = _survey(community, "members_once")
    member = CommunityMemberFactory()
    SurveySubmissionFactory(page=survey, user=member, form_data={"stage_to_work_on_next": "Recognition"})
    client.force_login(member)
    real = survey_selectors.survey_access
    calls = []

    def stale_then_real(**kwargs):
        calls.append(1)
        return SurveyAccess(SurveyState.OPEN) if len(calls) == 1 else real(**kwargs)

    monkeypatch.setattr(survey_selectors, "survey_access", stale_then_real)

    response = client.post(survey.url, ANSWERS)

    assert response.status_code == 200
    assert "You answered this survey on" in response.content.decode()
    assert SurveySubmission.objects.filter(page=survey).count() == 1


def test_mistakes_are_shown_next_to_each_field_and_answers_kept(client, community):
    survey = _survey(community, "members_once")
    client.force_login(CommunityMemberFactory())
    answers = {**ANSWERS, "stage_to_work_on_next": "", "units_in_your_network": "a dozen"}

    response = client.post(survey.url, answers)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Some answers need attention" in html
    assert 'id="error_1_id_stage_to_work_on_next"' in html
    assert 'id="error_1_id_units_in_your_network"' in html
    assert "Enter a number." in html
    # Everything typed or ticked is still there.
    assert "More simulation, please</textarea>" in html
    for ticked in ("Staffing", "Training"):
        assert re.search(rf'name="barriers" value="{ticked}"\s+id="id_barriers_\d" checked', html)
    assert not re.search(r'name="barriers" value="Equipment"\s+id="id_barriers_\d" checked', html)
    assert 'value="a dozen"' in html
    assert SurveySubmission.objects.filter(page=survey).count() == 0


def test_open_survey_answered_by_a_visitor_has_no_user(client, community):
    survey = _survey(community, "open_anonymous")

    client.post(survey.url, ANSWERS)

    assert SurveySubmission.objects.get(page=survey).user is None


def test_the_join_page_reveals_no_question(client, community):
    survey = _survey(community, "members_once")
    client.force_login(LearnerFactory())

    html = client.get(survey.url).content.decode()

    for label in ("Stage to work on next", "Barriers", "Usefulness", "Anything else"):
        assert escape(label) not in html
    assert "Help us choose what to work on next." not in html
    assert escape(community.title) in html


# The service -------------------------------------------------------------------------------


def _form(survey, user, data=None):
    return survey.get_form(data or ANSWERS, page=survey, user=user)


def test_service_refuses_a_second_response(community):
    survey = _survey(community, "members_once")
    member = CommunityMemberFactory()
    first = survey_response_create(survey=survey, user=member, form=_form(survey, member))

    with pytest.raises(SurveyAlreadyAnswered) as raised:
        survey_response_create(survey=survey, user=member, form=_form(survey, member))

    assert raised.value.response == first
    assert SurveySubmission.objects.filter(page=survey).count() == 1


def test_service_refuses_closed_surveys_and_non_members(community):
    closed = _survey(community, "closed")
    members_only = _survey(community, "members_once")
    learner = LearnerFactory()

    with pytest.raises(SurveyClosed):
        survey_response_create(survey=closed, user=learner, form=_form(closed, learner))
    with pytest.raises(PermissionDenied):
        survey_response_create(survey=members_only, user=learner, form=_form(members_only, learner))
    with pytest.raises(PermissionDenied):
        survey_response_create(survey=members_only, user=None, form=_form(members_only, None))
    assert SurveySubmission.objects.count() == 0


def test_open_survey_takes_several_responses_from_one_member(community):
    survey = _survey(community, "open_anonymous")
    member = CommunityMemberFactory()

    survey_response_create(survey=survey, user=member, form=_form(survey, member))
    survey_response_create(survey=survey, user=member, form=_form(survey, member))

    assert SurveySubmission.objects.filter(page=survey, user=member).count() == 2


@pytest.mark.parametrize(
    ("closes_in", "expected"),
    [
        (None, SurveyState.OPEN),
        (datetime.timedelta(hours=1), SurveyState.OPEN),
        (-datetime.timedelta(minutes=1), SurveyState.CLOSED),
    ],
)
def test_closing_time(community, closes_in, expected):
    survey = _survey(community, "open_anonymous")
    survey.closes_at = timezone.now() + closes_in if closes_in is not None else None

    assert survey_access(survey=survey, user=CommunityMemberFactory()).state == expected


@pytest.mark.django_db(transaction=True)
def test_two_tabs_at_once_make_one_response(site_pages, monkeypatch):
    """Two submissions racing in parallel (PostgreSQL only: SQLite's test database is not shared by threads).

    The check for an earlier response is slowed down, so without the lock on the survey's row both
    submissions would find none and both be recorded."""
    from django.db import connection

    from community.services import surveys as survey_services

    if connection.vendor != "postgresql":
        pytest.skip("needs a database that threads can share")
    from tests.community.factories.communities import CommunityIndexPageFactory, CommunityPageFactory

    community = CommunityPageFactory(parent=CommunityIndexPageFactory(parent=site_pages["home"]))
    survey = _survey(community, "members_once")
    member = CommunityMemberFactory()
    barrier = threading.Barrier(2)
    outcomes = []
    real_check = survey_services.survey_response_for

    def slow_check(**kwargs):
        found = real_check(**kwargs)
        time.sleep(0.5)
        return found

    monkeypatch.setattr(survey_services, "survey_response_for", slow_check)

    def answer():
        try:
            barrier.wait(timeout=10)
            survey_response_create(survey=survey, user=member, form=_form(survey, member))
            outcomes.append("recorded")
        except SurveyAlreadyAnswered:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["recorded", "refused"]
    assert SurveySubmission.objects.filter(page=survey).count() == 1


def test_the_join_page_links_to_the_application(client, community):
    survey = _survey(community, "members_once")
    client.force_login(LearnerFactory())

    html = client.get(survey.url).content.decode()

    assert 'href="/membership/"' in html
    assert "Apply to join the community" in html


def test_survey_page_query_count_does_not_grow_with_responses(client, community, django_assert_max_num_queries):
    survey = _survey(community, "members_once")
    client.force_login(CommunityMemberFactory())
    client.get(survey.url)
    counts = []
    for others in (1, 15):
        for _ in range(others):
            SurveySubmissionFactory(page=survey, form_data=ANSWERS)
        with django_assert_max_num_queries(40) as captured:
            assert client.get(survey.url).status_code == 200
        counts.append(len(captured.captured_queries))

    assert counts[0] == counts[1]
