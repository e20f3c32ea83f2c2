"""A plan's life: making one for a proposal, and guarding every change with the plan's revision."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from grants.models import Proposal
from implementation.models import ImplementationPlan
from implementation.permissions import plan_edit_allowed


class PlanConflict(Exception):
    """The plan changed since the form was opened: the save is refused so nothing is overwritten silently."""

    def __init__(self, plan: ImplementationPlan):
        self.plan = plan
        who = plan.updated_by.display_name if plan.updated_by else "someone"
        super().__init__(
            f"{who} changed this plan at {timezone.localtime(plan.updated_at):%H:%M} while you were editing. "
            "Your changes are still in the form below: check the plan as it is now, then save again."
        )


@transaction.atomic
def plan_ensure(*, proposal: Proposal) -> ImplementationPlan:
    """The proposal's plan, made empty the first time it is asked for."""
    plan, _created = ImplementationPlan.objects.get_or_create(proposal=proposal, defaults={"is_template": False})
    return plan


def plan_lock_for_change(*, plan: ImplementationPlan, base_revision: int | None, by) -> ImplementationPlan:
    """Lock the plan's row for a change by `by`, checking permission and (if given) the revision it started from.

    Call inside the service's transaction; then call `plan_changed`. Raises PermissionDenied or PlanConflict.
    """
    # Lock only the plan's row: PostgreSQL refuses FOR UPDATE on the nullable side of the outer joins.
    locked = (
        ImplementationPlan.objects.select_for_update(of=("self",))
        .select_related("proposal", "updated_by")
        .get(pk=plan.pk)
    )
    if not plan_edit_allowed(user=by, plan=locked):
        raise PermissionDenied
    if base_revision is not None and base_revision != locked.revision:
        raise PlanConflict(locked)
    return locked


def plan_changed(*, plan: ImplementationPlan, by) -> ImplementationPlan:
    """Record that `plan` changed: bump its revision, stamp who and when, and touch its proposal."""
    plan.revision += 1
    plan.updated_by = by
    plan.save(update_fields=["revision", "updated_by", "updated_at"])
    if plan.proposal_id:
        Proposal.objects.filter(pk=plan.proposal_id).update(updated_at=timezone.now())
    return plan
