"""Checks on files attached to a proposal: only PDF, Word (.docx) and Excel (.xlsx), up to a size limit.

The type is checked twice, by the name's extension and by the content, so that a renamed text file
or program cannot pass for a document. The content type stored and later sent with the download
comes from this allow-list, never from what the browser claimed.
"""

import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    """A type of file proposals may carry."""

    extension: str
    content_type: str
    label: str
    #: For Office files (zip packages): a member every genuine file of this kind contains.
    zip_member: str = ""


PDF = FileKind(".pdf", "application/pdf", "PDF")
DOCX = FileKind(
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word document",
    zip_member="word/document.xml",
)
XLSX = FileKind(
    ".xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Excel spreadsheet",
    zip_member="xl/workbook.xml",
)
KINDS_BY_EXTENSION: dict[str, FileKind] = {kind.extension: kind for kind in (PDF, DOCX, XLSX)}
#: For the file input's `accept` attribute.
ACCEPT = ",".join(KINDS_BY_EXTENSION)

#: A genuine Office file lists a few hundred parts at most; many more suggests a crafted archive.
MAX_ZIP_MEMBERS = 5000
#: Older Word/Excel files and password-protected Office files are "compound" files with this signature.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NAME_LIMIT = 200


def attachment_max_bytes() -> int:
    return settings.PROPOSAL_ATTACHMENT_MAX_BYTES


def attachment_display_name(name: str) -> str:
    """The name a member gave the file, made safe to show and to offer back on download.

    Any folder part is dropped, control characters removed, spaces tidied, and long names shortened
    keeping the extension (lower-cased).
    """
    name = re.split(r"[\\/]", name or "")[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split())
    stem, dot, extension = name.rpartition(".")
    if not dot or not extension or len(extension) > 10 or " " in extension:
        stem, extension = name, ""
    else:
        extension = f".{extension.lower()}"
    stem = stem[: _NAME_LIMIT - len(extension)].strip(" .") or "file"
    return f"{stem}{extension}"


def attachment_storage_name(display_name: str) -> str:
    """A plain ASCII file name for storage (the shown name is kept in the database)."""
    stem, extension = os.path.splitext(display_name)
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    try:
        safe = get_valid_filename(ascii_stem)[:80]
    except SuspiciousFileOperation:  # a name of nothing but dots or symbols
        safe = ""
    return f"{safe or 'file'}{extension}"


def _read_head(upload, size: int) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _office_check(upload, kind: FileKind) -> None:
    other = DOCX if kind is XLSX else XLSX
    head = _read_head(upload, 8)
    if head.startswith(_OLE_SIGNATURE):
        raise ValidationError(
            _(
                "This looks like an older %(label)s (saved before 2007) or a password-protected one. "
                "Open it, remove any password, and save it as %(extension)s, then attach it again."
            )
            % {"label": kind.label, "extension": kind.extension},
            code="office_legacy",
        )
    not_kind = ValidationError(
        _("This file is named %(extension)s but is not really a %(label)s. Check you chose the right file.")
        % {"extension": kind.extension, "label": kind.label},
        code="content_mismatch",
    )
    if not head.startswith(b"PK"):
        raise not_kind
    # Only the archive's table of contents is read: nothing is extracted or decompressed, so a
    # "zip bomb" costs nothing.
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                raise not_kind
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        raise not_kind from error
    finally:
        upload.seek(0)
    if kind.zip_member in names:
        return
    if other.zip_member in names:
        raise ValidationError(
            _("This is a %(other)s but its name ends in %(extension)s. Rename it to end in %(right)s.")
            % {"other": other.label, "extension": kind.extension, "right": other.extension},
            code="content_mismatch",
        )
    raise not_kind


def attachment_check(upload) -> FileKind:
    """The kind of `upload` (a Django UploadedFile) if it may be attached; a ValidationError saying why not.

    Checks the extension, the size (settings.PROPOSAL_ATTACHMENT_MAX_BYTES) and that the content
    matches the extension. Leaves the file positioned at its start.
    """
    name = attachment_display_name(getattr(upload, "name", "") or "")
    kind = KINDS_BY_EXTENSION.get(os.path.splitext(name)[1].lower())
    if kind is None:
        raise ValidationError(
            _("You can attach PDF, Word (.docx) or Excel (.xlsx) files. Save the file in one of these formats first."),
            code="extension",
        )
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("This file is empty. Check you chose the right file."), code="empty")
    limit = attachment_max_bytes()
    if size > limit:
        raise ValidationError(
            _("This file is %(size)s; the largest you can attach is %(limit)s. Try compressing it or splitting it.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if kind is PDF:
        if not _read_head(upload, 5) == b"%PDF-":
            raise ValidationError(
                _("This file is named .pdf but is not really a PDF. Save or export it as a PDF and try again."),
                code="content_mismatch",
            )
    else:
        _office_check(upload, kind)
    return kind
