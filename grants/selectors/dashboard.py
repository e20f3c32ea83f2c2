"""Reads for the group lead's dashboard: the pipeline, who waits for a mentor, mentors' load and outcomes.

Every read here costs a fixed number of queries, however many proposals, calls and mentors there are:
counts are made by the database (Count, Sum, Subquery) and related rows are fetched in one go.
Only group leads reach these reads (the views check); they see every proposal.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from grants.models import (
    FINAL_STATES,
    MENTORING_STATES,
    BudgetLine,
    FundingCallPage,
    MentorAssignment,
    Proposal,
    ProposalState,
)

#: The value of a call filter that means "proposals written for no call" (as in the list's query string).
NO_CALL = "none"

#: Mentoring asked for longer ago than this, with no mentor yet, needs the group lead's attention.
WAITING_AFTER = datetime.timedelta(days=7)


# Pipeline -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PipelineCell:
    """How many proposals of one call (or of none) are in one state; `query` filters the list to them."""

    state: str
    label: str
    count: int
    query: str


@dataclass(frozen=True)
class PipelineRow:
    """One call's proposals by state; `call` is None for proposals written for no call."""

    call: FundingCallPage | None
    cells: list[PipelineCell]
    total: int
    query: str

    @property
    def label(self) -> str:
        return self.call.title if self.call else _("No call chosen")


@dataclass(frozen=True)
class Pipeline:
    """Proposal counts by call (rows) and state (columns, in workflow order), with both totals."""

    states: list[tuple[str, str]]
    rows: list[PipelineRow]
    column_totals: list[PipelineCell]
    total: int


def _call_query(call_id: int | None) -> str:
    return f"call={NO_CALL if call_id is None else call_id}"


def _calls_among(call_ids, calls: list[FundingCallPage] | None) -> list[FundingCallPage]:
    """Those of `call_ids` (None ignored) that are calls, latest closing first: picked from `calls` when
    the caller already has them all, else one query."""
    wanted = {pk for pk in call_ids if pk is not None}
    if calls is None:
        calls = FundingCallPage.objects.filter(pk__in=wanted).order_by("-closes_at", "title")
    return [call for call in calls if call.pk in wanted]


def dashboard_pipeline(*, calls: list[FundingCallPage] | None = None) -> Pipeline:
    """Every call that has proposals (latest closing first), then "No call chosen", by state.

    One query, and one more for the calls unless `calls` (every call, as dashboard_calls) is given.
    """
    counts: dict[int | None, dict[str, int]] = {}
    for row in Proposal.objects.order_by().values("call", "state").annotate(n=Count("pk")):
        counts.setdefault(row["call"], {})[row["state"]] = row["n"]
    keys: list[tuple[int | None, FundingCallPage | None]] = [(call.pk, call) for call in _calls_among(counts, calls)]
    if None in counts:
        keys.append((None, None))

    states = list(ProposalState.choices)
    rows = []
    for call_id, call in keys:
        by_state = counts[call_id]
        cells = [
            PipelineCell(
                state=state, label=label, count=by_state.get(state, 0), query=f"{_call_query(call_id)}&state={state}"
            )
            for state, label in states
        ]
        rows.append(PipelineRow(call=call, cells=cells, total=sum(by_state.values()), query=_call_query(call_id)))
    column_totals = [
        PipelineCell(
            state=state,
            label=label,
            count=sum(by_state.get(state, 0) for by_state in counts.values()),
            query=f"state={state}",
        )
        for state, label in states
    ]
    return Pipeline(
        states=states, rows=rows, column_totals=column_totals, total=sum(cell.count for cell in column_totals)
    )


# Waiting for a mentor -----------------------------------------------------------------------


