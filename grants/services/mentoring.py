"""Mentoring: the lead applicant asks for a mentor; group leads assign and remove mentors."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import NotificationKind, User
from accounts.notifications import notify
from accounts.permissions import user_is_mentor
from grants import permissions
from grants.models import ActivityVerb, CoApplicant, MentorAssignment, Proposal
from grants.services.activity import activity_record, proposal_people


def _roles_changed(proposal: Proposal) -> None:
    # Roles are cached on the proposal object (grants.permissions): drop them once the team changes.
    proposal.__dict__.pop("_roles_cache", None)


def _locked(proposal: Proposal) -> Proposal:
    """The proposal's row, locked until the transaction ends, so two group leads cannot race each other."""
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


@transaction.atomic
def mentoring_request(*, proposal: Proposal, by: User, note: str = "") -> bool:
    """The lead applicant asks for a mentor, saying what help they want; every group lead is told.

    Asking again does nothing (returns False): group leads are not told twice.
    """
    if not permissions.proposal_team_manage_allowed(user=by, proposal=proposal):
        raise PermissionDenied
    locked = _locked(proposal)
    if locked.mentoring_requested_at is not None:
        proposal.mentoring_requested_at = locked.mentoring_requested_at
        return False
    note = " ".join(note.split())
    proposal.mentoring_requested_at = timezone.now()
    Proposal.objects.filter(pk=proposal.pk).update(mentoring_requested_at=proposal.mentoring_requested_at)
    activity_record(proposal=proposal, actor=by, verb=ActivityVerb.MENTORING_REQUESTED, detail=note)
    group_leads_tell_mentor_wanted(proposal=proposal, by=by, note=note)
    return True


def group_leads_tell_mentor_wanted(*, proposal: Proposal, by: User, note: str = "") -> None:
    """Tell every group lead that `proposal` wants a mentor (asked for, or sent for review without one)."""
    message = _("%(name)s would like a mentor for “%(proposal)s”.") % {"name": by, "proposal": proposal}
    if note:
        message = f"{message} {_('They wrote:')} {note}"
    group_leads = User.objects.filter(is_active=True, groups__name=roles.GROUP_LEAD).distinct()
    notify(
        recipients=group_leads,
        kind=NotificationKind.MENTORING_REQUESTED,
        message=message,
        url=reverse("grants:proposal_mentors", args=[proposal.pk]),
        actor=by,
    )


@transaction.atomic
def mentor_assign(*, proposal: Proposal, mentor: User, by: User) -> MentorAssignment:
    """A group lead asks `mentor` to mentor `proposal`; the mentor and the applicants are told.

    Refuses members who are not mentors and the proposal's own applicants. Assigning a mentor who is
    already assigned changes nothing and returns their assignment.
    """
    if not permissions.mentors_assign_allowed(user=by, proposal=proposal):
        raise PermissionDenied
    if not user_is_mentor(mentor):
        raise ValidationError(
            _("%(name)s is not a mentor. Only members in the Mentors role can be assigned.") % {"name": mentor},
            code="not_mentor",
        )
    if mentor.pk == proposal.lead_id or CoApplicant.objects.filter(proposal=proposal, user=mentor).exists():
        raise ValidationError(
            _("%(name)s is an applicant on this proposal, so cannot also mentor it.") % {"name": mentor},
            code="applicant",
        )
    _locked(proposal)
    existing = proposal.mentor_assignments.active().filter(mentor=mentor).first()
    if existing is not None:
        return existing
    assignment = MentorAssignment.objects.create(proposal=proposal, mentor=mentor, assigned_by=by)
    _roles_changed(proposal)
    activity_record(proposal=proposal, actor=by, verb=ActivityVerb.MENTOR_ASSIGNED, detail=str(mentor))
    url = reverse("grants:proposal_detail", args=[proposal.pk])
    notify(
        recipients=[mentor],
        kind=NotificationKind.MENTOR_ASSIGNED,
        message=_("You have been asked to mentor “%(proposal)s”, led by %(lead)s.")
        % {"proposal": proposal, "lead": proposal.lead},
        url=url,
        actor=by,
    )
    notify(
        recipients=proposal_people(proposal=proposal),
        kind=NotificationKind.MENTOR_ASSIGNED,
        message=_("%(name)s is now mentoring “%(proposal)s”.") % {"name": mentor, "proposal": proposal},
        url=reverse("grants:proposal_mentors", args=[proposal.pk]),
        actor=by,
    )
    return assignment


@transaction.atomic
def mentor_unassign(*, proposal: Proposal, mentor: User, by: User) -> bool:
    """A group lead ends `mentor`'s assignment to `proposal` (kept, with its end date, for the history).

    The mentor is told. Returns False if they were not assigned (nothing changes).
    """
    if not permissions.mentors_assign_allowed(user=by, proposal=proposal):
        raise PermissionDenied
    _locked(proposal)
    ended = proposal.mentor_assignments.active().filter(mentor=mentor).update(ended_at=timezone.now())
    if not ended:
        return False
    _roles_changed(proposal)
    activity_record(proposal=proposal, actor=by, verb=ActivityVerb.MENTOR_UNASSIGNED, detail=str(mentor))
    notify(
        recipients=[mentor],
        kind=NotificationKind.MENTOR_ASSIGNED,
        message=_("You are no longer mentoring “%(proposal)s”. Thank you for your help.") % {"proposal": proposal},
        url=reverse("grants:proposal_list"),
        actor=by,
    )
    return True
