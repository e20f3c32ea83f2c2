"""Writing a proposal: its sections (saved as the applicants type), its budget and its attached files.

Two applicants may edit at once. Every section and the budget carry a revision number: a save based
on an older revision than the one stored is refused with a conflict, so that nobody's words are
silently overwritten; the applicant then chooses whose text to keep.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grants.attachments import attachment_check, attachment_display_name, attachment_storage_name
from grants.models import ActivityVerb, BudgetLine, Proposal, ProposalAttachment, ProposalSection
from grants.permissions import proposal_edit_allowed
from grants.sections import SECTIONS_BY_KEY
from grants.services.activity import activity_record

#: The most a section may hold, far beyond any word limit: a guard against pasting a whole thesis.
SECTION_MAX_CHARS = 100_000


class SectionConflict(Exception):
    """Someone saved the section after the text being saved was loaded: their text, revision, author and time."""

    def __init__(self, *, text: str, revision: int, updated_by, updated_at: datetime.datetime | None):
        super().__init__(f"Section changed since it was loaded (now revision {revision}).")
        self.text = text
        self.revision = revision
        self.updated_by = updated_by
        self.updated_at = updated_at


class BudgetConflict(Exception):
    """Someone changed the budget after the lines being saved were loaded."""

    def __init__(self, *, revision: int):
        super().__init__(f"Budget changed since it was loaded (now revision {revision}).")
        self.revision = revision


def section_text_clean(*, key: str, text: str) -> str:
    """The text as stored: one kind of line break, no spaces around it; the title on one tidy line."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if key == "title":
        text = " ".join(text.split())
    return text


def _edit_check(*, proposal: Proposal, by) -> None:
    # The state is read again inside the transaction: the proposal may have gone to the funder
    # since the page was loaded.
    proposal.state = Proposal.objects.values_list("state", flat=True).get(pk=proposal.pk)
    if not proposal_edit_allowed(user=by, proposal=proposal):
        raise PermissionDenied


@transaction.atomic
def section_save(*, proposal: Proposal, key: str, text: str, base_revision: int, by) -> ProposalSection:
    """Save the text of section `key`, written on top of `base_revision`; return the stored section.

    Raises PermissionDenied if `by` may not edit the proposal, ValidationError for an empty or too
    long title or text, and SectionConflict if someone saved the section since `base_revision`.
    Text over the word limit is saved all the same (the checklist stops it going for review).
    Saving the same text again changes nothing. The title also becomes the proposal's title.
    No activity is recorded: sections save every few seconds as people type.
    """
    if key not in SECTIONS_BY_KEY:
        raise ValueError(f"Unknown section {key!r}")
    _edit_check(proposal=proposal, by=by)
    text = section_text_clean(key=key, text=text)
    if key == "title":
        if not text:
            raise ValidationError({"text": _("Give your proposal a title. A working title is fine.")})
        max_length = Proposal._meta.get_field("title").max_length
        if len(text) > max_length:
            raise ValidationError({"text": _("Keep the title under %(max)s characters.") % {"max": max_length}})
    elif len(text) > SECTION_MAX_CHARS:
        raise ValidationError({"text": _("This section is too long to save. Shorten it and try again.")})
    section, _created = ProposalSection.objects.select_for_update().get_or_create(proposal=proposal, key=key)
    if base_revision != section.revision:
        if text == section.text:
            return section  # They arrived at the same words: nothing to choose between.
        raise SectionConflict(
            text=section.text, revision=section.revision, updated_by=section.updated_by, updated_at=section.updated_at
        )
    if text == section.text:
        return section
    now = timezone.now()
    section.text = text
    section.revision += 1
    section.updated_by = by
    section.updated_at = now
    section.save(update_fields=["text", "revision", "updated_by", "updated_at"])
    changes = {"updated_at": now}
    if key == "title":
        changes["title"] = text
        proposal.title = text
    Proposal.objects.filter(pk=proposal.pk).update(**changes)
    proposal.updated_at = now
    return section


@dataclass(frozen=True)
class BudgetLineData:
    """One line of a budget as entered."""

    category: str
    description: str
    cost: Decimal
    justification: str


@transaction.atomic
def budget_save(*, proposal: Proposal, lines: list[BudgetLineData], base_revision: int, by) -> list[BudgetLine]:
    """Replace the budget of `proposal` with `lines` (in that order), written on top of `base_revision`.

    Raises PermissionDenied if `by` may not edit, BudgetConflict if the budget changed since
    `base_revision`. Bumps Proposal.budget_revision.
    """
    locked = Proposal.objects.select_for_update().only("pk", "state", "budget_revision").get(pk=proposal.pk)
    proposal.state = locked.state
    if not proposal_edit_allowed(user=by, proposal=proposal):
        raise PermissionDenied
    if base_revision != locked.budget_revision:
        raise BudgetConflict(revision=locked.budget_revision)
    BudgetLine.objects.filter(proposal=proposal).delete()
    created = BudgetLine.objects.bulk_create(
        BudgetLine(
            proposal=proposal,
            category=line.category,
            description=line.description,
            cost=line.cost,
            justification=line.justification,
            sort_order=index,
        )
        for index, line in enumerate(lines)
    )
    proposal.budget_revision = locked.budget_revision + 1
    proposal.updated_at = timezone.now()
    Proposal.objects.filter(pk=proposal.pk).update(
        budget_revision=proposal.budget_revision, updated_at=proposal.updated_at
    )
    return created


@transaction.atomic
def attachment_add(*, proposal: Proposal, upload, description: str = "", by) -> ProposalAttachment:
    """Attach `upload` (an UploadedFile) to `proposal`, after checking its type, content and size.

    Raises PermissionDenied if `by` may not edit, ValidationError if the file may not be attached.
    Stored privately under a random folder; the name shown is the member's own, made safe.
    """
    _edit_check(proposal=proposal, by=by)
    kind = attachment_check(upload)
    display_name = attachment_display_name(upload.name)
    attachment = ProposalAttachment(
        proposal=proposal,
        original_name=display_name,
        content_type=kind.content_type,
        size=upload.size,
        description=" ".join((description or "").split())[:200],
        uploaded_by=by,
    )
    attachment.file.save(attachment_storage_name(display_name), upload, save=False)
    try:
        attachment.save()
        Proposal.objects.filter(pk=proposal.pk).update(updated_at=timezone.now())
        activity_record(proposal=proposal, actor=by, verb=ActivityVerb.ATTACHMENT_ADDED, detail=display_name)
    except Exception:
        # The database write failed: remove the stored file rather than leave it orphaned.
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, proposal: Proposal, attachment: ProposalAttachment, by) -> None:
    """Remove `attachment` from `proposal`; its stored file is deleted once the removal is committed."""
    if attachment.proposal_id != proposal.pk:
        raise PermissionDenied
    _edit_check(proposal=proposal, by=by)
    name = attachment.original_name
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    Proposal.objects.filter(pk=proposal.pk).update(updated_at=timezone.now())
    activity_record(proposal=proposal, actor=by, verb=ActivityVerb.ATTACHMENT_REMOVED, detail=name)
    transaction.on_commit(lambda: storage.delete(stored))
