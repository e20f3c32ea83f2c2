"""The activity timeline: every service that changes a proposal records what happened here."""

from grants.models import ActivityVerb, Proposal, ProposalActivity


def activity_record(
    *,
    proposal: Proposal,
    actor,
    verb: ActivityVerb,
    detail: str = "",
    from_state: str = "",
    to_state: str = "",
) -> ProposalActivity:
    """Add one entry to `proposal`'s timeline (call inside the service's transaction)."""
    return ProposalActivity.objects.create(
        proposal=proposal,
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        detail=detail[:500],
        from_state=from_state,
        to_state=to_state,
    )


def proposal_people(*, proposal: Proposal, applicants: bool = True, mentors: bool = False) -> list:
    """The members to tell about a change: the applicants (lead and co-applicants) and/or assigned mentors."""
    people = []
    if applicants:
        people.append(proposal.lead)
        people.extend(c.user for c in proposal.co_applicants.select_related("user"))
    if mentors:
        people.extend(a.mentor for a in proposal.mentor_assignments.active().select_related("mentor"))
    return people
