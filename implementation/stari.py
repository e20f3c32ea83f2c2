"""The StaRI reporting standard, and which of its items a plan already covers.

Pinnock H, Barwick M, Carpenter CR, et al. Standards for Reporting Implementation Studies (StaRI)
Statement. BMJ 2017;356:i6795. doi:10.1136/bmj.i6795.

StaRI lists 27 items for reporting an implementation study. A plan written before the study can
already cover some of them (the context, the sites, the strategies, the outcomes, fidelity); the
others (the title and abstract, the analysis, the results, the discussion) can only be written in the
final report. The short titles here are in our own words; read the statement for the full items.

Each predicate takes a plan loaded by `plan_full` and makes no queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from implementation.models import ImplementationPlan, OutcomeKind, PlanStrategy

CITATION = (
    "Pinnock H, Barwick M, Carpenter CR, et al. Standards for Reporting Implementation Studies (StaRI) Statement. "
    "BMJ 2017;356:i6795."
)
DOI = "10.1136/bmj.i6795"

#: The Proctor et al. (2013) parts every strategy should have, as (field, what it is called).
STRATEGY_SPEC_FIELDS = (
    ("actor", "actor"),
    ("action", "action"),
    ("action_target", "action target"),
    ("temporality", "temporality"),
    ("dose", "dose"),
    ("outcome_id", "outcome affected"),
    ("justification", "justification"),
)


def strategy_missing(strategy: PlanStrategy) -> list[str]:
    """The parts of a strategy's specification still empty (Proctor et al., 2013)."""
    missing = []
    for name, label in STRATEGY_SPEC_FIELDS:
        value = getattr(strategy, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(label)
    return missing


def _filled(*values: str) -> bool:
    return all(value and value.strip() for value in values)


def _strategies(plan: ImplementationPlan) -> list[PlanStrategy]:
    return list(plan.strategies.all())


def covers_rationale(plan: ImplementationPlan) -> bool:
    """The evidence behind the intervention is cited, and every strategy says why it was chosen."""
    strategies = _strategies(plan)
    return (
        _filled(plan.intervention_name)
        and bool(plan.evidence_citation.strip() or plan.evidence_doi.strip())
        and bool(strategies)
        and all(_filled(s.justification) for s in strategies)
    )


def covers_aims(plan: ImplementationPlan) -> bool:
    """Implementation outcomes have targets, set apart from the intervention's own (service or patient) outcomes."""
    return any(
        o.kind in (OutcomeKind.IMPLEMENTATION, OutcomeKind.REAIM) and _filled(o.target) for o in plan.outcomes.all()
    )


def covers_context(plan: ImplementationPlan) -> bool:
    """Barriers and facilitators are recorded, coded to CFIR 2.0, with the evidence for them."""
    determinants = list(plan.determinants.all())
    return bool(determinants) and all(_filled(d.evidence) for d in determinants)


def covers_sites(plan: ImplementationPlan) -> bool:
    """The sites are named and the population described."""
    return bool(list(plan.sites.all())) and _filled(plan.population)


def covers_description(plan: ImplementationPlan) -> bool:
    """The intervention's core components are described, and every strategy is fully specified."""
    strategies = _strategies(plan)
    return (
        _filled(plan.core_components)
        and bool(strategies)
        and all(not strategy_missing(strategy) for strategy in strategies)
    )


def covers_outcomes(plan: ImplementationPlan) -> bool:
    """At least one implementation outcome is defined, with its measure and time point."""
    return any(
        o.kind in (OutcomeKind.IMPLEMENTATION, OutcomeKind.REAIM) and _filled(o.measure, o.timepoint)
        for o in plan.outcomes.all()
    )


def covers_process(plan: ImplementationPlan) -> bool:
    """Every strategy states the mechanism by which it is expected to work (what a process evaluation looks at)."""
    strategies = _strategies(plan)
    return bool(strategies) and all(_filled(s.mechanism) for s in strategies)


def covers_fidelity(plan: ImplementationPlan) -> bool:
    """The plan says what will be monitored for fidelity and how adaptations will be logged."""
    return _filled(plan.fidelity_monitoring, plan.adaptation_logging)


@dataclass(frozen=True)
class StaRIItem:
    """One StaRI item: its number, section of the report, a short title in our words, and (if a plan can
    cover it) the test of whether the plan does, and the part of the plan where it is written."""

    number: int
    section: str
    title: str
    covered_by: Callable[[ImplementationPlan], bool] | None = None
    #: What in the plan covers it, for the reader.
    plan_covers_with: str = ""
    #: The plan part (a key of grants.sections.PLAN_PARTS) where it is written.
    part: str = ""

    @property
    def plan_related(self) -> bool:
        return self.covered_by is not None


STARI_ITEMS: tuple[StaRIItem, ...] = (
    StaRIItem(1, "Title and abstract", "Title says it is an implementation study, and names its design"),
    StaRIItem(2, "Title and abstract", "Structured summary of the study"),
    StaRIItem(3, "Introduction", "The health care problem the intervention is meant to solve"),
    StaRIItem(
        4,
        "Introduction",
        "Why this strategy and this intervention: background, theory and evidence",
        covers_rationale,
        "The intervention's evidence is cited and every strategy has a justification",
        "plan_intervention",
    ),
    StaRIItem(
        5,
        "Introduction",
        "Aims, keeping implementation aims apart from the intervention's",
        covers_aims,
        "An implementation outcome has a target",
        "plan_outcomes",
    ),
    StaRIItem(6, "Methods: description", "Study design, and any changes to the protocol"),
    StaRIItem(
        7,
        "Methods: description",
        "The context: what helps and hinders implementation there",
        covers_context,
        "Barriers and facilitators are coded to CFIR 2.0, each with its evidence",
        "plan_determinants",
    ),
    StaRIItem(
        8,
        "Methods: description",
        "The sites: where, who and what resources, and who was eligible",
        covers_sites,
        "Sites are listed and the population is described",
        "plan_setting",
    ),
    StaRIItem(
        9,
        "Methods: description",
        "A full description of the implementation strategy and of the intervention",
        covers_description,
        "Core components are described and every strategy is fully specified",
        "plan_strategies",
    ),
    StaRIItem(10, "Methods: description", "Sub-groups recruited for extra research tasks or nested studies"),
    StaRIItem(
        11,
        "Methods: evaluation",
        "Outcomes set in advance, how they are measured, and any targets",
        covers_outcomes,
        "An implementation outcome has a measure and a time point",
        "plan_outcomes",
    ),
    StaRIItem(
        12,
        "Methods: evaluation",
        "Process evaluation tied to how the strategy is expected to work",
        covers_process,
        "Every strategy states its mechanism",
        "plan_strategies",
    ),
    StaRIItem(13, "Methods: evaluation", "How resources, costs and economic outcomes are evaluated"),
    StaRIItem(14, "Methods: evaluation", "Why the sample is the size it is"),
    StaRIItem(15, "Methods: evaluation", "How the data are analysed, and why"),
    StaRIItem(16, "Methods: evaluation", "Sub-group analyses planned in advance"),
    StaRIItem(17, "Results", "Who took part, and how many of those approached"),
    StaRIItem(18, "Results", "Results for the main and other outcomes"),
    StaRIItem(19, "Results", "Process data, mapped to how the strategy was expected to work"),
    StaRIItem(20, "Results", "Resource use, costs and economic results"),
    StaRIItem(21, "Results", "How representative sub-groups were, and their results"),
    StaRIItem(
        22,
        "Results",
        "Fidelity to the strategy and the intervention, and how they were adapted",
        covers_fidelity,
        "The plan says what will be monitored for fidelity and how adaptations will be logged",
        "plan_fidelity",
    ),
    StaRIItem(23, "Results", "Changes in the context that may have affected the outcomes"),
    StaRIItem(24, "Results", "Harms and unintended effects"),
    StaRIItem(25, "Discussion", "Summary, strengths and limits, and comparison with other studies"),
    StaRIItem(
        26, "Discussion", "What it means for policy, practice and research, including scale-up and sustainability"
    ),
    StaRIItem(27, "General", "Approvals, registration, funding and conflicts of interest"),
)


@dataclass(frozen=True)
class StaRICheck:
    """A StaRI item and, when the plan can cover it, whether it does."""

    item: StaRIItem
    covered: bool | None


@dataclass(frozen=True)
class StaRISummary:
    """The 27 items checked against a plan: how many of those a plan can cover it already covers."""

    checks: list[StaRICheck]

    @property
    def plan_related(self) -> list[StaRICheck]:
        return [check for check in self.checks if check.item.plan_related]

    @property
    def for_report(self) -> list[StaRICheck]:
        return [check for check in self.checks if not check.item.plan_related]

    @property
    def covered_count(self) -> int:
        return sum(1 for check in self.plan_related if check.covered)

    @property
    def plan_related_count(self) -> int:
        return len(self.plan_related)


def stari_check(*, plan: ImplementationPlan) -> StaRISummary:
    """Each StaRI item, and for those a plan can cover, whether `plan` does (no queries)."""
    return StaRISummary(
        checks=[
            StaRICheck(item=item, covered=item.covered_by(plan) if item.covered_by else None) for item in STARI_ITEMS
        ]
    )
