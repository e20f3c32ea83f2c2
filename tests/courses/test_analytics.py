"""Learning analytics computed on hand-made data whose right answers are known (courses.analytics)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import ProfessionalGroup
from courses import analytics
from courses.analytics import LearnerFilter, OptionSpec, QuestionSpec, check_analysis_compute
from courses.models import Attempt
from tests.accounts.factories import LearnerFactory, OrganisationFactory
from tests.courses.factories import EnrolmentFactory, course_with_lessons

#: Ten attempts, one per learner, at the fixture's three questions (results q1, q2, q3).
#: Right answers: q1 -> o0; q2 -> o0 and o2; q3 -> o0.
RESULTS = [
    (True, True, True),  # 1: 100
    (True, True, True),  # 2: 100
    (True, True, False),  # 3: 67
    (True, False, True),  # 4: 67
    (True, False, False),  # 5: 33
    (False, True, False),  # 6: 33
    (True, False, False),  # 7: 33
    (False, False, True),  # 8: 33
    (False, False, False),  # 9: 0
    (False, False, False),  # 10: 0
]
#: The options each learner chose for q1 and q2 (q3: o0 when right, o1 when wrong).
Q1_CHOICES = ["o0", "o0", "o0", "o0", "o0", "o1", "o0", "o1", "o2", "o1"]
Q2_CHOICES = [
    ["o0", "o2"],
    ["o0", "o2"],
    ["o0", "o2"],
    ["o0"],
    ["o0", "o1", "o2"],
    ["o0", "o2"],
    ["o1"],
    ["o1", "o2"],
    ["o2"],
    ["o0", "o1"],
]
#: Hours from enrolment to completion for the first five learners; the others have not finished.
HOURS_TO_COMPLETE = [1, 2, 3, 10, 50]


def _score(results) -> int:
    return round(100 * sum(results) / len(results))


def _answers(index: int) -> dict:
    q3 = "o0" if RESULTS[index][2] else "o1"
    return {
        "q1": [f"q1-{Q1_CHOICES[index]}"],
        "q2": [f"q2-{option}" for option in Q2_CHOICES[index]],
        "q3": [f"q3-{q3}"],
    }


def _results(index: int) -> dict:
    return dict(zip(("q1", "q2", "q3"), RESULTS[index], strict=True))


def _rows() -> list[analytics.AttemptRow]:
    """The same ten attempts as plain rows: (learner, attempt id, score, answers, results)."""
    return [(100 + i, i + 1, _score(RESULTS[i]), _answers(i), _results(i)) for i in range(len(RESULTS))]


def _specs() -> list[QuestionSpec]:
    def options(qid, correct, n=3):
        return [OptionSpec(id=f"{qid}-o{i}", text=f"Option {i} of {qid}", is_correct=i in correct) for i in range(n)]

    return [
        QuestionSpec(id="q1", text="Question q1?", kind="single", options=options("q1", {0})),
        QuestionSpec(id="q2", text="Question q2?", kind="multiple", options=options("q2", {0, 2})),
        QuestionSpec(id="q3", text="Question q3?", kind="true_false", options=options("q3", {0}, n=2)),
    ]


def _enrol_cohort(course, *, groups=None, organisations=None):
    """The ten learners of RESULTS enrolled on `course`, each with one attempt; returns the enrolments."""
    enrolled_at = timezone.now() - timedelta(days=30)
    check = course.knowledge_check
    enrolments = []
    for i, results in enumerate(RESULTS):
        learner_kwargs = {}
        if groups:
            learner_kwargs["professional_group"] = groups[i]
        if organisations:
            learner_kwargs["organisation"] = organisations[i]
        enrolment = EnrolmentFactory(
            user=LearnerFactory(**learner_kwargs),
            course=course,
            enrolled_at=enrolled_at,
            best_score=_score(results),
            completed_at=enrolled_at + timedelta(hours=HOURS_TO_COMPLETE[i]) if i < len(HOURS_TO_COMPLETE) else None,
        )
        Attempt.objects.create(
            enrolment=enrolment,
            knowledge_check=check,
            score=_score(results),
            passed=_score(results) >= 80,
            answers=_answers(i),
            results=_results(i),
        )
        enrolments.append(enrolment)
    return enrolments


def _by_id(analysis) -> dict:
    return {question.id: question for question in analysis.questions}


# Item analysis, pure -------------------------------------------------------------------------


def test_facility_is_the_share_of_attempts_right():
    questions = _by_id(check_analysis_compute(questions=_specs(), attempts=_rows()))
    assert questions["q1"].facility == pytest.approx(0.6)
    assert questions["q2"].facility == pytest.approx(0.4)
    assert questions["q3"].facility == pytest.approx(0.4)
    assert (questions["q1"].correct, questions["q1"].attempts) == (6, 10)


def test_discrimination_compares_the_top_and_bottom_27_percent():
    analysis = check_analysis_compute(questions=_specs(), attempts=_rows())
    # 27% of 10 attempts, rounded: groups of 3. Lowest first, ties in submission order:
    # bottom = attempts 9, 10, 5; top = attempts 4, 1, 2.
    assert analysis.group_size == 3
    questions = _by_id(analysis)
    assert questions["q1"].discrimination == pytest.approx(1 - 1 / 3)
    assert questions["q2"].discrimination == pytest.approx(2 / 3 - 0)
    assert questions["q3"].discrimination == pytest.approx(1.0)


def test_a_question_weak_learners_get_right_discriminates_negatively():
    rows = _rows()
    # Swap q1's results: the bottom group right, the top group wrong.
    flipped = [(*row[:4], {**row[4], "q1": not row[4]["q1"]}) for row in rows]
    questions = _by_id(check_analysis_compute(questions=_specs(), attempts=flipped))
    assert questions["q1"].discrimination == pytest.approx(0 - 2 / 3)


def test_wrong_options_are_counted_with_their_text():
    questions = _by_id(check_analysis_compute(questions=_specs(), attempts=_rows()))
    q1 = {option.text: option.chosen for option in questions["q1"].wrong_options}
    assert q1 == {"Option 1 of q1": 3, "Option 2 of q1": 1}
    q2 = questions["q2"].wrong_options
    assert [(option.option_id, option.chosen) for option in q2] == [("q2-o1", 4)]
    assert q2[0].share == pytest.approx(0.4)
    q3 = questions["q3"].wrong_options
    assert [(option.text, option.chosen) for option in q3] == [("Option 1 of q3", 6)]


def test_questions_are_numbered_in_editor_order_and_removed_ones_listed_last():
    rows = _rows()
    rows[0] = (*rows[0][:4], {**rows[0][4], "q-old": True})
    rows[1] = (*rows[1][:4], {**rows[1][4], "q-old": False})
    analysis = check_analysis_compute(questions=_specs(), attempts=rows)
    assert [(q.id, q.number) for q in analysis.questions] == [("q1", 1), ("q2", 2), ("q3", 3), ("q-old", None)]
    removed = analysis.questions[-1]
    assert removed.removed
    assert (removed.attempts, removed.correct, removed.facility) == (2, 1, 0.5)


def test_fewer_than_five_learners_are_not_analysed():
    rows = _rows()
    # Ten attempts, but by four learners only.
    few = [(1000 + i % 4, *row[1:]) for i, row in enumerate(rows)]
    analysis = check_analysis_compute(questions=_specs(), attempts=few)
    assert analysis.suppressed
    assert analysis.learners == 4
    assert analysis.questions == []
    assert not analysis.small_sample  # nothing is shown, so there is nothing to warn about


def test_fewer_than_twenty_attempts_carry_a_warning():
    assert check_analysis_compute(questions=_specs(), attempts=_rows()).small_sample
    twenty = [
        (learner + 100 * copy, attempt + 100 * copy, *rest) for copy in (0, 1) for learner, attempt, *rest in _rows()
    ]
    analysis = check_analysis_compute(questions=_specs(), attempts=twenty)
    assert analysis.attempts == 20
    assert not analysis.small_sample
    assert analysis.group_size == 5  # round(0.27 * 20)


# Per course, from the database ------------------------------------------------------------------


@pytest.mark.django_db
def test_course_figures(course):
    _enrol_cohort(course)
    stats = analytics.course_stats(course=course)
    assert not stats.suppressed
    assert (stats.enrolments, stats.completions) == (10, 5)
    assert stats.completion_rate == pytest.approx(0.5)
    assert stats.median_time_to_complete == timedelta(hours=3)
    assert stats.median_time_to_complete_text == "3.0 hours"
    # Best scores 100, 100, 67, 67, 33, 33, 33, 33, 0, 0.
    assert stats.average_best_score == pytest.approx(46.6)
    assert stats.best_score == 100


@pytest.mark.django_db
def test_median_of_an_even_number_of_completions(course):
    enrolments = _enrol_cohort(course)
    enrolments[5].completed_at = enrolments[5].enrolled_at + timedelta(hours=100)
    enrolments[5].save()
    # 1, 2, 3, 10, 50, 100 hours: the median is halfway between 3 and 10.
    assert analytics.course_stats(course=course).median_time_to_complete == timedelta(hours=6.5)


@pytest.mark.django_db
def test_check_analysis_reads_the_current_questions(course):
    _enrol_cohort(course)
    analysis = analytics.check_analysis(course=course)
    assert analysis.attempts == 10
    assert analysis.learners == 10
    assert analysis.small_sample
    questions = _by_id(analysis)
    assert questions["q1"].text == "Question q1?"
    assert questions["q1"].facility == pytest.approx(0.6)
    assert questions["q3"].discrimination == pytest.approx(1.0)
    assert {o.text: o.chosen for o in questions["q1"].wrong_options} == {"Option 1 of q1": 3, "Option 2 of q1": 1}


@pytest.mark.django_db
def test_a_course_with_fewer_than_five_learners_shows_nothing(course):
    for enrolment in _enrol_cohort(course)[4:]:
        enrolment.delete()
    stats = analytics.course_stats(course=course)
    assert stats.suppressed
    assert stats.enrolments is None
    assert stats.completions is None
    assert stats.average_best_score is None
    assert analytics.check_analysis(course=course).suppressed


@pytest.mark.django_db
def test_filters_by_professional_group_and_suppress_small_groups(course):
    groups = [ProfessionalGroup.NURSE] * 6 + [ProfessionalGroup.DOCTOR] * 4
    _enrol_cohort(course, groups=groups)

    nurses = analytics.course_stats(course=course, learners=LearnerFilter(professional_group=ProfessionalGroup.NURSE))
    # Learners 1-6: five of them completed; best scores 100, 100, 67, 67, 33, 33.
    assert (nurses.enrolments, nurses.completions) == (6, 5)
    assert nurses.average_best_score == pytest.approx(66.7)
    nurse_questions = _by_id(
        analytics.check_analysis(course=course, learners=LearnerFilter(professional_group=ProfessionalGroup.NURSE))
    )
    assert nurse_questions["q1"].facility == pytest.approx(5 / 6)

    doctors = LearnerFilter(professional_group=ProfessionalGroup.DOCTOR)
    assert analytics.course_stats(course=course, learners=doctors).suppressed
    assert analytics.check_analysis(course=course, learners=doctors).suppressed


@pytest.mark.django_db
def test_filters_by_organisation(course):
    north, south = OrganisationFactory(name="North PICU"), OrganisationFactory(name="South PICU")
    _enrol_cohort(course, organisations=[north] * 5 + [south] * 5)
    stats = analytics.course_stats(course=course, learners=LearnerFilter(organisation_id=north.pk))
    assert (stats.enrolments, stats.completions) == (5, 5)
    both = LearnerFilter(organisation_id=north.pk, professional_group=ProfessionalGroup.DOCTOR)
    assert analytics.course_stats(course=course, learners=both).suppressed


@pytest.mark.django_db
def test_every_course_is_listed_in_title_order(course, course_index):
    other = course_with_lessons(parent=course_index, title="A first course", lessons=1, check=False)
    _enrol_cohort(course)
    stats = analytics.course_stats_list()
    assert [s.course_id for s in stats] == [other.pk, course.pk]
    assert stats[0].suppressed
    assert not stats[1].suppressed
    # A course without a knowledge check has nothing to analyse.
    assert analytics.check_analysis(course=other).questions == []


def test_durations_read_as_hours_then_days():
    assert analytics.duration_text(timedelta(hours=5)) == "5.0 hours"
    assert analytics.duration_text(timedelta(days=3, hours=12)) == "3.5 days"
    assert analytics.duration_text(None) == ""


# Query counts ------------------------------------------------------------------------------------


def _count_queries(function) -> int:
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_learners_or_attempts(course, course_index):
    other = course_with_lessons(parent=course_index, lessons=1)
    _enrol_cohort(course)

    def run():
        analytics.course_stats_list()
        analytics.check_analysis(course=course)

    small = _count_queries(run)

    _enrol_cohort(course)
    _enrol_cohort(other)
    for enrolment in course.enrolments.all()[:5]:
        Attempt.objects.create(
            enrolment=enrolment, knowledge_check=course.knowledge_check, score=100, passed=True, answers={}, results={}
        )
    large = _count_queries(run)
    assert small == large
    assert large <= 5


def test_the_suppression_text_is_exact():
    assert str(analytics.SUPPRESSED_TEXT) == "Fewer than 5 learners: not shown"
