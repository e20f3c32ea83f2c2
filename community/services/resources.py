"""Writes for the resource library: members offer resources, leads publish or decline them.

Files are checked twice, by the name's extension and by the content (as proposal attachments are,
see grants.attachments), so a renamed program cannot pass for a PDF; the content type sent with a
download comes from this allow-list, never from what the browser claimed.
"""

import os
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.utils import parse_tags
from wagtail.documents import get_document_model
from wagtail.models import Collection

from accounts.models import NotificationKind, Organisation
from accounts.notifications import notify
from community.models import (
    CommunityPage,
    ResourceIndexPage,
    ResourcePage,
    ResourceSubmission,
    SubmissionStatus,
)
from community.permissions.resources import resource_submission_moderate_allowed, resource_submit_allowed
from community.selectors.resources import resource_submission_leads
from grants.attachments import (
    DOCX,
    MAX_ZIP_MEMBERS,
    PDF,
    XLSX,
    FileKind,
    attachment_display_name,
    attachment_storage_name,
)

# Files -----------------------------------------------------------------------------------------

#: The largest file a member may offer (posters and slide decks are bigger than proposal attachments).
RESOURCE_FILE_MAX_BYTES = 20 * 1024 * 1024

PPTX = FileKind(
    ".pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint presentation",
    zip_member="ppt/presentation.xml",
)
PNG = FileKind(".png", "image/png", "PNG image")
JPEG = FileKind(".jpg", "image/jpeg", "JPEG image")
OFFICE_KINDS = (DOCX, PPTX, XLSX)
RESOURCE_KINDS_BY_EXTENSION: dict[str, FileKind] = {
    kind.extension: kind for kind in (PDF, DOCX, PPTX, XLSX, PNG, JPEG)
} | {".jpeg": JPEG}
#: For the file input's `accept` attribute.
RESOURCE_FILE_ACCEPT = ",".join(RESOURCE_KINDS_BY_EXTENSION)
#: What a genuine file of each kind starts with (Office files are zip packages, checked apart).
_SIGNATURES = {PDF: b"%PDF-", PNG: b"\x89PNG\r\n\x1a\n", JPEG: b"\xff\xd8\xff"}
#: Older and password-protected Office files are "compound" files with this signature.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _head(upload, size: int) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _not_kind(kind: FileKind) -> ValidationError:
    return ValidationError(
        _(
            "This file is named %(extension)s but is not really a %(label)s. "
            "Save or export it again and choose it again."
        )
        % {"extension": kind.extension, "label": kind.label},
        code="content_mismatch",
    )


def _office_check(upload, kind: FileKind) -> None:
    head = _head(upload, 8)
    if head.startswith(_OLE_SIGNATURE):
        raise ValidationError(
            _(
                "This looks like an older %(label)s (saved before 2007) or a password-protected one. "
                "Open it, remove any password, and save it as %(extension)s."
            )
            % {"label": kind.label, "extension": kind.extension},
            code="office_legacy",
        )
    if not head.startswith(b"PK"):
        raise _not_kind(kind)
    # Only the archive's table of contents is read: nothing is decompressed, so a "zip bomb" costs nothing.
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise _not_kind(kind)
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        raise _not_kind(kind) from error
    finally:
        upload.seek(0)
    if kind.zip_member in names:
        return
    for other in OFFICE_KINDS:
        if other.zip_member in names:
            raise ValidationError(
                _("This is a %(other)s but its name ends in %(extension)s. Rename it to end in %(right)s.")
                % {"other": other.label, "extension": kind.extension, "right": other.extension},
                code="content_mismatch",
            )
    raise _not_kind(kind)


