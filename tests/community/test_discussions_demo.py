"""The demo discussions: built through the services in Paediatric Sepsis, once."""

import pytest

from accounts.models import Notification, NotificationKind
from community.demo.discussions import discussions_demo_load
from community.demo.discussions_content import THREADS
from community.models import CommunityMembership, Post, Thread
from tests.accounts.factories import GroupLeadFactory, LearnerFactory, MentorFactory

pytestmark = pytest.mark.django_db

DEMO = "@demo.implementation-hub.test"


@pytest.fixture
def demo_people(db):
    return [
        LearnerFactory(email=f"learner{DEMO}"),
        LearnerFactory(email=f"researcher{DEMO}"),
        MentorFactory(email=f"mentor{DEMO}"),
        GroupLeadFactory(email=f"lead{DEMO}"),
    ]


def test_demo_threads_are_built_once(site_pages, community, demo_people):
    home = site_pages["home"]
    discussions_demo_load(home=home, with_activity=True)

    threads = list(Thread.objects.filter(community=community).order_by("created_at"))
    assert [t.title for t in threads] == [t["title"] for t in THREADS]
    first = threads[0]
    assert first.title == "Time to antibiotics: how are you measuring 'time zero'?"
    assert 4 <= first.posts.count() - 1 <= 5
    assert first.last_posted_at == first.posts.order_by("created_at").last().created_at
    assert all(CommunityMembership.objects.filter(community=community, user=u).exists() for u in demo_people)
    # Built through the services: the participants were told about the replies.
    assert Notification.objects.filter(kind=NotificationKind.DISCUSSION).exists()
    before = (
        list(Thread.objects.values_list("pk", "title", "last_posted_at")),
        list(Post.objects.values_list("pk", "body", "created_at")),
        Notification.objects.count(),
        CommunityMembership.objects.count(),
    )

    discussions_demo_load(home=home, with_activity=True)

    after = (
        list(Thread.objects.values_list("pk", "title", "last_posted_at")),
        list(Post.objects.values_list("pk", "body", "created_at")),
        Notification.objects.count(),
        CommunityMembership.objects.count(),
    )
    assert after == before


def test_demo_skips_missing_people_and_pages(site_pages, community_index):
    home = site_pages["home"]
    discussions_demo_load(home=home, with_activity=True)  # no community page, no accounts
    assert not Thread.objects.exists()


def test_demo_without_activity_builds_nothing(site_pages, community, demo_people):
    discussions_demo_load(home=site_pages["home"], with_activity=False)
    assert not Thread.objects.exists()


def test_demo_with_some_accounts_missing(site_pages, community):
    LearnerFactory(email=f"learner{DEMO}")
    discussions_demo_load(home=site_pages["home"], with_activity=True)
    thread = Thread.objects.get(title=THREADS[0]["title"])
    assert set(thread.posts.values_list("author__email", flat=True)) == {f"learner{DEMO}"}
