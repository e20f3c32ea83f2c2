"""The PDF of an implementation plan, rendered from HTML with WeasyPrint (see courses.pdf and grants.pdf).

The same partial template (`implementation/pdf/_plan.html`) is used for a plan on its own and for the
"Trial implementation plan" section of a proposal's PDF. The logic model and the timeline go in as
inline SVG (WeasyPrint draws it; nothing is fetched), each followed by its text alternative.
"""

import logging

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from courses.pdf import html_to_pdf
from implementation.models import ImplementationPlan, PlanExport
from implementation.selectors.outputs import plan_outputs
from implementation.selectors.plans import plan_full, plan_full_queryset

logger = logging.getLogger(__name__)


def plan_pdf_context(*, plan: ImplementationPlan, id_prefix: str = "pdf") -> dict:
    """What the plan's partial template needs: the plan (loaded by `plan_full`) and its outputs."""
    return {"plan": plan, "outputs": plan_outputs(plan=plan, id_prefix=id_prefix)}


def proposal_plan_for_pdf(*, proposal) -> ImplementationPlan | None:
    """A proposal's plan with all its parts, for the proposal's PDF; None if no plan was started."""
    return plan_full_queryset().filter(proposal=proposal).first()


def plan_title(plan: ImplementationPlan) -> str:
    """What the plan is called at the top of its PDF."""
    if plan.is_template:
        return f"Plan template: {plan}"
    if plan.intervention_name:
        return f"Implementation plan: {plan.intervention_name}"
    return f"Implementation plan: {plan.proposal.title}"


def plan_html(*, plan: ImplementationPlan, generated_at=None) -> str:
    """The plan as the HTML that becomes its PDF (`plan` loaded by `plan_full`)."""
    return render_to_string(
        "implementation/pdf/plan.html",
        {
            **plan_pdf_context(plan=plan),
            "title": plan_title(plan),
            "proposal": plan.proposal if plan.proposal_id else None,
            "generated_at": timezone.localtime(generated_at or timezone.now()),
        },
    )


def plan_pdf_render(*, plan: ImplementationPlan, generated_at=None) -> bytes:
    """The whole plan as an A4 PDF (the logic model on a landscape page)."""
    return html_to_pdf(plan_html(plan=plan, generated_at=generated_at))


def plan_pdf_filename(*, plan: ImplementationPlan, on=None) -> str:
    """What the downloaded file is called: the plan's name and the day it was made."""
    day = timezone.localdate(on) if on else timezone.localdate()
    name = plan.template_name if plan.is_template else (plan.intervention_name or plan.proposal.title)
    return f"implementation-plan-{slugify(name)[:60].strip('-') or plan.pk}-{day.isoformat()}.pdf"


def plan_export_pdf_store(*, export_id: int) -> str:
    """Build the PDF of a plan export (see services.exports.plan_export_request) and store it.

    A built export is kept as it is, so the task is safe to run twice.
    """
    export = PlanExport.objects.get(pk=export_id)
    if export.is_ready:
        return export.pdf.name
    now = timezone.now()
    content = plan_pdf_render(plan=plan_full(plan_id=export.plan_id), generated_at=now)
    export.pdf.save(f"plan-{export.plan_id}-{export.pk}.pdf", ContentFile(content), save=False)
    export.built_at = now
    export.save(update_fields=["pdf", "built_at"])
    logger.info("Stored the PDF of plan export %s", export.pk)
    return export.pdf.name
