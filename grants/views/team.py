"""A proposal's team page (invite, resend, withdraw, remove) and the page where an invitation is accepted."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grants import permissions
from grants.forms.team import InvitationForm
from grants.models import FINAL_STATES
from grants.selectors.team import invitation_for_token, team_page, user_has_email
from grants.services.team import (
    InvitationNotForYou,
    InvitationUnavailable,
    co_applicant_remove,
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from grants.views.common import proposal_or_404


def _require_manage(request, proposal) -> None:
    if not permissions.proposal_team_manage_allowed(user=request.user, proposal=proposal):
        raise PermissionDenied(_("Only the lead applicant can change the team."))


def _first_message(error: ValidationError) -> str:
    return error.messages[0] if error.messages else _("That didn't work. Please try again.")


@login_required
@require_http_methods(["GET", "POST"])
def proposal_team(request, proposal_id: int):
    """The lead applicant, co-applicants and pending invitations; the lead invites someone here (POST)."""
    proposal = proposal_or_404(request, proposal_id)
    can_manage = permissions.proposal_team_manage_allowed(user=request.user, proposal=proposal)
    form = None
    if request.method == "POST":
        _require_manage(request, proposal)
        form = InvitationForm(request.POST, proposal=proposal, user=request.user)
        if form.is_valid():
            try:
                invitation = invitation_create(
                    proposal=proposal,
                    email=form.cleaned_data["email"],
                    message=form.cleaned_data["message"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s. They'll join the team once they accept it.")
                    % {"email": invitation.email},
                )
                return redirect("grants:proposal_team", proposal_id=proposal.pk)
    elif can_manage:
        form = InvitationForm(proposal=proposal, user=request.user)
    context = {"proposal": proposal, "form": form, **team_page(user=request.user, proposal=proposal)}
    return render(request, "grants/proposal/team.html", context)


@login_required
@require_POST
def invitation_revoke_view(request, proposal_id: int, invitation_id: int):
    """Withdraw a pending invitation (the lead applicant)."""
    proposal = proposal_or_404(request, proposal_id)
    invitation = get_object_or_404(proposal.invitations.select_related("proposal"), pk=invitation_id)
    _require_manage(request, proposal)
    try:
        invitation_revoke(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn: its link no longer works.") % {"email": invitation.email},
        )
    return redirect("grants:proposal_team", proposal_id=proposal.pk)


@login_required
@require_POST
def invitation_resend_view(request, proposal_id: int, invitation_id: int):
    """Send a pending invitation's e-mail again (the lead applicant)."""
    proposal = proposal_or_404(request, proposal_id)
    invitation = get_object_or_404(proposal.invitations.select_related("proposal"), pk=invitation_id)
    _require_manage(request, proposal)
    try:
        invitation_resend(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, _first_message(error))
    else:
        messages.success(request, _("The invitation was sent to %(email)s again.") % {"email": invitation.email})
    return redirect("grants:proposal_team", proposal_id=proposal.pk)


@login_required
@require_http_methods(["GET", "POST"])
def co_applicant_remove_view(request, proposal_id: int, user_id: int):
    """Take a co-applicant off the team (the lead applicant), after a confirmation page."""
    proposal = proposal_or_404(request, proposal_id)
    co_applicant = get_object_or_404(proposal.co_applicants.select_related("user"), user_id=user_id)
    _require_manage(request, proposal)
    if request.method == "POST":
        try:
            co_applicant_remove(proposal=proposal, user=co_applicant.user, by=request.user)
        except ValidationError as error:
            messages.error(request, _first_message(error))
        else:
            messages.success(
                request,
                _("%(name)s is no longer a co-applicant and can no longer see the proposal.")
                % {"name": co_applicant.user},
            )
        return redirect("grants:proposal_team", proposal_id=proposal.pk)
    return render(request, "grants/proposal/team_remove.html", {"proposal": proposal, "co_applicant": co_applicant})


def _auth_links(request) -> dict:
    query = urlencode({"next": request.path})
    return {
        "login_url": f"{reverse('account_login')}?{query}",
        "signup_url": f"{reverse('account_signup')}?{query}",
    }


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """Accept an invitation to join a proposal.

    Anyone holding the link sees who invited them to which proposal (its title only) while the
    invitation is pending; anonymous visitors are offered to sign in or create an account and come
    back. The signed-in member accepts with a button, if the invitation was sent to one of their
    addresses. Used, withdrawn and closed invitations say so, revealing nothing more.
    """
    invitation = invitation_for_token(token=token)
    if invitation is None:
        raise Http404
    proposal = invitation.proposal
    user = request.user
    context = {"invitation": invitation, "proposal": proposal, **_auth_links(request)}

    already_joined = user.is_authenticated and invitation.accepted_by_id == user.pk
    if already_joined:
        context["state"] = "joined"
        return render(request, "grants/proposal/invitation.html", context)
    if not invitation.is_pending or proposal.state in FINAL_STATES:
        if invitation.accepted_at is not None:
            context["unavailable"] = _("This invitation has already been used.")
        elif invitation.revoked_at is not None:
            context["unavailable"] = _("This invitation was withdrawn by the lead applicant.")
        else:
            context["unavailable"] = _("This proposal is no longer open for new co-applicants.")
        context["state"] = "unavailable"
        return render(request, "grants/proposal/invitation.html", context)
    if not user.is_authenticated:
        if request.method == "POST":
            return redirect(context["login_url"])
        context["state"] = "anonymous"
        return render(request, "grants/proposal/invitation.html", context)

    context["state"] = "ready"
    context["email_matches"] = user_has_email(user=user, email=invitation.email)
    status = 200
    if request.method == "POST":
        try:
            invitation_accept(invitation=invitation, user=user)
        except InvitationNotForYou:
            context["email_matches"] = False
            status = 403
        except InvitationUnavailable as error:
            context.update(state="unavailable", unavailable=error.message)
            status = 409
        else:
            messages.success(
                request,
                _('Welcome to the team. You can now write "%(title)s" with %(lead)s.')
                % {"title": proposal.title, "lead": proposal.lead},
            )
            return redirect(proposal)
    return render(request, "grants/proposal/invitation.html", context, status=status)


urlpatterns = [
    path("proposals/<int:proposal_id>/team/", proposal_team, name="proposal_team"),
    path(
        "proposals/<int:proposal_id>/team/invitations/<int:invitation_id>/withdraw/",
        invitation_revoke_view,
        name="invitation_revoke",
    ),
    path(
        "proposals/<int:proposal_id>/team/invitations/<int:invitation_id>/resend/",
        invitation_resend_view,
        name="invitation_resend",
    ),
    path(
        "proposals/<int:proposal_id>/team/co-applicants/<int:user_id>/remove/",
        co_applicant_remove_view,
        name="co_applicant_remove",
    ),
    path("invitations/<uuid:token>/", invitation, name="invitation"),
]
