"""Build the demo funding calls and proposals from `grants.demo_content`.

Idempotent: pages and proposals are created once (later changes are kept). Dates are set relative
to the day the demo is first built, so a fresh demo always has open, upcoming and closed calls.
Proposals are built through the services, as members would, so their timelines are real.
"""

import datetime

from django.utils import timezone

from grants import demo_content as content
from grants.models import FundingCallIndexPage, FundingCallPage, Proposal
from home.demo import index_page_ensure, local_datetime


def funding_calls_ensure(*, index: FundingCallIndexPage) -> list[FundingCallPage]:
    """The demo calls: open, upcoming and closed ones (each created once, never overwritten)."""
    today = timezone.localdate()
    calls = []
    for data in content.CALLS:
        call = FundingCallPage.objects.child_of(index).filter(slug=data["slug"]).first()
        if call is None:
            call = FundingCallPage(
                title=data["title"],
                slug=data["slug"],
                funder=data["funder"],
                scheme=data["scheme"],
                summary=data["summary"],
                eligibility=data["eligibility"],
                amount=data["amount"],
                opens_on=today + datetime.timedelta(days=data["opens_in_days"]),
                closes_at=local_datetime(today + datetime.timedelta(days=data["closes_in_days"]), data["closes_time"]),
                link=data["link"],
                default_word_limit=data["default_word_limit"],
            )
            index.add_child(instance=call)
            call.save_revision().publish()
        calls.append(call)
    return calls


def _proposal_build(*, data: dict, calls: dict[str, FundingCallPage], people: dict) -> Proposal:
    """One demo proposal, told as a story through the services: written, reviewed, decided."""
    from decimal import Decimal

    from grants.models import ProposalSection
    from grants.services.editing import BudgetLineData, budget_save, section_save
    from grants.services.feedback import comment_add, review_save
    from grants.services.mentoring import mentor_assign, mentoring_request
    from grants.services.proposals import proposal_create
    from grants.services.team import invitation_accept, invitation_create
    from grants.services.workflow import proposal_transition
    from implementation.demo import proposal_plan_ensure

    lead = people[data["lead"]]
    proposal = proposal_create(lead=lead, title=data["title"], call=calls.get(data["call"]), topics=data["topics"])
    for email in data["co_applicants"]:
        invitation = invitation_create(
            proposal=proposal, email=email, message="Would you write this one with me?", by=lead
        )
        invitation_accept(invitation=invitation, user=people[email])
    for key, text in data["sections"].items():
        section = ProposalSection.objects.get(proposal=proposal, key=key)
        section_save(proposal=proposal, key=key, text=text, base_revision=section.revision, by=lead)
    if data["budget"]:
        lines = [
            BudgetLineData(category=c, description=d, cost=Decimal(cost), justification=j)
            for c, d, cost, j in data["budget"]
        ]
        budget_save(proposal=proposal, lines=lines, base_revision=proposal.budget_revision, by=lead)
    # The implementation plan is written before the proposal goes to review, so the version holds it.
    proposal_plan_ensure(proposal=proposal, by=lead)
    if data["state"] == "draft":
        return proposal
    group_lead = people[content.GROUP_LEAD]
    mentor = people[data["mentor"]]
    mentoring_request(proposal=proposal, by=lead, note="We would value help with the design and the budget.")
    mentor_assign(proposal=proposal, mentor=mentor, by=group_lead)
    proposal_transition(proposal=proposal, name="send_for_review", by=lead)
    for section, quote, body in data["comments"]:
        comment_add(proposal=proposal, by=mentor, section=section, quote=quote, body=body)
    if data["review"]:
        review = data["review"]
        review_save(
            proposal=proposal,
            by=mentor,
            scores=dict(review["scores"].items()),
            recommendation=review["recommendation"],
            summary=review["summary"],
            submit=True,
        )
    if data["state"] == "awarded":
        proposal_transition(proposal=proposal, name="mark_ready", by=mentor, note="Ready: well argued and costed.")
        proposal_transition(proposal=proposal, name="submit_to_funder", by=lead)
        proposal_transition(
            proposal=proposal,
            name="record_awarded",
            by=group_lead,
            amount=Decimal(data["amount_awarded"]),
            note="Funded in full.",
        )
    return proposal


def proposals_ensure(*, calls: list[FundingCallPage]) -> list[Proposal]:
    """The demo proposals (each built once, matched by lead and title; members' changes are kept)."""
    from accounts.models import User
    from implementation.demo import plan_template_ensure

    people = {user.email: user for user in User.objects.filter(email__in=_demo_emails())}
    if content.GROUP_LEAD in people:
        plan_template_ensure(group_lead=people[content.GROUP_LEAD])
    by_slug = {call.slug: call for call in calls}
    proposals = []
    for data in content.PROPOSALS:
        if data["lead"] not in people:
            continue
        existing = Proposal.objects.filter(lead=people[data["lead"]], title=data["title"]).first()
        proposals.append(existing or _proposal_build(data=data, calls=by_slug, people=people))
    return proposals


def _demo_emails() -> set[str]:
    emails = set()
    for data in content.PROPOSALS:
        emails.update([data["lead"], *data["co_applicants"], content.GROUP_LEAD])
        if data["mentor"]:
            emails.add(data["mentor"])
    return emails


def grants_demo_load(*, home, with_proposals: bool = False) -> FundingCallIndexPage:
    """The funding call index and the demo calls under it, and (with the demo accounts) the demo proposals."""
    index = index_page_ensure(FundingCallIndexPage, home=home, data=content.INDEX)
    calls = funding_calls_ensure(index=index)
    if with_proposals:
        proposals_ensure(calls=calls)
    return index
