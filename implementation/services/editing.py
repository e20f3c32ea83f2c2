"""Writing a plan, part by part.

Every service here locks the plan with `plan_lock_for_change` (which checks that `by` may edit it and that the
plan has not changed since `base_revision`, the revision the form was opened on) and ends with `plan_changed`,
so two applicants editing at once never overwrite each other silently. Items are checked to belong to the plan.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from accounts.models import Organisation
from implementation.models import (
    BarrierStrategyLink,
    CFIRConstruct,
    Determinant,
    DeterminantKind,
    EPISPhase,
    ImplementationOutcome,
    ImplementationPlan,
    Level,
    Milestone,
    OutcomeKind,
    PlanOutcome,
    PlanSite,
    PlanStrategy,
    REAIMDimension,
    Stakeholder,
    Strategy,
    Strength,
)
from implementation.services.plans import plan_changed, plan_lock_for_change

#: Months of a study a milestone may fall in (ten years is longer than any trial's implementation phase).
MONTH_MIN, MONTH_MAX = 1, 120

_DOI_PREFIXES = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")


def doi_normalise(value: str) -> str:
    """A bare DOI ("10.1186/s13012-015-0209-1") from a DOI, a doi.org link or "doi:…"; empty stays empty.

    Raises ValidationError when what is left does not have a DOI's shape.
    """
    value = (value or "").strip()
    if not value:
        return ""
    bare = _DOI_PREFIXES.sub("", value).strip()
    if not _DOI_SHAPE.match(bare):
        raise ValidationError(
            "This does not look like a DOI. A DOI starts with 10., then a slash, e.g. 10.1186/s13012-015-0209-1 "
            "(or paste its link, https://doi.org/10.1186/s13012-015-0209-1).",
            code="invalid_doi",
        )
    return bare


def _next_order(queryset) -> int:
    return (queryset.aggregate(top=Max("sort_order"))["top"] or 0) + 1


def _own(item, plan: ImplementationPlan) -> None:
    # The views fetch items through the plan, so this only fails on a programming error or a forged id.
    if item.plan_id != plan.pk:
        raise PermissionDenied


# The intervention -------------------------------------------------------------------------------------------


@transaction.atomic
def plan_intervention_save(
    *,
    plan: ImplementationPlan,
    intervention_name: str,
    evidence_citation: str,
    evidence_doi: str,
    core_components: str,
    adaptable_components: str,
    base_revision: int | None,
    by,
) -> ImplementationPlan:
    """Save the intervention: its name, the trial and evidence behind it (DOI stored bare), core and adaptable parts."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    plan.intervention_name = intervention_name.strip()
    plan.evidence_citation = evidence_citation.strip()
    plan.evidence_doi = doi_normalise(evidence_doi)
    plan.core_components = core_components.strip()
    plan.adaptable_components = adaptable_components.strip()
    plan.save(
        update_fields=[
            "intervention_name",
            "evidence_citation",
            "evidence_doi",
            "core_components",
            "adaptable_components",
        ]
    )
    return plan_changed(plan=plan, by=by)


# Setting and people -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteData:
    """A site as typed: a member organisation, or just a name (or both), and notes."""

    name: str
    organisation_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class StakeholderData:
    """A row of the stakeholder map."""

    role: str
    influence: str
    interest: str
    engagement: str = ""


