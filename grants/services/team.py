"""A proposal's team: inviting co-applicants by e-mail, withdrawing and resending invitations, joining, removing."""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import NotificationKind
from accounts.notifications import absolute_url, notify
from grants import permissions
from grants.models import FINAL_STATES, ActivityVerb, CoApplicant, Invitation, Proposal
from grants.selectors.team import email_normalise, invitation_problem, members_with_email, user_has_email
from grants.services.activity import activity_record

#: An invitation can be sent again only this long after it was last sent, so nobody's inbox is flooded.
RESEND_PAUSE_SECONDS = 60 * 5


class InvitationUnavailable(Exception):
    """The invitation can't be accepted: used already, withdrawn, or the proposal is closed. `message` says which."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvitationNotForYou(Exception):
    """The signed-in member's addresses don't include the one the invitation was sent to."""


def invitation_url(invitation: Invitation) -> str:
    """The accept page's path."""
    return reverse("grants:invitation", args=[invitation.token])


def _invitation_send(*, invitation: Invitation, message: str, by) -> None:
    """E-mail the invitation (queued by the task e-mail backend once the transaction commits)."""
    context = {
        "invitation": invitation,
        "proposal": invitation.proposal,
        "inviter": by,
        "message": message.strip(),
        "link": absolute_url(invitation_url(invitation)),
    }
    subject = render_to_string("grants/emails/invitation_subject.txt", context).strip()
    body = render_to_string("grants/emails/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])
    cache.set(f"grants:invitation-sent:{invitation.pk}", True, RESEND_PAUSE_SECONDS)


def _check_manage(*, proposal: Proposal, by) -> None:
    if not permissions.proposal_team_manage_allowed(user=by, proposal=proposal):
        raise PermissionDenied(_("Only the lead applicant can change the team."))


@transaction.atomic
def invitation_create(*, proposal: Proposal, email: str, message: str = "", by) -> Invitation:
    """Invite `email` to join `proposal` as a co-applicant (the lead only).

    Always e-mails the address a link to accept; a member who already has that address is also
    told in the site. Refuses (ValidationError on "email") the lead's own address, a co-applicant's,
    or one with a pending invitation.
    """
    _check_manage(proposal=proposal, by=by)
    email = email_normalise(email)
    problem = invitation_problem(proposal=proposal, email=email, by=by)
    if problem is not None:
        raise ValidationError({"email": ValidationError(problem.message, code=problem.code)})
    invitation = Invitation.objects.create(proposal=proposal, email=email, invited_by=by)
    activity_record(proposal=proposal, actor=by, verb=ActivityVerb.INVITED, detail=email)
    _invitation_send(invitation=invitation, message=message, by=by)
    members = list(members_with_email(email=email))
    if members:
        notify(
            recipients=members,
            kind=NotificationKind.INVITATION,
            message=_('%(inviter)s invited you to join "%(title)s" as a co-applicant.')
            % {"inviter": by.display_name, "title": proposal.title},
            url=invitation_url(invitation),
            actor=by,
            # The invitation e-mail has just gone to this address: one e-mail, not two.
            email=False,
        )
    return invitation


def _pending_for_update(*, invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().select_related("proposal").get(pk=invitation.pk)
    if not locked.is_pending:
        raise ValidationError(_("That invitation has already been accepted or withdrawn."), code="not_pending")
    return locked


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by) -> Invitation:
    """Send a pending invitation's e-mail again (the lead only; not within a few minutes of the last time)."""
    _check_manage(proposal=invitation.proposal, by=by)
    locked = _pending_for_update(invitation=invitation)
    if cache.get(f"grants:invitation-sent:{locked.pk}"):
        raise ValidationError(
            _("The invitation to %(email)s was sent a few minutes ago. Please wait a little before sending it again.")
            % {"email": locked.email},
            code="too_soon",
        )
    _invitation_send(invitation=locked, message="", by=by)
    return locked


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    """Withdraw a pending invitation (the lead only): its link stops working."""
    _check_manage(proposal=invitation.proposal, by=by)
    locked = _pending_for_update(invitation=invitation)
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    activity_record(proposal=locked.proposal, actor=by, verb=ActivityVerb.INVITATION_REVOKED, detail=locked.email)
    return locked


@transaction.atomic
def co_applicant_remove(*, proposal: Proposal, user, by) -> None:
    """Take `user` off `proposal`'s team (the lead only): they can no longer see the proposal."""
    _check_manage(proposal=proposal, by=by)
    deleted, _rows = CoApplicant.objects.filter(proposal=proposal, user=user).delete()
    if not deleted:
        raise ValidationError(_("%(name)s is not a co-applicant on this proposal.") % {"name": user}, code="not_member")
    proposal.__dict__.pop("_roles_cache", None)
    activity_record(proposal=proposal, actor=by, verb=ActivityVerb.REMOVED, detail=str(user))


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> CoApplicant | None:
    """Join the proposal as a co-applicant by accepting `invitation` (idempotent for the member who accepted it).

    Raises InvitationNotForYou when the invitation's address is not one of `user`'s (account address or
    a verified one), and InvitationUnavailable when it was withdrawn, accepted by someone else, or the
    proposal is closed. Tells the lead applicant. Returns None if `user` leads the proposal already.
    """
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    proposal = Proposal.objects.select_related("lead").get(pk=locked.proposal_id)
    if locked.accepted_at is not None:
        if locked.accepted_by_id == user.pk:
            return CoApplicant.objects.filter(proposal=proposal, user=user).first()
        raise InvitationUnavailable(_("This invitation has already been used."))
    if locked.revoked_at is not None:
        raise InvitationUnavailable(_("This invitation was withdrawn by the lead applicant."))
    if proposal.state in FINAL_STATES:
        raise InvitationUnavailable(
            _("This proposal is %(state)s, so nobody new can join it.")
            % {"state": proposal.get_state_display().lower()}
        )
    if not user_has_email(user=user, email=locked.email):
        raise InvitationNotForYou

    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    if proposal.lead_id == user.pk:
        return None
    co_applicant, created = CoApplicant.objects.get_or_create(proposal=proposal, user=user)
    if created:
        activity_record(proposal=proposal, actor=user, verb=ActivityVerb.JOINED)
        notify(
            recipients=[proposal.lead],
            kind=NotificationKind.INVITATION,
            message=_('%(name)s accepted your invitation and joined "%(title)s" as a co-applicant.')
            % {"name": user.display_name, "title": proposal.title},
            url=reverse("grants:proposal_team", args=[proposal.pk]),
            actor=user,
        )
    return co_applicant
