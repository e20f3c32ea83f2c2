"""Reads for a plan's outputs: the logic model, the timeline, completeness and StaRI coverage.

Everything here works on a plan loaded by `plan_full` (all parts prefetched); the only query of its own is
the list of EPIS phases, so each page costs the same number of queries however big the plan is.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from implementation.logic_model import LogicModel, logic_model_build, logic_model_svg
from implementation.models import DeterminantKind, EPISPhase, ImplementationPlan, OutcomeKind, PlanExport
from implementation.stari import StaRICheck, StaRISummary, stari_check, strategy_missing
from implementation.timeline import Timeline, timeline_build, timeline_svg


def plan_part_url(*, plan: ImplementationPlan, part: str) -> str:
    """The editor page of a plan part (a key of grants.sections.PLAN_PARTS, e.g. "plan_strategies")."""
    try:
        return reverse(f"implementation:{part}", kwargs={"plan_id": plan.pk})
    except NoReverseMatch:
        # The part has no page of its own: its place on the plan's overview.
        return reverse("implementation:plan_overview", kwargs={"plan_id": plan.pk}) + f"#{part}"


@dataclass(frozen=True)
class CompletenessItem:
    """One thing a complete plan has: whether this plan has it, what is missing, and where to fix it."""

    key: str
    label: str
    done: bool
    #: What is there, or what is still missing, in a few words.
    detail: str
    part: str
    url: str
    fix_label: str


def _plural(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def epis_phases() -> list[EPISPhase]:
    """The EPIS phases in order (one query)."""
    return list(EPISPhase.objects.order_by("sort_order", "pk"))


def plan_completeness(*, plan: ImplementationPlan, phases: list[EPISPhase] | None = None) -> list[CompletenessItem]:
    """What a complete plan has, item by item, for `plan` (loaded by `plan_full`; one query for the EPIS phases)."""
    phases = epis_phases() if phases is None else phases
    sites = list(plan.sites.all())
    stakeholders = list(plan.stakeholders.all())
    determinants = list(plan.determinants.all())
    barriers = [d for d in determinants if d.kind == DeterminantKind.BARRIER]
    strategies = list(plan.strategies.all())
    outcomes = list(plan.outcomes.all())
    milestones = list(plan.milestones.all())
    addressed = {d.pk for strategy in strategies for d in strategy.determinants.all()}
    unaddressed = [d for d in barriers if d.pk not in addressed]
    underspecified = [(s, strategy_missing(s)) for s in strategies]
    underspecified = [(s, missing) for s, missing in underspecified if missing]
    measured = [
        o
        for o in outcomes
        if o.kind in (OutcomeKind.IMPLEMENTATION, OutcomeKind.REAIM) and o.measure.strip() and o.timepoint.strip()
    ]
    covered_phases = {m.phase_id for m in milestones}
    missing_phases = [phase for phase in phases if phase.pk not in covered_phases]

    def item(key, label, done, detail, part, fix_label) -> CompletenessItem:
        return CompletenessItem(key, label, done, detail, part, plan_part_url(plan=plan, part=part), fix_label)

    evidence = bool(plan.evidence_citation.strip() or plan.evidence_doi.strip())
    if plan.intervention_name.strip() and evidence:
        intervention_detail = f"{plan.intervention_name}, with its evidence"
    elif plan.intervention_name.strip():
        intervention_detail = "Named, but the trial or evidence behind it is not cited yet"
    else:
        intervention_detail = "Not named yet"

    if not strategies:
        spec_detail = "No strategies yet"
    elif underspecified:
        spec_detail = "; ".join(f"{s.name}: no {', '.join(missing)}" for s, missing in underspecified)
    else:
        spec_detail = f"All {_plural(len(strategies), 'strategy', 'strategies')} specified"

    return [
        item(
            "intervention",
            "The intervention is named, with the trial or evidence behind it",
            bool(plan.intervention_name.strip()) and evidence,
            intervention_detail,
            "plan_intervention",
            "Describe the intervention",
        ),
        item(
            "sites",
            "At least one site",
            bool(sites),
            _plural(len(sites), "site", "sites") if sites else "No sites yet",
            "plan_setting",
            "Add sites",
        ),
        item(
            "stakeholders",
            "Stakeholders mapped, with how they will be engaged",
            bool(stakeholders),
            _plural(len(stakeholders), "stakeholder", "stakeholders") if stakeholders else "No stakeholders yet",
            "plan_setting",
            "Map stakeholders",
        ),
        item(
            "barriers",
            "At least one barrier, coded to CFIR 2.0",
            bool(barriers),
            _plural(len(barriers), "barrier", "barriers") if barriers else "No barriers yet",
            "plan_determinants",
            "Add barriers",
        ),
        item(
            "barriers_addressed",
            "Every barrier is addressed by a strategy",
            bool(barriers) and not unaddressed,
            (
                "Add barriers first"
                if not barriers
                else f"Not addressed yet: {'; '.join(d.description for d in unaddressed)}"
                if unaddressed
                else f"All {_plural(len(barriers), 'barrier', 'barriers')} addressed"
            ),
            "plan_strategies",
            "Link strategies to barriers",
        ),
        item(
            "strategies_specified",
            "Every strategy fully specified (actor, action, target, temporality, dose, outcome, justification)",
            bool(strategies) and not underspecified,
            spec_detail,
            "plan_strategies",
            "Specify strategies",
        ),
        item(
            "outcomes",
            "At least one implementation outcome, with its measure and time point",
            bool(measured),
            _plural(len(measured), "outcome", "outcomes") + " with a measure and time point"
            if measured
            else "No implementation outcome with a measure and time point yet",
            "plan_outcomes",
            "Add outcomes",
        ),
        item(
            "fidelity",
            "Fidelity monitoring and adaptation logging described",
            bool(plan.fidelity_monitoring.strip() and plan.adaptation_logging.strip()),
            {
                (True, True): "Both described",
                (True, False): "How adaptations will be logged is not described yet",
                (False, True): "What will be monitored for fidelity is not described yet",
                (False, False): "Not described yet",
            }[(bool(plan.fidelity_monitoring.strip()), bool(plan.adaptation_logging.strip()))],
            "plan_fidelity",
            "Describe fidelity and adaptation",
        ),
        item(
            "milestones",
            f"Milestones in all {len(phases) or 'four'} EPIS phases",
            bool(milestones) and not missing_phases,
            (
                "No milestones yet"
                if not milestones
                else f"No milestones yet in: {', '.join(phase.name for phase in missing_phases)}"
                if missing_phases
                else f"{_plural(len(milestones), 'milestone', 'milestones')} across every phase"
            ),
            "plan_timeline",
            "Add milestones",
        ),
    ]


@dataclass
class PlanOutputs:
    """Everything the outputs show for one plan: logic model, timeline, completeness and StaRI coverage."""

    plan: ImplementationPlan
    logic_model: LogicModel
    timeline: Timeline
    completeness: list[CompletenessItem]
    stari: StaRISummary
    id_prefix: str = "plan"
    compact: bool = False

    @cached_property
    def logic_model_svg(self):
        return logic_model_svg(self.logic_model, id_prefix=f"{self.id_prefix}-logic-model", compact=self.compact)

    @cached_property
    def timeline_svg(self):
        return timeline_svg(self.timeline, id_prefix=f"{self.id_prefix}-timeline")

    @cached_property
    def stari_rows(self) -> list[tuple[StaRICheck, str]]:
        """The StaRI items a plan can cover, each with the address of the plan part that covers it."""
        return [(check, plan_part_url(plan=self.plan, part=check.item.part)) for check in self.stari.plan_related]

    @property
    def completed_count(self) -> int:
        return sum(1 for item in self.completeness if item.done)

    @property
    def is_complete(self) -> bool:
        return all(item.done for item in self.completeness)


def plan_outputs(*, plan: ImplementationPlan, id_prefix: str = "plan", compact: bool = False) -> PlanOutputs:
    """The outputs of `plan` (loaded by `plan_full`): one query, for the EPIS phases."""
    return PlanOutputs(
        plan=plan,
        logic_model=logic_model_build(plan=plan),
        timeline=timeline_build(plan=plan),
        completeness=plan_completeness(plan=plan),
        stari=stari_check(plan=plan),
        id_prefix=id_prefix,
        compact=compact,
    )


#: How long a PDF still being made is mentioned (a failed build should not linger).
PENDING_SHOWN_FOR = datetime.timedelta(hours=1)


def plan_export_latest(*, plan: ImplementationPlan, user) -> dict:
    """`latest_export` (the newest finished PDF of `plan`, by anyone) and `pending_export` (`user`'s, being made).

    The caller checks that `user` may read the plan. Two queries.
    """
    latest = (
        PlanExport.objects.filter(plan=plan, built_at__isnull=False)
        .exclude(pdf="")
        .select_related("requested_by")
        .order_by("-built_at", "-pk")
        .first()
    )
    pending = (
        PlanExport.objects.filter(
            plan=plan, requested_by=user, built_at__isnull=True, created_at__gte=timezone.now() - PENDING_SHOWN_FOR
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if pending is not None and latest is not None and pending.created_at < latest.created_at:
        pending = None
    return {"latest_export": latest, "pending_export": pending}


def plan_export_get(*, plan: ImplementationPlan, export_id: int) -> PlanExport | None:
    """An export of `plan` (which the caller has checked the member may read), or None."""
    return PlanExport.objects.filter(plan=plan, pk=export_id).select_related("requested_by").first()
