"""Taking a course: enrolling, lessons, marking them done and the knowledge check.

Course, lesson and knowledge-check pages are Wagtail pages; LessonPage.serve and KnowledgeCheckPage.serve
hand over to the functions here, so the same access rule applies to both: sign in, then enrol.
"""

import random
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import floatformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST
from wagtail.models import Page

from courses import services
from courses.models import CoursePage, Enrolment, KnowledgeCheckPage, LessonPage
from courses.quiz import AnswersInvalid, PublicQuestion, questions_public
from courses.selectors import (
    attempts_for,
    course_live_for,
    course_steps,
    enrolment_for,
    lesson_for_learner,
)

SEED_SESSION_KEY = "knowledge_check_seed_{}"


def _enrolment_or_redirect(request: HttpRequest, *, course: CoursePage, page: Page) -> Enrolment | HttpResponse:
    """The member's enrolment, or where to send them: sign in first, then enrol on the course page."""
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request))
    enrolment = enrolment_for(user=request.user, course=course)
    if enrolment is None:
        messages.info(request, "Enrol to start this course.")
        return redirect(course.get_url(request))
    return enrolment


def _completed_message(request: HttpRequest, *, enrolment: Enrolment, course: CoursePage) -> None:
    certificate = enrolment.certificate_or_none
    if certificate is None:
        messages.success(request, f"You have completed {course.title}.")
        return
    messages.success(
        request,
        format_html(
            'You have completed {}. We have added {} CPD hour{} to your CPD log. <a href="{}">Download your '
            "certificate</a>.",
            course.title,
            floatformat(course.cpd_hours, -2),
            "" if course.cpd_hours == 1 else "s",
            reverse("courses:certificate_download", args=[certificate.code]),
        ),
    )


@require_POST
def enrol(request: HttpRequest, course_id: int) -> HttpResponse:
    """Enrol the member in one click and take them to where they left off (the first lesson when new)."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    course_url = course.get_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(course_url)
    try:
        enrolment = services.enrolment_create(user=request.user, course=course)
    except services.PrerequisitesMissing as missing:
        links = format_html_join(", ", '<a href="{}">{}</a>', ((c.get_url(request), c.title) for c in missing.courses))
        messages.error(
            request,
            format_html(
                "Before you enrol in {}, complete {} first: {}.",
                course.title,
                "these courses" if len(missing.courses) > 1 else "this course",
                links,
            ),
        )
        return redirect(course_url)
    target = course_steps(course=course, enrolment=enrolment).continue_target()
    messages.success(request, f"You are enrolled in {course.title}.")
    return redirect(target.get_url(request) if target else course_url)


def lesson_serve(request: HttpRequest, *, lesson: LessonPage) -> HttpResponse:
    """Show a lesson to an enrolled member and remember it as where they left off.

    Editors' previews go through serve_preview and never reach this function.
    """
    course = course_live_for(page=lesson)
    if course is None:
        raise Http404
    enrolment = _enrolment_or_redirect(request, course=course, page=lesson)
    if isinstance(enrolment, HttpResponse):
        return enrolment
    services.lesson_visit(enrolment=enrolment, lesson=lesson)
    request.is_preview = False
    context = lesson.get_context(request)
    context.update(lesson_for_learner(lesson=lesson, course=course, enrolment=enrolment))
    return TemplateResponse(request, lesson.get_template(request), context)


@require_POST
def lesson_complete(request: HttpRequest, lesson_id: int) -> HttpResponse:
    """Mark a lesson done, then go on to the next lesson, the knowledge check or back to the course."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    if not request.user.is_authenticated:
        return redirect_to_login(lesson.get_url(request))
    course = course_live_for(page=lesson)
    enrolment = enrolment_for(user=request.user, course=course) if course else None
    if enrolment is None:
        raise Http404
    was_complete = enrolment.is_complete
    enrolment = services.lesson_complete(enrolment=enrolment, lesson=lesson)
    if enrolment.is_complete and not was_complete:
        _completed_message(request, enrolment=enrolment, course=course)
        return redirect(course.get_url(request))
    target = course_steps(course=course, enrolment=enrolment).after(lesson)
    if target is None:
        return redirect(course.get_url(request))
    return redirect(target.get_url(request))


@dataclass
class OptionField:
    id: str
    text: str
    input_id: str
    checked: bool = False


