"""Certificates: the member's own download and the public verification page."""

from datetime import timedelta

from allauth.account.adapter import get_adapter
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from courses.forms import CertificateLookupForm
from courses.pdf import certificate_pdf_filename
from courses.selectors_dashboard import certificate_by_code, certificate_for_owner
from courses.services import certificate_pdf_queue

#: Lookups allowed per client address per window, to make guessing codes pointless.
VERIFY_RATE_LIMIT = 30
VERIFY_RATE_WINDOW_SECONDS = 60
#: A PDF not built this long after issue is queued again (the first task may have been lost).
PDF_REQUEUE_AFTER = timedelta(minutes=1)


def _client_ip(request) -> str:
    try:
        # allauth's reading of the address honours its trusted-proxy settings, as the log-in limits do.
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def verify_rate_limited(request) -> bool:
    """Count one lookup for the client; True once it has made too many in the current window."""
    window = int(timezone.now().timestamp() // VERIFY_RATE_WINDOW_SECONDS)
    key = f"courses:certificate-verify:{_client_ip(request)}:{window}"
    cache.add(key, 0, timeout=VERIFY_RATE_WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=VERIFY_RATE_WINDOW_SECONDS * 2)
        count = 1
    return count > VERIFY_RATE_LIMIT


@login_required
@require_safe
def download(request, code: str):
    """The member's own certificate as a PDF; anyone else gets 404, as if it did not exist."""
    certificate = certificate_for_owner(user=request.user, code=code)
    if certificate is None:
        raise Http404
    if not certificate.is_valid:
        return render(request, "courses/certificates/revoked_download.html", {"certificate": certificate}, status=410)
    if not certificate.pdf:
        too_long = timezone.now() - certificate.issued_at > PDF_REQUEUE_AFTER
        # One re-queue a minute at most, however often the member refreshes.
        if too_long and cache.add(f"courses:certificate-requeue:{certificate.pk}", 1, timeout=60):
            certificate_pdf_queue(certificate=certificate)
        return render(request, "courses/certificates/preparing.html", {"certificate": certificate})
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=certificate_pdf_filename(certificate=certificate),
        content_type="application/pdf",
    )


@require_safe
def verify(request, code: str):
    """Public: is this certificate genuine? Shows only the learner's name, the course and the date."""
    if verify_rate_limited(request):
        return render(request, "courses/certificates/rate_limited.html", status=429)
    certificate = certificate_by_code(code=code)
    if certificate is None:
        return render(
            request,
            "courses/certificates/verify.html",
            {"code": code, "certificate": None, "form": CertificateLookupForm()},
            status=404,
        )
    return render(request, "courses/certificates/verify.html", {"code": certificate.code, "certificate": certificate})


@require_safe
def verify_lookup(request):
    """A box to type a certificate code into; a well-formed code goes to its verification page."""
    form = CertificateLookupForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("courses:certificate_verify", code=form.cleaned_data["code"])
    return render(request, "courses/certificates/verify_lookup.html", {"form": form})
