"""Reads for learning: filters, progress, where to continue, and a fixed number of queries per page."""

import pytest
import wagtail_factories
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Attempt
from courses.selectors import (
    Progress,
    course_detail_for_learner,
    course_list_for_index,
    course_steps,
    enrolment_for,
)
from courses.services import attempt_submit, enrolment_create, lesson_complete, lesson_visit
from tests.accounts.factories import LearnerFactory
from tests.courses.factories import LessonPageFactory, course_with_lessons

RIGHT = {"q1": ["q1-o0"], "q2": ["q2-o0", "q2-o2"], "q3": ["q3-o0"]}


def index_context(index, user, **params):
    request = RequestFactory().get("/learning/", params)
    request.user = user
    return course_list_for_index(index=index, request=request)


# The course index --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_index_filters_by_length(course_index):
    for minutes in (30, 31, 90, 91):
        course_with_lessons(parent=course_index, lessons=0, check=False, estimated_minutes=minutes)

    def minutes(length):
        return [c.estimated_minutes for c in index_context(course_index, AnonymousUser(), length=length)["courses"]]

    assert minutes("short") == [30]
    assert minutes("medium") == [31, 90]
    assert minutes("long") == [91]
    assert minutes("") == [30, 31, 90, 91]
    assert minutes("enormous") == [30, 31, 90, 91]  # an unknown length is ignored
    assert index_context(course_index, AnonymousUser(), length="enormous")["selected_length"] == ""


@pytest.mark.django_db
def test_index_filters_by_topic_and_lists_topics_of_live_courses(course_index):
    sepsis = course_with_lessons(parent=course_index, lessons=0, check=False, title="Sepsis")
    sepsis.topics.add("Sepsis", "Audit")
    sepsis.save()
    delirium = course_with_lessons(parent=course_index, lessons=0, check=False, title="Delirium")
    delirium.topics.add("Delirium", "Audit")
    delirium.save()
    draft = course_with_lessons(parent=course_index, lessons=0, check=False, title="Draft")
    draft.topics.add("Secret topic")
    draft.save()
    draft.unpublish()

    context = index_context(course_index, AnonymousUser())
    assert [t.name for t in context["topics"]] == ["Audit", "Delirium", "Sepsis"]
    assert [c.title for c in context["courses"]] == ["Sepsis", "Delirium"]
    assert [c.title for c in index_context(course_index, AnonymousUser(), topic="audit")["courses"]] == [
        "Sepsis",
        "Delirium",
    ]
    context = index_context(course_index, AnonymousUser(), topic="sepsis", length="medium")
    assert [c.title for c in context["courses"]] == ["Sepsis"]
    assert context["filter_query"] == "topic=sepsis&length=medium"
    assert index_context(course_index, AnonymousUser(), topic="secret-topic")["courses"] == []
    assert index_context(course_index, AnonymousUser(), topic="no-such-topic")["courses"] == []


@pytest.mark.django_db
def test_index_gives_progress_for_enrolled_courses_only(course_index, learner):
    started = course_with_lessons(parent=course_index, lessons=2)
    finished = course_with_lessons(parent=course_index, lessons=1, check=False)
    other = course_with_lessons(parent=course_index, lessons=2)
    enrolment = enrolment_create(user=learner, course=started)
    lesson_complete(enrolment=enrolment, lesson=started.lessons[0])
    done = enrolment_create(user=learner, course=finished)
    lesson_complete(enrolment=done, lesson=finished.lessons[0])

    context = index_context(course_index, learner)
    assert context["progress_by_course"] == {
        started.pk: Progress(done=1, total=3),
        finished.pk: Progress(done=1, total=1),
    }
    cards = {card.course.pk: card for card in context["cards"]}
    assert cards[finished.pk].completed and not cards[started.pk].completed
    assert cards[other.pk].progress is None
    assert index_context(course_index, AnonymousUser())["progress_by_course"] == {}


# One course as a learner sees it -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_continue_goes_to_the_last_lesson_or_the_next_undone_then_the_check(course, learner):
    lessons = course.lessons
    check = course.knowledge_check
    enrolment = enrolment_create(user=learner, course=course)

    def target():
        return course_detail_for_learner(course=course, user=learner)["continue_target"]

    assert target() == lessons[0]  # nothing visited yet
    lesson_visit(enrolment=enrolment, lesson=lessons[1])
    assert target() == lessons[1]  # visited, not done
    lesson_complete(enrolment=enrolment, lesson=lessons[1])
    assert target() == lessons[2]  # the next lesson after the last one
    lesson_complete(enrolment=enrolment, lesson=lessons[2])
    assert target() == lessons[0]  # then back to the one skipped
    lesson_complete(enrolment=enrolment, lesson=lessons[0])
    assert target() == check
    attempt_submit(enrolment=enrolment, check=check, answers=RIGHT)
    assert target() is None


@pytest.mark.django_db
def test_detail_for_an_enrolled_member(course, learner):
    enrolment = enrolment_create(user=learner, course=course)
    lesson_complete(enrolment=enrolment, lesson=course.lessons[0])
    attempt_submit(enrolment=enrolment, check=course.knowledge_check, answers={**RIGHT, "q1": ["q1-o1"]})
    context = course_detail_for_learner(course=course, user=learner)
    assert context["enrolment"] == enrolment
    assert [item.done for item in context["lessons"]] == [True, False, False]
    assert [item.number for item in context["lessons"]] == [1, 2, 3]
    assert context["progress"] == Progress(done=1, total=4)
    assert context["progress"].percent == 25
    assert [a.score for a in context["attempts"]] == [67]
    assert context["best_score"] == 67
    assert context["certificate"] is None and not context["completed"]


