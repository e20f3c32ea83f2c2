"""Joining, leaving, following, and telling followers of a community's new meetings."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils.formats import date_format
from wagtail.models import Revision

from accounts.models import Notification, NotificationKind
from community.models import CommunityFollow, CommunityMembership, EventPage
from community.services.communities import (
    community_follow,
    community_join,
    community_leave,
    community_unfollow,
    event_followers_notify,
)
from tests.accounts.factories import GroupLeadFactory
from tests.community.factories.communities import CommunityFollowFactory, CommunityPageFactory
from tests.community.factories.events import EventPageFactory, uk_time


def _rows(community, user):
    return (
        CommunityMembership.objects.filter(community=community, user=user).count(),
        CommunityFollow.objects.filter(community=community, user=user).count(),
    )


def test_joining_also_follows_and_is_idempotent(community, community_member):
    community_join(community=community, user=community_member)
    community_join(community=community, user=community_member)
    assert _rows(community, community_member) == (1, 1)


def test_only_community_members_may_join(community, learner):
    with pytest.raises(PermissionDenied):
        community_join(community=community, user=learner)
    assert _rows(community, learner) == (0, 0)


def test_group_leads_may_join_without_a_membership(community):
    lead = GroupLeadFactory()
    community_join(community=community, user=lead)
    assert _rows(community, lead) == (1, 1)


def test_leaving_keeps_following_until_unfollowed(community, community_member):
    community_join(community=community, user=community_member)
    assert community_leave(community=community, user=community_member) is True
    assert community_leave(community=community, user=community_member) is False
    assert _rows(community, community_member) == (0, 1)
    assert community_unfollow(community=community, user=community_member) is True
    assert community_unfollow(community=community, user=community_member) is False
    assert _rows(community, community_member) == (0, 0)


def test_any_signed_in_member_may_follow_once(community, learner):
    community_follow(community=community, user=learner)
    community_follow(community=community, user=learner)
    assert _rows(community, learner) == (0, 1)


def test_unfollowing_keeps_a_joined_member_in_the_community(community, community_member):
    community_join(community=community, user=community_member)
    community_unfollow(community=community, user=community_member)
    assert _rows(community, community_member) == (1, 0)


@pytest.mark.parametrize("service", [community_follow, community_unfollow, community_leave, community_join])
def test_visitors_may_do_nothing(community, service):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        service(community=community, user=AnonymousUser())


# New meetings ----------------------------------------------------------------------------------


def _publish_new_event(event_index, community, **kwargs) -> EventPage:
    """A meeting saved as a draft, then published (as an editor would), which sends page_published."""
    event = EventPageFactory.build(community=community, live=False, **kwargs)
    event_index.add_child(instance=event)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def test_publishing_a_meeting_tells_the_communitys_followers_once(
    event_index, community, learner, community_member, django_capture_on_commit_callbacks
):
    follower = CommunityFollowFactory(community=community, user=learner).user
    other_community = CommunityPageFactory(parent=community.get_parent())
    CommunityFollowFactory(community=other_community, user=community_member)
    with django_capture_on_commit_callbacks(execute=True):
        event = _publish_new_event(
            event_index, community, title="Sepsis bundle review", starts_at=uk_time(10, 14), ends_at=uk_time(10, 16)
        )
    assert event.followers_notified_at is not None
    notes = list(Notification.objects.all())
    assert [(n.recipient, n.kind) for n in notes] == [(follower, NotificationKind.NEW_MEETING)]
    when = date_format(uk_time(10, 14), "l j F Y, H:i")
    assert "Sepsis bundle review" in notes[0].message and when in notes[0].message
    assert notes[0].url == event.url
    assert [m.to for m in mail.outbox] == [[follower.email]]

    # Republishing (an editor fixing a typo) tells no one again.
    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Sepsis bundle review (room changed)"
        event.save_revision().publish()
    assert Notification.objects.count() == 1


def test_notifications_wait_for_the_commit(event_index, community, learner, django_capture_on_commit_callbacks):
    CommunityFollowFactory(community=community, user=learner)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _publish_new_event(event_index, community)
    assert Notification.objects.count() == 0
    for callback in callbacks:
        callback()
    assert Notification.objects.count() == 1


def test_meetings_without_a_community_or_already_past_are_not_announced(
    event_index, community, learner, django_capture_on_commit_callbacks
):
    CommunityFollowFactory(community=community, user=learner)
    with django_capture_on_commit_callbacks(execute=True):
        no_community = _publish_new_event(event_index, None)
        past = _publish_new_event(event_index, community, starts_at=uk_time(-2, 14), ends_at=uk_time(-2, 16))
    assert Notification.objects.count() == 0
    assert no_community.followers_notified_at is None and past.followers_notified_at is None


def test_the_claim_is_atomic_so_a_second_call_tells_no_one(event_index, community, learner):
    CommunityFollowFactory(community=community, user=learner)
    event = EventPageFactory(parent=event_index)  # published without a community: nothing sent
    EventPage.objects.filter(pk=event.pk).update(community=community)
    event.refresh_from_db()
    stale = EventPage.objects.get(pk=event.pk)
    assert event_followers_notify(event=event) == 1
    # A second publish racing the first still holds the stale copy, with followers_notified_at unset.
    assert stale.followers_notified_at is None
    assert event_followers_notify(event=stale) == 0


def test_only_the_first_publication_announces(event_index, community, learner, django_capture_on_commit_callbacks):
    CommunityFollowFactory(community=community, user=learner)
    with django_capture_on_commit_callbacks(execute=True):
        event = _publish_new_event(event_index, None)
        # The community is set on a later publish: the meeting is not new any more.
        event.community = community
        event.save_revision().publish()
    assert Notification.objects.count() == 0


def test_publishing_an_older_revision_does_not_announce_again(
    event_index, community, learner, django_capture_on_commit_callbacks
):
    CommunityFollowFactory(community=community, user=learner)
    event = EventPageFactory.build(community=community, live=False)
    event_index.add_child(instance=event)
    draft = event.save_revision()  # saved before the announcement: followers_notified_at is empty in it
    with django_capture_on_commit_callbacks(execute=True):
        draft.publish()
    with django_capture_on_commit_callbacks(execute=True):
        # As the admin would: the revision fetched afresh, then published again.
        Revision.objects.get(pk=draft.pk).publish()
    assert Notification.objects.count() == 1
    # The announcement is bookkeeping, not content: publishing the older revision keeps its record.
    event.refresh_from_db()
    assert event.followers_notified_at is not None
