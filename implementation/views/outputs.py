"""Plan views: the outputs drawn from a plan (logic model, completeness with StaRI) and its PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST, require_safe

from grants.views.common import private_download
from implementation.pdf import plan_pdf_filename
from implementation.permissions import plan_edit_allowed
from implementation.selectors.editing import plan_parts
from implementation.selectors.outputs import plan_export_get, plan_outputs, plan_part_url
from implementation.selectors.plans import plan_full
from implementation.services.exports import plan_export_request
from implementation.views.common import plan_or_404


def _full_plan_or_404(request, plan_id: int):
    """The plan the member may read (404 otherwise), with every part loaded in a fixed number of queries."""
    checked = plan_or_404(request, plan_id)
    plan = plan_full(plan_id=checked.pk)
    if checked.proposal_id:
        plan.proposal = checked.proposal  # the copy that the permission checks cached roles on
    return plan


def _context(request, plan, *, part: str, part_label: str, **extra) -> dict:
    """What `implementation/part_base.html` (the plan pages' frame: heading, tabs, part navigation) needs."""
    return {
        "plan": plan,
        "proposal": plan.proposal if plan.proposal_id else None,
        "can_edit": plan_edit_allowed(user=request.user, plan=plan),
        "part": part,
        "part_label": part_label,
        "parts": plan_parts(plan=plan),
        "part_urls": {
            key: plan_part_url(plan=plan, part=key)
            for key in ("plan_determinants", "plan_strategies", "plan_outcomes", "plan_timeline")
        },
        **extra,
    }


@login_required
@require_safe
def plan_logic_model(request, plan_id: int):
    """The plan's implementation research logic model, as a diagram and as text."""
    plan = _full_plan_or_404(request, plan_id)
    outputs = plan_outputs(plan=plan, id_prefix="page")
    context = _context(request, plan, part="logic_model", part_label="Logic model", outputs=outputs)
    return render(request, "implementation/logic_model.html", context)


@login_required
@require_safe
def plan_completeness(request, plan_id: int):
    """Which parts of the plan are filled in, with a link to each, and which StaRI items the plan covers."""
    plan = _full_plan_or_404(request, plan_id)
    outputs = plan_outputs(plan=plan, id_prefix="page")
    context = _context(request, plan, part="completeness", part_label="Completeness", outputs=outputs)
    return render(request, "implementation/completeness.html", context)


@login_required
@require_POST
def plan_export(request, plan_id: int):
    """Ask for a PDF of the plan; the worker makes it and the next page says when it is ready."""
    plan = plan_or_404(request, plan_id)
    export = plan_export_request(plan=plan, by=request.user)
    return redirect("implementation:plan_export_detail", plan_id=plan.pk, export_id=export.pk)


def _export_or_404(request, plan_id: int, export_id: int, *, full: bool = False):
    # An export is shown to whoever may read the plan now, not only to the member who asked for it.
    plan = _full_plan_or_404(request, plan_id) if full else plan_or_404(request, plan_id)
    export = plan_export_get(plan=plan, export_id=export_id)
    if export is None:
        raise Http404
    return plan, export


@login_required
@require_safe
def plan_export_detail(request, plan_id: int, export_id: int):
    """One PDF of the plan: "being prepared" with a link to check again, or the link to download it."""
    plan, export = _export_or_404(request, plan_id, export_id, full=True)
    context = _context(request, plan, part="export", part_label="PDF of the plan", export=export)
    return render(request, "implementation/plan_export.html", context)


@login_required
@require_safe
def plan_export_download(request, plan_id: int, export_id: int):
    """The plan's PDF itself, as a download; back to the status page while it is still being made."""
    plan, export = _export_or_404(request, plan_id, export_id)
    if not export.is_ready:
        return redirect("implementation:plan_export_detail", plan_id=plan.pk, export_id=export.pk)
    filename = plan_pdf_filename(plan=plan, on=export.built_at)
    return private_download(export.pdf, filename=filename, content_type="application/pdf")


urlpatterns = [
    path("plans/<int:plan_id>/logic-model/", plan_logic_model, name="plan_logic_model"),
    path("plans/<int:plan_id>/completeness/", plan_completeness, name="plan_completeness"),
    path("plans/<int:plan_id>/export/", plan_export, name="plan_export"),
    path("plans/<int:plan_id>/exports/<int:export_id>/", plan_export_detail, name="plan_export_detail"),
    path("plans/<int:plan_id>/exports/<int:export_id>/download/", plan_export_download, name="plan_export_download"),
]
