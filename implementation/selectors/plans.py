"""Reads for plans: a plan with everything it holds, fetched in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

from implementation.models import Determinant, ImplementationPlan, PlanStrategy


def plan_full_queryset() -> QuerySet[ImplementationPlan]:
    """Plans with every part prefetched (constructs, strategies, outcomes, phases): the same queries for any size."""
    return ImplementationPlan.objects.select_related("proposal", "updated_by", "template").prefetch_related(
        "sites__organisation",
        "stakeholders",
        Prefetch("determinants", queryset=Determinant.objects.select_related("construct__domain")),
        Prefetch(
            "strategies",
            queryset=PlanStrategy.objects.select_related("strategy__cluster", "outcome").prefetch_related(
                "determinants"
            ),
        ),
        "outcomes__implementation_outcome",
        "milestones__phase",
    )


def plan_full(*, plan_id: int) -> ImplementationPlan:
    """One plan with all its parts loaded."""
    return plan_full_queryset().get(pk=plan_id)
