"""Moving a proposal through its workflow (the table in grants.workflow), with its timeline and notifications."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import NotificationKind
from accounts.notifications import notify
from grants import permissions, workflow
from grants.models import ActivityVerb, Proposal, ProposalState
from grants.selectors.proposals import checklist_complete, proposal_checklist, proposal_sections
from grants.services.activity import activity_record, proposal_people
from grants.services.versions import proposal_version_freeze

S = ProposalState

#: How each state reads in "This proposal is …, so …".
STATE_PHRASES = {
    S.DRAFT: gettext_lazy("still a draft"),
    S.IN_REVIEW: gettext_lazy("in mentor review"),
    S.REVISIONS: gettext_lazy("waiting for revisions"),
    S.READY: gettext_lazy("ready to submit"),
    S.SUBMITTED: gettext_lazy("with the funder"),
    S.AWARDED: gettext_lazy("awarded"),
    S.NOT_FUNDED: gettext_lazy("recorded as not funded"),
    S.WITHDRAWN: gettext_lazy("withdrawn"),
}
#: How each transition reads in "… so it can't be …".
ACTION_PHRASES = {
    "send_for_review": gettext_lazy("sent for review"),
    "request_revisions": gettext_lazy("sent back for revisions"),
    "mark_ready": gettext_lazy("marked ready to submit"),
    "submit_to_funder": gettext_lazy("recorded as submitted to the funder"),
    "record_awarded": gettext_lazy("recorded as awarded"),
    "record_not_funded": gettext_lazy("recorded as not funded"),
    "withdraw": gettext_lazy("withdrawn"),
}

#: Who holds each role, as it reads in "Only … can take this step."
ROLE_PHRASES = {
    workflow.LEAD: gettext_lazy("the lead applicant"),
    workflow.CO_APPLICANT: gettext_lazy("a co-applicant"),
    workflow.MENTOR: gettext_lazy("the proposal's mentors"),
    workflow.GROUP_LEAD: gettext_lazy("a group lead"),
}
_ROLE_ORDER = (workflow.LEAD, workflow.CO_APPLICANT, workflow.MENTOR, workflow.GROUP_LEAD)


class TransitionNotAllowed(Exception):
    """The proposal is not in a state the transition can leave, or is not ready for it.

    `message` says why in words for the member; `missing` lists what the checklist still needs.
    """

    def __init__(self, message: str, *, missing: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.missing = missing or []


def wrong_state_message(*, transition: workflow.Transition, state: str) -> str:
    """Why `transition` can't be taken from `state`, in plain words."""
    context = {
        "state": STATE_PHRASES.get(state, state),
        "action": ACTION_PHRASES.get(transition.name, transition.label),
    }
    if state == transition.target:
        return _("This proposal is already %(state)s, so it can't be %(action)s again.") % context
    return _("This proposal is %(state)s, so it can't be %(action)s.") % context


#: Why a proposal can't yet go to mentor review; followed by the list of what is missing.
CHECKLIST_REFUSAL = gettext_lazy("It can go to mentor review once everything on the checklist is done. Still to do:")


def proposal_checklist_now(*, proposal: Proposal) -> list:
    """The proposal's checklist before mentor review, as it stands now."""
    return proposal_checklist(
        proposal=proposal,
        sections=proposal_sections(proposal=proposal),
        budget_line_count=proposal.budget_lines.count(),
    )


def role_refusal_message(*, transition: workflow.Transition) -> str:
    """Who may take `transition`, for someone who may not."""
    who = [str(ROLE_PHRASES[role]) for role in _ROLE_ORDER if role in transition.roles]
    joined = who[0] if len(who) == 1 else _("%(first)s or %(last)s") % {"first": ", ".join(who[:-1]), "last": who[-1]}
    return _("Only %(who)s can take this step.") % {"who": joined}


@transaction.atomic
def proposal_transition(
    *, proposal: Proposal, name: str, by, note: str = "", amount: Decimal | None = None
) -> Proposal:
    """Take the workflow transition `name` on `proposal` for `by`, and return the proposal as it now is.

    Raises PermissionDenied when none of `by`'s roles may take it, TransitionNotAllowed when the
    proposal is not in one of its source states (read afresh under a row lock, so two people
    pressing buttons at once cannot both move it) or, for sending for review, the checklist is not
    complete. Sending for review freezes a version; recording an award stores `amount` (required).
    Records the change on the timeline with `note`, and tells the applicants and assigned mentors.
    """
    transition = workflow.TRANSITIONS_BY_NAME.get(name)
    if transition is None:
        raise TransitionNotAllowed(_("There is no such step in the proposal's workflow."))
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not transition.roles & permissions.proposal_roles(user=by, proposal=locked):
        raise PermissionDenied(role_refusal_message(transition=transition))
    if locked.state not in transition.sources:
        raise TransitionNotAllowed(wrong_state_message(transition=transition, state=locked.state))
    if transition.asks_amount and (amount is None or amount < 0):
        raise ValidationError({"amount": _("Enter the amount awarded, in pounds.")})

    note = " ".join((note or "").split())
    from_state = locked.state
    now = timezone.now()
    update_fields = ["state", "state_changed_at", "updated_at"]
    mentor_wanted = False
    if transition.freezes_version:
        checklist = proposal_checklist_now(proposal=locked)
        if not checklist_complete(checklist):
            raise TransitionNotAllowed(
                str(CHECKLIST_REFUSAL), missing=[item.label for item in checklist if not item.done]
            )
        proposal_version_freeze(proposal=locked, by=by)
        # Sent for review with no mentor and none asked for: that is asking for one.
        mentor_wanted = locked.mentoring_requested_at is None and not locked.mentor_assignments.active().exists()
        if locked.mentoring_requested_at is None:
            locked.mentoring_requested_at = now
            update_fields.append("mentoring_requested_at")
    if transition.asks_amount:
        locked.amount_awarded = amount
        update_fields.append("amount_awarded")
    locked.state = transition.target
    locked.state_changed_at = now
    locked.save(update_fields=update_fields)

    activity_record(
        proposal=locked,
        actor=by,
        verb=ActivityVerb.STATE_CHANGED,
        detail=note,
        from_state=from_state,
        to_state=locked.state,
    )
    if mentor_wanted:
        from grants.services.mentoring import group_leads_tell_mentor_wanted

        activity_record(proposal=locked, actor=by, verb=ActivityVerb.MENTORING_REQUESTED)
        group_leads_tell_mentor_wanted(proposal=locked, by=by)
    message = _('%(actor)s moved "%(title)s" from %(from)s to %(to)s.') % {
        "actor": getattr(by, "display_name", str(by)),
        "title": locked.title,
        "from": S(from_state).label.lower(),
        "to": locked.get_state_display().lower(),
    }
    if note:
        message += " " + _("Note: %(note)s") % {"note": note}
    notify(
        recipients=proposal_people(proposal=locked, applicants=True, mentors=True),
        kind=NotificationKind.STATE_CHANGED,
        message=message,
        url=locked.get_absolute_url(),
        actor=by,
    )
    # The caller's object shows the new state too.
    for field in update_fields:
        setattr(proposal, field, getattr(locked, field))
    proposal.__dict__.pop("_roles_cache", None)
    return locked
