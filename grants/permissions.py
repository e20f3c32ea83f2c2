"""Who may do what with a proposal. Every predicate returns a bool; the list side lives in grants.selectors.

A user's roles on a proposal (grants.workflow's LEAD, CO_APPLICANT, MENTOR, GROUP_LEAD) are
worked out once per proposal object and cached on it, so a page asking many questions costs at most
two queries. Proposals are confidential: anyone with no role on one may not know it exists (views
answer 404). Editors and moderators, who run the CMS, have no role on proposals.
"""

from accounts.permissions import user_is_group_lead, user_is_member
from grants import workflow
from grants.models import EDITABLE_STATES, FINAL_STATES, Proposal, ProposalState


def proposal_roles(*, user, proposal: Proposal) -> frozenset[str]:
    """The roles `user` holds on `proposal` (empty for anonymous users and strangers)."""
    if not user_is_member(user) or proposal.pk is None:
        return frozenset()
    cache = proposal.__dict__.setdefault("_roles_cache", {})
    if user.pk in cache:
        return cache[user.pk]
    roles = set()
    if proposal.lead_id == user.pk:
        roles.add(workflow.LEAD)
    elif proposal.co_applicants.filter(user=user).exists():
        roles.add(workflow.CO_APPLICANT)
    if proposal.mentor_assignments.active().filter(mentor=user).exists():
        roles.add(workflow.MENTOR)
    if user_is_group_lead(user):
        roles.add(workflow.GROUP_LEAD)
    cache[user.pk] = frozenset(roles)
    return cache[user.pk]


def _is_applicant(roles: frozenset[str]) -> bool:
    return bool(roles & {workflow.LEAD, workflow.CO_APPLICANT})


def proposal_view_allowed(*, user, proposal: Proposal) -> bool:
    """Applicants, assigned mentors and group leads may read a proposal, its versions and its feedback."""
    return bool(proposal_roles(user=user, proposal=proposal))


def proposal_edit_allowed(*, user, proposal: Proposal) -> bool:
    """Applicants may change the text, budget and attachments until the proposal goes to the funder."""
    return proposal.state in EDITABLE_STATES and _is_applicant(proposal_roles(user=user, proposal=proposal))


def proposal_team_manage_allowed(*, user, proposal: Proposal) -> bool:
    """Only the lead applicant invites and removes co-applicants, and asks for mentoring."""
    return proposal.state not in FINAL_STATES and workflow.LEAD in proposal_roles(user=user, proposal=proposal)


def invitee_addresses_visible(*, user, proposal: Proposal) -> bool:
    """Only the applicants see the e-mail addresses of people invited to the team (not mentors, not group leads)."""
    return _is_applicant(proposal_roles(user=user, proposal=proposal))


def proposal_export_allowed(*, user, proposal: Proposal) -> bool:
    """Whoever may read a proposal may export it as a PDF."""
    return proposal_view_allowed(user=user, proposal=proposal)


def mentors_assign_allowed(*, user, proposal: Proposal) -> bool:
    """Group leads assign and remove mentors, while the proposal is still in progress."""
    return proposal.state not in FINAL_STATES and workflow.GROUP_LEAD in proposal_roles(user=user, proposal=proposal)


def comment_add_allowed(*, user, proposal: Proposal) -> bool:
    """Assigned mentors start comment threads on a frozen version."""
    return workflow.MENTOR in proposal_roles(user=user, proposal=proposal) and proposal.state != ProposalState.WITHDRAWN


def comment_reply_allowed(*, user, proposal: Proposal) -> bool:
    """Applicants and assigned mentors reply in a thread."""
    roles = proposal_roles(user=user, proposal=proposal)
    return proposal.state != ProposalState.WITHDRAWN and bool(
        roles & {workflow.LEAD, workflow.CO_APPLICANT, workflow.MENTOR}
    )


def comment_address_allowed(*, user, proposal: Proposal) -> bool:
    """Applicants mark a mentor's comment as addressed (resolved), or open it again."""
    return proposal.state != ProposalState.WITHDRAWN and _is_applicant(proposal_roles(user=user, proposal=proposal))


def review_write_allowed(*, user, proposal: Proposal) -> bool:
    """Assigned mentors write structured reviews while the proposal is with them."""
    return workflow.MENTOR in proposal_roles(user=user, proposal=proposal) and proposal.state not in FINAL_STATES


def transition_allowed(*, user, proposal: Proposal, name: str) -> bool:
    """Whether `user` may take the workflow transition `name` from the proposal's current state."""
    transition = workflow.TRANSITIONS_BY_NAME.get(name)
    if transition is None or proposal.state not in transition.sources:
        return False
    return bool(transition.roles & proposal_roles(user=user, proposal=proposal))
