"""Background work for learning: certificate PDFs."""

from django_tasks import task


@task()
def certificate_pdf_build(*, certificate_id: int) -> str:
    """Render a certificate to PDF with WeasyPrint and store it."""
    from courses.pdf import certificate_pdf_store

    return certificate_pdf_store(certificate_id=certificate_id)


@task()
def cpd_export_pdf_build(*, export_id: int) -> str:
    """Render a member's CPD log export to PDF and store it."""
    from courses.pdf import cpd_export_pdf_store

    return cpd_export_pdf_store(export_id=export_id)
