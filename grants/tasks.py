"""Background work for grant support: proposal PDFs."""

from django_tasks import task


@task()
def proposal_pdf_build(*, export_id: int) -> str:
    """Render a proposal export to PDF with WeasyPrint and store it privately."""
    from grants.pdf import proposal_export_pdf_store

    return proposal_export_pdf_store(export_id=export_id)
