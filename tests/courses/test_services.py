"""Enrolling, progress, scoring and completion."""

import pytest
from django.core.exceptions import PermissionDenied

from courses.models import Attempt, Certificate, CPDEntry, Enrolment, LessonProgress
from courses.quiz import AnswersInvalid, questions_public
from courses.services import (
    PrerequisitesMissing,
    attempt_submit,
    cpd_entry_delete,
    enrolment_create,
    enrolment_progress,
    lesson_complete,
)
from tests.courses.factories import course_with_lessons

RIGHT = {"q1": ["q1-o0"], "q2": ["q2-o0", "q2-o2"], "q3": ["q3-o0"]}


@pytest.mark.django_db
def test_enrol_is_idempotent(course, learner):
    first = enrolment_create(user=learner, course=course)
    assert enrolment_create(user=learner, course=course) == first
    assert Enrolment.objects.count() == 1


@pytest.mark.django_db
def test_prerequisites_must_be_complete(course, course_index, learner):
    advanced = course_with_lessons(parent=course_index, lessons=1, check=False)
    advanced.prerequisites.add(course)
    advanced.save()
    with pytest.raises(PrerequisitesMissing) as error:
        enrolment_create(user=learner, course=advanced)
    assert error.value.courses == [course]
    enrolment = enrolment_create(user=learner, course=course)
    for lesson in course.lessons:
        lesson_complete(enrolment=enrolment, lesson=lesson)
    attempt_submit(enrolment=enrolment, check=course.knowledge_check, answers=RIGHT)
    assert enrolment_create(user=learner, course=advanced)


@pytest.mark.django_db
def test_course_completes_only_with_every_lesson_and_a_pass(course, learner, django_capture_on_commit_callbacks):
    enrolment = enrolment_create(user=learner, course=course)
    lessons = course.lessons
    for lesson in lessons:
        lesson_complete(enrolment=enrolment, lesson=lesson)
    lesson_complete(enrolment=enrolment, lesson=lessons[0])  # twice is fine
    assert LessonProgress.objects.filter(enrolment=enrolment).count() == 3
    assert enrolment_progress(enrolment=enrolment) == (3, 4)
    assert not enrolment.is_complete

    wrong = {**RIGHT, "q2": ["q2-o0"]}
    attempt, feedback = attempt_submit(enrolment=enrolment, check=course.knowledge_check, answers=wrong)
    assert (attempt.score, attempt.passed) == (67, False)
    assert [f.correct for f in feedback] == [True, False, True]
    assert feedback[1].explanation == "Because of q2."
    enrolment.refresh_from_db()
    assert enrolment.best_score == 67 and not enrolment.is_complete

    with django_capture_on_commit_callbacks(execute=False):
        attempt, _ = attempt_submit(enrolment=enrolment, check=course.knowledge_check, answers=RIGHT)
    assert attempt.passed and attempt.score == 100
    attempt_submit(enrolment=enrolment, check=course.knowledge_check, answers=wrong)
    enrolment.refresh_from_db()
    assert enrolment.best_score == 100
    assert enrolment.is_complete
    assert Attempt.objects.filter(enrolment=enrolment).count() == 3
    entry = CPDEntry.objects.get(enrolment=enrolment)
    assert entry.hours == course.cpd_hours and entry.method == "elearning"
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.course_title == course.title
    assert len(certificate.code) == 14
    with pytest.raises(PermissionDenied):
        cpd_entry_delete(user=learner, entry=entry)


@pytest.mark.django_db
def test_unanswered_and_tampered_answers_are_refused(course, learner):
    enrolment = enrolment_create(user=learner, course=course)
    check = course.knowledge_check
    with pytest.raises(AnswersInvalid) as error:
        attempt_submit(enrolment=enrolment, check=check, answers={"q1": ["q1-o0"]})
    assert error.value.unanswered == [2, 3]
    with pytest.raises(AnswersInvalid) as error:
        attempt_submit(enrolment=enrolment, check=check, answers={**RIGHT, "q1": ["q2-o0"]})
    assert error.value.tampered
    with pytest.raises(AnswersInvalid) as error:
        attempt_submit(enrolment=enrolment, check=check, answers={**RIGHT, "q1": ["q1-o0", "q1-o1"]})
    assert error.value.tampered
    assert not Attempt.objects.exists()


@pytest.mark.django_db
def test_public_questions_carry_no_answers(course):
    check = course.knowledge_check
    check.shuffle_questions = check.shuffle_options = True
    public = questions_public(check=check, seed=42)
    assert {q.id for q in public} == {"q1", "q2", "q3"}
    assert [q.number for q in public] == [1, 2, 3]
    for q in public:
        for option in q.options:
            assert set(vars(option)) == {"id", "text"}
    # The same seed gives the same order (a reload shows the same paper).
    assert [q.id for q in questions_public(check=check, seed=42)] == [q.id for q in public]
