"""Certificates: the PDF, its background task, the owner's download and the public verification page."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from courses.models import Certificate
from courses.pdf import (
    LocalOnlyURLFetcher,
    certificate_html,
    certificate_pdf_render,
    certificate_pdf_store,
    html_to_pdf,
)
from courses.selectors_dashboard import certificate_code_normalise
from courses.views.certificates import VERIFY_RATE_LIMIT
from tests.accounts.factories import EditorFactory, GroupLeadFactory, LearnerFactory, MentorFactory
from tests.courses.factories import course_complete as complete


@pytest.fixture
def owner(db):
    return LearnerFactory(first_name="Ada", last_name="Lovelace", email="ada@example.org")


@pytest.fixture
def certificate(course, owner, django_capture_on_commit_callbacks):
    """A certificate whose PDF the background task has built."""
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete(user=owner, course=course)
    return Certificate.objects.get(enrolment=enrolment)


@pytest.fixture
def unbuilt_certificate(course, owner, django_capture_on_commit_callbacks):
    """A certificate whose PDF task is still queued."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment = complete(user=owner, course=course)
    assert len(callbacks) == 1
    return Certificate.objects.get(enrolment=enrolment)


# The PDF and its task ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_certificate_html_has_the_learner_course_hours_date_code_and_verify_link(certificate, course):
    html = certificate_html(certificate=certificate)
    assert "Ada Lovelace" in html
    assert course.title in html
    assert "CPD hours" in html and ">1<" in html  # 1.00 hours, shown as 1
    assert certificate.completed_on.strftime("%B %Y") in html
    assert certificate.code in html
    assert f"http://testserver/certificates/verify/{certificate.code}/" in html
    assert "size: A4 landscape" in html
    assert certificate_pdf_render(certificate=certificate).startswith(b"%PDF")


@pytest.mark.django_db
def test_completion_queues_the_task_that_stores_the_pdf(certificate):
    assert certificate.pdf.name == f"certificates/certificate-{certificate.code}.pdf"
    with default_storage.open(certificate.pdf.name, "rb") as stored:
        assert stored.read(5) == b"%PDF-"


@pytest.mark.django_db
def test_storing_twice_keeps_one_file_unless_rebuilt(certificate):
    name = certificate.pdf.name
    assert certificate_pdf_store(certificate_id=certificate.pk) == name
    rebuilt = certificate_pdf_store(certificate_id=certificate.pk, rebuild=True)
    assert default_storage.exists(rebuilt)
    assert rebuilt == name or not default_storage.exists(name)


@pytest.mark.django_db
def test_store_does_not_undo_a_revocation_saved_meanwhile(unbuilt_certificate):
    Certificate.objects.filter(pk=unbuilt_certificate.pk).update(revoked_at=timezone.now())
    certificate_pdf_store(certificate_id=unbuilt_certificate.pk)
    unbuilt_certificate.refresh_from_db()
    assert unbuilt_certificate.pdf and unbuilt_certificate.revoked_at is not None


@pytest.mark.parametrize(
    "url", ["http://example.org/logo.png", "https://example.org/font.woff", "file:///etc/passwd", "ftp://x/y"]
)
def test_pdfs_fetch_nothing_from_outside(url):
    with pytest.raises(ValueError):
        LocalOnlyURLFetcher().fetch(url)


def test_pdfs_may_use_inline_data_urls_and_skip_remote_ones():
    fetched = LocalOnlyURLFetcher().fetch("data:text/plain,hello")
    assert fetched.read() == b"hello"
    pdf = html_to_pdf('<p>Hi</p><img alt="" src="http://192.0.2.1/never.png">')
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ABCD-EFGH-JKMN", "ABCD-EFGH-JKMN"),
        ("abcd-efgh-jkmn", "ABCD-EFGH-JKMN"),
        ("abcdefghjkmn", "ABCD-EFGH-JKMN"),
        (" abcd efgh jkmn ", "ABCD-EFGH-JKMN"),
        ("ABCD-EFGH-JKM", None),
        ("ABCD-EFGH-JKM0", None),  # 0 is never used in codes
        ("", None),
    ],
)
def test_codes_are_normalised(code, expected):
    assert certificate_code_normalise(code) == expected


# Download -----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("other learner", 404),
        ("mentor", 404),
        ("group lead", 404),
        ("editor", 404),
        ("anonymous", 302),
    ],
)
def test_download_permission_matrix(client, certificate, owner, who, status):
    users = {
        "owner": lambda: owner,
        "other learner": LearnerFactory,
        "mentor": MentorFactory,
        "group lead": GroupLeadFactory,
        "editor": EditorFactory,
        "anonymous": lambda: None,
    }
    user = users[who]()
    if user is not None:
        client.force_login(user)
    url = reverse("courses:certificate_download", kwargs={"code": certificate.code})
    response = client.get(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("account_login"))
    if status == 404:
        assert certificate.course_title.encode() not in response.content
        assert certificate.code.encode() not in response.content
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="certificate-{certificate.code}.pdf"'
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_download_matches_the_code_in_any_case(client, certificate, owner):
    client.force_login(owner)
    response = client.get(reverse("courses:certificate_download", kwargs={"code": certificate.code.lower()}))
    assert response.status_code == 200