@transaction.atomic
def plan_setting_save(
    *,
    plan: ImplementationPlan,
    population: str,
    sites: list[SiteData],
    stakeholders: list[StakeholderData],
    base_revision: int | None,
    by,
) -> ImplementationPlan:
    """Save the population, and replace the sites and the stakeholder map with the rows given (in order)."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    organisations = Organisation.objects.in_bulk([site.organisation_id for site in sites if site.organisation_id])
    site_rows = []
    for order, site in enumerate(sites, start=1):
        organisation = organisations.get(site.organisation_id) if site.organisation_id else None
        if site.organisation_id and organisation is None:
            raise ValidationError("That organisation is no longer listed. Choose another or type the site’s name.")
        name = " ".join(site.name.split()) or (organisation.name if organisation else "")
        if not name:
            raise ValidationError("Each site needs a member organisation or a name.")
        site_rows.append(
            PlanSite(plan=plan, organisation=organisation, name=name, notes=site.notes.strip(), sort_order=order)
        )
    stakeholder_rows = []
    for order, row in enumerate(stakeholders, start=1):
        if row.influence not in Level.values or row.interest not in Level.values:
            raise ValidationError("Influence and interest are each low, medium or high.")
        stakeholder_rows.append(
            Stakeholder(
                plan=plan,
                role=" ".join(row.role.split()),
                influence=row.influence,
                interest=row.interest,
                engagement=row.engagement.strip(),
                sort_order=order,
            )
        )
    plan.population = population.strip()
    plan.save(update_fields=["population"])
    plan.sites.all().delete()
    PlanSite.objects.bulk_create(site_rows)
    plan.stakeholders.all().delete()
    Stakeholder.objects.bulk_create(stakeholder_rows)
    return plan_changed(plan=plan, by=by)


# Barriers and facilitators ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeterminantData:
    """A barrier or facilitator as typed."""

    kind: str
    construct_id: int
    description: str
    strength: int = Strength.MODERATE
    evidence: str = ""


def _determinant_apply(determinant: Determinant, data: DeterminantData) -> None:
    if data.kind not in DeterminantKind.values:
        raise ValidationError("Say whether this is a barrier or a facilitator.")
    if data.strength not in Strength.values:
        raise ValidationError("Strength is weak, moderate or strong.")
    if not CFIRConstruct.objects.filter(pk=data.construct_id).exists():
        raise ValidationError("Choose a CFIR construct from the list.")
    determinant.kind = data.kind
    determinant.construct_id = data.construct_id
    determinant.description = data.description.strip()
    determinant.strength = data.strength
    determinant.evidence = data.evidence.strip()


@transaction.atomic
def determinant_add(*, plan: ImplementationPlan, data: DeterminantData, base_revision: int | None, by) -> Determinant:
    """Add a barrier or facilitator, coded to a CFIR construct, at the end of the plan's list."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    determinant = Determinant(plan=plan, sort_order=_next_order(plan.determinants.all()))
    _determinant_apply(determinant, data)
    determinant.save()
    plan_changed(plan=plan, by=by)
    return determinant


@transaction.atomic
def determinant_update(
    *, plan: ImplementationPlan, determinant: Determinant, data: DeterminantData, base_revision: int | None, by
) -> Determinant:
    """Change a barrier or facilitator of the plan."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    _own(determinant, plan)
    _determinant_apply(determinant, data)
    determinant.save()
    plan_changed(plan=plan, by=by)
    return determinant


@transaction.atomic
def determinant_remove(*, plan: ImplementationPlan, determinant: Determinant, base_revision: int | None, by) -> None:
    """Remove a barrier or facilitator; the strategies that addressed it simply no longer list it."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    _own(determinant, plan)
    determinant.delete()
    plan_changed(plan=plan, by=by)


# Strategies ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StrategyData:
    """A strategy as typed: an ERIC strategy or one of the applicant's own, specified as Proctor et al. (2013) ask."""

    strategy_id: int | None = None
    custom_name: str = ""
    actor: str = ""
    action: str = ""
    action_target: str = ""
    temporality: str = ""
    dose: str = ""
    outcome_id: int | None = None
    justification: str = ""
    mechanism: str = ""
    determinant_ids: list[int] = field(default_factory=list)


def _strategy_apply(plan: ImplementationPlan, item: PlanStrategy, data: StrategyData) -> list[int]:
    custom_name = " ".join(data.custom_name.split())
    if bool(data.strategy_id) == bool(custom_name):
        raise ValidationError("Choose a strategy from the ERIC list, or name a strategy of your own (not both).")
    if data.strategy_id and not Strategy.objects.filter(pk=data.strategy_id).exists():
        raise ValidationError("Choose a strategy from the ERIC list.")
    if data.outcome_id and not ImplementationOutcome.objects.filter(pk=data.outcome_id).exists():
        raise ValidationError("Choose an implementation outcome from the list.")
    item.strategy_id = data.strategy_id or None
    item.custom_name = custom_name
    item.actor = data.actor.strip()
    item.action = data.action.strip()
    item.action_target = data.action_target.strip()
    item.temporality = data.temporality.strip()
    item.dose = data.dose.strip()
    item.outcome_id = data.outcome_id or None
    item.justification = data.justification.strip()
    item.mechanism = data.mechanism.strip()
    # Only the plan's own determinants can be linked, whatever ids were posted.
    return list(plan.determinants.filter(pk__in=data.determinant_ids).values_list("pk", flat=True))


