"""Proposal views: feedback. Comment threads on a version's sections, and mentors' structured reviews."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from grants import permissions
from grants.forms.feedback import CommentForm, ReplyForm, ReviewForm, review_initial
from grants.models import Comment, ProposalVersion
from grants.selectors.feedback import (
    feedback_page,
    review_criteria,
    review_for_mentor,
    review_get_for,
    review_previous,
    version_latest,
)
from grants.services.feedback import (
    comment_add,
    comment_address,
    comment_reopen,
    comment_reply,
    feedback_url,
    review_save,
)
from grants.views.common import proposal_or_404


def _version_number(request) -> int | None:
    raw = request.GET.get("version")
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError:
        raise Http404 from None


def _render_feedback(request, proposal, *, version_number=None, comment_form=None, reply_form=None, reply_to=None):
    try:
        context = feedback_page(user=request.user, proposal=proposal, version_number=version_number)
    except ProposalVersion.DoesNotExist:
        raise Http404 from None
    if context["can_comment"] and context["latest_version"] is not None:
        section = request.GET.get("section")
        context["comment_form"] = comment_form or CommentForm(
            initial={"section": section} if section in dict(CommentForm.base_fields["section"].choices) else {}
        )
    context["reply_form"] = reply_form
    context["reply_to"] = reply_to
    return render(request, "grants/proposal/feedback.html", context)


@login_required
@require_safe
def proposal_feedback(request, proposal_id: int):
    """One version's comments, section by section, and its submitted reviews (?version=N; the latest by default)."""
    proposal = proposal_or_404(request, proposal_id)
    return _render_feedback(request, proposal, version_number=_version_number(request))


@login_required
@require_POST
def proposal_comment_add(request, proposal_id: int):
    """An assigned mentor comments on a section of the latest version."""
    proposal = proposal_or_404(request, proposal_id)
    if not permissions.comment_add_allowed(user=request.user, proposal=proposal):
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = comment_add(
                proposal=proposal,
                by=request.user,
                section=form.cleaned_data["section"],
                quote=form.cleaned_data["quote"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your comment is posted. The applicants have been told."))
            return redirect(feedback_url(proposal=proposal, version=comment.version, comment=comment))
    return _render_feedback(request, proposal, comment_form=form)


def _comment_or_404(proposal, comment_id: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("version", "parent"), proposal=proposal, pk=comment_id)


@login_required
@require_POST
def proposal_comment_reply(request, proposal_id: int, comment_id: int):
    """An applicant or mentor replies in a thread (a reply to a reply joins the thread)."""
    proposal = proposal_or_404(request, proposal_id)
    if not permissions.comment_reply_allowed(user=request.user, proposal=proposal):
        raise Http404
    comment = _comment_or_404(proposal, comment_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            reply = comment_reply(proposal=proposal, comment=comment, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your reply is posted."))
            return redirect(feedback_url(proposal=proposal, version=comment.version, comment=reply))
    root_id = comment.parent_id or comment.pk
    number = comment.version.number if comment.version else None
    return _render_feedback(request, proposal, version_number=number, reply_form=form, reply_to=root_id)


def _comment_mark(request, proposal_id: int, comment_id: int, *, reopen: bool):
    proposal = proposal_or_404(request, proposal_id)
    if not permissions.comment_address_allowed(user=request.user, proposal=proposal):
        raise Http404
    comment = _comment_or_404(proposal, comment_id)
    if reopen:
        comment_reopen(proposal=proposal, comment=comment, by=request.user)
        messages.success(request, _("The comment is open again."))
    else:
        comment_address(proposal=proposal, comment=comment, by=request.user)
        messages.success(request, _("The comment is marked as addressed."))
    return redirect(feedback_url(proposal=proposal, version=comment.version, comment=comment))


@login_required
@require_POST
def proposal_comment_address(request, proposal_id: int, comment_id: int):
    """An applicant marks a thread as addressed."""
    return _comment_mark(request, proposal_id, comment_id, reopen=False)


@login_required
@require_POST
def proposal_comment_reopen(request, proposal_id: int, comment_id: int):
    """An applicant opens an addressed thread again."""
    return _comment_mark(request, proposal_id, comment_id, reopen=True)


@login_required
@require_http_methods(["GET", "POST"])
def review_edit(request, proposal_id: int):
    """An assigned mentor writes their structured review of the latest version: saved as a draft, then submitted."""
    proposal = proposal_or_404(request, proposal_id)
    if not permissions.review_write_allowed(user=request.user, proposal=proposal):
        raise Http404
    version = version_latest(proposal=proposal)
    review = review_for_mentor(proposal=proposal, mentor=request.user, version=version) if version else None
    if review is not None and review.is_submitted:
        messages.info(request, _("You have submitted this review, so it can no longer be changed."))
        return redirect("grants:review_detail", proposal.pk, review.pk)
    previous = None
    if request.method == "POST" and version is not None:
        submitting = "submit" in request.POST
        form = ReviewForm(request.POST, submitting=submitting)
        if form.is_valid():
            try:
                review = review_save(
                    proposal=proposal,
                    by=request.user,
                    scores=form.scores(),
                    recommendation=form.cleaned_data["recommendation"],
                    summary=form.cleaned_data["summary"],
                    submit=submitting,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if submitting:
                    messages.success(request, _("Your review is submitted. The applicants have been told."))
                    return redirect("grants:review_detail", proposal.pk, review.pk)
                messages.success(request, _("Your draft is saved. Only you can see it until you submit it."))
                return redirect("grants:review_edit", proposal.pk)
    else:
        if review is None and version is not None:
            # Start from the mentor's review of the previous version: most of it usually still stands.
            previous = review_previous(proposal=proposal, mentor=request.user, version=version)
        form = ReviewForm(initial=review_initial(review or previous))
    return render(
        request,
        "grants/proposal/review_form.html",
        {"proposal": proposal, "version": version, "review": review, "previous": previous, "form": form},
    )


@login_required
@require_safe
def review_detail(request, proposal_id: int, review_id: int):
    """A submitted review, for anyone who may read the proposal; a draft only for the mentor writing it."""
    proposal = proposal_or_404(request, proposal_id)
    review = review_get_for(user=request.user, proposal=proposal, review_id=review_id)
    if review is None:
        raise Http404
    return render(
        request,
        "grants/proposal/review_detail.html",
        {
            "proposal": proposal,
            "review": review,
            "criteria": review_criteria(review=review),
            "can_edit": not review.is_submitted
            and permissions.review_write_allowed(user=request.user, proposal=proposal),
        },
    )


urlpatterns = [
    path("proposals/<int:proposal_id>/feedback/", proposal_feedback, name="proposal_feedback"),
    path("proposals/<int:proposal_id>/feedback/comments/", proposal_comment_add, name="comment_add"),
    path(
        "proposals/<int:proposal_id>/feedback/comments/<int:comment_id>/reply/",
        proposal_comment_reply,
        name="comment_reply",
    ),
    path(
        "proposals/<int:proposal_id>/feedback/comments/<int:comment_id>/addressed/",
        proposal_comment_address,
        name="comment_address",
    ),
    path(
        "proposals/<int:proposal_id>/feedback/comments/<int:comment_id>/reopen/",
        proposal_comment_reopen,
        name="comment_reopen",
    ),
    path("proposals/<int:proposal_id>/reviews/mine/", review_edit, name="review_edit"),
    path("proposals/<int:proposal_id>/reviews/<int:review_id>/", review_detail, name="review_detail"),
]
