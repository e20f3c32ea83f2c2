"""Reads for learning: the course list, a course as one learner sees it, a lesson's place in its course.

Every selector costs a fixed number of queries, whatever the number of courses, lessons or attempts.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page

from accounts.models import User
from courses.models import (
    Attempt,
    Certificate,
    CourseIndexPage,
    CoursePage,
    CourseTopic,
    Enrolment,
    KnowledgeCheckPage,
    LessonPage,
    LessonProgress,
)

COURSES_PER_PAGE = 24
COVER_FILTER = "fill-640x360"

#: ?length= choices: (value, label, minutes from, minutes to (None: no upper bound)).
LENGTHS = [
    ("short", "Short (up to 30 minutes)", 0, 30),
    ("medium", "Medium (31 to 90 minutes)", 31, 90),
    ("long", "Long (over 90 minutes)", 91, None),
]


@dataclass(frozen=True)
class Progress:
    """Steps done out of all steps (live lessons plus the knowledge check)."""

    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def complete(self) -> bool:
        return bool(self.total) and self.done >= self.total


@dataclass
class CourseCard:
    """One course on the index, with the member's progress if they are enrolled."""

    course: CoursePage
    progress: Progress | None = None
    completed: bool = False


@dataclass
class LessonItem:
    """One lesson in a course's list, with whether the member has done it."""

    lesson: LessonPage
    number: int
    done: bool = False


@dataclass
class CourseSteps:
    """A course's live lessons and knowledge check, and what one enrolment has done of them."""

    course: CoursePage
    enrolment: Enrolment | None
    lessons: list[LessonItem] = field(default_factory=list)
    check: KnowledgeCheckPage | None = None

    @property
    def check_passed(self) -> bool:
        return bool(self.enrolment and self.enrolment.passed_at)

    @property
    def progress(self) -> Progress:
        done = sum(1 for item in self.lessons if item.done)
        total = len(self.lessons)
        if self.check:
            total += 1
            done += 1 if self.check_passed else 0
        return Progress(done=done, total=total)

    def continue_target(self) -> Page | None:
        """The last lesson visited if not done, else the next lesson not done, else the check (if not passed)."""
        if self.enrolment is None:
            return None
        last_id = self.enrolment.last_lesson_id
        start = 0
        for position, item in enumerate(self.lessons):
            if item.lesson.pk == last_id:
                if not item.done:
                    return item.lesson
                start = position + 1
                break
        # The next lesson not done after the last one visited, then any earlier one left undone.
        for item in [*self.lessons[start:], *self.lessons[:start]]:
            if not item.done:
                return item.lesson
        if self.check and not self.check_passed:
            return self.check
        return None

    def neighbours(self, lesson: LessonPage) -> tuple[Page | None, Page | None]:
        """(previous lesson, next lesson or the knowledge check) around `lesson`."""
        ids = [item.lesson.pk for item in self.lessons]
        if lesson.pk not in ids:
            return None, None
        position = ids.index(lesson.pk)
        previous = self.lessons[position - 1].lesson if position > 0 else None
        following = self.lessons[position + 1].lesson if position + 1 < len(ids) else self.check
        return previous, following

    def after(self, lesson: LessonPage) -> Page | None:
        """Where to go once `lesson` is done: the next lesson, else the check unless passed, else nothing."""
        _, following = self.neighbours(lesson)
        if following is None or (following == self.check and self.check_passed):
            return None
        return following


def enrolment_for(*, user: User, course: CoursePage) -> Enrolment | None:
    """The member's enrolment in the course, with its certificate, or None (always None when signed out)."""
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).select_related("certificate").first()


def course_steps(*, course: CoursePage, enrolment: Enrolment | None) -> CourseSteps:
    """The course's live lessons (with done flags for `enrolment`) and its live knowledge check: three queries."""
    done_ids: set[int] = set()
    if enrolment is not None:
        done_ids = set(LessonProgress.objects.filter(enrolment=enrolment).values_list("lesson_id", flat=True))
    lessons = [
        LessonItem(lesson=lesson, number=number, done=lesson.pk in done_ids)
        for number, lesson in enumerate(course.lessons, start=1)
    ]
    return CourseSteps(course=course, enrolment=enrolment, lessons=lessons, check=course.knowledge_check)