def resource_file_check(upload) -> FileKind:
    """The kind of `upload` (a Django UploadedFile) if it may be offered; a ValidationError saying why not.

    PDF, Word, PowerPoint, Excel, PNG or JPEG, up to RESOURCE_FILE_MAX_BYTES, with content that
    matches the name's extension. Leaves the file positioned at its start.
    """
    name = attachment_display_name(getattr(upload, "name", "") or "")
    kind = RESOURCE_KINDS_BY_EXTENSION.get(os.path.splitext(name)[1].lower())
    if kind is None:
        raise ValidationError(
            _(
                "You can offer PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), PNG or JPEG files. "
                "Save the file in one of these formats first."
            ),
            code="extension",
        )
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("This file is empty. Check you chose the right file."), code="empty")
    if size > RESOURCE_FILE_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; the largest you can offer is %(limit)s. Try compressing it or splitting it.")
            % {"size": filesizeformat(size), "limit": filesizeformat(RESOURCE_FILE_MAX_BYTES)},
            code="too_large",
        )
    if kind in OFFICE_KINDS:
        _office_check(upload, kind)
    elif not _head(upload, len(_SIGNATURES[kind])) == _SIGNATURES[kind]:
        raise _not_kind(kind)
    return kind


def resource_file_kind(name: str) -> FileKind | None:
    """The kind of a stored file, from its name (stored names keep the checked extension)."""
    return RESOURCE_KINDS_BY_EXTENSION.get(os.path.splitext(name or "")[1].lower())


# Submissions -----------------------------------------------------------------------------------


class SubmissionAlreadyDecided(Exception):
    """Another lead (or an earlier click) has already declined the submission."""

    def __init__(self, submission: ResourceSubmission):
        self.submission = submission
        super().__init__(
            _("This submission has already been decided: %(status)s.") % {"status": submission.get_status_display()}
        )


def _tags_text(text: str) -> str:
    # "PEWS, escalation" and 'PEWS escalation' both become a tidy comma-separated list, which
    # parse_tags reads back to the same names (names with a space or comma are quoted).
    names = sorted(set(parse_tags(text or "")), key=str.lower)
    return ", ".join(f'"{name}"' if " " in name or "," in name else name for name in names)[:255]


@transaction.atomic
def resource_submission_create(
    *,
    by,
    title: str,
    resource_type: str,
    summary: str,
    community: CommunityPage | None = None,
    organisation: Organisation | None = None,
    tags: str = "",
    review_date=None,
    link: str = "",
    upload=None,
) -> ResourceSubmission:
    """Offer a resource to the library: a file (checked by resource_file_check) or a link, not both.

    Only approved community members may (PermissionDenied otherwise); ValidationError if the file
    may not be offered or neither/both of a file and a link is given. The file is stored privately
    until a lead publishes it. The group leads and the leads of its community are told.
    """
    if not resource_submit_allowed(by):
        raise PermissionDenied
    link = (link or "").strip()
    if bool(upload) == bool(link):
        raise ValidationError(_("Give either a file or a link to the resource (one of the two)."), code="file_or_link")
    submission = ResourceSubmission(
        submitted_by=by,
        title=" ".join(title.split())[:255],
        resource_type=resource_type,
        summary=summary.strip()[:600],
        community=community,
        organisation=organisation,
        tags=_tags_text(tags),
        link=link,
        review_date=review_date,
    )
    submission.full_clean(exclude=["file"])
    if upload:
        resource_file_check(upload)
        submission.file.save(attachment_storage_name(attachment_display_name(upload.name)), upload, save=False)
    submission.save()
    notify(
        recipients=resource_submission_leads(submission=submission),
        kind=NotificationKind.RESOURCE,
        message=_("%(name)s offered a resource to the library: “%(title)s”. Please check it.")
        % {"name": by.get_full_name() or by.email, "title": submission.title},
        url=reverse("community:resource_submission_review", args=[submission.pk]),
        actor=by,
    )
    return submission


def _locked(submission: ResourceSubmission, *, by) -> ResourceSubmission:
    # The row is locked first, so two leads (or a double-clicked button) are handled one after the other.
    locked = ResourceSubmission.objects.select_for_update().get(pk=submission.pk)
    locked = ResourceSubmission.objects.select_related("community", "organisation", "submitted_by", "page").get(
        pk=locked.pk
    )
    if not resource_submission_moderate_allowed(by, locked):
        raise PermissionDenied
    return locked


