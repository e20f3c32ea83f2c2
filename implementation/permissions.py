"""Who may do what with implementation plans: a proposal's plan follows the proposal's own rules."""

from accounts.permissions import user_is_group_lead, user_is_member
from grants.permissions import proposal_edit_allowed, proposal_view_allowed
from implementation.models import ImplementationPlan


def plan_view_allowed(*, user, plan: ImplementationPlan) -> bool:
    """A proposal's plan: whoever may read the proposal. A template: any member once published, group leads always."""
    if plan.is_template:
        return user_is_group_lead(user) or (plan.template_published and user_is_member(user))
    return proposal_view_allowed(user=user, proposal=plan.proposal)


def plan_edit_allowed(*, user, plan: ImplementationPlan) -> bool:
    """A proposal's plan: the applicants while they may edit the proposal. A template: group leads."""
    if plan.is_template:
        return user_is_group_lead(user)
    return proposal_edit_allowed(user=user, proposal=plan.proposal)


def templates_manage_allowed(*, user) -> bool:
    """Group leads write and publish plan templates."""
    return user_is_group_lead(user)
