"""Reads for proposals: which ones a member may see, and what a proposal's overview shows."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import user_is_group_lead, user_is_member
from grants.models import ActivityVerb, CoApplicant, FundingCallPage, MentorAssignment, Proposal
from grants.sections import TEXT_SECTIONS, Section, word_count, word_limit_for


def proposals_visible_to(*, user) -> QuerySet[Proposal]:
    """Every proposal `user` may read: as lead or co-applicant, as an assigned mentor, or all for group leads.

    The list side of grants.permissions.proposal_view_allowed; editors and strangers get none.
    """
    if not user_is_member(user):
        return Proposal.objects.none()
    if user_is_group_lead(user):
        return Proposal.objects.all()
    return Proposal.objects.filter(
        Q(lead=user)
        | Q(pk__in=CoApplicant.objects.filter(user=user).values("proposal"))
        | Q(pk__in=MentorAssignment.objects.active().filter(mentor=user).values("proposal"))
    )


def proposal_get_for(*, user, proposal_id: int) -> Proposal | None:
    """The proposal with its lead and call, if `user` may read it; None otherwise (the view answers 404)."""
    return proposals_visible_to(user=user).with_people().filter(pk=proposal_id).first()


@dataclass(frozen=True)
class SectionView:
    """A section as the proposal page shows it: its text, revision and word count against its limit."""

    section: Section
    text: str
    revision: int
    words: int
    limit: int | None
    updated_at: datetime.datetime | None
    updated_by: object | None

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.words > self.limit

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


def proposal_sections(*, proposal: Proposal) -> list[SectionView]:
    """Every text section of `proposal`, in order, with word counts and limits (one query)."""
    stored = {s.key: s for s in proposal.sections.select_related("updated_by")}
    call_limit = proposal.call.default_word_limit if proposal.call_id else None
    views = []
    for section in TEXT_SECTIONS:
        row = stored.get(section.key)
        text = row.text if row else ""
        views.append(
            SectionView(
                section=section,
                text=text,
                revision=row.revision if row else 0,
                words=word_count(text),
                limit=word_limit_for(section, call_limit),
                updated_at=row.updated_at if row else None,
                updated_by=row.updated_by if row else None,
            )
        )
    return views


@dataclass(frozen=True)
class ChecklistItem:
    """One thing that must be true before a proposal can go to mentor review."""

    label: str
    done: bool
    #: The id of the part of the page to fix it on.
    anchor: str


def proposal_checklist(
    *, proposal: Proposal, sections: list[SectionView], budget_line_count: int
) -> list[ChecklistItem]:
    """What is done and what is still missing: each required section written and within its limit, a budget."""
    items = []
    for view in sections:
        if view.section.required:
            items.append(
                ChecklistItem(
                    label=_("%(section)s written") % {"section": view.section.label},
                    done=not view.is_empty,
                    anchor=f"section-{view.key}",
                )
            )
        if view.limit is not None and view.words > view.limit:
            items.append(
                ChecklistItem(
                    label=_("%(section)s within %(limit)s words (now %(words)s)")
                    % {"section": view.section.label, "limit": view.limit, "words": view.words},
                    done=False,
                    anchor=f"section-{view.key}",
                )
            )
    items.append(
        ChecklistItem(label=_("Budget has at least one costed line"), done=budget_line_count > 0, anchor="budget")
    )
    return items


def checklist_complete(items: list[ChecklistItem]) -> bool:
    return all(item.done for item in items)


def calls_open_for_proposals(*, now: datetime.datetime | None = None) -> QuerySet[FundingCallPage]:
    """Live calls a proposal can still be written for: open or upcoming, closing soonest first."""
    now = now or timezone.now()
    return FundingCallPage.objects.live().filter(closes_at__gt=now).order_by("closes_at", "title")


def proposals_for_member(*, user) -> dict:
    """The member's proposals page: `writing` (as lead or co-applicant) and `mentoring` (assigned to them).

    Each a list of proposals with lead and call; two queries however many there are.
    """
    writing = (
        Proposal.objects.filter(Q(lead=user) | Q(pk__in=CoApplicant.objects.filter(user=user).values("proposal")))
        .with_people()
        .order_by("-updated_at", "-pk")
    )
    mentoring = (
        Proposal.objects.filter(pk__in=MentorAssignment.objects.active().filter(mentor=user).values("proposal"))
        .with_people()
        .order_by("-updated_at", "-pk")
    )
    return {"writing": list(writing), "mentoring": list(mentoring)}


#: How many timeline entries the overview shows; the activity page shows them all.
OVERVIEW_ACTIVITY = 8

#: Timeline entries whose detail is an invited person's e-mail address.
ADDRESS_VERBS = frozenset({ActivityVerb.INVITED, ActivityVerb.INVITATION_REVOKED})


def activity_for_viewer(entries, *, user, proposal: Proposal) -> list:
    """Timeline `entries` as `user` may read them: invitees' addresses left out for all but the applicants.

    The addresses are blanked on the loaded rows only (never saved), as on the team page, where
    mentors and group leads do not see pending invitations either.
    """
    from grants import permissions

    entries = list(entries)
    if not permissions.invitee_addresses_visible(user=user, proposal=proposal):
        for entry in entries:
            if entry.verb in ADDRESS_VERBS:
                entry.detail = ""
    return entries


def proposal_overview(*, user, proposal: Proposal) -> dict:
    """Everything the proposal's overview page shows, for `user` (who may read it).

    `roles`, `sections` (SectionView), `checklist` and `checklist_complete`, `budget_total`,
    `co_applicants`, `invitations` (pending; lead only), `mentors` (active assignments),
    `transitions` (those `user` may take now), `activity` (latest), `version_count`, and the flags
    `can_edit`, `can_manage_team`, `can_assign_mentors`, `can_export`. A fixed number of queries.
    """
    from grants import permissions, workflow

    roles = permissions.proposal_roles(user=user, proposal=proposal)
    sections = proposal_sections(proposal=proposal)
    budget = proposal.budget_lines.aggregate(total=Sum("cost"), lines=Count("pk"))
    checklist = proposal_checklist(proposal=proposal, sections=sections, budget_line_count=budget["lines"])
    from grants.selectors import editing, exports, feedback, mentoring, team

    can_manage_team = permissions.proposal_team_manage_allowed(user=user, proposal=proposal)
    context = {
        "proposal": proposal,
        "roles": roles,
        "sections": sections,
        "checklist": checklist,
        "checklist_complete": checklist_complete(checklist),
        "budget_total": budget["total"] or Decimal("0.00"),
        "co_applicants": list(proposal.co_applicants.select_related("user")),
        "invitations": list(proposal.invitations.pending()) if can_manage_team else [],
        "mentors": list(proposal.mentor_assignments.active().select_related("mentor")),
        "transitions": workflow.transitions_for(state=proposal.state, roles=set(roles)),
        "activity": activity_for_viewer(
            proposal.activities.select_related("actor")[:OVERVIEW_ACTIVITY], user=user, proposal=proposal
        ),
        "version_count": proposal.versions.count(),
        "can_edit": permissions.proposal_edit_allowed(user=user, proposal=proposal),
        "can_manage_team": can_manage_team,
        "can_assign_mentors": permissions.mentors_assign_allowed(user=user, proposal=proposal),
        "can_export": permissions.proposal_export_allowed(user=user, proposal=proposal),
    }
    # Each concern adds what its panel on the overview needs.
    for module in (editing, team, mentoring, feedback, exports):
        context.update(module.overview_context(user=user, proposal=proposal))
    return context
