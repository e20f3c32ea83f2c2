"""Writing a proposal: one section per page (saved as you type), the budget, and attached files.

Whoever may not read the proposal gets 404 (from proposal_or_404). Whoever may read it but not
change it (mentors, group leads, applicants once it has gone to the funder) may look at the budget
and files, but any attempt to change something gets a 403 page that says why.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from grants.forms.editing import AttachmentForm, BudgetFormSet, BudgetRevisionForm, SectionForm
from grants.models import EDITABLE_STATES, Proposal, ProposalSection
from grants.permissions import proposal_edit_allowed
from grants.sections import word_count
from grants.selectors.editing import (
    attachment_get,
    budget_initial,
    budget_summary,
    proposal_attachments,
    section_for_edit,
)
from grants.services.editing import (
    BudgetConflict,
    SectionConflict,
    attachment_add,
    attachment_remove,
    budget_save,
    section_save,
)
from grants.views.common import private_download, proposal_or_404

BUDGET_PREFIX = "lines"


def _wants_json(request) -> bool:
    # The editor's script asks for JSON; a plain form post (no script) gets a page.
    return "application/json" in request.headers.get("Accept", "")


def _read_only_reason(*, proposal: Proposal) -> str:
    if proposal.state not in EDITABLE_STATES:
        return _("This proposal is now “%(state)s”, so it can no longer be changed.") % {
            "state": proposal.get_state_display()
        }
    return _(
        "Only the lead applicant and co-applicants can change this proposal. You can read it, and mentors can "
        "comment on the versions sent for review."
    )


def _not_allowed(request, proposal: Proposal):
    """The friendly 403 page for someone who may read the proposal but not change it."""
    if _wants_json(request):
        return JsonResponse({"error": _read_only_reason(proposal=proposal)}, status=403)
    return render(
        request,
        "grants/proposal/_edit_not_allowed.html",
        {"proposal": proposal, "reason": _read_only_reason(proposal=proposal)},
        status=403,
    )


def _when(moment: datetime.datetime | None) -> str:
    """'14:02' today, '3 March, 14:02' on another day (UK time)."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return date_format(local, "H:i")
    return date_format(local, "j F, H:i")


def _author(user, *, viewer) -> str:
    if user is None:
        return _("someone")
    if user.pk == viewer.pk:
        return _("you (in another window or device)")
    return user.display_name


def _last_saved(view, *, viewer) -> str:
    """'Last saved at 14:02 by Sam Jones' for a section that has been written; empty before."""
    if not view.revision or view.updated_at is None:
        return ""
    local = timezone.localtime(view.updated_at)
    if local.date() == timezone.localdate():
        when = _("at %(time)s") % {"time": date_format(local, "H:i")}
    else:
        when = _("on %(date)s") % {"date": date_format(local, "j F Y, H:i")}
    user = view.updated_by
    if user is None:
        return _("Last saved %(when)s") % {"when": when}
    who = _("you") if user.pk == viewer.pk else user.display_name
    return _("Last saved %(when)s by %(who)s") % {"when": when, "who": who}


def over_limit_message(*, words: int, limit: int | None) -> str:
    """What to say next to a section that is over its word limit; empty when it is not."""
    if limit is None or words <= limit:
        return ""
    return _("%(words)s words: %(over)s over the limit of %(limit)s. Cut it before sending for review.") % {
        "words": words,
        "over": words - limit,
        "limit": limit,
    }


def _saved_payload(section: ProposalSection, *, limit: int | None) -> dict:
    words = word_count(section.text)
    return {
        "revision": section.revision,
        "words": words,
        "limit": limit,
        "over_limit": limit is not None and words > limit,
        "message": over_limit_message(words=words, limit=limit),
        "saved_at": date_format(timezone.localtime(), "H:i"),
        "saved_at_iso": timezone.now().isoformat(),
    }


