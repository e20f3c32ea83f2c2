"""Reads for the plan editor: reference choices, the plan's parts grouped for display, and strategy suggestions.

Every function here costs a fixed number of queries however many items the plan or the reference data holds:
the plan itself comes from `plan_full` (everything prefetched), and each reference list is one query.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Model

from accounts.models import Organisation
from implementation.models import (
    BarrierStrategyLink,
    CFIRConstruct,
    CFIRDomain,
    Determinant,
    DeterminantKind,
    EPISPhase,
    ImplementationOutcome,
    ImplementationPlan,
    Level,
    ReferenceSource,
    Strategy,
)
from implementation.timeline import Timeline, timeline_build, timeline_svg

#: Sub-constructs are indented under their construct in a <select>: options cannot be styled, so the indent
#: is made of non-breaking spaces (screen readers skip them; the text read out is still "IV.B.3 Opportunity").
SUBCONSTRUCT_INDENT = "\u00a0" * 4


@dataclass(frozen=True)
class ConstructChoices:
    """The CFIR constructs as grouped <select> choices (one group per domain) and each one's definition."""

    choices: list
    definitions: dict[int, str]
    by_pk: dict[int, CFIRConstruct]


def construct_choices() -> ConstructChoices:
    """CFIR constructs grouped by domain, sub-constructs straight after (and indented under) their construct."""
    constructs = list(
        CFIRConstruct.objects.select_related("domain").order_by("domain__sort_order", "sort_order", "code")
    )
    children: dict[int | None, list[CFIRConstruct]] = defaultdict(list)
    for construct in constructs:
        children[construct.parent_id].append(construct)
    groups: dict[int, tuple[CFIRDomain, list]] = {}
    known = {construct.pk for construct in constructs}

    def add(construct: CFIRConstruct, depth: int) -> None:
        domain = construct.domain
        options = groups.setdefault(domain.pk, (domain, []))[1]
        options.append((construct.pk, f"{SUBCONSTRUCT_INDENT * depth}{construct.code} {construct.name}"))
        for child in children.get(construct.pk, []):
            add(child, depth + 1)

    for construct in constructs:
        # Top-level constructs, and any whose parent is missing (so nothing coded ever disappears from the list).
        if construct.parent_id is None or construct.parent_id not in known:
            add(construct, 0)
    ordered = sorted(groups.values(), key=lambda item: (item[0].sort_order, item[0].code))
    choices = [(f"{domain.code}. {domain.name}", options) for domain, options in ordered]
    return ConstructChoices(
        choices=choices,
        definitions={construct.pk: construct.definition for construct in constructs},
        by_pk={construct.pk: construct for construct in constructs},
    )


def strategy_choices() -> list:
    """The ERIC strategies as <select> choices grouped by cluster (Waltz et al., 2015)."""
    groups: dict[int, tuple[str, list]] = {}
    for strategy in Strategy.objects.select_related("cluster").order_by("cluster__number", "name"):
        cluster = strategy.cluster
        groups.setdefault(cluster.number, (cluster.name, []))[1].append((strategy.pk, strategy.name))
    return [(name, options) for _number, (name, options) in sorted(groups.items())]


def outcome_choices() -> list[tuple[int, str]]:
    """Proctor et al.'s implementation outcomes as <select> choices."""
    return list(ImplementationOutcome.objects.order_by("sort_order").values_list("pk", "name"))


def phase_choices() -> list[tuple[int, str]]:
    """The EPIS phases as <select> choices, in their order."""
    return list(EPISPhase.objects.order_by("sort_order").values_list("pk", "name"))


def organisation_choices() -> list[tuple[int, str]]:
    """Member organisations a site can be linked to, by name."""
    return list(Organisation.objects.order_by("name").values_list("pk", "name"))


def _by_pk(items) -> dict[int, Model]:
    return {item.pk: item for item in items}


def plan_determinant_get(*, plan: ImplementationPlan, determinant_id: int) -> Determinant | None:
    """One determinant of `plan` (prefetched on a `plan_full` plan), or None if it is not the plan's."""
    return _by_pk(plan.determinants.all()).get(determinant_id)


def plan_strategy_get(*, plan: ImplementationPlan, plan_strategy_id: int):
    """One strategy of `plan` (prefetched on a `plan_full` plan), or None."""
    return _by_pk(plan.strategies.all()).get(plan_strategy_id)


