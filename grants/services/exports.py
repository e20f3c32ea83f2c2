"""Exports of a proposal as a PDF, built in the background."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from grants.models import ActivityVerb, Proposal, ProposalExport
from grants.permissions import proposal_export_allowed
from grants.services.activity import activity_record

#: A second request within this time, while the first PDF is still being made, reuses it (a double click).
PENDING_REUSE = datetime.timedelta(minutes=2)


@transaction.atomic
def proposal_export_request(*, proposal: Proposal, by) -> ProposalExport:
    """Ask for a PDF of the whole proposal; the worker builds it after the transaction commits.

    Anyone who may read the proposal may export it. If `by` asked moments ago and that PDF is not
    made yet, that export is returned instead of queueing another (it will hold the latest text).
    """
    from grants.tasks import proposal_pdf_build

    if not proposal_export_allowed(user=by, proposal=proposal):
        raise PermissionDenied
    pending = (
        ProposalExport.objects.filter(
            proposal=proposal, requested_by=by, built_at__isnull=True, created_at__gte=timezone.now() - PENDING_REUSE
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if pending is not None:
        return pending
    export = ProposalExport.objects.create(proposal=proposal, requested_by=by)
    activity_record(proposal=proposal, actor=by, verb=ActivityVerb.EXPORTED, detail="PDF")
    transaction.on_commit(lambda: proposal_pdf_build.enqueue(export_id=export.pk))
    return export
