"""The editors' side of learning in the CMS: the Learning menu, courses due for review, analytics views."""

import csv
import datetime
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import ProfessionalGroup
from courses.models import Attempt, LearningPathway
from courses.permissions import user_can_view_course_reports
from tests.accounts import factories
from tests.courses.factories import CoursePageFactory, EnrolmentFactory, course_with_lessons

pytestmark = pytest.mark.django_db

FACTORIES = {
    "learner": factories.LearnerFactory,
    "mentor": factories.MentorFactory,
    "group_lead": factories.GroupLeadFactory,
    "editor": factories.EditorFactory,
    "moderator": factories.ModeratorFactory,
    "superuser": factories.SuperuserFactory,
}


def _cms_only_user():
    """May open the CMS but is in none of the report roles."""
    group, _ = Group.objects.get_or_create(name="CMS viewers")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return factories.UserFactory(groups=[group.name])


def _user(role):
    return _cms_only_user() if role == "cms_only" else FACTORIES[role]()


def _cohort(course, n: int, *, group=ProfessionalGroup.NURSE, organisation=None, score=80):
    """n learners enrolled on `course`, each with one attempt (q1 right, q2 and q3 wrong) and a completion."""
    now = timezone.now()
    for _ in range(n):
        kwargs = {"professional_group": group}
        if organisation is not None:
            kwargs["organisation"] = organisation
        enrolment = EnrolmentFactory(
            user=factories.LearnerFactory(**kwargs),
            course=course,
            enrolled_at=now - timedelta(days=2),
            completed_at=now,
            best_score=score,
        )
        Attempt.objects.create(
            enrolment=enrolment,
            knowledge_check=course.knowledge_check,
            score=33,
            passed=False,
            answers={"q1": ["q1-o0"], "q2": ["q2-o1"], "q3": ["q3-o1"]},
            results={"q1": True, "q2": False, "q3": False},
        )


# Who may see the reports --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("learner", False),
        ("mentor", False),
        ("cms_only", False),
        ("group_lead", True),
        ("editor", True),
        ("moderator", True),
        ("superuser", True),
    ],
)
def test_who_may_view_course_reports(site_pages, role, expected):
    assert user_can_view_course_reports(_user(role)) is expected


def test_an_inactive_editor_may_not_view_course_reports(site_pages):
    editor = factories.EditorFactory(is_active=False)
    assert not user_can_view_course_reports(editor)


REPORT_URLS = {
    "review": lambda course: reverse("courses_admin:review"),
    "analytics": lambda course: reverse("courses_admin:analytics"),
    "analytics_course": lambda course: reverse("courses_admin:analytics_course", args=[course.pk]),
    "analytics_csv": lambda course: reverse("courses_admin:analytics") + "?format=csv",
}
STATUS_BY_ROLE = {
    "learner": 403,  # stopped by AdminAccessMiddleware
    "mentor": 403,  # ditto
    "cms_only": 302,  # in the CMS but not allowed the reports: Wagtail's "permission denied", back to the dashboard
    "group_lead": 200,
    "editor": 200,
    "moderator": 200,
    "superuser": 200,
}