def plan_outcome_get(*, plan: ImplementationPlan, outcome_id: int):
    """One outcome of `plan` (prefetched on a `plan_full` plan), or None."""
    return _by_pk(plan.outcomes.all()).get(outcome_id)


@dataclass
class DomainGroup:
    """The plan's barriers and facilitators coded to one CFIR domain."""

    domain: CFIRDomain
    determinants: list[Determinant] = field(default_factory=list)

    @property
    def barriers(self) -> int:
        return sum(1 for item in self.determinants if item.kind == DeterminantKind.BARRIER)

    @property
    def facilitators(self) -> int:
        return len(self.determinants) - self.barriers


def determinants_by_domain(*, plan: ImplementationPlan) -> list[DomainGroup]:
    """The plan's determinants grouped by CFIR domain (domains in order), barriers first within a construct."""
    groups: dict[int, DomainGroup] = {}
    for determinant in plan.determinants.all():
        domain = determinant.construct.domain
        groups.setdefault(domain.pk, DomainGroup(domain=domain)).determinants.append(determinant)
    for group in groups.values():
        group.determinants.sort(
            key=lambda item: (item.construct.code, item.kind != DeterminantKind.BARRIER, item.sort_order, item.pk)
        )
    return sorted(groups.values(), key=lambda group: (group.domain.sort_order, group.domain.code))


def plan_barriers(*, plan: ImplementationPlan) -> list[Determinant]:
    """The plan's barriers, in the plan's order."""
    return [item for item in plan.determinants.all() if item.kind == DeterminantKind.BARRIER]


def barriers_without_strategy(*, plan: ImplementationPlan) -> list[Determinant]:
    """The plan's barriers that none of its strategies says it addresses: the planner flags them."""
    addressed = {determinant.pk for strategy in plan.strategies.all() for determinant in strategy.determinants.all()}
    return [barrier for barrier in plan_barriers(plan=plan) if barrier.pk not in addressed]


@dataclass
class Suggestion:
    """An ERIC strategy suggested for the plan's barriers: its score, and which barriers it addresses."""

    strategy: Strategy
    score: int = 0
    barriers: list[Determinant] = field(default_factory=list)
    sources: list[ReferenceSource] = field(default_factory=list)


def suggestion_sources(suggestions: list[Suggestion]) -> list[ReferenceSource]:
    """The published sources of the barrier-to-strategy links behind `suggestions`, to cite under them."""
    found: dict[int, ReferenceSource] = {}
    for suggestion in suggestions:
        for source in suggestion.sources:
            found.setdefault(source.pk, source)
    return sorted(found.values(), key=lambda source: source.title)


def strategy_suggestions(*, plan: ImplementationPlan) -> list[Suggestion]:
    """ERIC strategies suggested for the plan's coded barriers, best first, leaving out those the plan already uses.

    Each barrier adds the weight of every barrier-to-strategy link on its CFIR construct, and on that construct's
    parent when the barrier is coded to a sub-construct (a strategy endorsed for "Available resources" also suits
    a barrier coded to its sub-construct "Funding"). Ties go to the strategy that addresses more barriers, then by
    name. One query, whatever the number of barriers or links.
    """
    barriers = plan_barriers(plan=plan)
    if not barriers:
        return []
    constructs_of: dict[int, set[int]] = {}
    for barrier in barriers:
        codes = {barrier.construct_id}
        if barrier.construct.parent_id:
            codes.add(barrier.construct.parent_id)
        constructs_of[barrier.pk] = codes
    wanted = set().union(*constructs_of.values())
    used = {item.strategy_id for item in plan.strategies.all() if item.strategy_id}
    links = (
        BarrierStrategyLink.objects.filter(construct_id__in=wanted)
        .exclude(strategy_id__in=used)
        .select_related("strategy__cluster", "source")
    )
    suggestions: dict[int, Suggestion] = {}
    for link in links:
        for barrier in barriers:
            if link.construct_id in constructs_of[barrier.pk]:
                suggestion = suggestions.setdefault(link.strategy_id, Suggestion(strategy=link.strategy))
                suggestion.score += link.weight
                if barrier not in suggestion.barriers:
                    suggestion.barriers.append(barrier)
                if link.source not in suggestion.sources:
                    suggestion.sources.append(link.source)
    order = {barrier.pk: index for index, barrier in enumerate(barriers)}
    for suggestion in suggestions.values():
        suggestion.barriers.sort(key=lambda barrier: order[barrier.pk])
    return sorted(suggestions.values(), key=lambda item: (-item.score, -len(item.barriers), item.strategy.name))


