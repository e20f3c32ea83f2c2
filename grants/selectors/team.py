"""Reads for a proposal's team: the applicants, pending invitations, and whose address an invitation is for."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from grants import permissions, workflow
from grants.models import CoApplicant, Invitation, Proposal


def email_normalise(email: str) -> str:
    """Addresses are compared and stored without surrounding spaces and in lower case."""
    return (email or "").strip().lower()


def members_with_email(*, email: str) -> QuerySet[User]:
    """Active members whose account address, or any verified address, is `email` (any case)."""
    email = email_normalise(email)
    verified = EmailAddress.objects.filter(email__iexact=email, verified=True).values("user")
    return User.objects.filter(Q(email__iexact=email) | Q(pk__in=verified), is_active=True)


def user_has_email(*, user, email: str) -> bool:
    """Whether `email` is `user`'s account address or one of their verified addresses (any case)."""
    email = email_normalise(email)
    if not getattr(user, "is_authenticated", False) or not email:
        return False
    if email_normalise(user.email) == email:
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@dataclass(frozen=True)
class InvitationProblem:
    """Why an address can't be invited: `code` for tests and templates, `message` for the member."""

    code: str
    message: str
    #: The pending invitation to that address, when it was already invited (the page offers to resend it).
    invitation: Invitation | None = None


def invitation_problem(*, proposal: Proposal, email: str, by) -> InvitationProblem | None:
    """Why `by` can't invite `email` to `proposal` (their own address, the lead, a co-applicant, invited already).

    None when the address may be invited.
    """
    email = email_normalise(email)
    if user_has_email(user=by, email=email):
        return InvitationProblem("self", _("That's your own address. Invite the people you're writing with."))
    owners = set(members_with_email(email=email).values_list("pk", flat=True))
    if proposal.lead_id in owners:
        return InvitationProblem("lead", _("That's the address of the lead applicant, who is on the team already."))
    if owners and CoApplicant.objects.filter(proposal=proposal, user__in=owners).exists():
        return InvitationProblem("co_applicant", _("That person is already a co-applicant on this proposal."))
    pending = proposal.invitations.pending().filter(email__iexact=email).first()
    if pending is not None:
        return InvitationProblem(
            "invited",
            _("You have already invited this address. You can send the invitation again below."),
            invitation=pending,
        )
    return None


def invitation_for_token(*, token) -> Invitation | None:
    """The invitation with this token, with its proposal, lead and inviter; None when there is none."""
    return Invitation.objects.select_related("proposal", "proposal__lead", "invited_by").filter(token=token).first()


def team_page(*, user, proposal: Proposal) -> dict:
    """The team page: `co_applicants`, `invitations` (pending, for those who manage the team) and `can_manage`.

    A fixed number of queries however large the team.
    """
    can_manage = permissions.proposal_team_manage_allowed(user=user, proposal=proposal)
    roles = permissions.proposal_roles(user=user, proposal=proposal)
    # Pending invitations hold people's addresses: shown to the applicants only.
    show_invitations = bool(roles & {workflow.LEAD, workflow.CO_APPLICANT})
    invitations = (
        list(proposal.invitations.pending().select_related("invited_by").order_by("created_at", "pk"))
        if show_invitations
        else []
    )
    return {
        "co_applicants": list(proposal.co_applicants.select_related("user")),
        "invitations": invitations,
        "can_manage": can_manage,
        "roles": roles,
    }


def overview_context(*, user, proposal) -> dict:
    """What the proposal's overview page needs from this concern (merged into proposal_overview).

    `team_url`, and `transition_actions`: for each transition the member may take now, where its
    button posts to and whether it first needs a page of its own (to confirm, or to ask the amount).
    """
    roles = permissions.proposal_roles(user=user, proposal=proposal)
    actions = []
    for transition in workflow.transitions_for(state=proposal.state, roles=set(roles)):
        url = reverse("grants:proposal_transition", args=[proposal.pk, transition.name])
        actions.append(
            {
                "transition": transition,
                "url": url,
                "needs_page": transition.danger or transition.asks_amount,
            }
        )
    return {
        "team_url": reverse("grants:proposal_team", args=[proposal.pk]),
        "transition_actions": actions,
    }
