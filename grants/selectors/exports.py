"""Reads for proposals: exports."""

import datetime

from django.utils import timezone

from grants.models import Proposal, ProposalExport
from grants.permissions import proposal_export_allowed

#: How long a PDF still being made is mentioned on the overview (a failed build should not linger there).
PENDING_SHOWN_FOR = datetime.timedelta(hours=1)


def export_latest_ready(*, proposal: Proposal) -> ProposalExport | None:
    """The most recent finished PDF of `proposal`, whoever asked for it (one query)."""
    return (
        ProposalExport.objects.filter(proposal=proposal, built_at__isnull=False)
        .exclude(pdf="")
        .select_related("requested_by")
        .order_by("-built_at", "-pk")
        .first()
    )


def export_get_for(*, proposal: Proposal, export_id: int) -> ProposalExport | None:
    """An export of `proposal` (which the caller has checked the member may export), or None."""
    return ProposalExport.objects.filter(proposal=proposal, pk=export_id).select_related("requested_by").first()


def overview_context(*, user, proposal) -> dict:
    """The export panel: `latest_export` (ready, by anyone) and `pending_export` (the member's, being made).

    Nothing, and no query, for those who may not export.
    """
    if not proposal_export_allowed(user=user, proposal=proposal):
        return {}
    latest = export_latest_ready(proposal=proposal)
    pending = (
        ProposalExport.objects.filter(
            proposal=proposal,
            requested_by=user,
            built_at__isnull=True,
            created_at__gte=timezone.now() - PENDING_SHOWN_FOR,
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if pending is not None and latest is not None and pending.created_at < latest.created_at:
        pending = None
    return {"latest_export": latest, "pending_export": pending}