def course_live_for(*, page: Page) -> CoursePage | None:
    """The live course a lesson or knowledge check belongs to, or None if the course is not published."""
    return CoursePage.objects.live().parent_of(page).first()


def _length_filter(length: str) -> Q | None:
    for value, _label, low, high in LENGTHS:
        if value == length:
            q = Q(estimated_minutes__gte=low)
            return q & Q(estimated_minutes__lte=high) if high is not None else q
    return None


def _progress_by_course(*, user: User, courses: list[CoursePage]) -> dict[int, tuple[Progress, bool]]:
    """{course id: (progress, completed)} for the member's enrolments among `courses`, in three queries."""
    if not user.is_authenticated or not courses:
        return {}
    enrolments = {
        e.course_id: e
        for e in Enrolment.objects.filter(user=user, course__in=[c.pk for c in courses]).only(
            "id", "course_id", "passed_at", "completed_at"
        )
    }
    if not enrolments:
        return {}
    enrolled = [c for c in courses if c.pk in enrolments]
    # Every live lesson and knowledge check directly under the enrolled courses, in one query.
    steps = (
        Page.objects.live()
        .type(LessonPage, KnowledgeCheckPage)
        .filter(reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in enrolled)))
        .values_list("pk", "path", "content_type_id")
    )
    check_type = ContentType.objects.get_for_model(KnowledgeCheckPage).pk  # cached after the first call
    course_by_path = {c.path: c.pk for c in enrolled}
    lessons_of: dict[int, set[int]] = {c.pk: set() for c in enrolled}
    has_check: set[int] = set()
    for pk, path, content_type_id in steps:
        course_id = course_by_path[path[: -Page.steplen]]
        if content_type_id == check_type:
            has_check.add(course_id)
        else:
            lessons_of[course_id].add(pk)
    all_lessons = set().union(*lessons_of.values())
    done_counts = dict(
        LessonProgress.objects.filter(enrolment__in=[e.pk for e in enrolments.values()], lesson_id__in=all_lessons)
        .values("enrolment_id")
        .annotate(n=Count("id"))
        .values_list("enrolment_id", "n")
    )
    out = {}
    for course in enrolled:
        enrolment = enrolments[course.pk]
        done = done_counts.get(enrolment.pk, 0)
        total = len(lessons_of[course.pk])
        if course.pk in has_check:
            total += 1
            done += 1 if enrolment.passed_at else 0
        out[course.pk] = (Progress(done=done, total=total), enrolment.completed_at is not None)
    return out