@dataclass(frozen=True)
class GridCell:
    """One cell of the stakeholder grid: the stakeholders with this influence and interest."""

    influence: str
    interest: str
    stakeholders: list


def stakeholder_grid(*, plan: ImplementationPlan) -> list[tuple[str, list[GridCell]]]:
    """The stakeholder map as a 3×3 grid: rows by influence (high first), columns by interest (low to high)."""
    cells: dict[tuple[str, str], list] = defaultdict(list)
    for stakeholder in plan.stakeholders.all():
        cells[(stakeholder.influence, stakeholder.interest)].append(stakeholder)
    rows = []
    for influence in reversed(Level.values):
        row = [
            GridCell(influence=influence, interest=interest, stakeholders=cells.get((influence, interest), []))
            for interest in Level.values
        ]
        rows.append((Level(influence).label, row))
    return rows


@dataclass(frozen=True)
class PartStatus:
    """A part of the plan as the overview lists it: its name, the page to edit it, and how much it holds."""

    key: str
    label: str
    url_name: str
    filled: bool
    summary: str


def _fidelity_summary(plan: ImplementationPlan) -> str:
    written = sum(1 for text in (plan.fidelity_monitoring, plan.adaptation_logging) if text.strip())
    return ["Not written yet", "One of two answers written", "Both answers written"][written]


def plan_parts(*, plan: ImplementationPlan) -> list[PartStatus]:
    """The seven parts of the plan with a short count of what each holds (for the overview and the part nav)."""

    def count(number: int, one: str, many: str) -> str:
        return f"{number} {one if number == 1 else many}"

    barriers = len(plan_barriers(plan=plan))
    determinants = list(plan.determinants.all())
    sites = list(plan.sites.all())
    stakeholders = list(plan.stakeholders.all())
    strategies = list(plan.strategies.all())
    outcomes = list(plan.outcomes.all())
    milestones = list(plan.milestones.all())
    intervention_bits = [plan.intervention_name, plan.evidence_citation, plan.core_components]
    intervention_fields = [*intervention_bits, plan.adaptable_components, plan.evidence_doi]
    return [
        PartStatus(
            "intervention",
            "Intervention",
            "implementation:plan_intervention",
            any(intervention_bits),
            f"{sum(1 for text in intervention_fields if text.strip())} of {len(intervention_fields)} answers written",
        ),
        PartStatus(
            "setting",
            "Setting and people",
            "implementation:plan_setting",
            bool(plan.population or sites or stakeholders),
            f"{count(len(sites), 'site', 'sites')}, {count(len(stakeholders), 'stakeholder', 'stakeholders')}",
        ),
        PartStatus(
            "determinants",
            "Barriers and facilitators",
            "implementation:plan_determinants",
            bool(determinants),
            f"{count(barriers, 'barrier', 'barriers')}, "
            f"{count(len(determinants) - barriers, 'facilitator', 'facilitators')}",
        ),
        PartStatus(
            "strategies",
            "Strategies",
            "implementation:plan_strategies",
            bool(strategies),
            count(len(strategies), "strategy", "strategies"),
        ),
        PartStatus(
            "outcomes",
            "Outcomes",
            "implementation:plan_outcomes",
            bool(outcomes),
            count(len(outcomes), "outcome", "outcomes"),
        ),
        PartStatus(
            "fidelity",
            "Fidelity and adaptation",
            "implementation:plan_fidelity",
            bool(plan.fidelity_monitoring or plan.adaptation_logging),
            _fidelity_summary(plan),
        ),
        PartStatus(
            "timeline",
            "Timeline",
            "implementation:plan_timeline",
            bool(milestones),
            count(len(milestones), "milestone", "milestones"),
        ),
    ]


@dataclass(frozen=True)
class TimelineChart:
    """The plan's milestones by EPIS phase and their SVG drawing, shaped as the shared `_timeline_chart.html` wants."""

    timeline: Timeline
    timeline_svg: str


def timeline_chart(*, plan: ImplementationPlan) -> TimelineChart:
    """The timeline chart of a `plan_full` plan (the same drawing as on the overview and in the PDF; no queries)."""
    timeline = timeline_build(plan=plan)
    return TimelineChart(timeline=timeline, timeline_svg=timeline_svg(timeline, id_prefix="part-timeline"))
