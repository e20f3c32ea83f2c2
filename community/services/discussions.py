"""Writes for discussions: starting threads, replying, editing one's own post, and leads' moderation.

Each service checks permission itself and raises PermissionDenied (views answer 404, so a thread's
existence is not revealed); a reply to a locked thread raises ValidationError with a message to show.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import NotificationKind, User
from accounts.notifications import notify
from community.models import CommunityPage, Post, Thread
from community.permissions.discussions import (
    discussions_moderate_allowed,
    discussions_take_part_allowed,
    post_edit_allowed,
    thread_reply_allowed,
    thread_view_allowed,
)

LOCKED_MESSAGE = "This discussion is locked by a lead: no more replies can be posted."


def _text(value: str, *, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"Write {label}."})
    limit = (Thread if field == "title" else Post)._meta.get_field(field).max_length
    if len(value) > limit:
        raise ValidationError({field: f"Keep {label} to {limit:,} characters or fewer."})
    return value


@transaction.atomic
def discussions_thread_start(*, community: CommunityPage, by, title: str, body: str) -> Thread:
    """Start a discussion in the community: the thread and its opening post, by a member who takes part."""
    if not discussions_take_part_allowed(user=by, community=community):
        raise PermissionDenied
    title = _text(title, field="title", label="a title")
    body = _text(body, field="body", label="a message")
    now = timezone.now()
    thread = Thread.objects.create(community=community, title=title, author=by, created_at=now, last_posted_at=now)
    Post.objects.create(thread=thread, author=by, body=body, created_at=now)
    return thread


def _reply_recipients(*, thread: Thread) -> list:
    """The thread's author and everyone who posted in it, while they can still read it."""
    ids = set(thread.posts.exclude(author=None).values_list("author_id", flat=True))
    if thread.author_id:
        ids.add(thread.author_id)
    people = User.objects.filter(pk__in=ids, is_active=True).order_by("pk")
    return [person for person in people if thread_view_allowed(user=person, thread=thread)]


@transaction.atomic
def discussions_reply(*, thread: Thread, by, body: str) -> Post:
    """Reply in a thread; tells the thread's author and everyone who posted in it (not the replier).

    Raises PermissionDenied if `by` cannot read the thread, ValidationError if it is locked.
    """
    if not thread_view_allowed(user=by, thread=thread):
        raise PermissionDenied
    # Locked under our feet (a lead locking while a member types) is refused with the same message.
    thread = Thread.objects.select_for_update().select_related("community").get(pk=thread.pk)
    if not thread_reply_allowed(user=by, thread=thread):
        raise ValidationError(LOCKED_MESSAGE)
    body = _text(body, field="body", label="a message")
    now = timezone.now()
    post = Post.objects.create(thread=thread, author=by, body=body, created_at=now)
    thread.last_posted_at = now
    thread.save(update_fields=["last_posted_at"])
    notify(
        recipients=_reply_recipients(thread=thread),
        kind=NotificationKind.DISCUSSION,
        message=f"{by.display_name} replied in the discussion “{thread.title}”",
        url=post.get_absolute_url(),
        actor=by,
    )
    return post


@transaction.atomic
def discussions_post_edit(*, post: Post, by, body: str) -> Post:
    """The author edits their own post; the page then shows when it was edited."""
    if not post_edit_allowed(user=by, post=post):
        raise PermissionDenied
    post.body = _text(body, field="body", label="a message")
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])
    return post


def _moderate_post(*, post: Post, by, hidden: bool) -> Post:
    if not discussions_moderate_allowed(user=by, community=post.thread.community):
        raise PermissionDenied
    post.is_hidden = hidden
    post.hidden_by = by if hidden else None
    post.hidden_at = timezone.now() if hidden else None
    post.save(update_fields=["is_hidden", "hidden_by", "hidden_at"])
    return post


@transaction.atomic
def discussions_post_hide(*, post: Post, by) -> Post:
    """A lead hides a post: members then see that a lead hid it, leads still see what it said."""
    return _moderate_post(post=post, by=by, hidden=True)


@transaction.atomic
def discussions_post_unhide(*, post: Post, by) -> Post:
    """A lead shows a hidden post again."""
    return _moderate_post(post=post, by=by, hidden=False)


def _moderate_thread(*, thread: Thread, by, **flags: bool) -> Thread:
    if not discussions_moderate_allowed(user=by, community=thread.community):
        raise PermissionDenied
    for name, value in flags.items():
        setattr(thread, name, value)
    thread.moderated_by = by
    thread.moderated_at = timezone.now()
    thread.save(update_fields=[*flags, "moderated_by", "moderated_at"])
    return thread


@transaction.atomic
def discussions_thread_hide(*, thread: Thread, by) -> Thread:
    """A lead hides a whole thread from members (leads still read it)."""
    return _moderate_thread(thread=thread, by=by, is_hidden=True)


@transaction.atomic
def discussions_thread_unhide(*, thread: Thread, by) -> Thread:
    """A lead shows a hidden thread to members again."""
    return _moderate_thread(thread=thread, by=by, is_hidden=False)


@transaction.atomic
def discussions_thread_lock(*, thread: Thread, by) -> Thread:
    """A lead locks a thread: it stays readable, but no one can reply or edit their posts."""
    return _moderate_thread(thread=thread, by=by, is_locked=True)


@transaction.atomic
def discussions_thread_unlock(*, thread: Thread, by) -> Thread:
    """A lead reopens a locked thread for replies."""
    return _moderate_thread(thread=thread, by=by, is_locked=False)
