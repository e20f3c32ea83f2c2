"""Files attached to a proposal: type, content and size checks, storage, download and removal, who may do what."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grants.attachments import DOCX, PDF, XLSX, attachment_check, attachment_display_name, attachment_storage_name
from grants.models import ActivityVerb, ProposalAttachment, ProposalState
from grants.services.editing import attachment_add
from tests.grants.factories import proposal_make

pytestmark = pytest.mark.django_db

ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]
EDITORS = {"lead", "co_applicant"}
READERS = {"lead", "co_applicant", "mentor", "group_lead"}

PDF_BYTES = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"


def office_bytes(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _files_url(proposal) -> str:
    return reverse("grants:proposal_attachments", args=[proposal.pk])


def _download_url(proposal, attachment) -> str:
    return reverse("grants:attachment_download", args=[proposal.pk, attachment.pk])


def _remove_url(proposal, attachment) -> str:
    return reverse("grants:attachment_remove", args=[proposal.pk, attachment.pk])


def _login(client, user):
    if user is not None:
        client.force_login(user)


def _assert_denied(response, role):
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in READERS:
        assert response.status_code == 403
        assert "You cannot change this proposal" in response.content.decode()
    else:
        assert response.status_code == 404


def _attach(proposal, name="Letter of support.pdf", content=PDF_BYTES, description="From the matron"):
    return attachment_add(proposal=proposal, upload=upload(name, content), description=description, by=proposal.lead)


# The checks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("letter.pdf", PDF_BYTES, PDF),
        ("LETTER.PDF", PDF_BYTES, PDF),
        ("cv.docx", office_bytes("word/document.xml"), DOCX),
        ("costs.xlsx", office_bytes("xl/workbook.xml"), XLSX),
    ],
)
def test_genuine_files_pass(name, content, kind):
    assert attachment_check(upload(name, content)) is kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "You can attach PDF, Word (.docx) or Excel (.xlsx) files"),
        ("setup.exe", b"MZ\x90\x00", "You can attach PDF"),
        ("no-extension", PDF_BYTES, "You can attach PDF"),
        ("letter.pdf", b"Just some text pretending to be a PDF", "is not really a PDF"),
        ("letter.pdf", b"<html>%PDF-</html>", "is not really a PDF"),
        ("cv.docx", b"plain text", "is not really a Word document"),
        ("cv.docx", office_bytes("something/else.xml"), "is not really a Word document"),
        ("cv.docx", office_bytes("xl/workbook.xml"), "This is a Excel spreadsheet but its name ends in .docx"),
        ("costs.xlsx", office_bytes("word/document.xml"), "Rename it to end in .docx"),
        ("costs.xlsx", b"PK\x03\x04 broken zip", "is not really a Excel spreadsheet"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "password-protected"),
        ("empty.pdf", b"", "This file is empty"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(ValidationError) as caught:
        attachment_check(upload(name, content))
    assert message in " ".join(caught.value.messages)


def test_too_large_files_are_refused(settings):
    settings.PROPOSAL_ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as caught:
        attachment_check(upload("big.pdf", b"%PDF-" + b"x" * 2000))
    assert "the largest you can attach is 1.0\xa0KB" in caught.value.messages[0]
    assert attachment_check(upload("small.pdf", b"%PDF-" + b"x" * 1000)) is PDF


def test_check_leaves_the_file_at_its_start():
    file = upload("cv.docx", office_bytes("word/document.xml"))
    attachment_check(file)
    assert file.read(2) == b"PK"


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\nurse\\Letter of Support.PDF", "Letter of Support.pdf"),
        ("  bad\x00name\n.pdf ", "badname.pdf"),
        ("Protocol – Café.docx", "Protocol – Café.docx"),
        (".pdf", "file.pdf"),
        ("a" * 300 + ".xlsx", "a" * 195 + ".xlsx"),
        ("report.final", "report.final"),
        ("no extension", "no extension"),
    ],
)
def test_names_are_made_safe(given, shown):
    assert attachment_display_name(given) == shown


def test_storage_name_is_plain_ascii():
    assert attachment_storage_name("Protocol – Café.docx") == "Protocol__Cafe.docx"
    assert attachment_storage_name("%%%.pdf") == "file.pdf"


# Service and pages ------------------------------------------------------------------------------


def test_attachment_add_stores_privately_and_records_activity():
    proposal = proposal_make()
    attachment = _attach(proposal, name="../Letter of support.PDF")
    assert attachment.original_name == "Letter of support.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF_BYTES)
    assert attachment.uploaded_by == proposal.lead
    assert attachment.file.name.startswith(f"proposals/{proposal.pk}/")
    assert attachment.file.storage.exists(attachment.file.name)
    activity = proposal.activities.get(verb=ActivityVerb.ATTACHMENT_ADDED)
    assert activity.detail == "Letter of support.pdf" and activity.actor == proposal.lead


def test_upload_through_the_page(client):
    proposal = proposal_make()
    client.force_login(proposal.lead)
    response = client.post(
        _files_url(proposal),
        {"file": upload("cv.docx", office_bytes("word/document.xml")), "description": "  Lead's   CV "},
        follow=True,
    )
    html = response.content.decode()
    assert "“cv.docx” is attached." in html
    attachment = ProposalAttachment.objects.get(proposal=proposal)
    assert attachment.description == "Lead's CV"
    assert attachment.content_type == DOCX.content_type
    assert _download_url(proposal, attachment) in html


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "You can attach PDF, Word (.docx) or Excel (.xlsx) files"),
        ("letter.pdf", b"This is really text", "is not really a PDF"),
    ],
)
def test_upload_errors_are_next_to_the_field_and_keep_the_description(client, name, content, message):
    proposal = proposal_make()
    client.force_login(proposal.lead)
    response = client.post(_files_url(proposal), {"file": upload(name, content), "description": "My letter"})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="My letter"' in html
    assert "choose it again" in html
    assert not ProposalAttachment.objects.exists()


def test_too_large_upload_is_refused(client, settings):
    settings.PROPOSAL_ATTACHMENT_MAX_BYTES = 2048
    proposal = proposal_make()
    client.force_login(proposal.lead)
    response = client.post(
        _files_url(proposal), {"file": upload("big.pdf", b"%PDF-" + b"0" * 4096), "description": "Big"}
    )
    html = response.content.decode()
    assert "the largest you can attach is 2.0\xa0KB" in html
    assert "up to 2.0\xa0KB" in html  # the help text says the limit before anyone tries
    assert not ProposalAttachment.objects.exists()


def test_missing_file_is_asked_for(client):
    proposal = proposal_make()
    client.force_login(proposal.lead)
    response = client.post(_files_url(proposal), {"description": "Forgot the file"})
    assert "Choose a file to attach." in response.content.decode()


def test_download_sends_the_file_safely(client):
    proposal = proposal_make()
    attachment = _attach(proposal, name="Lettre de soutien é.pdf")
    client.force_login(proposal.lead)
    response = client.get(_download_url(proposal, attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''Lettre%20de%20soutien%20%C3%A9.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_download_of_another_proposals_file_is_404(client):
    mine = proposal_make()
    theirs = proposal_make()
    their_file = _attach(theirs)
    client.force_login(mine.lead)
    assert client.get(_download_url(mine, their_file)).status_code == 404
    assert client.get(_remove_url(mine, their_file)).status_code == 404
    assert client.post(_remove_url(mine, their_file)).status_code == 404
    assert ProposalAttachment.objects.filter(pk=their_file.pk).exists()


def test_remove_asks_first_then_removes_the_file(client, django_capture_on_commit_callbacks):
    proposal = proposal_make()
    attachment = _attach(proposal)
    stored, storage = attachment.file.name, attachment.file.storage
    client.force_login(proposal.lead)
    confirm = client.get(_remove_url(proposal, attachment))
    assert confirm.status_code == 200
    assert "Remove “Letter of support.pdf”?" in confirm.content.decode()
    assert ProposalAttachment.objects.filter(pk=attachment.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_remove_url(proposal, attachment), follow=True)
    assert "“Letter of support.pdf” is removed." in response.content.decode()
    assert not ProposalAttachment.objects.filter(pk=attachment.pk).exists()
    assert proposal.activities.filter(verb=ActivityVerb.ATTACHMENT_REMOVED, detail="Letter of support.pdf").exists()
    assert not storage.exists(stored)


def test_files_page_is_read_only_for_mentors_and_after_submission(client, proposal_people):
    proposal = proposal_people["proposal"]
    attachment = _attach(proposal)
    client.force_login(proposal_people["mentor"])
    html = client.get(_files_url(proposal)).content.decode()
    assert "Letter of support.pdf" in html and _download_url(proposal, attachment) in html
    assert "Attach the file" not in html and _remove_url(proposal, attachment) not in html
    proposal.state = ProposalState.SUBMITTED
    proposal.save()
    client.force_login(proposal_people["lead"])
    html = client.get(_files_url(proposal)).content.decode()
    assert "Attach the file" not in html and "can no longer be changed" in html


def test_overview_shows_how_many_files(client):
    proposal = proposal_make()
    _attach(proposal)
    _attach(proposal, name="cv.pdf")
    client.force_login(proposal.lead)
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "2 files attached" in html and _files_url(proposal) in html


def test_files_page_queries_do_not_grow(client, django_assert_max_num_queries, django_assert_num_queries):
    proposal = proposal_make()
    _attach(proposal)
    client.force_login(proposal.lead)
    url = _files_url(proposal)
    client.get(url)
    with django_assert_max_num_queries(40) as captured:
        client.get(url)
    for index in range(8):
        _attach(proposal, name=f"file {index}.pdf")
    with django_assert_num_queries(len(captured)):
        assert client.get(url).status_code == 200


# Who may do what ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_upload_matrix(client, proposal_people, role):
    proposal = proposal_people["proposal"]
    _login(client, proposal_people[role])
    response = client.post(_files_url(proposal), {"file": upload("letter.pdf", PDF_BYTES), "description": ""})
    if role in EDITORS:
        assert response.status_code == 302
        assert proposal.attachments.count() == 1
    else:
        _assert_denied(response, role)
        assert proposal.attachments.count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_files_page_matrix(client, proposal_people, role):
    proposal = proposal_people["proposal"]
    _attach(proposal)
    _login(client, proposal_people[role])
    response = client.get(_files_url(proposal))
    if role in READERS:
        assert response.status_code == 200
        assert ("Attach the file" in response.content.decode()) == (role in EDITORS)
    elif role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_download_matrix(client, proposal_people, role):
    proposal = proposal_people["proposal"]
    attachment = _attach(proposal)
    _login(client, proposal_people[role])
    response = client.get(_download_url(proposal, attachment))
    if role in READERS:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
    elif role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_remove_matrix(client, proposal_people, role):
    proposal = proposal_people["proposal"]
    attachment = _attach(proposal)
    _login(client, proposal_people[role])
    response = client.post(_remove_url(proposal, attachment))
    exists = ProposalAttachment.objects.filter(pk=attachment.pk).exists()
    if role in EDITORS:
        assert response.status_code == 302 and not exists
    else:
        _assert_denied(response, role)
        assert exists


@pytest.mark.parametrize("role", ["mentor", "group_lead"])
def test_remove_confirmation_is_403_for_readers(client, proposal_people, role):
    proposal = proposal_people["proposal"]
    attachment = _attach(proposal)
    client.force_login(proposal_people[role])
    assert client.get(_remove_url(proposal, attachment)).status_code == 403
