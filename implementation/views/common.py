"""What every plan view shares: finding the plan the member may read, or 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from grants.models import EDITABLE_STATES
from grants.selectors.proposals import proposal_get_for
from grants.views.common import proposal_or_404
from implementation.models import ImplementationPlan
from implementation.permissions import plan_view_allowed
from implementation.services.plans import plan_ensure


def plan_or_404(request, plan_id: int) -> ImplementationPlan:
    """A plan (a proposal's or a template) the signed-in member may read; 404 otherwise.

    A proposal's plan is readable by exactly those who may read the proposal, so its existence is
    never revealed to anyone else.
    """
    plan = ImplementationPlan.objects.filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    if plan.proposal_id:
        proposal = proposal_get_for(user=request.user, proposal_id=plan.proposal_id)
        if proposal is None:
            raise Http404
        plan.proposal = proposal  # the same object the permission checks cache roles on
    if not plan_view_allowed(user=request.user, plan=plan):
        raise Http404
    return plan


@login_required
@require_safe
def proposal_plan(request, proposal_id: int):
    """A proposal's plan, made empty the first time it is opened: the proposal's "Plan" tab leads here."""
    proposal = proposal_or_404(request, proposal_id)
    plan = plan_ensure(proposal=proposal)
    return redirect("implementation:plan_overview", plan_id=plan.pk)


def plan_read_only_reason(plan: ImplementationPlan) -> str:
    """Why someone who may read `plan` may not change it, in words."""
    if plan.is_template:
        return _("Only group leads can change plan templates. You can read this one and start a plan from it.")
    if plan.proposal.state not in EDITABLE_STATES:
        return _("This proposal is now “%(state)s”, so its plan can no longer be changed.") % {
            "state": plan.proposal.get_state_display()
        }
    return _(
        "Only the lead applicant and co-applicants can change this plan. You can read it, and mentors can comment "
        "on it in the versions sent for review."
    )


def plan_not_allowed(request, plan: ImplementationPlan):
    """The friendly 403 page for someone who may read the plan but not change it, saying why."""
    return render(
        request,
        "implementation/plan_not_allowed.html",
        {"plan": plan, "proposal": plan.proposal if plan.proposal_id else None, "reason": plan_read_only_reason(plan)},
        status=403,
    )