@pytest.mark.parametrize("url_name", REPORT_URLS)
@pytest.mark.parametrize(("role", "expected"), STATUS_BY_ROLE.items())
def test_report_access_matrix(client, course, url_name, role, expected):
    client.force_login(_user(role))
    response = client.get(REPORT_URLS[url_name](course))
    assert response.status_code == expected, (role, url_name)
    if expected == 403:
        assert b"You do not have access to this page" in response.content
    if expected == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def test_anonymous_visitors_are_sent_to_log_in(client, course):
    response = client.get(reverse("courses_admin:analytics"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_unknown_course_is_404(client, course):
    client.force_login(factories.EditorFactory())
    assert client.get(reverse("courses_admin:analytics_course", args=[999999])).status_code == 404


@pytest.mark.parametrize(("role", "shown"), [("editor", True), ("group_lead", True), ("cms_only", False)])
def test_the_learning_menu_shows_the_reports_only_to_report_users(client, site_pages, role, shown):
    client.force_login(_user(role))
    html = client.get("/admin/").content.decode()
    assert ("Learning analytics" in html) is shown
    assert ("Courses due for review" in html) is shown


# Learning pathways as snippets ----------------------------------------------------------------


def test_a_superuser_lists_and_searches_pathways_under_learning(client, course):
    LearningPathway.objects.create(title="Implementation science foundations", slug="foundations")
    LearningPathway.objects.create(title="Quality improvement", slug="qi")
    client.force_login(factories.SuperuserFactory())
    url = reverse("wagtailsnippets_courses_learningpathway:list")
    listing = client.get(url).content.decode()
    assert "Implementation science foundations" in listing
    assert "foundations" in listing  # the slug column
    found = client.get(url, {"q": "quality"}).content.decode()
    assert "Quality improvement" in found
    assert "Implementation science foundations" not in found
    menu = client.get("/admin/").content.decode()
    assert "Learning pathways" in menu


def test_a_superuser_adds_a_pathway_with_its_courses(client, course):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    client.force_login(factories.SuperuserFactory())
    response = client.post(
        reverse("wagtailsnippets_courses_learningpathway:add"),
        nested_form_data(
            {
                "title": "Foundations",
                "slug": "foundations",
                "description": "Start here.",
                "steps": inline_formset([{"course": course.pk}]),
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    pathway = LearningPathway.objects.get(slug="foundations")
    assert [step.course_id for step in pathway.steps.all()] == [course.pk]


# Courses due for review -----------------------------------------------------------------------


def _review_courses(course_index):
    today = timezone.localdate()
    return {
        "overdue_old": CoursePageFactory(
            parent=course_index,
            title="Old overdue",
            reviewed_on=today - timedelta(days=800),
            next_review_due=today - timedelta(days=400),
        ),
        "overdue_recent": CoursePageFactory(
            parent=course_index,
            title="Recently overdue",
            reviewed_on=today - timedelta(days=400),
            next_review_due=today - timedelta(days=1),
        ),
        "unscheduled": CoursePageFactory(
            parent=course_index, title="Never scheduled", reviewed_on=None, next_review_due=None
        ),
        "draft_overdue": CoursePageFactory(
            parent=course_index,
            title="Draft overdue",
            live=False,
            next_review_due=today - timedelta(days=30),
            reviewed_on=None,
        ),
        "due_today": CoursePageFactory(parent=course_index, title="Due today", next_review_due=today),
        "future": CoursePageFactory(
            parent=course_index, title="Reviewed recently", next_review_due=today + timedelta(days=300)
        ),
    }


def test_the_review_report_lists_overdue_and_unscheduled_courses_oldest_first(client, course_index):
    courses = _review_courses(course_index)
    client.force_login(factories.EditorFactory())
    response = client.get(reverse("courses_admin:review"))
    assert response.status_code == 200
    html = response.content.decode()
    titles = ["Never scheduled", "Old overdue", "Draft overdue", "Recently overdue"]
    positions = [html.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Due today" not in html
    assert "Reviewed recently" not in html
    assert "Dr A Reviewer, PICU consultant" in html  # the reviewer
    assert "Not scheduled" in html
    old = courses["overdue_old"]
    assert reverse("wagtailadmin_pages:edit", args=[old.pk]) in html
    assert old.next_review_due.strftime("%-d %b %Y") in html
    assert "draft" in html and "live" in html


def test_the_review_report_links_only_to_pages_the_user_may_edit(client, course_index):
    courses = _review_courses(course_index)
    client.force_login(factories.GroupLeadFactory())
    html = client.get(reverse("courses_admin:review")).content.decode()
    assert "Old overdue" in html
    assert reverse("wagtailadmin_pages:edit", args=[courses["overdue_old"].pk]) not in html


def test_the_review_report_exports_csv(client, course_index):
    _review_courses(course_index)
    client.force_login(factories.ModeratorFactory())
    response = client.get(reverse("courses_admin:review"), {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Course", "Status", "Clinically reviewed by", "Reviewed on", "Next review due"]
    assert [row[0] for row in rows[1:]] == ["Never scheduled", "Old overdue", "Draft overdue", "Recently overdue"]


def test_the_review_report_queries_do_not_grow_with_courses(client, course_index):
    editor = factories.EditorFactory()
    client.force_login(editor)
    today = timezone.localdate()
    CoursePageFactory(parent=course_index, next_review_due=today - timedelta(days=3))
    client.get(reverse("courses_admin:review"))  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("courses_admin:review"))
    for days in range(4, 14):
        CoursePageFactory(parent=course_index, next_review_due=today - timedelta(days=days))
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("courses_admin:review"))
    assert response.content.decode().count("/edit/") >= 11
    assert len(large) == len(small)


# Analytics views -----------------------------------------------------------------------------


def test_the_analytics_list_shows_figures_and_hides_small_courses(client, course, course_index):
    small = course_with_lessons(parent=course_index, title="A small course", lessons=1)
    _cohort(course, 6)
    _cohort(small, 4)
    client.force_login(factories.EditorFactory())
    html = client.get(reverse("courses_admin:analytics")).content.decode()
    assert "Fewer than 5 learners: not shown" in html
    assert "<td>6</td>" in html  # enrolments of the larger course
    assert "100%" in html  # all six completed
    assert "2.0 days" in html  # median time to complete
    assert reverse("courses_admin:analytics_course", args=[course.pk]) in html


def test_the_course_analytics_show_questions_chart_and_a_small_sample_warning(client, course):
    _cohort(course, 6)
    client.force_login(factories.EditorFactory())
    html = client.get(reverse("courses_admin:analytics_course", args=[course.pk])).content.decode()
    assert "Question q1?" in html
    assert "100% (6/6)" in html  # q1's facility
    assert "Option 1 of q2: 6" in html  # the wrong option everybody chose
    assert "Only 6 attempts so far" in html
    assert '<svg role="img"' in html
    assert "Facility per question" in html
    assert "<h1" in html


def test_the_course_analytics_hide_a_small_cohort(client, course):
    _cohort(course, 4)
    client.force_login(factories.EditorFactory())
    html = client.get(reverse("courses_admin:analytics_course", args=[course.pk])).content.decode()
    assert html.count("Fewer than 5 learners: not shown") == 2  # uptake and questions
    assert "Question q1?" not in html
    assert "<svg role" not in html


def test_filters_narrow_the_figures_and_hide_small_groups(client, course):
    _cohort(course, 6, group=ProfessionalGroup.NURSE)
    _cohort(course, 3, group=ProfessionalGroup.DOCTOR)
    client.force_login(factories.EditorFactory())
    url = reverse("courses_admin:analytics_course", args=[course.pk])
    everyone = client.get(url).content.decode()
    assert "9 attempts by 9 learners" in everyone
    nurses = client.get(url, {"professional_group": "nurse"}).content.decode()
    assert "6 attempts by 6 learners" in nurses
    assert 'value="nurse" selected' in nurses  # the filter chosen is kept
    doctors = client.get(url, {"professional_group": "doctor"}).content.decode()
    assert "Fewer than 5 learners: not shown" in doctors
    assert "Question q1?" not in doctors


def test_the_organisation_filter(client, course):
    north = factories.OrganisationFactory(name="North PICU")
    south = factories.OrganisationFactory(name="South PICU")
    _cohort(course, 5, organisation=north)
    _cohort(course, 2, organisation=south)
    client.force_login(factories.EditorFactory())
    url = reverse("courses_admin:analytics")
    html = client.get(url).content.decode()
    assert "North PICU" in html and "South PICU" in html  # both offered
    rows = list(csv.reader(io.StringIO(client.get(url, {"organisation": north.pk, "format": "csv"}).content.decode())))
    assert rows[1][2] == "5"
    rows = list(csv.reader(io.StringIO(client.get(url, {"organisation": south.pk, "format": "csv"}).content.decode())))
    assert rows[1][2:8] == [""] * 6
    assert rows[1][8] == "Fewer than 5 learners: not shown"


def test_a_bad_filter_is_explained_next_to_the_field(client, course):
    _cohort(course, 6)
    client.force_login(factories.EditorFactory())
    response = client.get(reverse("courses_admin:analytics"), {"organisation": "999999", "professional_group": "nurse"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Correct the filters to see the figures." in html
    assert 'value="nurse" selected' in html  # the other choice is kept
    assert "<td>6</td>" not in html


def test_the_course_table_as_csv(client, course, course_index):
    course_with_lessons(parent=course_index, title="=HYPERLINK(evil)", lessons=1, check=False)
    _cohort(course, 5, score=90)
    client.force_login(factories.EditorFactory())
    response = client.get(reverse("courses_admin:analytics"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="course-analytics-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Course",
        "Status",
        "Enrolments",
        "Completions",
        "Completion rate (%)",
        "Median time to complete (hours)",
        "Average best score (%)",
        "Best score (%)",
        "Note",
    ]
    assert rows[1] == ["'=HYPERLINK(evil)", "live", "", "", "", "", "", "", "Fewer than 5 learners: not shown"]
    assert rows[2] == [course.title, "live", "5", "5", "100", "48.0", "90.0", "90", ""]


def test_the_question_table_as_csv(client, course):
    _cohort(course, 5)
    client.force_login(factories.EditorFactory())
    response = client.get(reverse("courses_admin:analytics_course", args=[course.pk]), {"format": "csv"})
    assert response["Content-Disposition"].startswith(f'attachment; filename="question-analytics-{course.slug}-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Number",
        "Question",
        "Attempts",
        "Correct",
        "Facility (%)",
        "Discrimination",
        "Wrong options chosen",
        "Note",
    ]
    caution = "Fewer than 20 attempts: treat with caution"
    assert rows[1] == ["1", "Question q1?", "5", "5", "100", "0.00", "Option 1 of q1: 0; Option 2 of q1: 0", caution]
    assert rows[2] == ["2", "Question q2?", "5", "0", "0", "0.00", "Option 1 of q2: 5", caution]
    assert rows[3] == ["3", "Question q3?", "5", "0", "0", "0.00", "Option 1 of q3: 5", caution]


def test_the_question_csv_of_a_small_cohort_holds_no_figures(client, course):
    _cohort(course, 3)
    client.force_login(factories.EditorFactory())
    response = client.get(reverse("courses_admin:analytics_course", args=[course.pk]), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1:] == [["", "", "", "", "", "", "", "Fewer than 5 learners: not shown"]]


@pytest.mark.parametrize("url_name", ["courses_admin:analytics", "courses_admin:analytics_course"])
def test_analytics_queries_do_not_grow_with_learners(client, course, course_index, url_name):
    course_with_lessons(parent=course_index, lessons=1)
    client.force_login(factories.EditorFactory())
    url = reverse(url_name, args=[course.pk] if url_name.endswith("course") else [])
    _cohort(course, 5)
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _cohort(course, 20, group=ProfessionalGroup.DOCTOR, organisation=factories.OrganisationFactory(name="Other"))
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)


def test_the_chart_has_a_bar_per_question(course):
    from courses.analytics import QuestionStats
    from courses.views.admin import facility_chart

    chart = facility_chart(
        [
            QuestionStats(id="a", number=1, text="A", attempts=10, correct=5, facility=0.5, discrimination=0.2),
            QuestionStats(id="b", number=2, text="B", attempts=10, correct=10, facility=1.0, discrimination=0.0),
            QuestionStats(id="c", number=3, text="C", attempts=0, correct=0, facility=None, discrimination=None),
        ]
    )
    assert [(bar.label, bar.text) for bar in chart.bars] == [("Q1", "50%"), ("Q2", "100%")]
    assert chart.bars[1].width == chart.plot_width
    assert chart.bars[0].width == chart.plot_width / 2
    assert facility_chart([]) is None


def test_review_dates_are_shown_for_people(course):
    from courses.views.admin import _date_text

    assert _date_text(datetime.date(2026, 3, 7)) == "7 Mar 2026"
    assert _date_text(None) == ""