def proposals_waiting_for_mentor(*, now: datetime.datetime | None = None) -> list[Proposal]:
    """Proposals that asked for mentoring over a week ago and still have no mentor, oldest request first.

    Final proposals (awarded, not funded, withdrawn) no longer need one. Each carries `days_waiting`
    (whole days since the request). One query.
    """
    now = now or timezone.now()
    proposals = list(
        Proposal.objects.filter(mentoring_requested_at__lt=now - WAITING_AFTER)
        .exclude(state__in=FINAL_STATES)
        .exclude(Exists(MentorAssignment.objects.active().filter(proposal=OuterRef("pk"))))
        .select_related("lead", "call")
        .order_by("mentoring_requested_at", "pk")
    )
    for proposal in proposals:
        proposal.days_waiting = (now - proposal.mentoring_requested_at).days
    return proposals


# Mentor workload ----------------------------------------------------------------------------


def mentor_workload() -> list[User]:
    """Every active member in the Mentors role, by name, with their load (two queries).

    Each carries `active_count` (active assignments on any proposal), `mentoring_count` (those on
    proposals in mentor review or with revisions requested: the work a mentor is doing now, which is
    what their capacity is measured against), `at_capacity`, `over_capacity`, `room` (how many more
    they could take) and `expertise` (prefetched).
    """
    active = Q(mentor_assignments__ended_at__isnull=True)
    mentors = list(
        User.objects.filter(is_active=True, groups__name=roles.MENTOR)
        .annotate(
            active_count=Count("mentor_assignments", filter=active, distinct=True),
            mentoring_count=Count(
                "mentor_assignments",
                filter=active & Q(mentor_assignments__proposal__state__in=MENTORING_STATES),
                distinct=True,
            ),
        )
        .prefetch_related("expertise")
        .order_by("last_name", "first_name", "email")
    )
    for mentor in mentors:
        mentor.at_capacity = mentor.mentoring_count >= mentor.mentoring_capacity
        mentor.over_capacity = mentor.mentoring_count > mentor.mentoring_capacity
        mentor.room = max(mentor.mentoring_capacity - mentor.mentoring_count, 0)
    return mentors


# Outcomes -----------------------------------------------------------------------------------


def _call_filter(call: str) -> Q:
    """Empty for every call, NO_CALL for proposals written for none, or a call's id."""
    if not call:
        return Q()
    if call == NO_CALL:
        return Q(call__isnull=True)
    return Q(call_id=int(call))


def _changed_between(start: datetime.date | None, end: datetime.date | None) -> Q:
    """State changed on or after `start` and on or before `end` (whole UK days; either may be open)."""
    q = Q()
    if start:
        q &= Q(state_changed_at__gte=timezone.make_aware(datetime.datetime.combine(start, datetime.time.min)))
    if end:
        next_day = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
        q &= Q(state_changed_at__lt=timezone.make_aware(next_day))
    return q


@dataclass(frozen=True)
class Outcome:
    """What the funders decided on a set of proposals, and how many still wait for a decision."""

    awarded: int
    not_funded: int
    waiting: int
    amount_awarded: Decimal

    @property
    def decided(self) -> int:
        return self.awarded + self.not_funded

    @property
    def success_rate(self) -> float | None:
        """Awarded out of decided, as a percentage; None before any decision."""
        return 100 * self.awarded / self.decided if self.decided else None


@dataclass(frozen=True)
class CallOutcome:
    """The outcomes of one call's proposals; `call` is None for proposals written for no call."""

    call: FundingCallPage | None
    outcome: Outcome
    query: str

    @property
    def label(self) -> str:
        return self.call.title if self.call else _("No call chosen")


@dataclass(frozen=True)
class Outcomes:
    """Outcomes overall and per call (calls with at least one submission, decided or waiting)."""

    overall: Outcome
    per_call: list[CallOutcome] = field(default_factory=list)


_OUTCOME_STATES = (ProposalState.SUBMITTED, ProposalState.AWARDED, ProposalState.NOT_FUNDED)