@pytest.mark.django_db
def test_detail_when_complete_gives_the_certificate(course, learner):
    enrolment = enrolment_create(user=learner, course=course)
    for lesson in course.lessons:
        lesson_complete(enrolment=enrolment, lesson=lesson)
    attempt_submit(enrolment=enrolment, check=course.knowledge_check, answers=RIGHT)
    context = course_detail_for_learner(course=course, user=learner)
    assert context["completed"]
    assert context["certificate"] == enrolment.certificate
    assert context["progress"] == Progress(done=4, total=4) and context["progress"].complete


@pytest.mark.django_db
def test_detail_for_a_visitor_lists_every_prerequisite_as_missing(course, course_index, learner):
    advanced = course_with_lessons(parent=course_index, lessons=1, check=False)
    advanced.prerequisites.add(course)
    advanced.save()
    context = course_detail_for_learner(course=advanced, user=AnonymousUser())
    assert context["enrolment"] is None and context["continue_target"] is None
    assert context["prerequisites"] == context["prerequisites_missing"] == [course]
    assert context["progress"] == Progress(done=0, total=1)

    enrolment = enrolment_create(user=learner, course=course)
    for lesson in course.lessons:
        lesson_complete(enrolment=enrolment, lesson=lesson)
    attempt_submit(enrolment=enrolment, check=course.knowledge_check, answers=RIGHT)
    context = course_detail_for_learner(course=advanced, user=learner)
    assert context["prerequisites"] == [course] and context["prerequisites_missing"] == []


@pytest.mark.django_db
def test_enrolment_for(course, learner):
    assert enrolment_for(user=AnonymousUser(), course=course) is None
    assert enrolment_for(user=learner, course=course) is None
    enrolment = enrolment_create(user=learner, course=course)
    assert enrolment_for(user=learner, course=course) == enrolment


@pytest.mark.django_db
def test_steps_after_a_lesson(course, learner):
    lessons = course.lessons
    enrolment = enrolment_create(user=learner, course=course)
    steps = course_steps(course=course, enrolment=enrolment)
    assert steps.neighbours(lessons[0]) == (None, lessons[1])
    assert steps.neighbours(lessons[2]) == (lessons[1], course.knowledge_check)
    assert steps.after(lessons[2]) == course.knowledge_check
    enrolment.passed_at = timezone.now()
    assert course_steps(course=course, enrolment=enrolment).after(lessons[2]) is None


# Queries do not grow with the data ---------------------------------------------------------------------------------


def queries_for(client, url: str) -> int:
    """Queries for a GET of `url`, after a first request has warmed caches and made image renditions."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def add_courses(index, learner, n: int) -> list:
    """`n` courses with topics, a cover image and lessons, the learner enrolled with a lesson done and an attempt."""
    courses = []
    for i in range(n):
        course = course_with_lessons(parent=index, lessons=2, cover_image=wagtail_factories.ImageFactory())
        course.topics.add(f"Topic {i}", "Shared")
        course.save()
        enrolment = enrolment_create(user=learner, course=course)
        lesson_complete(enrolment=enrolment, lesson=course.lessons[0])
        Attempt.objects.create(
            enrolment=enrolment, knowledge_check=course.knowledge_check, score=50, passed=False, answers={}
        )
        courses.append(course)
    return courses


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [True, False])
def test_course_index_queries_do_not_grow_with_courses(client, course_index, signed_in):
    learner = LearnerFactory()
    if signed_in:
        client.force_login(learner)
    add_courses(course_index, learner, 2)
    few = queries_for(client, course_index.url)
    add_courses(course_index, learner, 6)
    assert queries_for(client, course_index.url) == few


@pytest.mark.django_db
def test_course_page_queries_do_not_grow_with_lessons_or_attempts(client, course_index, learner):
    client.force_login(learner)
    course = add_courses(course_index, learner, 1)[0]
    enrolment = enrolment_for(user=learner, course=course)
    few = queries_for(client, course.url)
    for _ in range(6):
        lesson = LessonPageFactory(parent=course)
        lesson_complete(enrolment=enrolment, lesson=lesson)
        Attempt.objects.create(
            enrolment=enrolment, knowledge_check=course.knowledge_check, score=60, passed=False, answers={}
        )
    assert queries_for(client, course.url) == few


@pytest.mark.django_db
def test_lesson_page_queries_do_not_grow_with_lessons(client, course_index, learner):
    client.force_login(learner)
    course = add_courses(course_index, learner, 1)[0]
    enrolment = enrolment_for(user=learner, course=course)
    url = course.lessons[0].url
    few = queries_for(client, url)
    for _ in range(6):
        lesson_complete(enrolment=enrolment, lesson=LessonPageFactory(parent=course))
    assert queries_for(client, url) == few


@pytest.mark.django_db
def test_knowledge_check_queries_do_not_grow_with_attempts(client, course, learner):
    client.force_login(learner)
    enrolment = enrolment_create(user=learner, course=course)
    url = course.knowledge_check.url
    few = queries_for(client, url)
    for _ in range(6):
        Attempt.objects.create(enrolment=enrolment, knowledge_check=course.knowledge_check, score=1, passed=False)
    assert queries_for(client, url) == few
