"""The community list, a community's page and the news list cost the same number of queries at any size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.models import ResourceIndexPage, ResourcePage, ResourceType, Thread
from community.selectors.communities import community_detail
from tests.community.factories.communities import (
    CareBundlePageFactory,
    CommunityFollowFactory,
    CommunityLeadFactory,
    CommunityMembershipFactory,
    CommunityPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)
from tests.community.factories.events import EventPageFactory


@pytest.fixture
def world(site_pages, community, event_index):
    home = site_pages["home"]
    resources = ResourceIndexPage(title="Resources", slug="resources")
    home.add_child(instance=resources)
    return {"home": home, "resources": resources, "news": NewsIndexPageFactory(parent=home), "events": event_index}


def _grow(world, community, n: int) -> None:
    """n of everything a community's page lists (and of what it only counts)."""
    now = timezone.now()
    for i in range(n):
        CommunityMembershipFactory(community=community)
        CommunityFollowFactory(community=community)
        CommunityLeadFactory(page=community, role=f"Lead {i}")
        EventPageFactory(parent=world["events"], community=community, starts_in_days=i + 1)
        page = ResourcePage(
            title=f"Resource {i}", resource_type=ResourceType.GUIDELINE, summary="S", community=community
        )
        world["resources"].add_child(instance=page)
        Thread.objects.create(
            community=community, title=f"Thread {i}", last_posted_at=now - datetime.timedelta(hours=i)
        )
        NewsPageFactory(parent=world["news"], community=community, days_ago=i)
        CareBundlePageFactory(parent=community)


def _count(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["anonymous", "joined"])
def test_community_page_queries_do_not_grow(client, world, community, community_member, role):
    if role == "joined":
        CommunityMembershipFactory(community=community, user=community_member)
        client.force_login(community_member)
    _grow(world, community, 1)
    client.get(community.url)  # warm the site and session caches
    small = _count(client, community.url)
    _grow(world, community, 7)
    assert _count(client, community.url) == small


def test_community_detail_selector_is_constant(world, community, community_member, django_assert_num_queries):
    CommunityMembershipFactory(community=community, user=community_member)
    _grow(world, community, 1)
    community_member._community_member = None
    with CaptureQueriesContext(connection) as queries:
        community_detail(community=community, user=community_member)
    small = len(queries)
    _grow(world, community, 6)
    community_member._community_member = None
    community_member._role_names = None
    with django_assert_num_queries(small):
        detail = community_detail(community=community, user=community_member)
    assert len(detail["upcoming_meetings"]) == 5 and len(detail["resources"]) == 5
    assert len(detail["threads"]) == 5 and len(detail["news"]) == 5 and detail["thread_count"] == 7
    assert detail["member_count"] == 8 and len(detail["leads"]) == 7 and len(detail["care_bundles"]) == 7


def test_community_index_queries_do_not_grow(client, world, community_index, community):
    _grow(world, community, 1)
    client.get("/communities/")
    small = _count(client, "/communities/")
    for _ in range(4):
        other = CommunityPageFactory(parent=community_index)
        CommunityLeadFactory(page=other)
        CommunityMembershipFactory(community=other)
    _grow(world, community, 3)
    assert _count(client, "/communities/") == small


def test_news_list_queries_do_not_grow(client, world, community):
    NewsPageFactory(parent=world["news"], community=community)
    client.get("/news/")
    small = _count(client, "/news/")
    for i in range(12):
        NewsPageFactory(parent=world["news"], community=CommunityPageFactory(parent=community.get_parent()), days_ago=i)
    assert _count(client, "/news/") == small
    assert _count(client, "/news/?page=2") == small