@pytest.mark.django_db
def test_download_of_an_unknown_code_is_404(client, owner):
    client.force_login(owner)
    assert client.get(reverse("courses:certificate_download", kwargs={"code": "ABCD-EFGH-JKMN"})).status_code == 404


@pytest.mark.django_db
def test_download_while_the_pdf_is_queued_shows_a_page_and_does_not_build_it(
    client, unbuilt_certificate, owner, monkeypatch
):
    queued = []
    monkeypatch.setattr("courses.views.certificates.certificate_pdf_queue", lambda **kw: queued.append(kw))
    client.force_login(owner)
    url = reverse("courses:certificate_download", kwargs={"code": unbuilt_certificate.code})
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Your certificate is being prepared, refresh in a moment" in content
    assert f'href="{url}"' in content
    assert "http-equiv" not in content
    assert queued == []  # issued just now: the first task is still on its way
    unbuilt_certificate.refresh_from_db()
    assert not unbuilt_certificate.pdf


@pytest.mark.django_db
def test_download_requeues_a_pdf_missing_after_a_minute_once(
    client, unbuilt_certificate, owner, django_capture_on_commit_callbacks
):
    Certificate.objects.filter(pk=unbuilt_certificate.pk).update(issued_at=timezone.now() - timedelta(minutes=2))
    client.force_login(owner)
    url = reverse("courses:certificate_download", kwargs={"code": unbuilt_certificate.code})
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.get(url)
    assert response.status_code == 200 and b"being prepared" in response.content
    assert len(callbacks) == 1
    unbuilt_certificate.refresh_from_db()
    assert unbuilt_certificate.pdf  # the re-queued task ran
    Certificate.objects.filter(pk=unbuilt_certificate.pk).update(pdf="")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.get(url)
    assert callbacks == []  # at most once a minute


@pytest.mark.django_db
def test_a_revoked_certificate_cannot_be_downloaded(client, certificate, owner):
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    client.force_login(owner)
    response = client.get(reverse("courses:certificate_download", kwargs={"code": certificate.code}))
    assert response.status_code == 410
    assert b"revoked" in response.content


# Verification -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("style", ["exact", "lower", "no dashes"])
def test_verify_a_valid_certificate_shows_only_name_course_and_date(client, certificate, owner, style):
    code = {
        "exact": certificate.code,
        "lower": certificate.code.lower(),
        "no dashes": certificate.code.replace("-", ""),
    }[style]
    response = client.get(reverse("courses:certificate_verify", kwargs={"code": code}))
    assert response.status_code == 200
    content = response.content.decode()
    assert "This certificate is valid" in content
    assert "Ada Lovelace" in content
    assert certificate.course_title in content
    assert certificate.completed_on.strftime("%B %Y") in content
    assert owner.email not in content
    assert "100%" not in content and "score" not in content.lower()
    assert 'name="robots" content="noindex"' in content


@pytest.mark.django_db
def test_verify_an_unknown_code_is_a_friendly_404(client, certificate):
    response = client.get(reverse("courses:certificate_verify", kwargs={"code": "ZZZZ-ZZZZ-ZZZZ"}))
    assert response.status_code == 404
    content = response.content.decode()
    assert "No certificate with this code" in content
    assert "Ada Lovelace" not in content
    assert 'name="code"' in content  # a box to try again


@pytest.mark.django_db
def test_verify_a_malformed_code_is_404(client):
    response = client.get(reverse("courses:certificate_verify", kwargs={"code": "not-a-code"}))
    assert response.status_code == 404
    assert b"No certificate with this code" in response.content


@pytest.mark.django_db
def test_verify_a_revoked_certificate_says_so(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    response = client.get(reverse("courses:certificate_verify", kwargs={"code": certificate.code}))
    content = response.content.decode()
    assert "This certificate has been revoked" in content
    assert "This certificate is valid" not in content


@pytest.mark.django_db
def test_verify_is_rate_limited_per_address(client, certificate):
    url = reverse("courses:certificate_verify", kwargs={"code": "ZZZZ-ZZZZ-ZZZZ"})
    for _ in range(VERIFY_RATE_LIMIT):
        assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 404
    response = client.get(url, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert b"Please wait a minute" in response.content
    valid = reverse("courses:certificate_verify", kwargs={"code": certificate.code})
    assert client.get(valid, REMOTE_ADDR="203.0.113.7").status_code == 429  # valid codes count too
    assert client.get(valid, REMOTE_ADDR="198.51.100.2").status_code == 200  # another address is not blocked


@pytest.mark.django_db
def test_verify_lookup_redirects_to_the_verify_page(client, certificate):
    url = reverse("courses:certificate_verify_lookup")
    assert client.get(url).status_code == 200
    typed = certificate.code.lower().replace("-", " ")
    response = client.get(url, {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:certificate_verify", kwargs={"code": certificate.code})


@pytest.mark.django_db
def test_verify_lookup_explains_a_malformed_code_and_keeps_it(client):
    response = client.get(reverse("courses:certificate_verify_lookup"), {"code": "ABC-123"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "12 letters and numbers" in content
    assert 'value="ABC-123"' in content
    assert 'aria-invalid="true"' in content