@transaction.atomic
def plan_strategy_add(*, plan: ImplementationPlan, data: StrategyData, base_revision: int | None, by) -> PlanStrategy:
    """Add a strategy to the plan, linked to the barriers (and facilitators) it addresses."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    item = PlanStrategy(plan=plan, sort_order=_next_order(plan.strategies.all()))
    determinant_ids = _strategy_apply(plan, item, data)
    item.save()
    item.determinants.set(determinant_ids)
    plan_changed(plan=plan, by=by)
    return item


@transaction.atomic
def plan_strategy_update(
    *, plan: ImplementationPlan, item: PlanStrategy, data: StrategyData, base_revision: int | None, by
) -> PlanStrategy:
    """Change how a strategy of the plan is specified, and which determinants it addresses."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    _own(item, plan)
    determinant_ids = _strategy_apply(plan, item, data)
    item.save()
    item.determinants.set(determinant_ids)
    plan_changed(plan=plan, by=by)
    return item


@transaction.atomic
def plan_strategy_remove(*, plan: ImplementationPlan, item: PlanStrategy, base_revision: int | None, by) -> None:
    """Take a strategy out of the plan (its barriers stay, and are flagged again if nothing else addresses them)."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    _own(item, plan)
    item.delete()
    plan_changed(plan=plan, by=by)


def barriers_addressed_by(*, plan: ImplementationPlan, strategy: Strategy) -> list[int]:
    """The plan's barriers an ERIC strategy is linked to (through their construct or its parent), by id."""
    construct_ids = set(BarrierStrategyLink.objects.filter(strategy=strategy).values_list("construct_id", flat=True))
    barriers = plan.determinants.filter(kind=DeterminantKind.BARRIER).select_related("construct")
    return [
        barrier.pk
        for barrier in barriers
        if barrier.construct_id in construct_ids or barrier.construct.parent_id in construct_ids
    ]


@transaction.atomic
def plan_strategy_from_suggestion(
    *, plan: ImplementationPlan, strategy: Strategy, base_revision: int | None, by
) -> PlanStrategy:
    """Add a suggested ERIC strategy to the plan, already linked to the plan's barriers it is suggested for.

    The applicant then specifies it (actor, action, …) on its own page.
    """
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    if plan.strategies.filter(strategy=strategy).exists():
        raise ValidationError(f"“{strategy.name}” is already in your plan.")
    item = PlanStrategy.objects.create(plan=plan, strategy=strategy, sort_order=_next_order(plan.strategies.all()))
    item.determinants.set(barriers_addressed_by(plan=plan, strategy=strategy))
    plan_changed(plan=plan, by=by)
    return item


# Outcomes -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeData:
    """An outcome as typed."""

    kind: str
    name: str
    measure: str
    timepoint: str
    target: str = ""
    implementation_outcome_id: int | None = None
    reaim_dimension: str = ""


def outcome_kind_problems(*, kind: str, implementation_outcome_id: int | None, reaim_dimension: str) -> dict:
    """What is wrong with the outcome's kind and its framework field, by field name (empty when all is well).

    A Proctor outcome needs one of the eight implementation outcomes; a RE-AIM outcome needs a dimension; the
    other kinds take neither, so that nothing hidden is saved against them.
    """
    problems = {}
    if kind == OutcomeKind.IMPLEMENTATION:
        if not implementation_outcome_id:
            problems["implementation_outcome"] = "Choose which of Proctor’s implementation outcomes this measures."
        if reaim_dimension:
            problems["reaim_dimension"] = "Leave the RE-AIM dimension empty for an implementation outcome."
    elif kind == OutcomeKind.REAIM:
        if reaim_dimension not in REAIMDimension.values:
            problems["reaim_dimension"] = "Choose which RE-AIM dimension this measures."
        if implementation_outcome_id:
            problems["implementation_outcome"] = "Leave the implementation outcome empty for a RE-AIM dimension."
    elif kind in OutcomeKind.values:
        if implementation_outcome_id:
            problems["implementation_outcome"] = "Only an implementation outcome (Proctor) takes one of these."
        if reaim_dimension:
            problems["reaim_dimension"] = "Only a RE-AIM outcome takes a dimension."
    else:
        problems["kind"] = "Choose what kind of outcome this is."
    return problems