def _outcome_aggregates() -> dict:
    return {
        "awarded": Count("pk", filter=Q(state=ProposalState.AWARDED)),
        "not_funded": Count("pk", filter=Q(state=ProposalState.NOT_FUNDED)),
        "waiting": Count("pk", filter=Q(state=ProposalState.SUBMITTED)),
        "amount_awarded": Sum("amount_awarded", filter=Q(state=ProposalState.AWARDED)),
    }


def _outcome(values: dict) -> Outcome:
    return Outcome(
        awarded=values["awarded"],
        not_funded=values["not_funded"],
        waiting=values["waiting"],
        amount_awarded=values["amount_awarded"] or Decimal("0.00"),
    )


def dashboard_outcomes(
    *,
    changed_from: datetime.date | None = None,
    changed_to: datetime.date | None = None,
    call: str = "",
    calls: list[FundingCallPage] | None = None,
) -> Outcomes:
    """Awarded, not funded, success rate, amount awarded and submissions still waiting.

    Two queries, and one more for the calls unless `calls` (every call, as dashboard_calls) is given.
    Counts proposals whose state changed in the period (when given) and that were written for `call`
    ("" for every call, NO_CALL for none). Per call: latest closing first,
    then "No call chosen".
    """
    proposals = Proposal.objects.filter(
        _call_filter(call), _changed_between(changed_from, changed_to), state__in=_OUTCOME_STATES
    ).order_by()
    overall = _outcome(proposals.aggregate(**_outcome_aggregates()))
    rows = {row["call"]: row for row in proposals.values("call").annotate(**_outcome_aggregates())}
    per_call = [
        CallOutcome(call=c, outcome=_outcome(rows[c.pk]), query=_call_query(c.pk)) for c in _calls_among(rows, calls)
    ]
    if None in rows:
        per_call.append(CallOutcome(call=None, outcome=_outcome(rows[None]), query=_call_query(None)))
    return Outcomes(overall=overall, per_call=per_call)


def dashboard_calls() -> list[FundingCallPage]:
    """Every funding call, live or not, latest closing first: the choices of the call filters (one query)."""
    return list(FundingCallPage.objects.only("pk", "title", "closes_at").order_by("-closes_at", "title"))


def dashboard_context(
    *, calls: list[FundingCallPage], outcome_filters: dict | None, now: datetime.datetime | None = None
) -> dict:
    """Everything the dashboard shows: `pipeline`, `waiting`, `mentors` and `outcomes` (None while the
    outcome filter is wrong). `calls` is every call (dashboard_calls). Six queries."""
    return {
        "pipeline": dashboard_pipeline(calls=calls),
        "waiting": proposals_waiting_for_mentor(now=now),
        "waiting_after_days": WAITING_AFTER.days,
        "mentors": mentor_workload(),
        "outcomes": dashboard_outcomes(**outcome_filters, calls=calls) if outcome_filters is not None else None,
    }


# The list and its CSV file ------------------------------------------------------------------


def dashboard_proposals(*, state: str = "", call: str = "") -> QuerySet[Proposal]:
    """Every proposal, or those in `state` and for `call`, latest change first.

    With the lead (and their organisation) and the call; `active_assignments` (with each mentor)
    prefetched; `budget_total` annotated (None without budget lines). Two queries to list.
    """
    budget = (
        BudgetLine.objects.filter(proposal=OuterRef("pk"))
        .order_by()
        .values("proposal")
        .annotate(total=Sum("cost"))
        .values("total")
    )
    proposals = Proposal.objects.filter(_call_filter(call))
    if state:
        proposals = proposals.filter(state=state)
    return (
        proposals.select_related("lead", "lead__organisation", "call")
        .prefetch_related(
            Prefetch(
                "mentor_assignments",
                queryset=MentorAssignment.objects.active().select_related("mentor").order_by("assigned_at", "pk"),
                to_attr="active_assignments",
            )
        )
        .annotate(budget_total=Subquery(budget, output_field=DecimalField(max_digits=14, decimal_places=2)))
        .order_by("-updated_at", "-pk")
    )
