"""The PDF of a whole proposal, rendered from an HTML template with WeasyPrint (see courses.pdf).

Laid out so that an applicant can copy it section by section into a funder's form: each section
under its own heading with its word count against the limit, then the budget by category.
"""

import logging
from decimal import Decimal

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from courses.pdf import html_to_pdf
from grants.models import Proposal, ProposalExport
from grants.selectors.editing import CategoryTotal, budget_summary
from grants.selectors.proposals import proposal_sections

logger = logging.getLogger(__name__)


def budget_groups(*, proposal: Proposal) -> tuple[list[CategoryTotal], Decimal]:
    """The budget by category, with subtotals, and its total: the budget page's own summary."""
    summary = budget_summary(proposal=proposal)
    return summary.categories, summary.total


def proposal_html(*, proposal: Proposal, generated_at=None) -> str:
    """The proposal as the HTML that becomes its PDF."""
    # Imported here: the implementation app builds on grants, never the other way round at import time.
    from implementation.pdf import plan_pdf_context, proposal_plan_for_pdf

    groups, total = budget_groups(proposal=proposal)
    plan = proposal_plan_for_pdf(proposal=proposal)
    return render_to_string(
        "grants/pdf/proposal.html",
        {
            "proposal": proposal,
            "lead": proposal.lead,
            "co_applicants": [co.user for co in proposal.co_applicants.select_related("user__organisation")],
            "call": proposal.call,
            # (section, words over its limit or 0)
            "sections": [
                (view, view.words - view.limit if view.over_limit else 0)
                for view in proposal_sections(proposal=proposal)
            ],
            "budget_groups": groups,
            "budget_total": total,
            "attachments": list(proposal.attachments.all()),
            # The trial implementation plan (None if never started), drawn as in the plan's own PDF.
            **(plan_pdf_context(plan=plan) if plan else {"plan": None}),
            "generated_at": timezone.localtime(generated_at or timezone.now()),
        },
    )


def proposal_pdf_render(*, proposal: Proposal, generated_at=None) -> bytes:
    """The whole proposal as an A4 PDF."""
    return html_to_pdf(proposal_html(proposal=proposal, generated_at=generated_at))


def proposal_pdf_filename(*, proposal: Proposal, on=None) -> str:
    """What the downloaded file is called: the title and the day it was made."""
    day = timezone.localdate(on) if on else timezone.localdate()
    return f"{slugify(proposal.title)[:60].strip('-') or 'proposal'}-{day.isoformat()}.pdf"


def proposal_export_pdf_store(*, export_id: int) -> str:
    """Build the PDF of a proposal export (see services.exports.proposal_export_request) and store it.

    A built export is kept as it is, so the task is safe to run twice.
    """
    export = ProposalExport.objects.select_related("proposal__lead__organisation", "proposal__call").get(pk=export_id)
    if export.is_ready:
        return export.pdf.name
    now = timezone.now()
    content = proposal_pdf_render(proposal=export.proposal, generated_at=now)
    export.pdf.save(f"proposal-{export.proposal_id}-{export.pk}.pdf", ContentFile(content), save=False)
    export.built_at = now
    export.save(update_fields=["pdf", "built_at"])
    logger.info("Stored the PDF of proposal export %s", export.pk)
    return export.pdf.name
