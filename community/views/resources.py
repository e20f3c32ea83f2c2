"""Members offer resources to the library; leads check them. (The library itself is a Wagtail page.)"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import user_is_member
from community.forms.resources import ResourceDeclineForm, ResourceSubmissionForm
from community.models import ResourceIndexPage, ResourceSubmission, SubmissionStatus
from community.permissions.resources import (
    resource_moderator,
    resource_submission_moderate_allowed,
    resource_submit_allowed,
)
from community.selectors.resources import (
    resource_submission_get_for,
    resource_submissions_for_moderation,
    resource_submissions_of,
)
from community.services.resources import (
    SubmissionAlreadyDecided,
    resource_file_kind,
    resource_submission_create,
    resource_submission_decline,
    resource_submission_publish,
)
from grants.views.common import private_download

QUEUE_PER_PAGE = 25


def _signed_in(view):
    """Visitors are sent to sign in first, then come back."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_is_member(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _members_only(request):
    # "You need to be a member" reveals nothing about any submission, so it may say so plainly (403).
    return render(request, "community/resources/members_only.html", status=403)


def _submission_or_404(request, submission_id: int) -> ResourceSubmission:
    submission = resource_submission_get_for(user=request.user, submission_id=submission_id)
    if submission is None:
        raise Http404
    return submission


def _moderated_or_404(request, submission_id: int) -> ResourceSubmission:
    submission = _submission_or_404(request, submission_id)
    if not resource_submission_moderate_allowed(request.user, submission):
        # The member who sent it knows it exists; they just may not decide it.
        raise PermissionDenied
    return submission


@_signed_in
@require_http_methods(["GET", "POST"])
def resource_submission_new(request):
    if not resource_submit_allowed(request.user):
        return _members_only(request)
    if request.method == "POST":
        form = ResourceSubmissionForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                resource_submission_create(
                    by=request.user,
                    title=data["title"],
                    resource_type=data["resource_type"],
                    summary=data["summary"],
                    community=data["community"],
                    organisation=data["organisation"],
                    tags=data["tags"],
                    review_date=data["review_date"],
                    link=data["link"],
                    upload=data["file"] or None,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, "Thank you. A lead will check your resource and you will hear when it is published."
                )
                return redirect("community:resource_submissions_mine")
        return render(request, "community/resources/submission_form.html", {"form": form}, status=400)
    form = ResourceSubmissionForm(initial={"organisation": request.user.organisation_id})
    return render(request, "community/resources/submission_form.html", {"form": form})


@_signed_in
@require_GET
def resource_submissions_mine(request):
    if not resource_submit_allowed(request.user):
        return _members_only(request)
    submissions = list(resource_submissions_of(user=request.user))
    return render(request, "community/resources/mine.html", {"submissions": submissions})


@_signed_in
@require_GET
def resource_submissions_queue(request):
    if not resource_moderator(request.user):
        raise Http404
    page_obj = Paginator(resource_submissions_for_moderation(user=request.user), QUEUE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "community/resources/queue.html",
        {"page_obj": page_obj, "pending": SubmissionStatus.PENDING},
    )


def _review_page(request, submission: ResourceSubmission, *, decline_form=None, status: int = 200):
    moderator = resource_submission_moderate_allowed(request.user, submission)
    context = {
        "submission": submission,
        "may_decide": moderator and submission.status == SubmissionStatus.PENDING,
        "is_moderator": moderator,
        "decline_form": decline_form or ResourceDeclineForm(),
        "file_kind": resource_file_kind(submission.file.name) if submission.file else None,
        "has_library": ResourceIndexPage.objects.exists(),
    }
    return render(request, "community/resources/review.html", context, status=status)


@_signed_in
@require_GET
def resource_submission_review(request, submission_id: int):
    return _review_page(request, _submission_or_404(request, submission_id))


@_signed_in
@require_GET
def resource_submission_file(request, submission_id: int):
    submission = _submission_or_404(request, submission_id)
    kind = resource_file_kind(submission.file.name) if submission.file else None
    if kind is None:
        raise Http404
    return private_download(
        submission.file, filename=submission.file.name.rsplit("/", 1)[-1], content_type=kind.content_type
    )


@_signed_in
@require_POST
def resource_submission_publish_view(request, submission_id: int):
    submission = _moderated_or_404(request, submission_id)
    try:
        page = resource_submission_publish(submission=submission, by=request.user)
    except (SubmissionAlreadyDecided, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("community:resource_submission_review", submission_id=submission.pk)
    messages.success(request, f"Published: “{page.title}” is now in the library. We have told the member.")
    return redirect("community:resource_submission_review", submission_id=submission.pk)


@_signed_in
@require_POST
def resource_submission_decline_view(request, submission_id: int):
    submission = _moderated_or_404(request, submission_id)
    form = ResourceDeclineForm(request.POST)
    if not form.is_valid():
        return _review_page(request, submission, decline_form=form, status=400)
    try:
        resource_submission_decline(submission=submission, by=request.user, note=form.cleaned_data["note"])
    except SubmissionAlreadyDecided as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Declined. We have sent your note to the member.")
    return redirect("community:resource_submission_review", submission_id=submission.pk)
