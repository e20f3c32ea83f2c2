"""The member's proposals: the list, starting one, and a proposal's overview page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from grants.forms.proposals import ProposalCreateForm
from grants.selectors.proposals import calls_open_for_proposals, proposal_overview, proposals_for_member
from grants.services.proposals import proposal_create
from grants.views.common import proposal_or_404


@login_required
@require_safe
def proposal_list(request):
    """Proposals the member writes, and those they mentor."""
    return render(request, "grants/proposal_list.html", proposals_for_member(user=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request):
    """Start a proposal, optionally for a call (?call=<id> preselects it)."""
    calls = calls_open_for_proposals()
    if request.method == "POST":
        form = ProposalCreateForm(request.POST, calls=calls)
        if form.is_valid():
            proposal = proposal_create(
                lead=request.user,
                title=form.cleaned_data["title"],
                call=form.cleaned_data["call"],
                topics=form.cleaned_data["topics"],
            )
            messages.success(request, _("Your proposal has been started. Write it one section at a time."))
            return redirect(proposal)
    else:
        form = ProposalCreateForm(calls=calls, initial={"call": request.GET.get("call")})
    return render(request, "grants/proposal_new.html", {"form": form})


@login_required
@require_safe
def proposal_detail(request, proposal_id: int):
    """A proposal's overview: its sections, checklist, people, state and what the member may do next."""
    proposal = proposal_or_404(request, proposal_id)
    return render(request, "grants/proposal_detail.html", proposal_overview(user=request.user, proposal=proposal))


urlpatterns = [
    path("proposals/", proposal_list, name="proposal_list"),
    path("proposals/new/", proposal_new, name="proposal_new"),
    path("proposals/<int:proposal_id>/", proposal_detail, name="proposal_detail"),
]
