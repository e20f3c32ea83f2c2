"""Survey results: the summary selector's numbers, the admin summary page, and Wagtail's export."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from community.models import SurveySubmission
from community.selectors.surveys import LATEST_TEXT_SHOWN, survey_summary
from tests.accounts.factories import GroupLeadFactory, LearnerFactory
from tests.community.factories.communities import CommunityMemberFactory
from tests.community.factories.surveys import SurveyPageFactory, SurveySubmissionFactory

# Four responses, oldest first. "Old option" was an answer before an editor changed the options.
KNOWN = [
    {
        "stage_to_work_on_next": "Escalation",
        "barriers": ["Staffing", "Training"],
        "usefulness": "4",
        "units_in_your_network": "12",
        "anything_else": "Answer A",
    },
    {
        "stage_to_work_on_next": "Escalation",
        "barriers": ["Staffing"],
        "usefulness": "5",
        "units_in_your_network": "8",
        "anything_else": "",
    },
    {
        "stage_to_work_on_next": "Recognition",
        "barriers": [],
        "usefulness": "3",
        "units_in_your_network": None,
        "anything_else": "Answer C",
    },
    {
        "stage_to_work_on_next": "Old option",
        "barriers": ["Staffing"],
        "usefulness": "4",
        "units_in_your_network": "10.5",
        "anything_else": "Answer D",
    },
]


def _responses(survey, answers, *, members=None):
    """Responses to `survey`, one a day up to yesterday, oldest first."""
    now = timezone.now()
    made = []
    for days_ago, data in zip(range(len(answers), 0, -1), answers, strict=True):
        submission = SurveySubmissionFactory(page=survey, user=members.pop() if members else None, form_data=data)
        SurveySubmission.objects.filter(pk=submission.pk).update(submit_time=now - datetime.timedelta(days=days_ago))
        made.append(submission)
    return made


@pytest.fixture
def survey(community):
    return SurveyPageFactory(parent=community, title="Priorities")


@pytest.fixture
def answered_survey(survey):
    _responses(survey, KNOWN)
    return survey


def _by_label(summary):
    return {item.question.label: item for item in summary["questions"]}


def test_summary_counts_choices_numbers_and_text(answered_survey):
    summary = survey_summary(survey=answered_survey)
    questions = _by_label(summary)

    assert summary["total"] == 4
    assert [q.question.label for q in summary["questions"]] == [
        "Stage to work on next",
        "Barriers",
        "Usefulness",
        "Units in your network",
        "Anything else",
    ]
    stage = questions["Stage to work on next"]
    assert stage.kind == "choice" and stage.answered == 4 and not stage.multiple
    assert [(c.label, c.count, c.percent, c.current) for c in stage.choices] == [
        ("Recognition", 1, 25.0, True),
        ("Escalation", 2, 50.0, True),
        ("Treatment", 0, 0.0, True),
        ("Old option", 1, 25.0, False),
    ]
    barriers = questions["Barriers"]
    assert barriers.multiple and barriers.answered == 3
    assert [(c.label, c.count, c.percent) for c in barriers.choices] == [
        ("Staffing", 3, 100.0),
        ("Training", 1, 33.3),
        ("Equipment", 0, 0.0),
    ]
    usefulness = questions["Usefulness"]
    assert [(c.label, c.count) for c in usefulness.choices] == [("1", 0), ("2", 0), ("3", 1), ("4", 2), ("5", 1)]
    units = questions["Units in your network"]
    assert units.kind == "number" and units.answered == 3
    assert (str(units.mean), str(units.median), str(units.minimum), str(units.maximum)) == (
        "10.17",
        "10.50",
        "8",
        "12",
    )
    text = questions["Anything else"]
    assert text.kind == "text" and text.answered == 3
    assert [answer for answer, _ in text.latest] == ["Answer D", "Answer C", "Answer A"]


def test_summary_of_a_survey_without_responses(survey):
    summary = survey_summary(survey=survey)

    assert summary["total"] == 0 and summary["latest_at"] is None
    questions = _by_label(summary)
    assert questions["Stage to work on next"].answered == 0
    assert all(choice.percent == 0 for choice in questions["Stage to work on next"].choices)
    assert questions["Units in your network"].mean is None
    assert questions["Anything else"].latest == []


def test_summary_shows_only_the_latest_text_answers(survey):
    _responses(survey, [{"anything_else": f"Idea {n}"} for n in range(LATEST_TEXT_SHOWN + 3)])

    text = _by_label(survey_summary(survey=survey))["Anything else"]

    assert text.answered == LATEST_TEXT_SHOWN + 3
    assert [answer for answer, _ in text.latest] == [f"Idea {n}" for n in range(LATEST_TEXT_SHOWN + 2, 2, -1)]


@pytest.mark.parametrize("copies", [1, 10])
def test_summary_costs_two_queries_however_many_responses(survey, django_assert_num_queries, copies):
    _responses(survey, KNOWN * copies)

    with django_assert_num_queries(2):
        summary = survey_summary(survey=survey)

    assert summary["total"] == 4 * copies


# The admin ---------------------------------------------------------------------------------


def _summary_url(survey):
    return reverse("community_survey_summary", args=[survey.pk])


@pytest.mark.parametrize("role", ["editor", "moderator", "superuser"])
def test_summary_page_for_those_who_see_submissions(client, request, answered_survey, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(_summary_url(answered_survey))

    assert response.status_code == 200
    html = response.content.decode()
    assert "4 responses" in html
    assert escape("Stage to work on next") in html
    assert "<td>50.0%</td>" in html
    assert 'width="50.0%"' in html
    assert "(no longer an option)" in html
    assert "10.17" in html and "10.50" in html
    assert "Answer D" in html
    assert reverse("wagtailforms:list_submissions", args=[answered_survey.pk]) in html


def test_summary_page_escapes_answers(client, editor, survey):
    _responses(survey, [{"anything_else": "<script>alert(1)</script>", "stage_to_work_on_next": "<b>x</b>"}])
    client.force_login(editor)

    html = client.get(_summary_url(survey)).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert escape("<script>alert(1)</script>") in html
    assert "<b>x</b>" not in html


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", "login"), ("learner", "denied"), ("member", "denied"), ("group_lead", "denied")],
)
def test_summary_page_is_refused_to_others(client, answered_survey, role, expected):
    people = {
        "learner": LearnerFactory,
        "member": CommunityMemberFactory,
        "group_lead": GroupLeadFactory,
    }
    if role != "anonymous":
        client.force_login(people[role]())

    response = client.get(_summary_url(answered_survey))

    assert response.status_code in {302, 403}
    if response.status_code == 302:
        location = response["Location"]
        assert "login" in location or location.startswith(reverse("wagtailadmin_home"))
        if expected == "denied":
            follow = client.get(location)
            assert "Stage to work on next" not in follow.content.decode()
    assert "Stage to work on next" not in response.content.decode()


def test_summary_page_404_for_other_pages(client, editor, community):
    client.force_login(editor)

    assert client.get(reverse("community_survey_summary", args=[community.pk])).status_code == 404


def test_summary_page_query_count_does_not_grow(client, editor, survey, django_assert_max_num_queries):
    client.force_login(editor)
    client.get(_summary_url(survey))  # per-session work (e.g. the admin's user profile) done once
    counts = []
    for copies in (1, 10):
        _responses(survey, KNOWN * copies)
        with django_assert_max_num_queries(30) as captured:
            response = client.get(_summary_url(survey))
        assert response.status_code == 200
        counts.append(len(captured.captured_queries))

    assert counts[0] == counts[1]


def test_csv_export_has_the_member_and_the_answers(client, editor, survey):
    member = CommunityMemberFactory(first_name="Nia", last_name="Evans")
    _responses(survey, KNOWN[:2], members=[member])
    client.force_login(editor)

    response = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]) + "?export=csv")

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    header, first, second = content.strip().splitlines()[:3]
    assert header.startswith("Submission date,Member,Stage to work on next,Barriers,Usefulness")
    assert ",Escalation," in first and "Staffing" in first and "Training" in first and "Answer A" in first
    assert "Nia Evans" in content
    # Oldest first: the member's response, then a visitor's (a blank member column).
    assert first.split(",")[1] == "Nia Evans"
    assert second.split(",")[1] == ""


def test_xlsx_export_works(client, editor, answered_survey):
    client.force_login(editor)

    response = client.get(reverse("wagtailforms:list_submissions", args=[answered_survey.pk]) + "?export=xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_submissions_listing_links_to_the_summary_and_names_the_member(client, editor, survey):
    member = CommunityMemberFactory(first_name="Nia", last_name="Evans")
    _responses(survey, KNOWN[:1], members=[member])
    client.force_login(editor)

    html = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk])).content.decode()

    assert _summary_url(survey) in html
    assert "Nia Evans" in html


def test_page_explorer_offers_the_summary_for_surveys_only(client, editor, community, survey):
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_explore", args=[community.pk])).content.decode()
    header = client.get(reverse("wagtailadmin_explore", args=[survey.pk])).content.decode()

    assert _summary_url(survey) in html
    assert _summary_url(survey) in header
    assert reverse("community_survey_summary", args=[community.pk]) not in html
