"""Creating a proposal and writing its sections."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.permissions import user_is_member
from grants.models import ActivityVerb, FundingCallPage, Proposal, ProposalSection
from grants.sections import SECTION_KEYS
from grants.services.activity import activity_record


@transaction.atomic
def proposal_create(
    *, lead, title: str, call: FundingCallPage | None = None, topics: list[str] | None = None
) -> Proposal:
    """Start a draft proposal led by `lead`, optionally for `call`, with every section present and empty."""
    if not user_is_member(lead):
        raise PermissionDenied
    title = " ".join(title.split())
    proposal = Proposal.objects.create(lead=lead, title=title, call=call)
    ProposalSection.objects.bulk_create(
        ProposalSection(proposal=proposal, key=key, text=title if key == "title" else "", updated_by=lead)
        for key in SECTION_KEYS
    )
    if topics:
        proposal.topics.set(topics)
    activity_record(proposal=proposal, actor=lead, verb=ActivityVerb.CREATED, detail=title)
    return proposal
