"""Build the demo courses, pathway and learner progress from `courses.demo_content`.

Idempotent: pages are created once (editors' changes are kept); progress is added only
for demo members who have no enrolment yet. Everything goes through the services.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from courses import demo_content as content
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    KnowledgeCheckPage,
    LearningPathway,
    LessonPage,
    PathwayStep,
)
from courses.services import attempt_submit, enrolment_create, lesson_complete
from home.demo import body_blocks, index_page_ensure


def _question_value(q: dict) -> dict:
    return {**q, "options": list(q["options"])}


def courses_ensure(*, index: CourseIndexPage) -> dict[str, CoursePage]:
    courses: dict[str, CoursePage] = {}
    for data in content.COURSES:
        course = CoursePage.objects.child_of(index).filter(slug=data["slug"]).first()
        if course is None:
            course = CoursePage(
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                learning_outcomes=data["learning_outcomes"],
                audience=data["audience"],
                estimated_minutes=data["estimated_minutes"],
                cpd_hours=Decimal(data["cpd_hours"]),
                course_by=data["course_by"],
                clinically_reviewed_by=data["clinically_reviewed_by"],
                reviewed_on=datetime.date.fromisoformat(data["reviewed_on"]),
                next_review_due=datetime.date.fromisoformat(data["next_review_due"]),
            )
            index.add_child(instance=course)
            course.topics.add(*data["topics"])
            for slug in data.get("prerequisites", []):
                course.prerequisites.add(courses[slug])
            course.save_revision().publish()
            for lesson_data in data["lessons"]:
                lesson = LessonPage(
                    title=lesson_data["title"],
                    slug=lesson_data["slug"],
                    summary=lesson_data["summary"],
                    estimated_minutes=lesson_data["minutes"],
                    body=body_blocks(lesson_data["body"]),
                )
                course.add_child(instance=lesson)
                lesson.save_revision().publish()
            if data["check"]:
                check = KnowledgeCheckPage(
                    title="Knowledge check",
                    slug="knowledge-check",
                    intro=data["check"]["intro"],
                    pass_mark=data["check"]["pass_mark"],
                    questions=[("question", _question_value(q)) for q in data["check"]["questions"]],
                )
                course.add_child(instance=check)
                check.save_revision().publish()
        courses[data["slug"]] = CoursePage.objects.get(pk=course.pk)
    return courses


def pathway_ensure(*, courses: dict[str, CoursePage]) -> LearningPathway:
    data = content.PATHWAY
    pathway, created = LearningPathway.objects.get_or_create(
        slug=data["slug"], defaults={"title": data["title"], "description": data["description"]}
    )
    if created:
        for order, slug in enumerate(data["courses"]):
            PathwayStep.objects.create(pathway=pathway, course=courses[slug], sort_order=order)
    return pathway


def _answers(check: KnowledgeCheckPage, *, right: bool) -> dict[str, list[str]]:
    answers = {}
    for n, block in enumerate(check.questions):
        options = list(block.value["options"].bound_blocks)
        correct = [o.id for o in options if o.value["is_correct"]]
        wrong = [o.id for o in options if not o.value["is_correct"]][:1]
        # A failing paper gets the first two questions wrong.
        answers[block.id] = correct if right or n >= 2 else wrong
    return answers


def progress_ensure(*, courses: dict[str, CoursePage]) -> None:
    for email, plan in content.PROGRESS.items():
        user = User.objects.filter(email=email).first()
        if user is None or Enrolment.objects.filter(user=user).exists():
            continue
        for slug, state in plan.items():
            course = courses[slug]
            enrolment = enrolment_create(user=user, course=course)
            lessons = course.lessons
            done = state if isinstance(state, int) else (0 if state == "enrolled" else len(lessons))
            for lesson in lessons[:done]:
                lesson_complete(enrolment=enrolment, lesson=lesson)
            check = course.knowledge_check
            if check and state in ("failed", "complete"):
                attempt_submit(enrolment=enrolment, check=check, answers=_answers(check, right=False))
            if check and state == "complete":
                attempt_submit(enrolment=enrolment, check=check, answers=_answers(check, right=True))


@transaction.atomic
def learning_demo_load(*, home, with_progress: bool = True) -> list[tuple[object, str]]:
    """The course index, the demo courses, a pathway and (optionally) demo learners' progress.

    Returns the pages to feature on the home page, with a summary for each.
    """
    index = index_page_ensure(CourseIndexPage, home=home, data=content.INDEX)
    courses = courses_ensure(index=index)
    pathway_ensure(courses=courses)
    if with_progress:
        progress_ensure(courses=courses)
    featured = [(index, "Every module, filtered by topic and length.")]
    featured += [(courses[slug], courses[slug].summary[:300]) for slug in content.PATHWAY["courses"][:2]]
    return featured
