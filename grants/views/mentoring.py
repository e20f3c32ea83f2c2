"""Proposal views: mentoring. The mentors page, asking for a mentor, and assigning or removing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.models import User
from grants import permissions
from grants.forms.mentoring import MentorAssignForm, MentoringRequestForm
from grants.selectors.mentoring import mentors_page
from grants.services.mentoring import mentor_assign, mentor_unassign, mentoring_request
from grants.views.common import proposal_or_404


def _render_mentors(request, proposal, *, assign_form=None, request_form=None):
    context = mentors_page(user=request.user, proposal=proposal)
    if context["can_assign"]:
        context["assign_form"] = assign_form or MentorAssignForm(options=context["all_mentors"])
    if context["can_request_mentoring"]:
        context["request_form"] = request_form or MentoringRequestForm()
    return render(request, "grants/proposal/mentors.html", context)


@login_required
@require_safe
def proposal_mentors(request, proposal_id: int):
    """Who mentors the proposal; for group leads, the mentors best matched to it and every other mentor."""
    return _render_mentors(request, proposal_or_404(request, proposal_id))


@login_required
@require_POST
def proposal_mentoring_request(request, proposal_id: int):
    """The lead applicant asks for a mentor (from the overview or the mentors page)."""
    proposal = proposal_or_404(request, proposal_id)
    if not permissions.proposal_team_manage_allowed(user=request.user, proposal=proposal):
        raise Http404
    form = MentoringRequestForm(request.POST)
    if not form.is_valid():
        return _render_mentors(request, proposal, request_form=form)
    if mentoring_request(proposal=proposal, by=request.user, note=form.cleaned_data["note"]):
        messages.success(
            request, _("You have asked for a mentor. A group lead will match you with one and you will hear from us.")
        )
    else:
        messages.info(request, _("You have already asked for a mentor. A group lead will be in touch."))
    if request.POST.get("return_to") == "overview":
        return redirect(proposal)
    return redirect("grants:proposal_mentors", proposal.pk)


@login_required
@require_POST
def proposal_mentor_assign(request, proposal_id: int):
    """A group lead assigns a mentor; a warning if the mentor is already at capacity."""
    proposal = proposal_or_404(request, proposal_id)
    if not permissions.mentors_assign_allowed(user=request.user, proposal=proposal):
        raise Http404
    options = mentors_page(user=request.user, proposal=proposal)["all_mentors"]
    form = MentorAssignForm(request.POST, options=options)
    if form.is_valid():
        mentor = form.cleaned_data["mentor"]
        option = next(o for o in options if o.mentor.pk == mentor.pk)
        try:
            mentor_assign(proposal=proposal, mentor=mentor, by=request.user)
        except ValidationError as error:
            form.add_error("mentor", error)
        else:
            messages.success(
                request,
                _("%(name)s is now mentoring this proposal. We have told them and the applicants.") % {"name": mentor},
            )
            if option.at_capacity:
                messages.warning(
                    request,
                    _(
                        "%(name)s was already mentoring %(load)s of the %(capacity)s proposals they can take. "
                        "Check with them that they can help."
                    )
                    % {"name": mentor, "load": option.load, "capacity": option.capacity},
                )
            return redirect("grants:proposal_mentors", proposal.pk)
    return _render_mentors(request, proposal, assign_form=form)


@login_required
@require_POST
def proposal_mentor_unassign(request, proposal_id: int, mentor_id: int):
    """A group lead removes a mentor from the proposal (the assignment is ended, not deleted)."""
    proposal = proposal_or_404(request, proposal_id)
    if not permissions.mentors_assign_allowed(user=request.user, proposal=proposal):
        raise Http404
    mentor = get_object_or_404(User, pk=mentor_id)
    if mentor_unassign(proposal=proposal, mentor=mentor, by=request.user):
        messages.success(request, _("%(name)s is no longer mentoring this proposal.") % {"name": mentor})
    else:
        messages.info(request, _("%(name)s was not mentoring this proposal.") % {"name": mentor})
    return redirect("grants:proposal_mentors", proposal.pk)


urlpatterns = [
    path("proposals/<int:proposal_id>/mentors/", proposal_mentors, name="proposal_mentors"),
    path("proposals/<int:proposal_id>/mentors/request/", proposal_mentoring_request, name="mentoring_request"),
    path("proposals/<int:proposal_id>/mentors/assign/", proposal_mentor_assign, name="mentor_assign"),
    path(
        "proposals/<int:proposal_id>/mentors/<int:mentor_id>/remove/",
        proposal_mentor_unassign,
        name="mentor_unassign",
    ),
]
