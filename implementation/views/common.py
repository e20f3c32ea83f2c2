"""What every plan view shares: the proposal (or 404) and its plan."""

from django.http import Http404

from grants.views.common import proposal_or_404
from implementation.models import ImplementationPlan
from implementation.services.plans import plan_ensure


def plan_for_proposal_or_404(request, proposal_id: int) -> ImplementationPlan:
    """The plan of a proposal the member may read (made empty the first time); 404 if they may not read it."""
    proposal = proposal_or_404(request, proposal_id)
    plan = plan_ensure(proposal=proposal)
    plan.proposal = proposal  # keeps the role cache the permission checks filled
    return plan


def template_or_404(request, template_id: int) -> ImplementationPlan:
    from implementation.permissions import plan_view_allowed

    plan = ImplementationPlan.objects.templates().filter(pk=template_id).first()
    if plan is None or not plan_view_allowed(user=request.user, plan=plan):
        raise Http404
    return plan
