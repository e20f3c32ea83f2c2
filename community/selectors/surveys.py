"""Reads for surveys: what a visitor sees of a survey, their earlier response, and the results summary."""

import datetime
import enum
import statistics
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from wagtail.contrib.forms.forms import FormBuilder

from accounts.permissions import user_is_member
from community.models import SurveyField, SurveyPage, SurveySubmission
from community.permissions.membership import user_is_community_member
from community.permissions.surveys import survey_is_closed

# How many of the latest answers to a text question the summary shows.
LATEST_TEXT_SHOWN = 5

SINGLE_CHOICE_TYPES = frozenset({"radio", "dropdown"})
MULTIPLE_CHOICE_TYPES = frozenset({"checkboxes", "multiselect"})
NUMBER_TYPES = frozenset({"number"})


class SurveyState(enum.StrEnum):
    """What a visitor gets on a survey's page, decided by survey_access."""

    OPEN = "open"  # the questions
    SIGN_IN = "sign_in"  # sent to the log-in page first
    JOIN = "join"  # signed in but not a member of a members-only survey: how to join, no questions
    ANSWERED = "answered"  # answered already (once-per-member surveys): when, no second form
    CLOSED = "closed"  # past its closing time


@dataclass(frozen=True)
class SurveyAccess:
    state: SurveyState
    response: SurveySubmission | None = None


def survey_response_for(*, survey: SurveyPage, user) -> SurveySubmission | None:
    """The member's earliest response to the survey, or None (always None for visitors)."""
    if user is None or not user.is_authenticated or survey.pk is None:
        return None
    return SurveySubmission.objects.filter(page=survey, user=user).order_by("submit_time", "pk").first()


def survey_access(*, survey: SurveyPage, user, now: datetime.datetime | None = None) -> SurveyAccess:
    """What `user` may do with the survey, in this order of precedence:

    members-only: visitors sign in, signed-in non-members are told how to join (and see no questions);
    once per member: a member who has answered is told when; past its closing time: closed;
    once per member: visitors sign in; otherwise the form. At most one query beyond the membership check.
    """
    if survey.members_only:
        if not user_is_member(user):
            return SurveyAccess(SurveyState.SIGN_IN)
        if not user_is_community_member(user):
            return SurveyAccess(SurveyState.JOIN)
    if survey.one_response_per_member:
        response = survey_response_for(survey=survey, user=user)
        if response is not None:
            return SurveyAccess(SurveyState.ANSWERED, response)
    if survey_is_closed(survey=survey, now=now):
        return SurveyAccess(SurveyState.CLOSED)
    if survey.one_response_per_member and not user_is_member(user):
        return SurveyAccess(SurveyState.SIGN_IN)
    return SurveyAccess(SurveyState.OPEN)


# The results summary ------------------------------------------------------------------


@dataclass
class ChoiceCount:
    """One option of a choice question: how many chose it, as a share of those who answered the question."""

    label: str
    count: int
    percent: float = 0.0
    current: bool = True  # False for an answer that is no longer one of the question's options


@dataclass
class QuestionSummary:
    """One question's answers, summarised by its kind: "choice", "number" or "text"."""

    question: SurveyField
    kind: str
    answered: int = 0
    choices: list[ChoiceCount] = field(default_factory=list)
    multiple: bool = False
    mean: Decimal | None = None
    median: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    latest: list[tuple[str, datetime.datetime]] = field(default_factory=list)


def _kind(field_type: str) -> str:
    if field_type in SINGLE_CHOICE_TYPES or field_type in MULTIPLE_CHOICE_TYPES or field_type == "checkbox":
        return "choice"
    if field_type in NUMBER_TYPES:
        return "number"
    return "text"


def _is_blank(value) -> bool:
    return value is None or value == "" or value == []


def _choices_summary(summary: QuestionSummary, values: list) -> None:
    question = summary.question
    if question.field_type == "checkbox":
        options = ["Yes", "No"]
        values = ["Yes" if value else "No" for value in values if value is not None]
    else:
        options = [label for label, _ in FormBuilder([]).get_formatted_field_choices(question) if label]
    counts = {option: ChoiceCount(option, 0) for option in options}
    summary.multiple = question.field_type in MULTIPLE_CHOICE_TYPES
    for value in values:
        if _is_blank(value):
            continue
        summary.answered += 1
        chosen = value if isinstance(value, list) else [value]
        for label in dict.fromkeys(str(item) for item in chosen):
            if label not in counts:
                # Kept after an editor changed the options: the answer is still counted, and marked.
                counts[label] = ChoiceCount(label, 0, current=False)
            counts[label].count += 1
    for choice in counts.values():
        choice.percent = round(100 * choice.count / summary.answered, 1) if summary.answered else 0.0
    summary.choices = list(counts.values())


def _numbers_summary(summary: QuestionSummary, values: list) -> None:
    numbers = []
    for value in values:
        if _is_blank(value):
            continue
        try:
            numbers.append(Decimal(str(value)))
        except InvalidOperation:
            continue
    summary.answered = len(numbers)
    if numbers:
        two_places = Decimal("0.01")
        summary.mean = (sum(numbers) / len(numbers)).quantize(two_places)
        summary.median = Decimal(statistics.median(numbers)).quantize(two_places)
        summary.minimum = min(numbers)
        summary.maximum = max(numbers)


def _text_summary(summary: QuestionSummary, rows: list[tuple[object, datetime.datetime]]) -> None:
    # `rows` come newest first.
    answers = [(str(value).strip(), when) for value, when in rows if not _is_blank(value) and str(value).strip()]
    summary.answered = len(answers)
    summary.latest = answers[:LATEST_TEXT_SHOWN]


def survey_summary(*, survey: SurveyPage) -> dict:
    """The results of a survey: `total` responses, `latest_at`, and `questions` (a QuestionSummary each,
    in the editor's order): counts and percentages for choice questions, count/mean/median for numbers,
    the number of answers and the latest few for text. Two queries, however many responses there are.
    """
    questions = list(SurveyField.objects.filter(page=survey).order_by("sort_order", "pk"))
    rows = list(
        SurveySubmission.objects.filter(page=survey)
        .order_by("-submit_time", "-pk")
        .values_list("form_data", "submit_time")
    )
    summaries = []
    for question in questions:
        summary = QuestionSummary(question=question, kind=_kind(question.field_type))
        answers = [(data.get(question.clean_name), when) for data, when in rows]
        if summary.kind == "choice":
            _choices_summary(summary, [value for value, _ in answers])
        elif summary.kind == "number":
            _numbers_summary(summary, [value for value, _ in answers])
        else:
            _text_summary(summary, answers)
        summaries.append(summary)
    return {
        "survey": survey,
        "total": len(rows),
        "latest_at": rows[0][1] if rows else None,
        "questions": summaries,
    }
