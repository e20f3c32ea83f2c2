"""Reads for discussions: a community's threads, a thread's posts, and finding what a member may see.

Every page costs the same number of queries however many threads or posts there are.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Subquery

from accounts.models import User
from community.models import CommunityPage, Post, Thread
from community.permissions.discussions import (
    discussions_moderate_allowed,
    post_edit_allowed,
    thread_reply_allowed,
    thread_view_allowed,
)

THREADS_PER_PAGE = 20


def community_for_discussions(*, community_id: int) -> CommunityPage | None:
    """The live community whose discussions these are, or None."""
    return CommunityPage.objects.live().filter(pk=community_id).first()


def threads_for(*, community: CommunityPage, user):
    """The community's threads the member may see (hidden ones only for leads), newest activity first,
    each with `reply_count` and `last_poster_id`."""
    last_post = Post.objects.filter(thread=OuterRef("pk")).order_by("-created_at", "-pk")
    threads = (
        Thread.objects.filter(community=community)
        .select_related("author")
        .annotate(post_count=Count("posts"), last_poster_id=Subquery(last_post.values("author_id")[:1]))
        .order_by("-last_posted_at", "-pk")
    )
    if not discussions_moderate_allowed(user=user, community=community):
        threads = threads.filter(is_hidden=False)
    return threads


def threads_page(*, community: CommunityPage, user, page_number) -> Page:
    """One page of `threads_for`, each thread with `reply_count` and `last_poster` (a User or None)."""
    page = Paginator(threads_for(community=community, user=user), THREADS_PER_PAGE).get_page(page_number)
    threads = list(page.object_list)
    posters = User.objects.in_bulk({thread.last_poster_id for thread in threads if thread.last_poster_id})
    for thread in threads:
        thread.reply_count = max(thread.post_count - 1, 0)
        thread.last_poster = posters.get(thread.last_poster_id)
    page.object_list = threads
    return page


def thread_get_for(*, user, thread_id: int) -> Thread | None:
    """The thread if the member may read it (in a live community); None otherwise."""
    thread = (
        Thread.objects.filter(pk=thread_id, community__live=True)
        .select_related("community", "author", "moderated_by")
        .first()
    )
    if thread is None or not thread_view_allowed(user=user, thread=thread):
        return None
    return thread


def post_get_for(*, user, post_id: int) -> Post | None:
    """The post if the member may read its thread; None otherwise."""
    post = (
        Post.objects.filter(pk=post_id, thread__community__live=True)
        .select_related("thread__community", "author")
        .first()
    )
    if post is None or not thread_view_allowed(user=user, thread=post.thread):
        return None
    return post


def thread_detail(*, thread: Thread, user) -> dict:
    """Context for a thread's page: its `posts` (each with `can_edit` and `show_body`), `can_reply`
    and `can_moderate`. Hidden posts keep their place; only leads get their words."""
    can_moderate = discussions_moderate_allowed(user=user, community=thread.community)
    posts = list(thread.posts.select_related("author", "hidden_by").order_by("created_at", "pk"))
    for post in posts:
        post.thread = thread
        post.can_edit = post_edit_allowed(user=user, post=post)
        post.show_body = can_moderate or not post.is_hidden
    return {
        "thread": thread,
        "community": thread.community,
        "posts": posts,
        "can_reply": thread_reply_allowed(user=user, thread=thread),
        "can_moderate": can_moderate,
    }
