"""Members' resource submissions: the form and its file checks, moderation, notifications, permissions."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Notification, NotificationKind
from community.models import ResourcePage, ResourceSubmission, ResourceType, SubmissionStatus
from community.services import resources as services
from tests.accounts.factories import GroupLeadFactory, LearnerFactory, OrganisationFactory
from tests.community.factories import (
    CommunityLeadFactory,
    CommunityMemberFactory,
    CommunityMembershipFactory,
    CommunityPageFactory,
)
from tests.community.factories.resources import PDF_BYTES, ResourceIndexPageFactory, ResourceSubmissionFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Confidential draft escalation pathway"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _office(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


def _pdf(name="pathway.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def library(site_pages):
    return ResourceIndexPageFactory(parent=site_pages["home"])


@pytest.fixture
def member(community):
    """An approved member who has joined `community`."""
    return CommunityMembershipFactory(community=community).user


def _form_data(**overrides):
    data = {
        "title": "Sepsis escalation pathway",
        "resource_type": ResourceType.PATHWAY,
        "summary": "The pathway our ward uses, with escalation times.",
        "community": "",
        "organisation": "",
        "tags": "sepsis, escalation",
        "review_date": "2027-06-30",
        "link": "",
    }
    data.update(overrides)
    return data


# File checks -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("pathway.pdf", PDF_BYTES, services.PDF),
        ("Leaflet.DOCX", _office("word/document.xml"), services.DOCX),
        ("slides.pptx", _office("ppt/presentation.xml"), services.PPTX),
        ("audit.xlsx", _office("xl/workbook.xml"), services.XLSX),
        ("poster.png", PNG_BYTES, services.PNG),
        ("poster.jpeg", JPEG_BYTES, services.JPEG),
        ("poster.jpg", JPEG_BYTES, services.JPEG),
    ],
)
def test_allowed_files_pass(name, content, kind):
    assert services.resource_file_check(SimpleUploadedFile(name, content)) is kind


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("pathway.pdf", b"MZ\x90\x00 a program", "content_mismatch"),
        ("pathway.pdf", b"plain text, renamed", "content_mismatch"),
        ("poster.png", JPEG_BYTES, "content_mismatch"),
        ("slides.docx", _office("ppt/presentation.xml"), "content_mismatch"),
        ("slides.pptx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old", "office_legacy"),
        ("slides.pptx", b"PK not really a zip", "content_mismatch"),
        ("script.exe", b"MZ", "extension"),
        ("notes.txt", b"hello", "extension"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_wrong_files_are_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        services.resource_file_check(SimpleUploadedFile(name, content))
    assert error.value.code == code


def test_too_big_a_file_is_refused(monkeypatch):
    monkeypatch.setattr(services, "RESOURCE_FILE_MAX_BYTES", 1000)
    with pytest.raises(ValidationError) as error:
        services.resource_file_check(_pdf(content=PDF_BYTES + b"0" * 1000))
    assert error.value.code == "too_large"
    assert "1000" in str(error.value) or "KB" in str(error.value) or "bytes" in str(error.value)


def test_limit_is_twenty_megabytes():
    assert services.RESOURCE_FILE_MAX_BYTES == 20 * 1024 * 1024


# The form ----------------------------------------------------------------------------------------


def test_member_submits_a_pdf_and_leads_are_told(client, library, member, community, community_lead, group_lead):
    organisation = OrganisationFactory()
    client.force_login(member)
    form = client.get(reverse("community:resource_submission_new"))
    assert form.status_code == 200
    assert 'accept=".pdf,.docx,.pptx,.xlsx,.png,.jpg,.jpeg"' in form.content.decode()
    response = client.post(
        reverse("community:resource_submission_new"),
        _form_data(community=community.pk, organisation=organisation.pk, file=_pdf()),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("community:resource_submissions_mine")
    submission = ResourceSubmission.objects.get()
    assert submission.status == SubmissionStatus.PENDING
    assert submission.submitted_by == member
    assert submission.community == community
    assert submission.organisation == organisation
    assert submission.tags == "escalation, sepsis"
    assert submission.file.name.endswith(".pdf")
    assert submission.file.open("rb").read() == PDF_BYTES
    told = set(Notification.objects.filter(kind=NotificationKind.RESOURCE).values_list("recipient_id", flat=True))
    assert told == {community_lead.pk, group_lead.pk}
    mine = client.get(reverse("community:resource_submissions_mine")).content.decode()
    assert "Sepsis escalation pathway" in mine
    assert "Waiting for a lead" in mine


def test_member_submits_a_link(client, library, member):
    client.force_login(member)
    response = client.post(
        reverse("community:resource_submission_new"), _form_data(link="https://www.nice.org.uk/guidance/ng51")
    )
    assert response.status_code == 302
    assert ResourceSubmission.objects.get().link == "https://www.nice.org.uk/guidance/ng51"


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({}, "file", "Choose a file, or give a link"),
        ({"file": "wrong"}, "file", "is not really a PDF"),
        ({"file": "both", "link": "https://example.org/x"}, "link", "not both"),
        ({"file": "good", "title": ""}, "file", "Choose your file again"),
    ],
)
def test_bad_submission_keeps_what_was_typed(client, member, extra, field, message):
    client.force_login(member)
    data = _form_data(summary="Our unit's <b>own</b> pathway", **{k: v for k, v in extra.items() if k != "file"})
    if extra.get("file") == "wrong":
        data["file"] = _pdf(content=b"this is a text file renamed to pdf")
    elif extra.get("file") in ("both", "good"):
        data["file"] = _pdf()
    response = client.post(reverse("community:resource_submission_new"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html
    assert "Our unit&#x27;s &lt;b&gt;own&lt;/b&gt; pathway" in html
    assert 'value="sepsis, escalation"' in html
    assert ResourceSubmission.objects.count() == 0


def test_service_refuses_neither_or_both_and_non_members(member):
    with pytest.raises(ValidationError):
        services.resource_submission_create(by=member, title="T", resource_type="guideline", summary="S")
    with pytest.raises(ValidationError):
        services.resource_submission_create(
            by=member, title="T", resource_type="guideline", summary="S", link="https://e.org", upload=_pdf()
        )
    with pytest.raises(PermissionDenied):
        services.resource_submission_create(
            by=LearnerFactory(), title="T", resource_type="guideline", summary="S", link="https://e.org"
        )


# Moderation --------------------------------------------------------------------------------------


def test_publish_makes_a_document_and_a_live_page_once(client, library, community, group_lead):
    submission = ResourceSubmissionFactory(
        with_file=True, title=SECRET_TITLE, community=community, tags="sepsis, PEWS", review_date="2027-01-31"
    )
    client.force_login(group_lead)
    queue = client.get(reverse("community:resource_submissions")).content.decode()
    assert SECRET_TITLE in queue
    review = client.get(reverse("community:resource_submission_review", args=[submission.pk]))
    assert "Publish in the library" in review.content.decode()

    url = reverse("community:resource_submission_publish", args=[submission.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # a double click publishes once
    page = ResourcePage.objects.get()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PUBLISHED
    assert submission.page_id == page.pk
    assert submission.decided_by == group_lead
    assert page.live and page.get_parent().specific == library
    assert page.title == SECRET_TITLE
    assert page.resource_type == submission.resource_type
    assert page.summary == submission.summary
    assert page.community == community
    assert page.submitted_by == submission.submitted_by
    assert str(page.review_date) == "2027-01-31"
    assert sorted(tag.name for tag in page.tags.all()) == ["PEWS", "sepsis"]
    assert page.document.title == SECRET_TITLE
    assert page.document.collection.is_root()
    assert page.document.file.read() == PDF_BYTES
    assert page.revisions.count() == 1
    notification = Notification.objects.get(recipient=submission.submitted_by)
    assert notification.kind == NotificationKind.RESOURCE
    assert notification.url == page.url
    assert SECRET_TITLE in client.get("/resources/", {"q": "escalation"}).content.decode()
    # Decided ones can no longer be declined.
    client.post(reverse("community:resource_submission_decline", args=[submission.pk]), {"note": "No"})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.PUBLISHED


def test_publish_a_link_makes_no_document(library, group_lead):
    submission = ResourceSubmissionFactory(link="https://www.nice.org.uk/guidance/ng51")
    page = services.resource_submission_publish(submission=submission, by=group_lead)
    assert page.document is None
    assert page.link == "https://www.nice.org.uk/guidance/ng51"


def test_decline_needs_a_note_and_tells_the_member(client, library, community, community_lead):
    submission = ResourceSubmissionFactory(title=SECRET_TITLE, community=community)
    client.force_login(community_lead)
    url = reverse("community:resource_submission_decline", args=[submission.pk])
    empty = client.post(url, {"note": "  "})
    assert empty.status_code == 400
    assert "This field is required." in empty.content.decode()
    assert client.post(url, {"note": "Please remove the patient's initials."}).status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DECLINED
    assert submission.decision_note == "Please remove the patient's initials."
    notification = Notification.objects.get(recipient=submission.submitted_by)
    assert "Please remove the patient" in notification.message
    assert notification.url == reverse("community:resource_submissions_mine")
    # Declining is final: publishing it afterwards is refused.
    with pytest.raises(services.SubmissionAlreadyDecided):
        services.resource_submission_publish(submission=submission, by=community_lead)
    assert not ResourcePage.objects.exists()
    client.force_login(submission.submitted_by)
    mine = client.get(reverse("community:resource_submissions_mine")).content.decode()
    assert "Declined" in mine and "Please remove the patient&#x27;s initials." in mine


def test_queue_lists_pending_first(client, community, group_lead):
    decided = ResourceSubmissionFactory(title="Decided one", status=SubmissionStatus.DECLINED)
    older = ResourceSubmissionFactory(title="Older pending")
    newer = ResourceSubmissionFactory(title="Newer pending")
    ResourceSubmission.objects.filter(pk=older.pk).update(created_at=decided.created_at.replace(year=2020))
    client.force_login(group_lead)
    response = client.get(reverse("community:resource_submissions"))
    titles = [submission.title for submission in response.context["page_obj"].object_list]
    assert titles == [older.title, newer.title, decided.title]


def test_leads_see_only_their_communities_and_no_community_is_for_group_leads(client, community, community_index):
    other = CommunityPageFactory(parent=community_index, title="Implementation Group")
    lead = CommunityLeadFactory(page=community).user
    ResourceSubmissionFactory(title="Mine to check", community=community)
    ResourceSubmissionFactory(title="Other community", community=other)
    orphan = ResourceSubmissionFactory(title="No community at all")
    client.force_login(lead)
    html = client.get(reverse("community:resource_submissions")).content.decode()
    assert "Mine to check" in html
    assert "Other community" not in html and "No community at all" not in html
    assert client.get(reverse("community:resource_submission_review", args=[orphan.pk])).status_code == 404
    client.force_login(GroupLeadFactory())
    assert client.get(reverse("community:resource_submission_review", args=[orphan.pk])).status_code == 200


def test_download_is_private_and_not_cached(client, community, group_lead):
    submission = ResourceSubmissionFactory(with_file=True, community=community)
    client.force_login(group_lead)
    response = client.get(reverse("community:resource_submission_file", args=[submission.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES
    link_only = ResourceSubmissionFactory(community=community)
    assert client.get(reverse("community:resource_submission_file", args=[link_only.pk])).status_code == 404


# Permissions ---------------------------------------------------------------------------------------

ROLES = [
    "anonymous",
    "non_member",
    "community_member",
    "submitter",
    "another_member",
    "community_lead",
    "other_lead",
    "group_lead",
]
ACTIONS = ["new", "queue", "review", "file", "publish", "decline", "mine"]
EXPECTED = {
    #                 new  queue review file publish decline mine
    "anonymous": (302, 302, 302, 302, 302, 302, 302),
    "non_member": (403, 404, 404, 404, 404, 404, 403),
    "community_member": (200, 404, 404, 404, 404, 404, 200),
    "submitter": (200, 404, 200, 200, 403, 403, 200),
    "another_member": (200, 404, 404, 404, 404, 404, 200),
    "community_lead": (200, 200, 200, 200, 302, 302, 200),
    "other_lead": (200, 200, 404, 404, 404, 404, 200),
    "group_lead": (200, 200, 200, 200, 302, 302, 200),
}
MATRIX = [(role, action, EXPECTED[role][i]) for role in ROLES for i, action in enumerate(ACTIONS)]


@pytest.mark.parametrize(("role", "action", "expected"), MATRIX)
def test_permission_matrix(client, library, community, community_index, role, action, expected):
    submission = ResourceSubmissionFactory(with_file=True, title=SECRET_TITLE, community=community)
    users = {
        "anonymous": None,
        "non_member": lambda: LearnerFactory(),
        "community_member": lambda: CommunityMembershipFactory(community=community).user,
        "submitter": lambda: submission.submitted_by,
        "another_member": lambda: CommunityMemberFactory(),
        "community_lead": lambda: CommunityLeadFactory(page=community).user,
        "other_lead": lambda: (
            CommunityLeadFactory(page=CommunityPageFactory(parent=community_index, title="Implementation Group")).user
        ),
        "group_lead": lambda: GroupLeadFactory(),
    }
    if users[role] is not None:
        client.force_login(users[role]())
    pk = submission.pk
    requests = {
        "new": ("get", reverse("community:resource_submission_new"), None),
        "queue": ("get", reverse("community:resource_submissions"), None),
        "review": ("get", reverse("community:resource_submission_review", args=[pk]), None),
        "file": ("get", reverse("community:resource_submission_file", args=[pk]), None),
        "publish": ("post", reverse("community:resource_submission_publish", args=[pk]), {}),
        "decline": ("post", reverse("community:resource_submission_decline", args=[pk]), {"note": "Not for us."}),
        "mine": ("get", reverse("community:resource_submissions_mine"), None),
    }
    method, url, data = requests[action]
    response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    assert response.status_code == expected
    if expected == 302 and role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    body = b"" if action == "file" and expected == 200 else response.content
    if expected in (403, 404) or (role in ("other_lead", "community_member", "another_member") and expected == 200):
        assert SECRET_TITLE.encode() not in body
    submission.refresh_from_db()
    decided = {"publish": SubmissionStatus.PUBLISHED, "decline": SubmissionStatus.DECLINED}
    if action in decided and expected == 302 and role != "anonymous":
        assert submission.status == decided[action]
    else:
        assert submission.status == SubmissionStatus.PENDING


@pytest.mark.parametrize("view", ["queue", "mine"])
def test_lists_cost_the_same_at_any_size(client, community, group_lead, django_assert_num_queries, view):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    submitter = CommunityMemberFactory()
    user = group_lead if view == "queue" else submitter
    url = reverse("community:resource_submissions" if view == "queue" else "community:resource_submissions_mine")
    ResourceSubmissionFactory(submitted_by=submitter, community=community)
    client.force_login(user)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for status in [SubmissionStatus.PENDING, SubmissionStatus.DECLINED] * 5:
        ResourceSubmissionFactory(submitted_by=submitter, community=community, status=status)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