def _unique_slug(index: ResourceIndexPage, title: str) -> str:
    base = slugify(title)[:200] or "resource"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _document_from(submission: ResourceSubmission, *, by):
    Document = get_document_model()
    document = Document(title=submission.title, collection=Collection.get_first_root_node(), uploaded_by_user=by)
    with submission.file.open("rb") as handle:
        document.file.save(os.path.basename(submission.file.name), File(handle), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


@transaction.atomic
def resource_submission_publish(*, submission: ResourceSubmission, by, note: str = "") -> ResourcePage:
    """Publish the submission as a resource page in the library and tell the member who sent it.

    A file becomes a Wagtail document (root collection) with the submission's title; the page has
    every field and tag, `submitted_by` set, and is published as a revision by `by`. Publishing
    twice (a double click) returns the same page. Raises PermissionDenied unless `by` leads the
    submission's community (or is a group lead), SubmissionAlreadyDecided if it was declined.
    """
    submission = _locked(submission, by=by)
    if submission.status == SubmissionStatus.PUBLISHED and submission.page is not None:
        return submission.page
    if submission.status != SubmissionStatus.PENDING:
        raise SubmissionAlreadyDecided(submission)
    index = ResourceIndexPage.objects.first()
    if index is None:
        raise ValidationError(_("There is no resource library to publish into. Ask an editor to create it."))
    page = ResourcePage(
        title=submission.title,
        slug=_unique_slug(index, submission.title),
        resource_type=submission.resource_type,
        summary=submission.summary,
        link=submission.link,
        document=_document_from(submission, by=by) if submission.file else None,
        community=submission.community,
        organisation=submission.organisation,
        review_date=submission.review_date,
        submitted_by=submission.submitted_by,
        owner=by,
    )
    tags = parse_tags(submission.tags)
    if tags:
        page.tags.add(*tags)
    index.add_child(instance=page)
    # Wagtail's own page permissions are for the CMS; this service has checked its own rule above.
    page.save_revision(user=by, log_action=True).publish(user=by, skip_permission_checks=True)
    submission.status = SubmissionStatus.PUBLISHED
    submission.decided_at = timezone.now()
    submission.decided_by = by
    submission.decision_note = (note or "").strip()[:2000]
    submission.page = page
    submission.save(update_fields=["status", "decided_at", "decided_by", "decision_note", "page"])
    notify(
        recipients=[submission.submitted_by],
        kind=NotificationKind.RESOURCE,
        message=_("Your resource “%(title)s” is now in the library.") % {"title": submission.title},
        url=page.url or "",
        actor=by,
    )
    return page


@transaction.atomic
def resource_submission_decline(*, submission: ResourceSubmission, by, note: str) -> ResourceSubmission:
    """Decline the submission with a note to the member who sent it, and tell them.

    The note is required (ValidationError otherwise). Declining twice changes nothing. Raises
    PermissionDenied as publishing does, SubmissionAlreadyDecided if it was published.
    """
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Write a note to the member saying why, so they can improve it."), code="note")
    submission = _locked(submission, by=by)
    if submission.status == SubmissionStatus.DECLINED:
        return submission
    if submission.status != SubmissionStatus.PENDING:
        raise SubmissionAlreadyDecided(submission)
    submission.status = SubmissionStatus.DECLINED
    submission.decided_at = timezone.now()
    submission.decided_by = by
    submission.decision_note = note[:2000]
    submission.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    notify(
        recipients=[submission.submitted_by],
        kind=NotificationKind.RESOURCE,
        message=_("Your resource “%(title)s” was not published: %(note)s") % {"title": submission.title, "note": note},
        url=reverse("community:resource_submissions_mine"),
        actor=by,
    )
    return submission
