"""Reads for the learner's own pages: dashboard, CPD log, reflections and certificates.

Every selector here returns only what belongs to the member asked about, and costs the same
number of queries however many enrolments, entries or pathways there are.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from wagtail.models import Page

from accounts.models import User
from courses.models import (
    Certificate,
    CourseIndexPage,
    CoursePage,
    CPDEntry,
    CPDTarget,
    Enrolment,
    KnowledgeCheckPage,
    LearningPathway,
    LessonPage,
    LessonProgress,
    PathwayStep,
    Reflection,
)
from courses.models.cpd import NMC_HOURS, NMC_PARTICIPATORY_HOURS
from courses.models.learning import CERTIFICATE_ALPHABET

ZERO = Decimal("0")


def hours_format(value: Decimal) -> str:
    """1.50 → "1.5", 35.00 → "35"."""
    return f"{Decimal(value).normalize():f}"


# Dates ------------------------------------------------------------------------------------------


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Period:
    """A range of dates, both ends included."""

    start: date
    end: date


def cpd_period_default(*, today: date) -> Period:
    """The last 12 months up to today."""
    return Period(start=years_before(today, 1), end=today)


def cpd_period_nmc(*, today: date) -> Period:
    """The NMC revalidation window: the three years up to today."""
    return Period(start=years_before(today, 3), end=today)


# Courses and progress ---------------------------------------------------------------------------


@dataclass
class CourseProgress:
    """An enrolment with its steps done and in all."""

    enrolment: Enrolment
    done: int
    total: int

    @property
    def course(self) -> CoursePage:
        return self.enrolment.course

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def summary(self) -> str:
        return f"{self.done} of {self.total} steps done"

    @property
    def continue_page(self):
        """The lesson the member last opened if it is still live, else the course page."""
        lesson = self.enrolment.last_lesson
        if lesson is not None and lesson.live and lesson.path.startswith(self.course.path):
            return lesson
        return self.course


def _live_children_by_course(model, courses: list[CoursePage]) -> dict[int, list[int]]:
    """{course id: [ids of live children of `model`]} in one query."""
    if not courses:
        return {}
    by_path = {c.path: c.pk for c in courses}
    condition = Q()
    for course in courses:
        condition |= Q(path__startswith=course.path, depth=course.depth + 1)
    children: dict[int, list[int]] = defaultdict(list)
    for pk, path in model.objects.live().filter(condition).order_by("path").values_list("pk", "path"):
        course_id = by_path.get(path[: -Page.steplen])
        if course_id is not None:
            children[course_id].append(pk)
    return children


@dataclass
class LearnerCourses:
    """A member's courses, split into those in progress and those completed."""

    in_progress: list[CourseProgress] = field(default_factory=list)
    completed: list[Enrolment] = field(default_factory=list)

    @property
    def completed_course_ids(self) -> set[int]:
        return {e.course_id for e in self.completed}


def learner_courses(*, user: User) -> LearnerCourses:
    """The member's enrolments with progress (live courses only while in progress), in five queries.

    Completed enrolments come with their certificate loaded (`enrolment.certificate_or_none`).
    """
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("course", "last_lesson", "certificate")
        .order_by("-last_activity_at", "-pk")
    )
    result = LearnerCourses()
    in_progress = [e for e in enrolments if e.completed_at is None and e.course.live]
    result.completed = [e for e in enrolments if e.completed_at is not None]
    result.completed.sort(key=lambda e: e.completed_at, reverse=True)
    if not in_progress:
        return result

    courses = list({e.course_id: e.course for e in in_progress}.values())
    lessons = _live_children_by_course(LessonPage, courses)
    checks = _live_children_by_course(KnowledgeCheckPage, courses)
    lesson_ids = [pk for ids in lessons.values() for pk in ids]
    done_counts = dict(
        LessonProgress.objects.filter(enrolment__in=in_progress, lesson_id__in=lesson_ids)
        .values("enrolment_id")
        .annotate(n=Count("pk"))
        .values_list("enrolment_id", "n")
    )
    for enrolment in in_progress:
        total = len(lessons.get(enrolment.course_id, []))
        done = done_counts.get(enrolment.pk, 0)
        if checks.get(enrolment.course_id):
            total += 1
            done += 1 if enrolment.passed_at else 0
        result.in_progress.append(CourseProgress(enrolment=enrolment, done=done, total=total))
    return result


# Pathways ---------------------------------------------------------------------------------------


@dataclass
class PathwayProgress:
    """A pathway's live courses and how many of them the member completed."""

    pathway: LearningPathway
    steps: list[tuple[CoursePage, bool]]

    @property
    def done(self) -> int:
        return sum(1 for _, completed in self.steps if completed)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def summary(self) -> str:
        return f"{self.done} of {self.total} courses completed"


def pathways_progress(*, completed_course_ids: set[int]) -> list[PathwayProgress]:
    """Every pathway with live courses, each course marked done or not for the member (two queries)."""
    steps = PathwayStep.objects.filter(course__live=True).select_related("course").order_by("sort_order", "pk")
    pathways = LearningPathway.objects.prefetch_related(Prefetch("steps", queryset=steps, to_attr="live_steps"))
    result = []
    for pathway in pathways:
        if pathway.live_steps:
            result.append(
                PathwayProgress(
                    pathway=pathway,
                    steps=[(s.course, s.course_id in completed_course_ids) for s in pathway.live_steps],
                )
            )
    return result


