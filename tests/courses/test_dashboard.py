"""The learner's dashboard: courses, certificates, CPD hours in a period, NMC revalidation, pathways."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.forms import PeriodForm
from courses.models import Certificate, CPDEntry, CPDMethod, CPDTarget, LearningPathway, PathwayStep, Reflection
from courses.selectors_dashboard import years_before
from courses.services import enrolment_create, lesson_complete
from tests.accounts.factories import LearnerFactory
from tests.courses.factories import course_complete as complete
from tests.courses.factories import course_with_lessons

URL = "/dashboard/"


def entry(user, *, days_ago: int, hours: str, participatory: bool = False, title: str = "Study day") -> CPDEntry:
    return CPDEntry.objects.create(
        user=user,
        date=timezone.localdate() - timedelta(days=days_ago),
        title=title,
        method=CPDMethod.STUDY_DAY,
        hours=Decimal(hours),
        participatory=participatory,
    )


def test_the_url_is_the_dashboard():
    assert reverse("courses:dashboard") == URL


@pytest.mark.django_db
def test_dashboard_needs_a_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_courses_in_progress_show_progress_and_continue(client, learner, course):
    enrolment = enrolment_create(user=learner, course=course)
    lesson_complete(enrolment=enrolment, lesson=course.lessons[0])
    client.force_login(learner)
    response = client.get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert course.title in content
    assert "1 of 4 steps done" in content
    assert f'aria-label="Your progress in {course.title}"' in content
    assert course.lessons[0].url in content  # continue where you left off


@pytest.mark.django_db
def test_completed_courses_link_to_their_certificate_and_reflection(
    client, learner, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete(user=learner, course=course)
    certificate = Certificate.objects.get()
    client.force_login(learner)
    content = client.get(URL).content.decode()
    assert reverse("courses:certificate_download", kwargs={"code": certificate.code}) in content
    assert "Write a reflection" in content
    assert "steps done" not in content  # no longer in progress
    Reflection.objects.create(user=learner, course=course, learnt="Lots")
    assert "Edit your reflection" in client.get(URL).content.decode()


@pytest.mark.django_db
def test_other_members_courses_are_not_shown(client, learner, course):
    enrolment_create(user=LearnerFactory(), course=course)
    client.force_login(learner)
    content = client.get(URL).content.decode()
    assert "You have no courses in progress" in content
    assert course.title not in content


@pytest.mark.django_db
def test_default_period_is_the_last_twelve_months(client, learner):
    entry(learner, days_ago=10, hours="1.5")
    entry(learner, days_ago=200, hours="2.25", participatory=True)
    entry(learner, days_ago=400, hours="7")
    entry(LearnerFactory(), days_ago=10, hours="50")
    client.force_login(learner)
    response = client.get(URL)
    totals = response.context["period_totals"]
    assert totals.hours == Decimal("3.75")
    assert totals.participatory_hours == Decimal("2.25")
    assert totals.entries == 2
    today = timezone.localdate()
    assert totals.period.start == years_before(today, 1) and totals.period.end == today
    assert "3.75 hours" in response.content.decode()


@pytest.mark.django_db
def test_chosen_period_totals_include_both_ends(client, learner):
    today = timezone.localdate()
    entry(learner, days_ago=400, hours="7", participatory=True)
    entry(learner, days_ago=30, hours="1")
    entry(learner, days_ago=29, hours="0.5")
    client.force_login(learner)
    start, end = today - timedelta(days=400), today - timedelta(days=30)
    response = client.get(URL, {"date_from": start.isoformat(), "date_to": end.isoformat()})
    totals = response.context["period_totals"]
    assert (totals.hours, totals.participatory_hours) == (Decimal("8"), Decimal("7"))
    content = response.content.decode()
    assert f'value="{start.isoformat()}"' in content
    # The exports carry the same period.
    assert f"export.csv?date_from={start.isoformat()}&amp;date_to={end.isoformat()}" in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "2026-02-30", "date_to": "2026-03-01"}, "date_from", "Enter a real date"),
        ({"date_from": "yesterday", "date_to": ""}, "date_from", "Enter a real date"),
        ({"date_from": "2025-05-01", "date_to": "2025-04-01"}, "date_to", "on or after the start date"),
    ],
)
def test_wrong_dates_are_explained_by_the_field_and_kept(client, learner, params, field, message):
    client.force_login(learner)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["period_totals"] is None
    form = response.context["period_form"]
    assert message in form.errors[field][0]
    content = response.content.decode()
    assert f'id="id_{field}_error"' in content
    for value in params.values():
        if value:
            assert f'value="{value}"' in content
    assert "Correct the dates above" in content


@pytest.mark.django_db
def test_nmc_revalidation_counts_three_years(client, learner):
    entry(learner, days_ago=30, hours="20", participatory=True)
    entry(learner, days_ago=365 * 2, hours="10")
    entry(learner, days_ago=365 * 3 + 5, hours="100", participatory=True)  # too old
    client.force_login(learner)
    response = client.get(URL)
    hours, participatory = response.context["nmc_goals"]
    assert (hours.done, hours.required, hours.met) == (Decimal("30"), Decimal("35"), False)
    assert hours.remaining == Decimal("5")
    assert (participatory.done, participatory.required, participatory.met) == (Decimal("20"), Decimal("20"), True)
    content = response.content.decode()
    assert "30 of 35 hours" in content
    assert "20 of 20 hours" in content
    assert "5 more hours needed" in content


@pytest.mark.django_db
def test_yearly_target_is_compared_with_the_last_twelve_months(client, learner):
    entry(learner, days_ago=30, hours="6")
    entry(learner, days_ago=500, hours="6")
    client.force_login(learner)
    assert "You have not set a yearly target" in client.get(URL).content.decode()
    CPDTarget.objects.create(user=learner, yearly_hours=Decimal("12"))
    response = client.get(URL)
    goal = response.context["target_goal"]
    assert (goal.done, goal.required, goal.percent) == (Decimal("6"), Decimal("12"), 50)
    assert "6 of 12 hours in the last 12 months" in response.content.decode()


@pytest.mark.django_db
def test_pathways_show_how_many_courses_the_member_completed(
    client, learner, course, course_index, django_capture_on_commit_callbacks
):
    second = course_with_lessons(parent=course_index, lessons=1)
    draft = course_with_lessons(parent=course_index, lessons=1)
    draft.unpublish()
    pathway = LearningPathway.objects.create(title="Foundations", slug="foundations")
    for order, step_course in enumerate([course, second, draft]):
        PathwayStep.objects.create(pathway=pathway, course=step_course, sort_order=order)
    LearningPathway.objects.create(title="Empty pathway", slug="empty")
    with django_capture_on_commit_callbacks(execute=True):
        complete(user=learner, course=course)
    client.force_login(learner)
    response = client.get(URL)
    (item,) = response.context["pathways"]
    assert (item.done, item.total) == (1, 2)
    content = response.content.decode()
    assert "1 of 2 courses completed" in content
    assert draft.title not in content
    assert "Empty pathway" not in content


def _dashboard_queries(client, user) -> int:
    client.force_login(user)
    client.get(URL)  # warm the site and menu caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_dashboard_costs_the_same_queries_with_more_data(client, course_index, django_capture_on_commit_callbacks):
    def member_with(n: int):
        member = LearnerFactory()
        pathway = LearningPathway.objects.create(title=f"Pathway {n}", slug=f"pathway-{n}")
        for i in range(n):
            in_progress = course_with_lessons(parent=course_index, lessons=2)
            enrolment = enrolment_create(user=member, course=in_progress)
            lesson_complete(enrolment=enrolment, lesson=in_progress.lessons[0])
            done = course_with_lessons(parent=course_index, lessons=1)
            with django_capture_on_commit_callbacks(execute=True):
                complete(user=member, course=done)
            Reflection.objects.create(user=member, course=done, learnt="Something")
            PathwayStep.objects.create(pathway=pathway, course=done, sort_order=i)
            PathwayStep.objects.create(pathway=pathway, course=in_progress, sort_order=i + 100)
            entry(member, days_ago=i * 50, hours="1", participatory=bool(i % 2))
        CPDTarget.objects.create(user=member, yearly_hours=Decimal("10"))
        return member

    small = _dashboard_queries(client, member_with(1))
    larger = _dashboard_queries(client, member_with(4))
    assert small == larger


@pytest.mark.parametrize(
    ("data", "start", "end"),
    [
        ({}, "2025-06-15", "2026-06-15"),
        ({"date_from": "2026-01-01"}, "2026-01-01", "2026-06-15"),
        ({"date_to": "2025-12-31"}, "2024-12-31", "2025-12-31"),
        ({"date_from": "01/02/2026", "date_to": "28/02/2026"}, "2026-02-01", "2026-02-28"),
    ],
)
def test_period_form_fills_in_a_missing_end(data, start, end):
    query = QueryDict(mutable=True)
    query.update(data)
    period = PeriodForm(query, today=date(2026, 6, 15)).period
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)


def test_years_before_handles_leap_days():
    assert years_before(date(2028, 2, 29), 1) == date(2027, 2, 28)
    assert years_before(date(2026, 6, 15), 3) == date(2023, 6, 15)
