"""Implementation planning: reference frameworks, and the plans built from them."""

from implementation.models.exports import PlanExport
from implementation.models.plans import (
    Determinant,
    DeterminantKind,
    ImplementationPlan,
    Level,
    Milestone,
    OutcomeKind,
    PlanOutcome,
    PlanSite,
    PlanStrategy,
    REAIMDimension,
    Stakeholder,
    Strength,
)
from implementation.models.reference import (
    BarrierStrategyLink,
    CFIRConstruct,
    CFIRDomain,
    EPISPhase,
    ImplementationOutcome,
    ReferenceSource,
    Strategy,
    StrategyCluster,
)

__all__ = [
    "BarrierStrategyLink",
    "CFIRConstruct",
    "CFIRDomain",
    "Determinant",
    "DeterminantKind",
    "EPISPhase",
    "ImplementationOutcome",
    "ImplementationPlan",
    "Level",
    "Milestone",
    "OutcomeKind",
    "PlanExport",
    "PlanOutcome",
    "PlanSite",
    "PlanStrategy",
    "REAIMDimension",
    "ReferenceSource",
    "Stakeholder",
    "Strategy",
    "StrategyCluster",
    "Strength",
]
