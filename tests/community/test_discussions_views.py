"""Discussions' pages: the list, a thread, replying, editing, moderation, bad input and query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from community.models import Post, Thread
from community.selectors.discussions import THREADS_PER_PAGE
from tests.community.factories.communities import CommunityMembershipFactory
from tests.community.factories.discussions import PostFactory, ThreadFactory, discussion_people

pytestmark = pytest.mark.django_db

# Whole requests (session, user, roles, header and footer included), the same at 2 or 15 rows.
LIST_QUERIES = 15
# A lead needs one query fewer: being a lead answers "may take part" without asking about joining.
THREAD_QUERIES = {"joined": 13, "lead": 12}


@pytest.fixture
def people(community):
    return discussion_people(community)


@pytest.fixture
def thread(community, people):
    return ThreadFactory(community=community, author=people["author"], title="Time zero for antibiotics")


def _list_url(community):
    return reverse("community:discussions_list", args=[community.pk])


def _thread_url(thread):
    return reverse("community:discussions_thread", args=[thread.pk])


def test_list_newest_activity_first_with_replies_and_last_poster(client, community, people):
    now = timezone.now()
    old = ThreadFactory(community=community, title="Older topic", last_posted_at=now - datetime.timedelta(days=3))
    new = ThreadFactory(community=community, title="Newer topic", last_posted_at=now - datetime.timedelta(days=1))
    replier = CommunityMembershipFactory(community=community).user
    PostFactory(thread=old, author=replier, created_at=now + datetime.timedelta(minutes=1))
    PostFactory(thread=old, author=replier, created_at=now + datetime.timedelta(minutes=1))
    ThreadFactory(community=community, title="Hidden topic", is_hidden=True)
    client.force_login(people["joined"])
    response = client.get(_list_url(community))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Newer topic") < html.index("Older topic")
    assert "Hidden topic" not in html
    assert "2 replies" in html and "0 replies" in html
    assert f"by {escape(replier.display_name)}" in html
    assert [t.pk for t in response.context["threads"]] == [new.pk, old.pk]


def test_list_shows_hidden_threads_to_leads_marked(client, community, people):
    ThreadFactory(community=community, title="Hidden topic", is_hidden=True)
    client.force_login(people["lead"])
    html = client.get(_list_url(community)).content.decode()
    assert "Hidden topic" in html and "Hidden from members" in html


def test_list_paginates(client, community, people):
    for _ in range(THREADS_PER_PAGE + 1):
        ThreadFactory(community=community)
    client.force_login(people["joined"])
    first = client.get(_list_url(community))
    assert len(first.context["threads"]) == THREADS_PER_PAGE
    second = client.get(_list_url(community), {"page": 2})
    assert len(second.context["threads"]) == 1
    assert "Page 2 of 2" in second.content.decode()


def test_join_page_reveals_no_threads(client, community, people, thread):
    client.force_login(people["member"])
    response = client.get(_list_url(community))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Join the community to take part" in html
    assert thread.title not in html and "Start a discussion" not in html


def test_anonymous_is_sent_to_log_in_and_back(client, community):
    response = client.get(_list_url(community))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={_list_url(community)}"


@pytest.mark.parametrize(
    "name", ["discussions_list", "discussions_thread_new", "discussions_thread", "discussions_post_edit"]
)
def test_unknown_ids_are_404(client, people, name):
    client.force_login(people["group_lead"])
    assert client.get(reverse(f"community:{name}", args=[987654])).status_code == 404


def test_unpublished_community_is_404(client, community, people, thread):
    community.unpublish()
    client.force_login(people["group_lead"])
    assert client.get(_list_url(community)).status_code == 404
    assert client.get(_thread_url(thread)).status_code == 404


def test_start_a_thread(client, community, people):
    client.force_login(people["joined"])
    response = client.post(
        reverse("community:discussions_thread_new", args=[community.pk]),
        {"title": "Sepsis screening at triage", "body": "Do you use a **paper** tool?"},
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == _thread_url(thread)
    page = client.get(_thread_url(thread)).content.decode()
    assert "<h1>Sepsis screening at triage</h1>" in page
    assert "Do you use a <strong>paper</strong> tool?" in page


@pytest.mark.parametrize(
    ("title", "body", "message"),
    [
        ("", "My carefully typed message", "Give the discussion a title."),
        ("A title kept", "", "Write a message."),
        ("x" * 201, "My carefully typed message", "Ensure this value has at most 200 characters"),
        ("A title kept", "y" * 10_001, "Ensure this value has at most 10000 characters"),
    ],
)
def test_start_a_thread_bad_input_keeps_the_text(client, community, people, title, body, message):
    client.force_login(people["joined"])
    response = client.post(
        reverse("community:discussions_thread_new", args=[community.pk]), {"title": title, "body": body}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    for typed in (title, body):
        if typed:
            assert typed in html
    assert not Thread.objects.exists()


def test_reply_goes_to_the_post_and_notifies(client, people, thread):
    client.force_login(people["joined"])
    response = client.post(reverse("community:discussions_reply", args=[thread.pk]), {"body": "We use triage time."})
    post = Post.objects.latest("pk")
    assert response["Location"] == f"{_thread_url(thread)}#post-{post.pk}"
    assert people["author"].notifications.filter(url=response["Location"]).exists()


@pytest.mark.parametrize(("body", "message"), [("   ", "Write a message."), ("z" * 10_001, "at most 10000")])
def test_reply_bad_input_keeps_the_text(client, people, thread, body, message):
    client.force_login(people["joined"])
    response = client.post(reverse("community:discussions_reply", args=[thread.pk]), {"body": body})
    assert response.status_code == 200
    assert message in response.content.decode()
    if body.strip():
        assert body in response.content.decode()
    assert thread.posts.count() == 1


def test_reply_to_a_locked_thread_is_refused_keeping_the_text(client, people, thread):
    thread.is_locked = True
    thread.save()
    client.force_login(people["joined"])
    response = client.post(reverse("community:discussions_reply", args=[thread.pk]), {"body": "My late thought"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This discussion is locked by a lead" in html
    assert "My late thought" in html
    assert thread.posts.count() == 1
    # Read normally, a locked thread says so and offers no reply form.
    html = client.get(_thread_url(thread)).content.decode()
    assert "Locked." in html and "Post the reply" not in html


def test_edit_own_post_shows_edited(client, people, thread):
    post = thread.posts.get()
    client.force_login(people["author"])
    form = client.get(reverse("community:discussions_post_edit", args=[post.pk]))
    assert post.body in form.content.decode()
    client.post(reverse("community:discussions_post_edit", args=[post.pk]), {"body": "Now with *more* detail"})
    html = client.get(_thread_url(thread)).content.decode()
    assert "Now with <em>more</em> detail" in html and "edited" in html


def test_edit_bad_input_keeps_the_text(client, people, thread):
    post = thread.posts.get()
    client.force_login(people["author"])
    response = client.post(reverse("community:discussions_post_edit", args=[post.pk]), {"body": "w" * 10_001})
    assert response.status_code == 200 and "w" * 10_001 in response.content.decode()
    post.refresh_from_db()
    assert post.edited_at is None


def test_hidden_post_is_a_placeholder_for_members_and_readable_by_leads(client, people, thread):
    secret = PostFactory(thread=thread, body="Something a lead hid", is_hidden=True, hidden_by=people["lead"])
    client.force_login(people["joined"])
    html = client.get(_thread_url(thread)).content.decode()
    assert "This message was hidden by a lead." in html and secret.body not in html
    client.force_login(people["lead"])
    html = client.get(_thread_url(thread)).content.decode()
    assert secret.body in html and "Show this message to members" in html


def test_lead_moderates_from_the_thread_page(client, people, thread):
    post = thread.posts.get()
    client.force_login(people["lead"])
    html = client.get(_thread_url(thread)).content.decode()
    assert "Lock the discussion" in html and "Hide the discussion from members" in html
    client.post(reverse("community:discussions_post_hide", args=[post.pk]))
    client.post(reverse("community:discussions_thread_lock", args=[thread.pk]))
    response = client.post(reverse("community:discussions_thread_hide", args=[thread.pk]), follow=True)
    assert "The discussion is hidden from members." in response.content.decode()
    thread.refresh_from_db()
    post.refresh_from_db()
    assert thread.is_locked and thread.is_hidden and post.is_hidden
    client.force_login(people["joined"])
    assert client.get(_thread_url(thread)).status_code == 404


def test_members_see_no_moderation_buttons(client, people, thread):
    client.force_login(people["joined"])
    html = client.get(_thread_url(thread)).content.decode()
    assert "Lock the discussion" not in html and "Hide this message" not in html
    assert "Edit your message" not in html


def test_script_in_a_post_is_not_executable_on_the_page(client, people, thread):
    PostFactory(thread=thread, body='<script>alert("x")</script> [a](javascript:alert(1)) <img src=x onerror=alert(1)>')
    client.force_login(people["joined"])
    html = client.get(_thread_url(thread)).content.decode()
    assert '<script>alert("x")' not in html
    assert 'href="javascript:' not in html
    assert "<img src=x" not in html


# Query counts: the same whatever the number of threads or posts ------------------------------


def _threads(community, count):
    for _ in range(count):
        thread = ThreadFactory(community=community)
        PostFactory(thread=thread)


@pytest.mark.parametrize("count", [2, 15])
def test_list_query_count_is_constant(client, community, people, django_assert_num_queries, count):
    _threads(community, count)
    client.force_login(people["joined"])
    client.get(_list_url(community))  # warm the site's caches (root page, settings)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(_list_url(community))
    assert len(response.context["threads"]) == count


@pytest.mark.parametrize("count", [2, 15])
@pytest.mark.parametrize("role", ["joined", "lead"])
def test_thread_query_count_is_constant(client, people, thread, django_assert_num_queries, count, role):
    for index in range(count):
        PostFactory(thread=thread, is_hidden=index % 3 == 0, hidden_by=people["lead"] if index % 3 == 0 else None)
    PostFactory(thread=thread, author=people[role])
    client.force_login(people[role])
    client.get(_thread_url(thread))
    with django_assert_num_queries(THREAD_QUERIES[role]):
        response = client.get(_thread_url(thread))
    assert len(response.context["posts"]) == count + 2
