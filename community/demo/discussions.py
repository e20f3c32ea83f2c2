"""Build the demo discussions from `community.demo.discussions_content`, through the discussion services.

Idempotent: a thread is found by its title in its community and left alone if it exists (so members'
and leads' changes survive a rerun). Skipped if the community page or the demo accounts are missing.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from community.demo import discussions_content as content
from community.models import CommunityMembership, CommunityPage, Post, Thread
from community.services.discussions import discussions_reply, discussions_thread_start


def _people(emails) -> dict[str, User]:
    return {user.email: user for user in User.objects.filter(email__in=set(emails), is_active=True)}


def _ago(now: datetime.datetime, hours: int) -> datetime.datetime:
    return now - datetime.timedelta(hours=hours)


def _thread_ensure(*, community: CommunityPage, data: dict, people: dict[str, User]) -> Thread | None:
    thread = Thread.objects.filter(community=community, title=data["title"]).first()
    if thread is not None:
        return thread
    posts = [post for post in data["posts"] if post["author"] in people]
    if not posts:
        return None
    opening, replies = posts[0], posts[1:]
    thread = discussions_thread_start(
        community=community, by=people[opening["author"]], title=data["title"], body=opening["body"]
    )
    made = [(thread.posts.get(), opening)]
    for reply in replies:
        made.append((discussions_reply(thread=thread, by=people[reply["author"]], body=reply["body"]), reply))
    # The services stamp "now"; the demo spreads the conversation over a few days so that it reads naturally.
    now = timezone.now()
    for post, data_post in made:
        Post.objects.filter(pk=post.pk).update(created_at=_ago(now, data_post["hours_ago"]))
    Thread.objects.filter(pk=thread.pk).update(
        created_at=_ago(now, opening["hours_ago"]), last_posted_at=_ago(now, made[-1][1]["hours_ago"])
    )
    return thread


def discussions_demo_load(*, home, with_activity: bool) -> None:
    """The demo threads in the Paediatric Sepsis community (only with `with_activity`: they need accounts)."""
    if not with_activity:
        return
    community = CommunityPage.objects.descendant_of(home).filter(slug=content.COMMUNITY_SLUG).first()
    if community is None:
        return
    people = _people(post["author"] for thread in content.THREADS for post in thread["posts"])
    # Only members who joined a community take part in its discussions. The membership demo normally
    # joins these accounts; get_or_create keeps this module working on its own (and changes nothing if
    # they already joined).
    for user in people.values():
        CommunityMembership.objects.get_or_create(community=community, user=user)
    for data in content.THREADS:
        _thread_ensure(community=community, data=data, people=people)
