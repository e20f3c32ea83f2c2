"""Who may do what in a community's discussions: one parametrised matrix of role x action x thread state.

Anonymous visitors are sent to log in; signed-in people who have not joined the community get the
"join the community" page (403) on the list and on starting a thread, and 404 for everything inside;
hidden threads are 404 for everyone but leads; moderation is 404 for everyone but leads.
"""

import pytest
from django.urls import reverse

from community.models import Post, Thread
from tests.community.factories.discussions import PostFactory, ThreadFactory, discussion_people

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "member", "joined", "author", "lead", "group_lead"]
TAKES_PART = {"joined", "author", "lead", "group_lead"}
LEADS = {"lead", "group_lead"}
ACTIONS = [
    "list",
    "new_get",
    "new_post",
    "thread",
    "reply",
    "edit_own_get",
    "edit_own_post",
    "edit_other",
    "hide_post",
    "hide_thread",
    "lock",
]


def expected(role: str, action: str, hidden: bool) -> int:
    """The status the matrix expects (302 is a log-in redirect for visitors, the next page otherwise)."""
    if role == "anonymous":
        return 302
    if action in {"list", "new_get"}:
        return 200 if role in TAKES_PART else 403
    if action == "new_post":
        return 302 if role in TAKES_PART else 403
    if action in {"hide_post", "hide_thread", "lock"}:
        return 302 if role in LEADS else 404
    if action == "edit_other":
        return 404
    can_read = role in LEADS if hidden else role in TAKES_PART
    if not can_read:
        return 404
    return 200 if action in {"thread", "edit_own_get"} else 302


@pytest.fixture
def people(community):
    return discussion_people(community)


def _request(client, action: str, *, community, thread, own_post, other_post):
    data = {"body": "A message from the matrix."}
    routes = {
        "list": ("get", reverse("community:discussions_list", args=[community.pk]), None),
        "new_get": ("get", reverse("community:discussions_thread_new", args=[community.pk]), None),
        "new_post": (
            "post",
            reverse("community:discussions_thread_new", args=[community.pk]),
            {"title": "From the matrix", **data},
        ),
        "thread": ("get", reverse("community:discussions_thread", args=[thread.pk]), None),
        "reply": ("post", reverse("community:discussions_reply", args=[thread.pk]), data),
        "edit_own_get": ("get", reverse("community:discussions_post_edit", args=[own_post.pk]), None),
        "edit_own_post": ("post", reverse("community:discussions_post_edit", args=[own_post.pk]), data),
        "edit_other": ("post", reverse("community:discussions_post_edit", args=[other_post.pk]), data),
        "hide_post": ("post", reverse("community:discussions_post_hide", args=[other_post.pk]), None),
        "hide_thread": ("post", reverse("community:discussions_thread_hide", args=[thread.pk]), None),
        "lock": ("post", reverse("community:discussions_thread_lock", args=[thread.pk]), None),
    }
    method, url, payload = routes[action]
    return getattr(client, method)(url, payload or {})


@pytest.mark.parametrize("hidden", [False, True], ids=["normal", "hidden"])
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, community, people, role, action, hidden):
    thread = ThreadFactory(community=community, author=people["author"], is_hidden=hidden)
    opening = thread.posts.get()
    user = people[role]
    if user is not None:
        client.force_login(user)
    # The member's own post (the author's is the opening one), and someone else's.
    own_post = opening if role in {"author", "anonymous"} else PostFactory(thread=thread, author=user)
    other_post = PostFactory(thread=thread, author=people["joined"]) if role == "author" else opening
    before = (Thread.objects.count(), Post.objects.count())

    response = _request(client, action, community=community, thread=thread, own_post=own_post, other_post=other_post)

    want = expected(role, action, hidden)
    assert response.status_code == want, f"{role} {action} ({'hidden' if hidden else 'normal'})"
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    if want in {403, 404} or role == "anonymous":
        # Refused: nothing changed, and nothing of the thread is shown.
        assert (Thread.objects.count(), Post.objects.count()) == before
        thread.refresh_from_db()
        assert thread.is_hidden is hidden and not thread.is_locked
        opening.refresh_from_db()
        other_post.refresh_from_db()
        assert not opening.is_hidden and not other_post.is_hidden and other_post.edited_at is None
        assert thread.title not in response.content.decode()
    if want == 403:
        assert "Join the community to take part" in response.content.decode()
    if action == "list" and want == 200:
        shown = thread.title in response.content.decode()
        assert shown is (not hidden or role in LEADS)


@pytest.mark.parametrize("action", ["hide_post", "hide_thread", "lock"])
def test_moderation_is_post_only(client, community, people, action):
    thread = ThreadFactory(community=community, author=people["author"])
    client.force_login(people["lead"])
    names = {
        "hide_post": "discussions_post_hide",
        "hide_thread": "discussions_thread_hide",
        "lock": "discussions_thread_lock",
    }
    target = thread.posts.get().pk if action == "hide_post" else thread.pk
    assert client.get(reverse(f"community:{names[action]}", args=[target])).status_code == 405