@dataclass
class QuestionField:
    """A question as a form fieldset: its inputs, what the member chose and whether it needs an answer."""

    id: str
    number: int
    text: str
    allows_many: bool
    options: list[OptionField] = field(default_factory=list)
    error: bool = False

    @property
    def name(self) -> str:
        return f"q_{self.id}"

    @property
    def fieldset_id(self) -> str:
        return f"question-{self.id}"

    @property
    def describedby(self) -> str:
        """Ids of the hint and the error message, for the fieldset's aria-describedby."""
        ids = [f"{self.fieldset_id}-hint"] if self.allows_many else []
        if self.error:
            ids.append(f"{self.fieldset_id}-error")
        return " ".join(ids)

    @property
    def first_input_id(self) -> str:
        return self.options[0].input_id if self.options else self.fieldset_id


def _question_fields(
    questions: list[PublicQuestion], *, answers: dict[str, list[str]] | None = None, unanswered: set[str] = frozenset()
) -> list[QuestionField]:
    answers = answers or {}
    out = []
    for q in questions:
        chosen = set(answers.get(q.id, []))
        out.append(
            QuestionField(
                id=q.id,
                number=q.number,
                text=q.text,
                allows_many=q.allows_many,
                error=q.id in unanswered,
                options=[
                    OptionField(id=o.id, text=o.text, input_id=f"q-{q.id}-{i}", checked=o.id in chosen)
                    for i, o in enumerate(q.options, start=1)
                ],
            )
        )
    return out


def _seed(request: HttpRequest, check: KnowledgeCheckPage) -> int:
    """The shuffle seed for this member and check, kept in the session so a reload shows the same paper."""
    key = SEED_SESSION_KEY.format(check.pk)
    seed = request.session.get(key)
    if not isinstance(seed, int):
        seed = random.SystemRandom().randrange(1, 2**31)
        request.session[key] = seed
    return seed


def _answers_from(post) -> dict[str, list[str]]:
    """{question id: [option ids]} from fields named q_<question id>; empty values dropped."""
    answers = {}
    for key in post:
        if key.startswith("q_") and len(key) > 2:
            chosen = [value for value in post.getlist(key) if value]
            if chosen:
                answers[key[2:]] = chosen
    return answers


def _numbers_text(numbers: list[int]) -> str:
    """[2] -> "question 2"; [2, 3] -> "questions 2 and 3"; [1, 2, 3] -> "questions 1, 2 and 3"."""
    if len(numbers) == 1:
        return f"question {numbers[0]}"
    return "questions " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"


def knowledge_check_serve(request: HttpRequest, *, check: KnowledgeCheckPage) -> HttpResponse:
    """The knowledge check: the questions (never the answers) on GET; on POST, score and show the results."""
    course = course_live_for(page=check)
    if course is None:
        raise Http404
    enrolment = _enrolment_or_redirect(request, course=course, page=check)
    if isinstance(enrolment, HttpResponse):
        return enrolment
    request.is_preview = False
    context = check.get_context(request)
    context.update({"course": course, "enrolment": enrolment, "check_url": check.get_url(request)})
    template = check.get_template(request)
    questions = questions_public(check=check, seed=_seed(request, check))
    status = 200

    if request.method == "POST" and questions:
        answers = _answers_from(request.POST)
        was_complete = enrolment.is_complete
        try:
            attempt, feedback = services.attempt_submit(enrolment=enrolment, check=check, answers=answers)
        except AnswersInvalid as invalid:
            unanswered = [q for q in questions if not answers.get(q.id)]
            context.update(
                {
                    "questions": _question_fields(questions, answers=answers, unanswered={q.id for q in unanswered}),
                    "unanswered": _question_fields(unanswered),
                    "unanswered_text": _numbers_text([q.number for q in unanswered]) if unanswered else "",
                    "tampered": invalid.tampered,
                    "has_errors": True,
                }
            )
            status = 400 if invalid.tampered else 200
        else:
            # A fresh order for the next try.
            request.session.pop(SEED_SESSION_KEY.format(check.pk), None)
            newly_complete = enrolment.is_complete and not was_complete
            steps = course_steps(course=course, enrolment=enrolment)
            context.update(
                {
                    "attempt": attempt,
                    "results": feedback,
                    "lessons_left": [item.lesson for item in steps.lessons if not item.done],
                    "certificate": enrolment.certificate_or_none if enrolment.is_complete else None,
                    "newly_complete": newly_complete,
                }
            )
    else:
        context["questions"] = _question_fields(questions)

    context.update(
        {
            "attempts": attempts_for(enrolment=enrolment, check=check),
            "best_score": enrolment.best_score,
            "completed": enrolment.is_complete,
        }
    )
    return TemplateResponse(request, template, context, status=status)
