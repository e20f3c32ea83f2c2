"""PDFs of certificates and of a member's CPD log, rendered from HTML templates with WeasyPrint.

The templates carry their own CSS and no links to fetch: the URL fetcher refuses anything but
inline `data:` URLs, so rendering never reaches the network or the file system.
"""

import logging
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from accounts.models import User
from courses.models import Certificate, CPDMethod, Reflection

logger = logging.getLogger(__name__)


class LocalOnlyURLFetcher(URLFetcher):
    """Fetches inline `data:` URLs only; every other URL is refused (WeasyPrint logs and skips it)."""

    def fetch(self, url, headers=None):
        if not url.lower().startswith("data:"):
            raise ValueError(f"PDFs may not fetch {url!r}: only inline data: URLs are allowed.")
        return super().fetch(url, headers)


def html_to_pdf(html: str) -> bytes:
    """Render self-contained HTML to PDF bytes without touching the network."""
    return HTML(string=html, base_url=None, url_fetcher=LocalOnlyURLFetcher()).write_pdf()


def certificate_verify_url(*, certificate: Certificate) -> str:
    """The public address where anyone can check the certificate."""
    path = reverse("courses:certificate_verify", kwargs={"code": certificate.code})
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def certificate_html(*, certificate: Certificate) -> str:
    """The certificate as the HTML that becomes its PDF."""
    return render_to_string(
        "courses/pdf/certificate.html",
        {"certificate": certificate, "verify_url": certificate_verify_url(certificate=certificate)},
    )


def certificate_pdf_render(*, certificate: Certificate) -> bytes:
    """The certificate as an A4 landscape PDF."""
    return html_to_pdf(certificate_html(certificate=certificate))


def certificate_pdf_filename(*, certificate: Certificate) -> str:
    return f"certificate-{certificate.code}.pdf"


def certificate_pdf_store(*, certificate_id: int, rebuild: bool = False) -> str:
    """Render the certificate and save it in `certificate.pdf`; returns the stored file's name.

    A certificate's text is fixed when it is issued, so a stored PDF is kept unless `rebuild` is
    set. This makes the task safe to run twice, e.g. when the download page re-queues it.
    """
    certificate = Certificate.objects.get(pk=certificate_id)
    if certificate.pdf and not rebuild and certificate.pdf.storage.exists(certificate.pdf.name):
        return certificate.pdf.name
    content = certificate_pdf_render(certificate=certificate)
    old_name = certificate.pdf.name if certificate.pdf else ""
    certificate.pdf.save(certificate_pdf_filename(certificate=certificate), ContentFile(content), save=False)
    # Only the file field: a revocation saved meanwhile must not be overwritten.
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    if old_name and old_name != certificate.pdf.name:
        certificate.pdf.storage.delete(old_name)
    logger.info("Stored the PDF of certificate %s", certificate.pk)
    return certificate.pdf.name


def reflection_headings() -> list[tuple[str, str]]:
    """(field name, NMC heading) for the four parts of a reflective account."""
    return [
        (name, str(Reflection._meta.get_field(name).verbose_name))
        for name in ("activity", "learnt", "practice_change", "code_relation")
    ]


def cpd_log_html(*, user: User, entries, reflections, period) -> str:
    """The member's CPD log and reflections as the HTML that becomes its PDF, under the NMC headings."""
    entries = list(entries)
    methods = dict(CPDMethod.choices)
    rows = [(entry, methods.get(entry.method, entry.method)) for entry in entries]
    reflection_sections = [
        (reflection, [(label, getattr(reflection, name)) for name, label in reflection_headings()])
        for reflection in reflections
    ]
    return render_to_string(
        "courses/pdf/cpd_log.html",
        {
            "member": user,
            "member_name": user.get_full_name() or user.email,
            "rows": rows,
            "reflection_sections": reflection_sections,
            "period": period,
            "total_hours": sum((e.hours for e in entries), Decimal("0")),
            "total_participatory": sum((e.hours for e in entries if e.participatory), Decimal("0")),
            "generated_on": timezone.localdate(),
        },
    )


def cpd_log_pdf_render(*, user: User, entries, reflections, period) -> bytes:
    """The member's CPD log and reflections for a period as an A4 PDF, for revalidation or appraisal."""
    return html_to_pdf(cpd_log_html(user=user, entries=entries, reflections=reflections, period=period))


def cpd_export_pdf_store(*, export_id: int) -> str:
    """Build the PDF of a CPD log export (see services.cpd_export_request) and store it."""
    from courses.models import CPDExport
    from courses.selectors_dashboard import Period, cpd_entries_in_period, reflections_for_owner

    export = CPDExport.objects.select_related("user").get(pk=export_id)
    if export.is_ready:
        return export.pdf.name
    period = Period(start=export.date_from, end=export.date_to)
    content = cpd_log_pdf_render(
        user=export.user,
        entries=cpd_entries_in_period(user=export.user, period=period),
        reflections=reflections_for_owner(user=export.user, period=period),
        period=period,
    )
    export.pdf.save(f"cpd-log-{export.pk}-{export.date_from}-{export.date_to}.pdf", ContentFile(content), save=False)
    export.built_at = timezone.now()
    export.save(update_fields=["pdf", "built_at"])
    return export.pdf.name
