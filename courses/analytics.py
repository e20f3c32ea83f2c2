"""Learning analytics for editors: how courses are used and how well knowledge-check questions work.

Per course: enrolments, completions, completion rate, median time to complete
(completed_at - enrolled_at), average and highest best score.

Per knowledge-check question (classical item analysis, over every submitted attempt):

- facility: the share of attempts that answered the question correctly (0 = nobody, 1 = everybody);
- discrimination, by the upper-lower group method: attempts are ranked by their total score,
  the top 27% and the bottom 27% are taken (at least one attempt each; ties broken by
  submission order), and discrimination = facility in the top group - facility in the bottom
  group. It runs from -1 to 1: 0.3 or more separates strong from weak learners well, below 0.2
  poorly, and a negative value means weaker learners did better, which usually points at a
  misleading question or a wrong answer key;
- how often each wrong option was chosen, mapping the option ids stored on each attempt to the
  option text of the current question.

Privacy: a cohort of fewer than MIN_COHORT learners is never shown, for the whole course and for
any filtered view (by professional group or organisation); the figures are replaced by
SUPPRESSED_TEXT. Fewer than SMALL_SAMPLE attempts shows a warning that the figures are unstable.

Query cost does not grow with the number of learners: per-course figures are aggregated by the
database, and the attempts of one course are read in one `values_list` query.
"""

import statistics
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Avg, Count, Max, Q
from django.utils.translation import gettext_lazy as _

from courses.models import Attempt, CoursePage, Enrolment, KnowledgeCheckPage

# Private, but the one place option ids are made: stored answers must map onto the same ids.
from courses.quiz import questions_with_answers

#: Cohorts smaller than this are not shown.
MIN_COHORT = 5
#: Below this many attempts the question figures carry a warning.
SMALL_SAMPLE = 20
#: The share of attempts in each of the upper and lower groups.
EXTREME_GROUP_SHARE = 0.27

SUPPRESSED_TEXT = _("Fewer than 5 learners: not shown")


@dataclass(frozen=True)
class LearnerFilter:
    """Which learners to count: everybody, or one professional group and/or organisation."""

    professional_group: str = ""
    organisation_id: int | None = None

    @property
    def is_active(self) -> bool:
        return bool(self.professional_group or self.organisation_id)

    def q(self, prefix: str = "") -> Q:
        """The condition on enrolments, reached from the queried model through `prefix` (e.g. "enrolments__")."""
        condition = Q()
        if self.professional_group:
            condition &= Q(**{f"{prefix}user__professional_group": self.professional_group})
        if self.organisation_id:
            condition &= Q(**{f"{prefix}user__organisation_id": self.organisation_id})
        return condition


@dataclass(frozen=True)
class CourseStats:
    """One course's uptake. When `suppressed`, every figure is None and must not be shown."""

    course_id: int
    title: str
    live: bool
    suppressed: bool
    enrolments: int | None = None
    completions: int | None = None
    completion_rate: float | None = None
    median_time_to_complete: timedelta | None = None
    average_best_score: float | None = None
    best_score: int | None = None

    @property
    def median_time_to_complete_text(self) -> str:
        return duration_text(self.median_time_to_complete)


@dataclass(frozen=True)
class OptionSpec:
    id: str
    text: str
    is_correct: bool


@dataclass(frozen=True)
class QuestionSpec:
    """A question of the current knowledge check, as analytics needs it."""

    id: str
    text: str
    kind: str
    options: list[OptionSpec]


@dataclass(frozen=True)
class OptionCount:
    """How often a wrong option was chosen, and its share of the attempts at the question."""

    option_id: str
    text: str
    chosen: int
    share: float | None


@dataclass(frozen=True)
class QuestionStats:
    """Item analysis of one question."""

    id: str
    number: int | None  # None for a question no longer in the check
    text: str
    attempts: int
    correct: int
    facility: float | None
    discrimination: float | None
    wrong_options: list[OptionCount] = field(default_factory=list)

    @property
    def removed(self) -> bool:
        return self.number is None


@dataclass(frozen=True)
class CheckAnalysis:
    """Item analysis of a course's knowledge check. When `suppressed`, `questions` is empty."""

    attempts: int
    learners: int
    suppressed: bool
    group_size: int | None = None
    questions: list[QuestionStats] = field(default_factory=list)

    @property
    def small_sample(self) -> bool:
        return not self.suppressed and self.attempts < SMALL_SAMPLE


#: (learner id, attempt id, score, answers, results) for one attempt.
AttemptRow = tuple[int, int, int, dict, dict]


def _median(values: list[timedelta]) -> timedelta | None:
    if not values:
        return None
    return timedelta(seconds=statistics.median(value.total_seconds() for value in values))


