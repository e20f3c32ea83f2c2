"""Factories for the learning app: course tree, enrolments, attempts."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories

from courses.models import CourseIndexPage, CoursePage, Enrolment, KnowledgeCheckPage, LessonPage
from tests.accounts.factories import LearnerFactory


def question(qid: str, *, kind="single", correct=(0,), n_options=3, text=None) -> dict:
    """Raw StreamField data for one knowledge-check question with stable ids."""
    options = [
        {
            "type": "item",
            "id": f"{qid}-o{i}",
            "value": {"text": f"Option {i} of {qid}", "is_correct": i in correct, "feedback": f"Feedback {i}"},
        }
        for i in range(n_options if kind != "true_false" else 2)
    ]
    return {
        "type": "question",
        "id": qid,
        "value": {
            "kind": kind,
            "question": text or f"Question {qid}?",
            "options": options,
            "explanation": f"Because of {qid}.",
        },
    }


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Learning"
    slug = "learning"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Implementation course {n}")
    summary = "What implementation science is and why it matters on a PICU."
    learning_outcomes = "<ul><li>Name the five CFIR domains</li></ul>"
    audience = "Bedside nurses, doctors and allied health professionals"
    estimated_minutes = 45
    cpd_hours = Decimal("1.00")
    course_by = "Implementation Hub education group"
    clinically_reviewed_by = "Dr A Reviewer, PICU consultant"
    reviewed_on = datetime.date(2026, 1, 10)
    next_review_due = datetime.date(2028, 1, 10)


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    summary = "A five-minute lesson."
    estimated_minutes = 5
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Evidence takes time to reach the bedside.</p>")])


class KnowledgeCheckPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = KnowledgeCheckPage

    title = "Knowledge check"
    slug = "knowledge-check"
    pass_mark = 80
    questions = factory.LazyFunction(
        lambda: [question("q1"), question("q2", kind="multiple", correct=(0, 2)), question("q3", kind="true_false")]
    )


def course_with_lessons(*, parent, lessons: int = 3, check: bool = True, **kwargs) -> CoursePage:
    """A live course under `parent` with `lessons` lessons and (by default) a knowledge check."""
    course = CoursePageFactory(parent=parent, **kwargs)
    for _ in range(lessons):
        LessonPageFactory(parent=course)
    if check:
        KnowledgeCheckPageFactory(parent=course)
    return CoursePage.objects.get(pk=course.pk)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    user = factory.SubFactory(LearnerFactory)


#: Right answers to the knowledge check made by KnowledgeCheckPageFactory.
RIGHT_ANSWERS = {"q1": ["q1-o0"], "q2": ["q2-o0", "q2-o2"], "q3": ["q3-o0"]}


def course_complete(*, user, course):
    """Complete every step of the course through the services; returns the enrolment."""
    from courses.services import attempt_submit, enrolment_create, lesson_complete

    enrolment = enrolment_create(user=user, course=course)
    for lesson in course.lessons:
        lesson_complete(enrolment=enrolment, lesson=lesson)
    attempt_submit(enrolment=enrolment, check=course.knowledge_check, answers=RIGHT_ANSWERS)
    return enrolment
