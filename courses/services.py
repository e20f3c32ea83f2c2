"""Writes for learning: enrolling, progress, knowledge-check attempts, completion, CPD."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from courses.models import (
    Attempt,
    Certificate,
    CoursePage,
    CPDEntry,
    CPDMethod,
    CPDTarget,
    Enrolment,
    KnowledgeCheckPage,
    LessonPage,
    LessonProgress,
    Reflection,
)
from courses.quiz import answers_score
from courses.selectors import course_prerequisites


class PrerequisitesMissing(Exception):
    """The member must complete other courses first."""

    def __init__(self, courses: list[CoursePage]):
        self.courses = courses
        super().__init__(", ".join(c.title for c in courses))


@transaction.atomic
def enrolment_create(*, user: User, course: CoursePage) -> Enrolment:
    """Enrol a member in one click (idempotent); prerequisites must be complete."""
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing:
        return existing
    _, missing = course_prerequisites(user=user, course=course)
    if missing:
        raise PrerequisitesMissing(missing)
    try:
        with transaction.atomic():
            return Enrolment.objects.create(user=user, course=course)
    except IntegrityError:  # a double click raced us
        return Enrolment.objects.get(user=user, course=course)


@transaction.atomic
def lesson_visit(*, enrolment: Enrolment, lesson: LessonPage) -> None:
    """Remember where the member is, for "continue where you left off"."""
    Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson, last_activity_at=timezone.now())
    enrolment.last_lesson = lesson


@transaction.atomic
def lesson_complete(*, enrolment: Enrolment, lesson: LessonPage) -> Enrolment:
    """Mark a lesson done (idempotent) and complete the course if that was the last step."""
    if lesson.get_parent().pk != enrolment.course_id:
        raise ValueError("The lesson is not part of this course.")
    LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    enrolment.last_lesson = lesson
    enrolment.last_activity_at = timezone.now()
    enrolment.save(update_fields=["last_lesson", "last_activity_at"])
    return enrolment_complete_if_done(enrolment=enrolment)


@transaction.atomic
def attempt_submit(*, enrolment: Enrolment, check: KnowledgeCheckPage, answers: dict[str, list[str]]):
    """Score and keep an attempt; the best score counts. Raises quiz.AnswersInvalid.

    Returns (attempt, feedback per question).
    """
    if check.get_parent().pk != enrolment.course_id:
        raise ValueError("The knowledge check is not part of this course.")
    score, results, feedback = answers_score(check=check, answers=answers)
    passed = score >= check.pass_mark
    attempt = Attempt.objects.create(
        enrolment=enrolment, knowledge_check=check, score=score, passed=passed, answers=answers, results=results
    )
    now = timezone.now()
    enrolment.best_score = max(score, enrolment.best_score or 0)
    if passed and not enrolment.passed_at:
        enrolment.passed_at = now
    enrolment.last_activity_at = now
    enrolment.save(update_fields=["best_score", "passed_at", "last_activity_at"])
    enrolment_complete_if_done(enrolment=enrolment)
    return attempt, feedback


def enrolment_progress(*, enrolment: Enrolment) -> tuple[int, int]:
    """(steps done, steps in all): every live lesson, plus the knowledge check if any."""
    course = enrolment.course
    lesson_ids = [lesson.pk for lesson in course.lessons]
    done = LessonProgress.objects.filter(enrolment=enrolment, lesson_id__in=lesson_ids).count()
    total = len(lesson_ids)
    if course.knowledge_check:
        total += 1
        done += 1 if enrolment.passed_at else 0
    return done, total


@transaction.atomic
def enrolment_complete_if_done(*, enrolment: Enrolment) -> Enrolment:
    """Complete the course when every lesson is done and the check passed: CPD entry and certificate."""
    if enrolment.completed_at:
        return enrolment
    done, total = enrolment_progress(enrolment=enrolment)
    if total == 0 or done < total:
        return enrolment
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    course = enrolment.course
    user = enrolment.user
    topics = ", ".join(sorted(t.name for t in course.topics.all()))[:150]
    CPDEntry.objects.create(
        user=user,
        date=timezone.localdate(enrolment.completed_at),
        title=course.title,
        method=CPDMethod.ELEARNING,
        hours=course.cpd_hours,
        participatory=False,
        topic=topics,
        enrolment=enrolment,
    )
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        learner_name=user.get_full_name() or user.email,
        course_title=course.title,
        cpd_hours=course.cpd_hours,
        completed_on=timezone.localdate(enrolment.completed_at),
    )
    certificate_pdf_queue(certificate=certificate)
    return enrolment


def certificate_pdf_queue(*, certificate: Certificate) -> None:
    """Build the certificate's PDF in the background once the transaction commits."""
    from courses.tasks import certificate_pdf_build

    transaction.on_commit(lambda: certificate_pdf_build.enqueue(certificate_id=certificate.pk))


@transaction.atomic
def cpd_entry_save(
    *,
    user: User,
    entry: CPDEntry | None = None,
    date: date,
    title: str,
    method: str,
    hours: Decimal,
    participatory: bool,
    topic: str = "",
    notes: str = "",
) -> CPDEntry:
    """Add or change a CPD entry the member recorded themselves."""
    if entry is None:
        entry = CPDEntry(user=user)
    elif entry.user_id != user.pk:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    entry.date, entry.title, entry.method, entry.hours = date, title.strip(), method, hours
    entry.participatory, entry.topic, entry.notes = participatory, topic.strip(), notes.strip()
    entry.save()
    return entry


@transaction.atomic
def cpd_entry_delete(*, user: User, entry: CPDEntry) -> None:
    if entry.user_id != user.pk or entry.enrolment_id:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied  # entries from completed courses are the record; keep them
    entry.delete()


@transaction.atomic
def cpd_target_set(*, user: User, yearly_hours: Decimal | None) -> None:
    if yearly_hours is None:
        CPDTarget.objects.filter(user=user).delete()
    else:
        CPDTarget.objects.update_or_create(user=user, defaults={"yearly_hours": yearly_hours})


@transaction.atomic
def reflection_save(*, user: User, course: CoursePage, **fields: str) -> Reflection:
    """Save a member's private reflection on a course."""
    allowed = {"activity", "learnt", "practice_change", "code_relation"}
    reflection, _ = Reflection.objects.get_or_create(user=user, course=course)
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(name)
        setattr(reflection, name, value.strip())
    reflection.save()
    return reflection


@transaction.atomic
def cpd_export_request(*, user: User, date_from: date, date_to: date):
    """Ask for a PDF of the member's CPD log for a period; the worker builds it after commit."""
    from courses.models import CPDExport
    from courses.tasks import cpd_export_pdf_build

    export = CPDExport.objects.create(user=user, date_from=date_from, date_to=date_to)
    transaction.on_commit(lambda: cpd_export_pdf_build.enqueue(export_id=export.pk))
    return export
