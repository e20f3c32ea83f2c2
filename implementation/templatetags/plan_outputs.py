"""Template tags for a plan's outputs: the logic model, timeline and completeness summary on any page."""

from django import template

from implementation.permissions import plan_view_allowed
from implementation.selectors.outputs import PlanOutputs, plan_export_latest, plan_outputs

register = template.Library()


@register.simple_tag
def plan_outputs_for(plan, compact: bool = True, id_prefix: str = "overview") -> PlanOutputs:
    """The outputs of `plan` (loaded by `plan_full`): `{% plan_outputs_for plan as outputs %}`. One query."""
    return plan_outputs(plan=plan, compact=compact, id_prefix=id_prefix)


@register.simple_tag(takes_context=True)
def plan_exports_for(context, plan) -> dict:
    """The latest PDF of `plan` and the member's own one being made: `{% plan_exports_for plan as exports %}`.

    Nothing (and no query) for whoever may not read the plan.
    """
    user = context.get("user") or getattr(context.get("request"), "user", None)
    if user is None or not plan_view_allowed(user=user, plan=plan):
        return {}
    return plan_export_latest(plan=plan, user=user)
