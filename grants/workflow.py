"""The proposal workflow as a table: each transition, the states it leaves from, where it goes, and who may.

    draft ─► in mentor review ─► revisions requested ─► in mentor review ─► ready to submit
          ─► submitted to funder ─► awarded | not funded;   withdrawn from any state but withdrawn.

Who may is one of the roles of a user *on this proposal* (see grants.permissions.proposal_roles):
the lead applicant, a co-applicant, an assigned mentor, or a group lead. The table is read by the
service that moves a proposal (grants.services.workflow.proposal_transition), by the page that
shows the buttons, and by the tests, so all three agree.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from grants.models import ProposalState

LEAD = "lead"
CO_APPLICANT = "co_applicant"
MENTOR = "mentor"
GROUP_LEAD = "group_lead"

S = ProposalState


@dataclass(frozen=True)
class Transition:
    """One allowed move of a proposal between states."""

    name: str
    label: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    #: Sending for review freezes a version and needs the completeness checklist passed.
    freezes_version: bool = False
    #: Recording an award asks for the amount.
    asks_amount: bool = False
    #: Shown as a secondary, dangerous action (withdraw).
    danger: bool = False
    help_text: str = ""


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "send_for_review",
        _("Send for mentor review"),
        frozenset({S.DRAFT, S.REVISIONS}),
        S.IN_REVIEW,
        frozenset({LEAD}),
        freezes_version=True,
        help_text=_("Freezes this version for your mentors to read. You can keep editing afterwards."),
    ),
    Transition(
        "request_revisions",
        _("Request revisions"),
        frozenset({S.IN_REVIEW, S.READY}),
        S.REVISIONS,
        frozenset({MENTOR}),
        help_text=_("Tell the applicants the proposal needs more work before it goes to the funder."),
    ),
    Transition(
        "mark_ready",
        _("Mark ready to submit"),
        frozenset({S.IN_REVIEW}),
        S.READY,
        frozenset({MENTOR, GROUP_LEAD}),
        help_text=_("The proposal is ready to go to the funder."),
    ),
    Transition(
        "submit_to_funder",
        _("Record as submitted to the funder"),
        frozenset({S.READY}),
        S.SUBMITTED,
        frozenset({LEAD}),
        help_text=_("Record that the proposal has been sent through the funder's own system."),
    ),
    Transition(
        "record_awarded",
        _("Record: awarded"),
        frozenset({S.SUBMITTED}),
        S.AWARDED,
        frozenset({LEAD, GROUP_LEAD}),
        asks_amount=True,
        help_text=_("The funder has awarded the grant."),
    ),
    Transition(
        "record_not_funded",
        _("Record: not funded"),
        frozenset({S.SUBMITTED}),
        S.NOT_FUNDED,
        frozenset({LEAD, GROUP_LEAD}),
        help_text=_("The funder has decided not to fund the proposal."),
    ),
    Transition(
        "withdraw",
        _("Withdraw the proposal"),
        frozenset(set(S) - {S.WITHDRAWN}),
        S.WITHDRAWN,
        frozenset({LEAD}),
        danger=True,
        help_text=_("Stops all work on the proposal. It stays readable, but can no longer change."),
    ),
)

TRANSITIONS_BY_NAME: dict[str, Transition] = {t.name: t for t in TRANSITIONS}


def transitions_from(state: str) -> list[Transition]:
    """Every transition that can leave `state`, whoever may take it."""
    return [t for t in TRANSITIONS if state in t.sources]


def transitions_for(*, state: str, roles: set[str]) -> list[Transition]:
    """The transitions a user holding `roles` on a proposal may take from `state`."""
    return [t for t in transitions_from(state) if t.roles & roles]
