"""Discussions' services: who may write what, what they record, and who is told."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Notification, NotificationKind
from community.models import Post, Thread
from community.services.discussions import (
    discussions_post_edit,
    discussions_post_hide,
    discussions_post_unhide,
    discussions_reply,
    discussions_thread_hide,
    discussions_thread_lock,
    discussions_thread_start,
    discussions_thread_unhide,
    discussions_thread_unlock,
)
from tests.community.factories.communities import (
    CommunityLeadFactory,
    CommunityMembershipFactory,
    CommunityPageFactory,
)
from tests.community.factories.discussions import PostFactory, ThreadFactory, discussion_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(community):
    return discussion_people(community)


@pytest.fixture
def thread(community, people):
    return ThreadFactory(community=community, author=people["author"])


def _fresh(user):
    # Permission answers are cached on the user object for a request: a new object per step.
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("outsider", False),
        ("member", False),
        ("joined", True),
        ("author", True),
        ("lead", True),
        ("group_lead", True),
    ],
)
def test_thread_start_is_for_those_who_take_part(community, people, role, allowed):
    if not allowed:
        with pytest.raises(PermissionDenied):
            discussions_thread_start(community=community, by=people[role], title="Huddles", body="How?")
        assert not Thread.objects.exists()
        return
    thread = discussions_thread_start(community=community, by=people[role], title=" Huddles ", body="How **do** you?")
    assert thread.title == "Huddles"
    assert thread.author == people[role]
    assert [(p.author, p.body) for p in thread.posts.all()] == [(people[role], "How **do** you?")]


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [("", "text", "title"), ("   ", "text", "title"), ("Title", "  ", "body"), ("x" * 201, "t", "title")],
)
def test_thread_start_refuses_empty_or_too_long(community, people, title, body, field):
    with pytest.raises(ValidationError) as error:
        discussions_thread_start(community=community, by=people["joined"], title=title, body=body)
    assert field in error.value.error_dict
    assert not Thread.objects.exists()


def test_reply_updates_activity_and_notifies_participants_not_the_replier(thread, people, community):
    other = CommunityMembershipFactory(community=community).user
    PostFactory(thread=thread, author=other)
    before = thread.last_posted_at
    post = discussions_reply(thread=thread, by=people["joined"], body="We use the triage time.")
    thread.refresh_from_db()
    assert thread.last_posted_at == post.created_at > before
    notes = Notification.objects.filter(kind=NotificationKind.DISCUSSION)
    assert {n.recipient for n in notes} == {people["author"], other}
    note = notes.first()
    assert note.url == f"/discussions/thread/{thread.pk}/#post-{post.pk}"
    assert note.actor == people["joined"]
    assert thread.title in note.message


def test_reply_does_not_notify_people_who_can_no_longer_read(thread, people, community):
    leaver = CommunityMembershipFactory(community=community).user
    PostFactory(thread=thread, author=leaver)
    leaver.community_memberships.all().delete()
    discussions_reply(thread=thread, by=people["joined"], body="Hello")
    assert set(Notification.objects.values_list("recipient", flat=True)) == {people["author"].pk}


def test_reply_in_a_hidden_thread_notifies_only_those_who_still_see_it(thread, people):
    PostFactory(thread=thread, author=people["group_lead"])
    discussions_thread_hide(thread=thread, by=people["lead"])
    discussions_reply(thread=thread, by=people["lead"], body="Leads only now.")
    assert set(Notification.objects.values_list("recipient", flat=True)) == {people["group_lead"].pk}


@pytest.mark.parametrize("role", ["outsider", "member"])
def test_reply_refused_to_those_who_do_not_take_part(thread, people, role):
    with pytest.raises(PermissionDenied):
        discussions_reply(thread=thread, by=people[role], body="Hi")
    assert thread.posts.count() == 1


def test_reply_refused_when_locked_with_a_message(thread, people):
    discussions_thread_lock(thread=thread, by=people["lead"])
    with pytest.raises(ValidationError, match="locked"):
        discussions_reply(thread=thread, by=_fresh(people["joined"]), body="Late")
    discussions_thread_unlock(thread=thread, by=people["lead"])
    assert discussions_reply(thread=thread, by=_fresh(people["joined"]), body="Now").pk


def test_reply_refused_to_members_once_the_thread_is_hidden(thread, people):
    discussions_thread_hide(thread=thread, by=people["group_lead"])
    with pytest.raises(PermissionDenied):
        discussions_reply(thread=thread, by=people["joined"], body="Hi")


def test_edit_own_post_records_when(thread, people):
    post = thread.posts.get()
    discussions_post_edit(post=post, by=people["author"], body="Corrected")
    post.refresh_from_db()
    assert post.body == "Corrected" and post.edited_at is not None


@pytest.mark.parametrize("role", ["joined", "lead", "group_lead", "outsider"])
def test_edit_someone_elses_post_is_refused(thread, people, role):
    post = thread.posts.get()
    with pytest.raises(PermissionDenied):
        discussions_post_edit(post=post, by=people[role], body="Mine now")
    post.refresh_from_db()
    assert post.edited_at is None


def test_edit_refused_once_hidden_or_locked(thread, people):
    post = thread.posts.get()
    discussions_post_hide(post=post, by=people["lead"])
    with pytest.raises(PermissionDenied):
        discussions_post_edit(post=post, by=people["author"], body="x")
    discussions_post_unhide(post=post, by=people["lead"])
    discussions_thread_lock(thread=thread, by=people["lead"])
    post.refresh_from_db()
    with pytest.raises(PermissionDenied):
        discussions_post_edit(post=Post.objects.select_related("thread").get(pk=post.pk), by=people["author"], body="x")


def test_hide_and_unhide_post_record_who_and_when(thread, people):
    post = thread.posts.get()
    discussions_post_hide(post=post, by=people["lead"])
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_by == people["lead"] and post.hidden_at
    discussions_post_unhide(post=post, by=people["group_lead"])
    post.refresh_from_db()
    assert not post.is_hidden and post.hidden_by is None and post.hidden_at is None


@pytest.mark.parametrize(
    ("service", "field", "value"),
    [
        (discussions_thread_hide, "is_hidden", True),
        (discussions_thread_lock, "is_locked", True),
        (discussions_thread_unhide, "is_hidden", False),
        (discussions_thread_unlock, "is_locked", False),
    ],
)
def test_thread_moderation_records_who_and_when(thread, people, service, field, value):
    service(thread=thread, by=people["lead"])
    thread.refresh_from_db()
    assert getattr(thread, field) is value
    assert thread.moderated_by == people["lead"] and thread.moderated_at


@pytest.mark.parametrize("role", ["outsider", "member", "joined", "author"])
@pytest.mark.parametrize(
    "service",
    [discussions_thread_hide, discussions_thread_unhide, discussions_thread_lock, discussions_thread_unlock],
)
def test_thread_moderation_is_for_leads(thread, people, role, service):
    with pytest.raises(PermissionDenied):
        service(thread=thread, by=people[role])
    thread.refresh_from_db()
    assert thread.moderated_by is None


@pytest.mark.parametrize("role", ["outsider", "member", "joined", "author"])
@pytest.mark.parametrize("service", [discussions_post_hide, discussions_post_unhide])
def test_post_moderation_is_for_leads(thread, people, role, service):
    post = thread.posts.get()
    with pytest.raises(PermissionDenied):
        service(post=post, by=people[role])
    post.refresh_from_db()
    assert post.hidden_by is None


def test_a_lead_of_another_community_cannot_moderate(thread, community_index):
    elsewhere = CommunityLeadFactory(page=CommunityPageFactory(parent=community_index)).user
    with pytest.raises(PermissionDenied):
        discussions_thread_lock(thread=thread, by=elsewhere)
