"""Writes for communities of practice: joining, leaving, following, and telling followers of new meetings."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import NotificationKind, User
from accounts.notifications import notify
from community.models import CommunityFollow, CommunityMembership, CommunityPage, EventPage
from community.permissions.communities import community_follow_allowed, community_join_allowed


@transaction.atomic
def community_join(*, community: CommunityPage, user: User) -> CommunityMembership:
    """Join a community; joining also follows it (to hear of its new meetings).

    Only approved members of the community of practice may join (PermissionDenied otherwise).
    Idempotent: joining twice (a double-submitted form) keeps one membership and one follow.
    """
    if not community_join_allowed(user, community):
        raise PermissionDenied
    membership, _created = CommunityMembership.objects.get_or_create(community=community, user=user)
    CommunityFollow.objects.get_or_create(community=community, user=user)
    return membership


@transaction.atomic
def community_leave(*, community: CommunityPage, user: User) -> bool:
    """Leave a community. The member keeps following it until they unfollow (that is a separate choice).

    Returns whether they were a member. Leaving twice changes nothing.
    """
    if not community_follow_allowed(user, community):
        raise PermissionDenied
    deleted, _ = CommunityMembership.objects.filter(community=community, user=user).delete()
    return bool(deleted)


@transaction.atomic
def community_follow(*, community: CommunityPage, user: User) -> CommunityFollow:
    """Follow a community: be told (in the site and by e-mail) when it publishes a new meeting.

    Any signed-in member may follow. Idempotent: following twice keeps one row.
    """
    if not community_follow_allowed(user, community):
        raise PermissionDenied
    follow, _created = CommunityFollow.objects.get_or_create(community=community, user=user)
    return follow


@transaction.atomic
def community_unfollow(*, community: CommunityPage, user: User) -> bool:
    """Stop following a community (a member who joined stays a member). Returns whether they were following."""
    if not community_follow_allowed(user, community):
        raise PermissionDenied
    deleted, _ = CommunityFollow.objects.filter(community=community, user=user).delete()
    return bool(deleted)


def event_followers_message(*, event: EventPage, community: CommunityPage) -> str:
    """The notification's words: the community, the meeting's title and its UK date and time."""
    when = date_format(timezone.localtime(event.starts_at), "l j F Y, H:i")
    return f"New meeting of {community.title}: {event.title}, {when} (UK time)."


@transaction.atomic
def event_followers_notify(*, event: EventPage) -> int:
    """Tell the followers of the meeting's community that it has been published, once per meeting.

    The meeting is claimed by setting `followers_notified_at` in a single conditional UPDATE, so
    a republish, or two publishes racing each other, never tell anyone twice. The notifications
    (in the site and by e-mail) are made after the transaction commits, so a publish that is
    rolled back tells no one. Meetings without a community, or already started, are not announced.
    Returns how many followers will be told (0 if already claimed).
    """
    now = timezone.now()
    # A meeting that has already started is history, not news.
    if event.community_id is None or event.starts_at <= now:
        return 0
    claimed = EventPage.objects.filter(pk=event.pk, followers_notified_at__isnull=True).update(
        followers_notified_at=now
    )
    if not claimed:
        return 0
    event.followers_notified_at = now
    community = CommunityPage.objects.get(pk=event.community_id)
    followers = list(
        User.objects.filter(community_follows__community=community, is_active=True).order_by("pk").distinct()
    )
    if not followers:
        return 0
    message = event_followers_message(event=event, community=community)
    url = event.get_url() or ""
    transaction.on_commit(
        lambda: notify(recipients=followers, kind=NotificationKind.NEW_MEETING, message=message, url=url)
    )
    return len(followers)
