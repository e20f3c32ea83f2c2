"""Freezing a version of a proposal: the copy mentors read and comment on, never changed afterwards."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from grants import permissions
from grants.models import ActivityVerb, Comment, Proposal, ProposalVersion
from grants.selectors.versions import proposal_content
from grants.services.activity import activity_record


@transaction.atomic
def proposal_version_freeze(*, proposal: Proposal, by) -> ProposalVersion:
    """Freeze `proposal` as it is now as its next numbered version (called when it is sent for review).

    The comments the applicants marked addressed since the last version are recorded as answered
    by this one. Only the applicants may freeze, while the proposal can still be edited.
    """
    if not permissions.proposal_edit_allowed(user=by, proposal=proposal):
        raise PermissionDenied
    # Lock the proposal so that two freezes at once cannot take the same number.
    list(Proposal.objects.select_for_update().filter(pk=proposal.pk).values_list("pk", flat=True))
    number = (proposal.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = ProposalVersion.objects.create(
        proposal=proposal, number=number, created_by=by, content=proposal_content(proposal=proposal)
    )
    Comment.objects.filter(proposal=proposal, addressed_at__isnull=False, addressed_in__isnull=True).update(
        addressed_in=version
    )
    activity_record(proposal=proposal, actor=by, verb=ActivityVerb.VERSION_FROZEN, detail=str(version))
    return version