def course_list_for_index(*, index: CourseIndexPage, request: HttpRequest) -> dict:
    """Context for the course index: the live courses, filtered by ?topic= and ?length=, a page at a time.

    Gives `cards` (course, and the member's progress if enrolled), `progress_by_course` ({course id:
    Progress}), `topics` (the topics in use, for the filter), `lengths`, the chosen filters and `page_obj`.
    """
    live = CoursePage.objects.child_of(index).live()
    topics = list(
        Tag.objects.filter(pk__in=CourseTopic.objects.filter(content_object__in=live).values("tag_id")).order_by("name")
    )
    topic = request.GET.get("topic", "").strip()
    length = request.GET.get("length", "").strip()
    selected_topic = next((t for t in topics if t.slug == topic), None)
    courses = live
    if topic:
        # An unknown topic matches nothing rather than silently showing everything.
        courses = courses.filter(topics__slug=topic) if selected_topic else courses.none()
    length_q = _length_filter(length)
    if length_q is not None:
        courses = courses.filter(length_q)
    else:
        length = ""
    courses = (
        courses.order_by("path")
        .prefetch_related(
            "topics",
            Prefetch("cover_image", queryset=get_image_model().objects.prefetch_renditions(COVER_FILTER)),
        )
        .distinct()
    )
    paginator = Paginator(courses, COURSES_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    page_courses = list(page_obj.object_list)
    progress = _progress_by_course(user=request.user, courses=page_courses)
    cards = [
        CourseCard(
            course=course,
            progress=progress[course.pk][0] if course.pk in progress else None,
            completed=progress[course.pk][1] if course.pk in progress else False,
        )
        for course in page_courses
    ]
    extra = "&".join(f"{name}={value}" for name, value in (("topic", topic), ("length", length)) if value)
    return {
        "cards": cards,
        "courses": page_courses,
        "progress_by_course": {pk: p for pk, (p, _completed) in progress.items()},
        "topics": topics,
        "lengths": [(value, label) for value, label, _low, _high in LENGTHS],
        "selected_topic": topic,
        "selected_topic_name": selected_topic.name if selected_topic else "",
        "selected_length": length,
        "filtered": bool(topic or length),
        "page_obj": page_obj,
        "filter_query": extra,
    }


def course_prerequisites(*, user: User, course: CoursePage) -> tuple[list[CoursePage], list[CoursePage]]:
    """(the course's live prerequisites in title order, those the member has not completed yet)."""
    # filter(live=True) rather than live(): in a preview this is modelcluster's in-memory queryset.
    prerequisites = list(course.prerequisites.filter(live=True).order_by("title"))
    completed_ids: set[int] = set()
    if prerequisites and user.is_authenticated:
        completed_ids = set(
            Enrolment.objects.completed()
            .filter(user=user, course__in=[c.pk for c in prerequisites])
            .values_list("course_id", flat=True)
        )
    return prerequisites, [c for c in prerequisites if c.pk not in completed_ids]


def course_detail_for_learner(*, course: CoursePage, user: User) -> dict:
    """Context for a course page as `user` sees it: lessons with done flags, progress, where to continue,
    prerequisites still to take, attempts and best score, and the certificate once complete.
    """
    if course.pk is None:
        # An editor previewing a course not saved yet: nothing below it, nobody enrolled.
        enrolment, steps = None, CourseSteps(course=course, enrolment=None)
    else:
        enrolment = enrolment_for(user=user, course=course)
        steps = course_steps(course=course, enrolment=enrolment)
    prerequisites, missing = course_prerequisites(user=user, course=course)
    attempts: list[Attempt] = []
    certificate: Certificate | None = None
    if enrolment is not None:
        attempts = list(
            Attempt.objects.filter(enrolment=enrolment).only("id", "score", "passed", "submitted_at", "enrolment_id")
        )
        if enrolment.completed_at:
            certificate = enrolment.certificate_or_none
    progress = steps.progress
    return {
        "course": course,
        "enrolment": enrolment,
        "lessons": steps.lessons,
        "knowledge_check": steps.check,
        "check_passed": steps.check_passed,
        "progress": progress,
        "continue_target": steps.continue_target(),
        "prerequisites": prerequisites,
        "prerequisites_missing": missing,
        "attempts": attempts,
        "best_score": enrolment.best_score if enrolment else None,
        "certificate": certificate,
        "completed": bool(enrolment and enrolment.completed_at),
    }


def lesson_for_learner(*, lesson: LessonPage, course: CoursePage, enrolment: Enrolment) -> dict:
    """Context for a lesson page: the course, previous and next steps, whether it is done, and progress."""
    steps = course_steps(course=course, enrolment=enrolment)
    previous, following = steps.neighbours(lesson)
    item = next((i for i in steps.lessons if i.lesson.pk == lesson.pk), None)
    return {
        "course": course,
        "enrolment": enrolment,
        "lessons": steps.lessons,
        "lesson_number": item.number if item else None,
        "lesson_done": bool(item and item.done),
        "previous_page": previous,
        "next_page": following,
        "knowledge_check": steps.check,
        "progress": steps.progress,
    }


def attempts_for(*, enrolment: Enrolment, check: KnowledgeCheckPage) -> list[Attempt]:
    """The member's attempts at a knowledge check, newest first."""
    return list(Attempt.objects.filter(enrolment=enrolment, knowledge_check=check))
