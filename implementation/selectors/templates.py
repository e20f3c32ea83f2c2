"""Reads for plan templates: which a member may see, whether a plan is still empty, and what changed from one."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from implementation.models import Determinant, ImplementationPlan, PlanStrategy
from implementation.permissions import templates_manage_allowed
from implementation.selectors.documents import PlanComparison, plan_documents_compare
from implementation.selectors.plans import plan_full
from implementation.serialise import PLAN_TEXT_FIELDS, plan_to_dict


def _count(model, link: str = "plan"):
    counted = model.objects.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def templates_visible_to(*, user) -> QuerySet[ImplementationPlan]:
    """The plan templates `user` may see, by name: every one for group leads, the published ones for members.

    Each carries `determinant_count`, `strategy_count` and `plans_count` (plans started from it).
    """
    templates = ImplementationPlan.objects.templates()
    if not templates_manage_allowed(user=user):
        templates = templates.filter(template_published=True)
    return (
        templates.select_related("updated_by")
        .annotate(
            determinant_count=_count(Determinant),
            strategy_count=_count(PlanStrategy),
            plans_count=_count(ImplementationPlan, "template"),
        )
        .order_by("template_name", "pk")
    )


def templates_published() -> QuerySet[ImplementationPlan]:
    """The templates a member may start a plan from, by name."""
    return ImplementationPlan.objects.published_templates().order_by("template_name", "pk")


def template_get_for(*, user, template_id: int) -> ImplementationPlan | None:
    """A template `user` may see (any for group leads, a published one for members), or None."""
    return templates_visible_to(user=user).filter(pk=template_id).first()


def plan_is_empty(*, plan: ImplementationPlan) -> bool:
    """Nothing written and nothing added yet: a plan that starting from a template can fill without asking."""
    if any((getattr(plan, model_field) or "").strip() for _part, _key, model_field in PLAN_TEXT_FIELDS):
        return False
    return not any(
        getattr(plan, related).exists()
        for related in ("determinants", "strategies", "sites", "stakeholders", "outcomes", "milestones")
    )


@dataclass
class TemplateChanges:
    """What a member changed in their plan since starting it from a template."""

    template: ImplementationPlan | None
    template_name: str
    comparison: PlanComparison
    #: The template has been edited since the plan was started from it.
    template_updated: bool


def plan_template_changes(*, plan: ImplementationPlan) -> TemplateChanges | None:
    """Compare the template as it was when `plan` started from it with the plan now; None if it never did."""
    if not plan.template_snapshot:
        return None
    current = plan_to_dict(plan_full(plan_id=plan.pk))
    template = plan.template
    updated = False
    if template is not None:
        updated = plan_to_dict(plan_full(plan_id=template.pk)) != plan.template_snapshot
    return TemplateChanges(
        template=template,
        template_name=str(template) if template else "",
        comparison=plan_documents_compare(plan.template_snapshot, current),
        template_updated=updated,
    )