# CPD --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CPDTotals:
    """Hours and participatory hours over a period."""

    period: Period
    hours: Decimal
    participatory_hours: Decimal
    entries: int

    @property
    def hours_display(self) -> str:
        return hours_format(self.hours)

    @property
    def participatory_display(self) -> str:
        return hours_format(self.participatory_hours)


def cpd_totals(*, user: User, periods: dict[str, Period]) -> dict[str, CPDTotals]:
    """The member's CPD hours in each named period, all in one query."""
    if not periods:
        return {}
    aggregates = {}
    for name, period in periods.items():
        in_period = Q(date__gte=period.start, date__lte=period.end)
        aggregates[f"{name}__hours"] = Sum("hours", filter=in_period)
        aggregates[f"{name}__participatory"] = Sum("hours", filter=in_period & Q(participatory=True))
        aggregates[f"{name}__entries"] = Count("pk", filter=in_period)
    row = CPDEntry.objects.filter(user=user).aggregate(**aggregates)
    return {
        name: CPDTotals(
            period=period,
            hours=Decimal(row[f"{name}__hours"] or ZERO),
            participatory_hours=Decimal(row[f"{name}__participatory"] or ZERO),
            entries=row[f"{name}__entries"] or 0,
        )
        for name, period in periods.items()
    }


@dataclass(frozen=True)
class Goal:
    """Hours done against hours required, for a progress bar."""

    label: str
    done: Decimal
    required: Decimal
    suffix: str = ""

    @property
    def met(self) -> bool:
        return self.done >= self.required

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return min(100, round(100 * self.done / self.required))

    @property
    def remaining(self) -> Decimal:
        return max(ZERO, self.required - self.done)

    @property
    def remaining_display(self) -> str:
        return hours_format(self.remaining)

    @property
    def summary(self) -> str:
        return f"{hours_format(self.done)} of {hours_format(self.required)} hours{self.suffix}"


def nmc_goals(*, totals: CPDTotals) -> list[Goal]:
    """The NMC revalidation requirements, met or not, over the three-year window."""
    return [
        Goal(label="CPD hours", done=totals.hours, required=NMC_HOURS),
        Goal(label="Participatory hours", done=totals.participatory_hours, required=NMC_PARTICIPATORY_HOURS),
    ]


def cpd_target_get(*, user: User) -> CPDTarget | None:
    """The member's own yearly target, if they set one."""
    return CPDTarget.objects.filter(user=user).first()


def cpd_entries_in_period(*, user: User, period: Period):
    """The member's CPD entries in the period, newest first."""
    return CPDEntry.objects.filter(user=user, date__gte=period.start, date__lte=period.end).order_by(
        "-date", "-created_at", "-pk"
    )


def cpd_entry_for_owner(*, user: User, entry_id: int) -> CPDEntry | None:
    """One of the member's own entries, or None (someone else's entry is as good as missing)."""
    return CPDEntry.objects.filter(user=user, pk=entry_id).first()


# Reflections ------------------------------------------------------------------------------------


def reflections_for_owner(*, user: User, period: Period | None = None):
    """The member's reflections with their courses, most recently saved first; optionally saved in `period`."""
    reflections = Reflection.objects.filter(user=user).select_related("course").order_by("-updated_at", "-pk")
    if period is not None:
        reflections = reflections.filter(updated_at__date__gte=period.start, updated_at__date__lte=period.end)
    return reflections


def reflection_course_ids(*, user: User) -> set[int]:
    """Ids of the courses the member has written a reflection on."""
    return set(Reflection.objects.filter(user=user).values_list("course_id", flat=True))


def reflection_for_owner(*, user: User, course: CoursePage) -> Reflection | None:
    """The member's own reflection on a course, never anyone else's."""
    return Reflection.objects.filter(user=user, course=course).first()


def course_index_get() -> CourseIndexPage | None:
    """The live course index, for "find a course" links."""
    return CourseIndexPage.objects.live().first()


def course_live_get(*, course_id: int) -> CoursePage | None:
    """A live course by id, or None."""
    return CoursePage.objects.live().filter(pk=course_id).first()


# Certificates -----------------------------------------------------------------------------------

_CODE_STRIP = re.compile(r"[\s\-–—]+")


def certificate_code_normalise(code: str) -> str | None:
    """`abcd efgh-jkmn` → `ABCD-EFGH-JKMN`; None if it cannot be a certificate code."""
    raw = _CODE_STRIP.sub("", code or "").upper()
    if len(raw) != 12 or any(ch not in CERTIFICATE_ALPHABET for ch in raw):
        return None
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def certificate_by_code(*, code: str) -> Certificate | None:
    """The certificate with this code (any case, dashes optional), or None."""
    normalised = certificate_code_normalise(code)
    if normalised is None:
        return None
    return Certificate.objects.filter(code=normalised).first()


def certificate_for_owner(*, user: User, code: str) -> Certificate | None:
    """The certificate with this code if it is the member's own, else None."""
    normalised = certificate_code_normalise(code)
    if normalised is None or not user.is_authenticated:
        return None
    return Certificate.objects.filter(code=normalised, enrolment__user=user).first()
