"""Background work for implementation plans: the PDF of a plan on its own."""

from django_tasks import task


@task()
def plan_pdf_build(*, export_id: int) -> str:
    """Render a plan export to PDF with WeasyPrint and store it privately."""
    from implementation.pdf import plan_export_pdf_store

    return plan_export_pdf_store(export_id=export_id)
