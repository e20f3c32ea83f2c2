"""Proposal views: exporting a proposal as a PDF, checking on it and downloading it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST, require_safe

from grants.pdf import proposal_pdf_filename
from grants.permissions import proposal_export_allowed
from grants.selectors.exports import export_get_for
from grants.services.exports import proposal_export_request
from grants.views.common import private_download, proposal_or_404


def _exportable_proposal_or_404(request, proposal_id: int):
    proposal = proposal_or_404(request, proposal_id)
    if not proposal_export_allowed(user=request.user, proposal=proposal):
        raise Http404
    return proposal


def _export_or_404(request, proposal_id: int, export_id: int):
    # An export is shown to whoever may export the proposal now, not only to the member who asked for it.
    proposal = _exportable_proposal_or_404(request, proposal_id)
    export = export_get_for(proposal=proposal, export_id=export_id)
    if export is None:
        raise Http404
    return proposal, export


@login_required
@require_POST
def proposal_export(request, proposal_id: int):
    """Ask for a PDF of the whole proposal; the worker makes it and the next page says when it is ready."""
    proposal = _exportable_proposal_or_404(request, proposal_id)
    export = proposal_export_request(proposal=proposal, by=request.user)
    return redirect("grants:export_detail", proposal_id=proposal.pk, export_id=export.pk)


@login_required
@require_safe
def export_detail(request, proposal_id: int, export_id: int):
    """One PDF export: "being prepared" with a link to check again, or the link to download it."""
    proposal, export = _export_or_404(request, proposal_id, export_id)
    return render(request, "grants/proposal/export.html", {"proposal": proposal, "export": export})


@login_required
@require_safe
def export_download(request, proposal_id: int, export_id: int):
    """The PDF itself, as a download; back to the status page while it is still being made."""
    proposal, export = _export_or_404(request, proposal_id, export_id)
    if not export.is_ready:
        return redirect("grants:export_detail", proposal_id=proposal.pk, export_id=export.pk)
    filename = proposal_pdf_filename(proposal=proposal, on=export.built_at)
    return private_download(export.pdf, filename=filename, content_type="application/pdf")


urlpatterns = [
    path("proposals/<int:proposal_id>/export/", proposal_export, name="proposal_export"),
    path("proposals/<int:proposal_id>/exports/<int:export_id>/", export_detail, name="export_detail"),
    path("proposals/<int:proposal_id>/exports/<int:export_id>/download/", export_download, name="export_download"),
]
