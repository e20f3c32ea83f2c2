"""Reads for proposals: mentoring. Who mentors a proposal, and whom a group lead might ask next."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts import roles
from accounts.models import User
from grants import permissions
from grants.models import (
    MENTORING_STATES,
    ActivityVerb,
    CoApplicant,
    MentorAssignment,
    Proposal,
    ProposalState,
)

#: A mentor's load counts the proposals they are mentoring now: being drafted, in review or in revision.
LOAD_STATES = frozenset({*MENTORING_STATES, ProposalState.DRAFT})


def mentors_with_load() -> QuerySet[User]:
    """Every active member in the Mentors role, with `load` (active assignments on live proposals) annotated.

    Their expertise is prefetched, so reading it costs one query for the whole list.
    """
    load = (
        MentorAssignment.objects.active()
        .filter(mentor=OuterRef("pk"), proposal__state__in=LOAD_STATES)
        .order_by()
        .values("mentor")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        User.objects.filter(is_active=True, groups__name=roles.MENTOR)
        .annotate(load=Coalesce(Subquery(load, output_field=IntegerField()), Value(0)))
        .select_related("organisation")
        .prefetch_related("expertise")
    )


@dataclass(frozen=True)
class MentorOption:
    """A mentor as the group lead sees them when choosing one for a proposal."""

    mentor: User
    #: The proposal's topics the mentor has expertise in, in the proposal's own words.
    shared_topics: tuple[str, ...]
    load: int

    @property
    def capacity(self) -> int:
        return self.mentor.mentoring_capacity

    @property
    def at_capacity(self) -> bool:
        """Already mentoring as many proposals as they said they can (or more)."""
        return self.load >= self.capacity

    @property
    def over_capacity(self) -> bool:
        return self.load > self.capacity

    @property
    def expertise(self) -> list[str]:
        return [tag.name for tag in self.mentor.expertise.all()]


def _excluded_ids(proposal: Proposal) -> set[int]:
    """The applicants and the mentors already assigned: never suggested."""
    ids = {proposal.lead_id}
    ids.update(CoApplicant.objects.filter(proposal=proposal).values_list("user_id", flat=True))
    ids.update(proposal.mentor_assignments.active().values_list("mentor_id", flat=True))
    return ids


def mentor_options(*, proposal: Proposal) -> list[MentorOption]:
    """Every mentor who could be assigned to `proposal`, best match first.

    Ranked by the number of the proposal's topics found in the mentor's expertise (names compared
    regardless of case), most first; then by load, lightest first; then by name. The applicants and
    mentors already assigned are left out. A fixed number of queries however many mentors there are.
    """
    topics = {tag.name.casefold(): tag.name for tag in proposal.topics.all()}
    excluded = _excluded_ids(proposal)
    options = []
    for mentor in mentors_with_load().exclude(pk__in=excluded):
        expertise = {tag.name.casefold() for tag in mentor.expertise.all()}
        shared = tuple(sorted((name for key, name in topics.items() if key in expertise), key=str.casefold))
        options.append(MentorOption(mentor=mentor, shared_topics=shared, load=mentor.load))
    options.sort(key=lambda o: (-len(o.shared_topics), o.load, str(o.mentor).casefold(), o.mentor.pk))
    return options


def mentor_suggestions(*, proposal: Proposal, limit: int = 10) -> list[MentorOption]:
    """The `limit` best-matched mentors for `proposal` (see mentor_options for the ranking)."""
    return mentor_options(proposal=proposal)[:limit]


def proposal_mentor_assignments(*, proposal: Proposal) -> list[MentorAssignment]:
    """The mentors assigned to `proposal` now, with their expertise, in the order they were assigned."""
    return list(
        proposal.mentor_assignments.active()
        .select_related("mentor__organisation")
        .prefetch_related("mentor__expertise")
    )


def mentoring_request_note(*, proposal: Proposal) -> str:
    """What the lead applicant said they would like help with when they last asked for a mentor."""
    activity = proposal.activities.filter(verb=ActivityVerb.MENTORING_REQUESTED).order_by("-created_at", "-pk").first()
    return activity.detail if activity else ""


def mentors_page(*, user, proposal: Proposal) -> dict:
    """The mentors page: the current mentors for everyone; suggestions and every other mentor for group leads."""
    can_assign = permissions.mentors_assign_allowed(user=user, proposal=proposal)
    context = {
        "proposal": proposal,
        "assignments": proposal_mentor_assignments(proposal=proposal),
        "can_assign": can_assign,
        "can_request_mentoring": permissions.proposal_team_manage_allowed(user=user, proposal=proposal),
        "request_note": mentoring_request_note(proposal=proposal) if proposal.mentoring_requested_at else "",
        "topics": [tag.name for tag in proposal.topics.all()],
    }
    if can_assign:
        options = mentor_options(proposal=proposal)
        context["suggestions"] = options[:10]
        context["all_mentors"] = sorted(options, key=lambda o: (str(o.mentor).casefold(), o.mentor.pk))
    return context


def overview_context(*, user, proposal) -> dict:
    """What the proposal's overview page needs from this concern (merged into proposal_overview).

    No queries: the mentors are already in the overview's context and the roles are cached.
    """
    return {
        "mentoring_requested_at": proposal.mentoring_requested_at,
        "can_request_mentoring": permissions.proposal_team_manage_allowed(user=user, proposal=proposal),
    }