def _conflict_context(conflict: SectionConflict, *, viewer) -> dict:
    author = _author(conflict.updated_by, viewer=viewer)
    when = _when(conflict.updated_at)
    return {
        "text": conflict.text,
        "revision": conflict.revision,
        "author": author,
        "saved_at": when,
        "saved_at_iso": conflict.updated_at.isoformat() if conflict.updated_at else "",
        "message": _(
            "%(author)s saved a different version of this section at %(when)s, after you opened it. "
            "Your text has not been saved yet: it is still in the box above. Compare the two, copy anything "
            "you need, then choose which to keep."
        )
        % {"author": author[:1].upper() + author[1:], "when": when},
    }


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, proposal_id: int, key: str):
    """Write one section. The page's script saves as you type (JSON); without it, "Save section" posts the form.

    A save based on an older revision than the stored one is refused (409) and both texts are shown.
    """
    proposal = proposal_or_404(request, proposal_id)
    edit = section_for_edit(proposal=proposal, key=key)
    if edit is None:
        raise Http404
    if not proposal_edit_allowed(user=request.user, proposal=proposal):
        return _not_allowed(request, proposal)
    section, limit = edit.current.section, edit.current.limit
    wants_json = _wants_json(request)
    conflict = None
    status = 200
    if request.method == "POST":
        if request.POST.get("resolve") == "theirs":
            messages.success(request, _("Their version of %(section)s is kept.") % {"section": section.label})
            return redirect("grants:section_edit", proposal.pk, key)
        form = SectionForm(request.POST, section=section)
        if form.is_valid():
            try:
                saved = section_save(
                    proposal=proposal,
                    key=key,
                    text=form.cleaned_data["text"],
                    base_revision=form.cleaned_data["base_revision"],
                    by=request.user,
                )
            except PermissionDenied:
                return _not_allowed(request, proposal)
            except ValidationError as error:
                form.add_error(None, error)
            except SectionConflict as error:
                conflict = _conflict_context(error, viewer=request.user)
            else:
                if wants_json:
                    return JsonResponse(_saved_payload(saved, limit=limit))
                messages.success(request, _("%(section)s saved.") % {"section": section.label})
                return redirect("grants:section_edit", proposal.pk, key)
        if wants_json:
            if conflict:
                return JsonResponse({"conflict": True, **conflict}, status=409)
            return JsonResponse({"errors": {k: list(v) for k, v in form.errors.items()}}, status=400)
        if conflict:
            # Their revision becomes the base: pressing Save again deliberately keeps this text.
            data = request.POST.copy()
            data["base_revision"] = str(conflict["revision"])
            form = SectionForm(data, section=section)
            status = 409
    else:
        form = SectionForm(initial={"text": edit.current.text, "base_revision": edit.current.revision}, section=section)

    text = form["text"].value() or ""
    words = word_count(text)
    limit_message = over_limit_message(words=words, limit=limit)
    described_by = ["text-help", "text-count", "text-limit", "text-error"]
    form.fields["text"].widget.attrs["aria-describedby"] = " ".join(described_by)
    if form.is_bound and form.errors.get("text"):
        attrs = form.fields["text"].widget.attrs
        attrs["aria-invalid"] = "true"
        attrs["class"] = f"{attrs['class']} is-invalid"
    context = {
        "proposal": proposal,
        "edit": edit,
        "section": section,
        "form": form,
        "words": words,
        "limit": limit,
        "limit_message": limit_message,
        "conflict": conflict,
        "unsaved": request.method == "POST",
        "last_saved": _last_saved(edit.current, viewer=request.user),
        "budget_url": reverse("grants:proposal_budget", args=[proposal.pk]),
    }
    return render(request, "grants/proposal/section_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_budget(request, proposal_id: int):
    """The budget: a table of costed lines with totals; applicants who may edit change it with a form.

    A save based on an older budget revision is refused: the rows typed are kept, the saved budget shown.
    """
    proposal = proposal_or_404(request, proposal_id)
    can_edit = proposal_edit_allowed(user=request.user, proposal=proposal)
    formset = revision_form = None
    conflict = False
    status = 200
    if request.method == "POST":
        if not can_edit:
            return _not_allowed(request, proposal)
        formset = BudgetFormSet(request.POST, prefix=BUDGET_PREFIX)
        revision_form = BudgetRevisionForm(request.POST)
        formset_valid = formset.is_valid()
        if formset_valid and revision_form.is_valid():
            try:
                budget_save(
                    proposal=proposal,
                    lines=formset.lines(),
                    base_revision=revision_form.cleaned_data["base_revision"],
                    by=request.user,
                )
            except PermissionDenied:
                return _not_allowed(request, proposal)
            except BudgetConflict as error:
                conflict = True
                status = 409
                proposal.budget_revision = error.revision
                data = request.POST.copy()
                # Their revision becomes the base: saving again deliberately replaces their budget with these rows.
                data["base_revision"] = str(error.revision)
                revision_form = BudgetRevisionForm(data)
            else:
                messages.success(request, _("The budget is saved."))
                return redirect("grants:proposal_budget", proposal.pk)
        elif formset_valid:
            # The hidden revision was missing or altered: treat it like a conflict, so nothing is overwritten.
            conflict = True
            data = request.POST.copy()
            data["base_revision"] = str(proposal.budget_revision)
            revision_form = BudgetRevisionForm(data)
    summary = budget_summary(proposal=proposal)
    if can_edit and formset is None:
        formset = BudgetFormSet(initial=budget_initial(summary=summary), prefix=BUDGET_PREFIX)
        revision_form = BudgetRevisionForm(initial={"base_revision": summary.revision})
    error_summary = []
    if formset is not None and formset.is_bound:
        for index, form in enumerate(formset.forms, start=1):
            for name, errors in form.errors.items():
                field = form[name]
                error_summary.append(
                    {"line": index, "label": field.label, "message": errors[0], "id": field.id_for_label}
                )
        for message in formset.non_form_errors():
            error_summary.append({"line": None, "label": "", "message": message, "id": ""})
    context = {
        "proposal": proposal,
        "summary": summary,
        "can_edit": can_edit,
        "formset": formset,
        "revision_form": revision_form,
        "conflict": conflict,
        "error_summary": error_summary,
        "reason": "" if can_edit else _read_only_reason(proposal=proposal),
    }
    return render(request, "grants/proposal/budget.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_attachments_page(request, proposal_id: int):
    """The files attached to a proposal; applicants who may edit attach more (POST) or remove them."""
    proposal = proposal_or_404(request, proposal_id)
    can_edit = proposal_edit_allowed(user=request.user, proposal=proposal)
    max_bytes = settings.PROPOSAL_ATTACHMENT_MAX_BYTES
    form = None
    if request.method == "POST":
        if not can_edit:
            return _not_allowed(request, proposal)
        form = AttachmentForm(request.POST, request.FILES, max_bytes=max_bytes)
        if form.is_valid():
            try:
                attachment = attachment_add(
                    proposal=proposal,
                    upload=form.cleaned_data["file"],
                    description=form.cleaned_data["description"],
                    by=request.user,
                )
            except PermissionDenied:
                return _not_allowed(request, proposal)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("“%(name)s” is attached.") % {"name": attachment.original_name})
                return redirect("grants:proposal_attachments", proposal.pk)
    elif can_edit:
        form = AttachmentForm(max_bytes=max_bytes)
    context = {
        "proposal": proposal,
        "attachments": proposal_attachments(proposal=proposal),
        "form": form,
        "can_edit": can_edit,
        "reason": "" if can_edit else _read_only_reason(proposal=proposal),
    }
    return render(request, "grants/proposal/attachments.html", context)


@login_required
@require_safe
def attachment_download(request, proposal_id: int, attachment_id: int):
    """Download an attached file; 404 for anyone who may not read the proposal, or a file of another proposal."""
    proposal = proposal_or_404(request, proposal_id)
    attachment = attachment_get(proposal=proposal, attachment_id=attachment_id)
    if attachment is None:
        raise Http404
    return private_download(attachment.file, filename=attachment.original_name, content_type=attachment.content_type)


@login_required
@require_http_methods(["GET", "POST"])
def attachment_remove_confirm(request, proposal_id: int, attachment_id: int):
    """Ask, then remove an attached file (applicants who may edit only)."""
    proposal = proposal_or_404(request, proposal_id)
    attachment = attachment_get(proposal=proposal, attachment_id=attachment_id)
    if attachment is None:
        raise Http404
    if not proposal_edit_allowed(user=request.user, proposal=proposal):
        return _not_allowed(request, proposal)
    if request.method == "POST":
        try:
            attachment_remove(proposal=proposal, attachment=attachment, by=request.user)
        except PermissionDenied:
            return _not_allowed(request, proposal)
        messages.success(request, _("“%(name)s” is removed.") % {"name": attachment.original_name})
        return redirect("grants:proposal_attachments", proposal.pk)
    return render(
        request, "grants/proposal/_edit_attachment_remove.html", {"proposal": proposal, "attachment": attachment}
    )


urlpatterns = [
    path("proposals/<int:proposal_id>/sections/<str:key>/", section_edit, name="section_edit"),
    path("proposals/<int:proposal_id>/budget/", proposal_budget, name="proposal_budget"),
    path("proposals/<int:proposal_id>/files/", proposal_attachments_page, name="proposal_attachments"),
    path(
        "proposals/<int:proposal_id>/files/<int:attachment_id>/download/",
        attachment_download,
        name="attachment_download",
    ),
    path(
        "proposals/<int:proposal_id>/files/<int:attachment_id>/remove/",
        attachment_remove_confirm,
        name="attachment_remove",
    ),
]
