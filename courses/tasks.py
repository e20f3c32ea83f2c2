"""Background work for learning: certificate PDFs."""

from django_tasks import task


@task()
def certificate_pdf_build(*, certificate_id: int) -> str:
    """Render a certificate to PDF with WeasyPrint and store it."""
    from courses.pdf import certificate_pdf_store

    return certificate_pdf_store(certificate_id=certificate_id)