def course_stats_list(*, learners: LearnerFilter = LearnerFilter(), courses=None) -> list[CourseStats]:
    """Uptake of every course (or of `courses`, a CoursePage queryset), in title order. Two queries."""
    condition = learners.q("enrolments__")
    queryset = CoursePage.objects.all() if courses is None else courses
    rows = list(
        queryset.order_by("title", "pk")
        .annotate(
            n_enrolments=Count("enrolments", filter=condition),
            n_completions=Count("enrolments", filter=condition & Q(enrolments__completed_at__isnull=False)),
            avg_best=Avg("enrolments__best_score", filter=condition),
            max_best=Max("enrolments__best_score", filter=condition),
        )
        .values_list("pk", "title", "live", "n_enrolments", "n_completions", "avg_best", "max_best")
    )
    shown = [row[0] for row in rows if row[3] >= MIN_COHORT]
    durations: dict[int, list[timedelta]] = {}
    if shown:
        completed = (
            Enrolment.objects.filter(learners.q(), course_id__in=shown, completed_at__isnull=False)
            .order_by()
            .values_list("course_id", "enrolled_at", "completed_at")
        )
        for course_id, enrolled_at, completed_at in completed:
            durations.setdefault(course_id, []).append(completed_at - enrolled_at)

    stats = []
    for pk, title, live, n_enrolments, n_completions, avg_best, max_best in rows:
        if n_enrolments < MIN_COHORT:
            stats.append(CourseStats(course_id=pk, title=title, live=live, suppressed=True))
            continue
        stats.append(
            CourseStats(
                course_id=pk,
                title=title,
                live=live,
                suppressed=False,
                enrolments=n_enrolments,
                completions=n_completions,
                completion_rate=n_completions / n_enrolments,
                median_time_to_complete=_median(durations.get(pk, [])),
                average_best_score=None if avg_best is None else round(float(avg_best), 1),
                best_score=max_best,
            )
        )
    return stats


def course_stats(*, course: CoursePage, learners: LearnerFilter = LearnerFilter()) -> CourseStats:
    """Uptake of one course."""
    return course_stats_list(learners=learners, courses=CoursePage.objects.filter(pk=course.pk))[0]


def question_specs(*, check: KnowledgeCheckPage | None) -> list[QuestionSpec]:
    """The current questions of a knowledge check with their option ids, in editor order."""
    if check is None:
        return []
    return [
        QuestionSpec(
            id=qid,
            text=value["question"],
            kind=value["kind"],
            options=[
                OptionSpec(id=oid, text=option["text"], is_correct=bool(option["is_correct"]))
                for oid, option in options
            ],
        )
        for qid, value, options in questions_with_answers(check)
    ]


def _facility(rows: list[AttemptRow], question_id: str) -> float | None:
    answered = [results[question_id] for _, _, _, _, results in rows if question_id in results]
    return sum(1 for correct in answered if correct) / len(answered) if answered else None


def check_analysis_compute(*, questions: list[QuestionSpec], attempts: list[AttemptRow]) -> CheckAnalysis:
    """Item analysis of `attempts` against `questions` (pure: no database)."""
    learners = len({row[0] for row in attempts})
    if learners < MIN_COHORT:
        return CheckAnalysis(attempts=len(attempts), learners=learners, suppressed=True)

    # Lowest score first; equal scores in submission order, so the split is reproducible.
    ranked = sorted(attempts, key=lambda row: (row[2], row[1]))
    group_size = max(1, round(EXTREME_GROUP_SHARE * len(ranked)))
    lower, upper = ranked[:group_size], ranked[-group_size:]

    def stats_for(question_id: str, number: int | None, text: str, options: list[OptionSpec]) -> QuestionStats:
        answered = [row for row in attempts if question_id in row[4]]
        correct = sum(1 for row in answered if row[4][question_id])
        top, bottom = _facility(upper, question_id), _facility(lower, question_id)
        wrong = []
        for option in options:
            if option.is_correct:
                continue
            chosen = sum(1 for row in answered if option.id in (row[3].get(question_id) or []))
            wrong.append(
                OptionCount(
                    option_id=option.id,
                    text=option.text,
                    chosen=chosen,
                    share=chosen / len(answered) if answered else None,
                )
            )
        return QuestionStats(
            id=question_id,
            number=number,
            text=text,
            attempts=len(answered),
            correct=correct,
            facility=correct / len(answered) if answered else None,
            discrimination=None if top is None or bottom is None else top - bottom,
            wrong_options=wrong,
        )

    out = [stats_for(q.id, number, q.text, q.options) for number, q in enumerate(questions, start=1)]
    current = {q.id for q in questions}
    # Questions since removed from the check still have results on older attempts.
    removed = sorted({qid for row in attempts for qid in row[4]} - current)
    out += [stats_for(qid, None, str(_("Question no longer in the knowledge check")), []) for qid in removed]
    return CheckAnalysis(
        attempts=len(attempts), learners=learners, suppressed=False, group_size=group_size, questions=out
    )


def check_analysis(*, course: CoursePage, learners: LearnerFilter = LearnerFilter()) -> CheckAnalysis:
    """Item analysis of the course's knowledge check over the attempts of the learners chosen. Two queries."""
    check = course.knowledge_check
    rows = list(
        Attempt.objects.filter(learners.q("enrolment__"), enrolment__course=course)
        .order_by()
        .values_list("enrolment__user_id", "pk", "score", "answers", "results")
    )
    return check_analysis_compute(questions=question_specs(check=check), attempts=rows)


def duration_text(value: timedelta | None) -> str:
    """A duration for people: hours under two days, days after."""
    if value is None:
        return ""
    hours = value.total_seconds() / 3600
    if hours < 48:
        return str(_("%(hours).1f hours") % {"hours": hours})
    return str(_("%(days).1f days") % {"days": hours / 24})
