"""Exports of a plan on its own as a PDF, built in the background (a proposal's PDF includes its plan)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from grants.models import ActivityVerb
from grants.services.activity import activity_record
from implementation.models import ImplementationPlan, PlanExport
from implementation.permissions import plan_view_allowed

#: A second request within this time, while the first PDF is still being made, reuses it (a double click).
PENDING_REUSE = datetime.timedelta(minutes=2)


@transaction.atomic
def plan_export_request(*, plan: ImplementationPlan, by) -> PlanExport:
    """Ask for a PDF of the plan; the worker builds it after the transaction commits.

    Anyone who may read the plan may export it. If `by` asked moments ago and that PDF is not made yet,
    that export is returned instead of queueing another (it will hold the latest plan).
    """
    from implementation.tasks import plan_pdf_build

    if not plan_view_allowed(user=by, plan=plan):
        raise PermissionDenied
    pending = (
        PlanExport.objects.filter(
            plan=plan, requested_by=by, built_at__isnull=True, created_at__gte=timezone.now() - PENDING_REUSE
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if pending is not None:
        return pending
    export = PlanExport.objects.create(plan=plan, requested_by=by)
    if plan.proposal_id:
        activity_record(
            proposal=plan.proposal, actor=by, verb=ActivityVerb.EXPORTED, detail="its implementation plan, as a PDF"
        )
    transaction.on_commit(lambda: plan_pdf_build.enqueue(export_id=export.pk))
    return export