def _outcome_apply(outcome: PlanOutcome, data: OutcomeData) -> None:
    problems = outcome_kind_problems(
        kind=data.kind, implementation_outcome_id=data.implementation_outcome_id, reaim_dimension=data.reaim_dimension
    )
    if problems:
        raise ValidationError(problems)
    if (
        data.implementation_outcome_id
        and not ImplementationOutcome.objects.filter(pk=data.implementation_outcome_id).exists()
    ):
        raise ValidationError({"implementation_outcome": "Choose an implementation outcome from the list."})
    outcome.kind = data.kind
    outcome.implementation_outcome_id = data.implementation_outcome_id or None
    outcome.reaim_dimension = data.reaim_dimension
    outcome.name = " ".join(data.name.split())
    outcome.measure = data.measure.strip()
    outcome.timepoint = data.timepoint.strip()
    outcome.target = data.target.strip()


@transaction.atomic
def plan_outcome_add(*, plan: ImplementationPlan, data: OutcomeData, base_revision: int | None, by) -> PlanOutcome:
    """Add an outcome the plan will measure."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    outcome = PlanOutcome(plan=plan, sort_order=_next_order(plan.outcomes.all()))
    _outcome_apply(outcome, data)
    outcome.save()
    plan_changed(plan=plan, by=by)
    return outcome


@transaction.atomic
def plan_outcome_update(
    *, plan: ImplementationPlan, outcome: PlanOutcome, data: OutcomeData, base_revision: int | None, by
) -> PlanOutcome:
    """Change an outcome of the plan."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    _own(outcome, plan)
    _outcome_apply(outcome, data)
    outcome.save()
    plan_changed(plan=plan, by=by)
    return outcome


@transaction.atomic
def plan_outcome_remove(*, plan: ImplementationPlan, outcome: PlanOutcome, base_revision: int | None, by) -> None:
    """Take an outcome out of the plan."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    _own(outcome, plan)
    outcome.delete()
    plan_changed(plan=plan, by=by)


# Fidelity and adaptation ----------------------------------------------------------------------------------------


@transaction.atomic
def plan_fidelity_save(
    *, plan: ImplementationPlan, fidelity_monitoring: str, adaptation_logging: str, base_revision: int | None, by
) -> ImplementationPlan:
    """Save what will be monitored for fidelity, and how changes to the intervention will be logged."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    plan.fidelity_monitoring = fidelity_monitoring.strip()
    plan.adaptation_logging = adaptation_logging.strip()
    plan.save(update_fields=["fidelity_monitoring", "adaptation_logging"])
    return plan_changed(plan=plan, by=by)


# Timeline -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneData:
    """A milestone as typed."""

    phase_id: int
    title: str
    start_month: int
    end_month: int


def milestone_month_problems(*, start_month: int | None, end_month: int | None) -> dict:
    """What is wrong with a milestone's months, by field name (empty when they are fine)."""
    problems = {}
    for name, value, label in (("start_month", start_month, "start"), ("end_month", end_month, "end")):
        if value is not None and not MONTH_MIN <= value <= MONTH_MAX:
            problems[name] = f"The {label} month must be between {MONTH_MIN} and {MONTH_MAX}."
    if not problems and start_month is not None and end_month is not None and end_month < start_month:
        problems["end_month"] = f"The end month must be the same as the start month ({start_month}) or later."
    return problems


@transaction.atomic
def plan_timeline_save(
    *, plan: ImplementationPlan, milestones: list[MilestoneData], base_revision: int | None, by
) -> ImplementationPlan:
    """Replace the plan's milestones with those given."""
    plan = plan_lock_for_change(plan=plan, base_revision=base_revision, by=by)
    phases = set(EPISPhase.objects.values_list("pk", flat=True))
    rows = []
    for item in milestones:
        if item.phase_id not in phases:
            raise ValidationError("Choose an EPIS phase from the list.")
        problems = milestone_month_problems(start_month=item.start_month, end_month=item.end_month)
        if problems:
            raise ValidationError(problems)
        rows.append(
            Milestone(
                plan=plan,
                phase_id=item.phase_id,
                title=" ".join(item.title.split()),
                start_month=item.start_month,
                end_month=item.end_month,
            )
        )
    plan.milestones.all().delete()
    Milestone.objects.bulk_create(rows)
    return plan_changed(plan=plan, by=by)
