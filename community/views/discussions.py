"""Discussions: a community's threads, a thread with its replies, editing one's post, and leads' moderation.

Members-only. Visitors are asked to sign in; signed-in people who have not joined the community
get a page explaining how to take part on the list, and 404 for anything inside it (so a thread's
existence is not revealed), as do hidden threads for anyone but leads.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from community.forms.discussions import MessageForm, ThreadForm
from community.permissions.discussions import discussions_take_part_allowed, post_edit_allowed, thread_reply_allowed
from community.selectors.discussions import (
    community_for_discussions,
    post_get_for,
    thread_detail,
    thread_get_for,
    threads_page,
)
from community.services import discussions as services


def _community_or_404(community_id: int):
    community = community_for_discussions(community_id=community_id)
    if community is None:
        raise Http404
    return community


def _thread_or_404(request, thread_id: int):
    thread = thread_get_for(user=request.user, thread_id=thread_id)
    if thread is None:
        raise Http404
    return thread


def _join_page(request, community):
    # "You need to join" reveals nothing of the discussions, so it may say so plainly (403).
    return render(request, "community/discussions/join.html", {"community": community}, status=403)


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_safe
def discussions_list(request, community_id: int):
    """The community's discussions, the most recently active first."""
    community = _community_or_404(community_id)
    if not discussions_take_part_allowed(user=request.user, community=community):
        return _join_page(request, community)
    page = threads_page(community=community, user=request.user, page_number=request.GET.get("page"))
    return render(
        request,
        "community/discussions/thread_list.html",
        {"community": community, "page_obj": page, "threads": page.object_list},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def discussions_thread_new(request, community_id: int):
    """Start a discussion: a title and the opening message."""
    community = _community_or_404(community_id)
    if not discussions_take_part_allowed(user=request.user, community=community):
        return _join_page(request, community)
    form = ThreadForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            thread = services.discussions_thread_start(
                community=community, by=request.user, title=form.cleaned_data["title"], body=form.cleaned_data["body"]
            )
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "Your discussion is started.")
            return redirect(thread)
    return render(request, "community/discussions/thread_new.html", {"community": community, "form": form})


def _render_thread(request, thread, *, form=None):
    context = thread_detail(thread=thread, user=request.user)
    if context["can_reply"] or form is not None:
        context["form"] = form or MessageForm()
    return render(request, "community/discussions/thread_detail.html", context)


@login_required
@require_safe
def discussions_thread(request, thread_id: int):
    """A thread and its posts, with the reply form at the bottom."""
    return _render_thread(request, _thread_or_404(request, thread_id))


@login_required
@require_POST
def discussions_reply(request, thread_id: int):
    """Reply in a thread. A locked thread refuses with a message, keeping what was typed."""
    thread = _thread_or_404(request, thread_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            post = services.discussions_reply(thread=thread, by=request.user, body=form.cleaned_data["body"])
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            _form_errors(form, error)
            thread.refresh_from_db(fields=["is_locked"])
        else:
            messages.success(request, "Your reply is posted.")
            return redirect(post.get_absolute_url())
    elif not thread_reply_allowed(user=request.user, thread=thread):
        form.add_error(None, services.LOCKED_MESSAGE)
    return _render_thread(request, thread, form=form)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def discussions_post_edit(request, post_id: int):
    """The author edits their own post."""
    post = post_get_for(user=request.user, post_id=post_id)
    if post is None or not post_edit_allowed(user=request.user, post=post):
        raise Http404
    form = MessageForm(request.POST if request.method == "POST" else None, initial={"body": post.body})
    if form.is_valid():
        try:
            services.discussions_post_edit(post=post, by=request.user, body=form.cleaned_data["body"])
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "Your message is updated.")
            return redirect(post.get_absolute_url())
    return render(
        request,
        "community/discussions/post_edit.html",
        {"post": post, "thread": post.thread, "community": post.thread.community, "form": form},
    )


_POST_ACTIONS = {
    "hide": (services.discussions_post_hide, "The message is hidden from members."),
    "unhide": (services.discussions_post_unhide, "The message is shown to members again."),
}
_THREAD_ACTIONS = {
    "hide": (services.discussions_thread_hide, "The discussion is hidden from members."),
    "unhide": (services.discussions_thread_unhide, "The discussion is shown to members again."),
    "lock": (services.discussions_thread_lock, "The discussion is locked: no more replies."),
    "unlock": (services.discussions_thread_unlock, "The discussion is open for replies again."),
}


@login_required
@require_POST
def discussions_post_moderate(request, post_id: int, action: str):
    """A lead hides a post, or shows it again."""
    post = post_get_for(user=request.user, post_id=post_id)
    if post is None:
        raise Http404
    service, message = _POST_ACTIONS[action]
    try:
        service(post=post, by=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, message)
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def discussions_thread_moderate(request, thread_id: int, action: str):
    """A lead hides, shows, locks or unlocks a thread."""
    thread = _thread_or_404(request, thread_id)
    service, message = _THREAD_ACTIONS[action]
    try:
        service(thread=thread, by=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, message)
    return redirect(thread)
