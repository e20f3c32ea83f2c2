"""Communities, news and care bundles as visitors and members see them, and the page-type rules."""

import datetime

import pytest
import wagtail_factories
from django.utils import timezone
from django.utils.html import escape
from wagtail.test.utils import WagtailPageTestCase

from community.models import (
    CareBundlePage,
    CommunityIndexPage,
    CommunityPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    ResourceType,
    SurveyPage,
    Thread,
)
from home.models import HomePage
from tests.community.factories.communities import (
    CareBundlePageFactory,
    CommunityFollowFactory,
    CommunityLeadFactory,
    CommunityMembershipFactory,
    CommunityPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    bundle_stage,
)
from tests.community.factories.events import EventPageFactory


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


class PageTypeRulesTests(WagtailPageTestCase):
    def test_community_index_sits_under_the_home_page(self):
        self.assertAllowedParentPageTypes(CommunityIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CommunityIndexPage, {CommunityPage})

    def test_communities_hold_care_bundles_and_surveys(self):
        self.assertAllowedParentPageTypes(CommunityPage, {CommunityIndexPage})
        self.assertAllowedSubpageTypes(CommunityPage, {CareBundlePage, SurveyPage})

    def test_care_bundles_sit_under_a_community(self):
        self.assertAllowedParentPageTypes(CareBundlePage, {CommunityPage})
        self.assertAllowedSubpageTypes(CareBundlePage, set())

    def test_news_sits_under_the_news_index(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())


class PagesRenderTests(WagtailPageTestCase):
    """Each page type renders, live and in the editor's preview (before it has an id)."""

    def setUp(self):
        root = wagtail_factories.SiteFactory(is_default_site=True, hostname="localhost").root_page
        self.index = CommunityIndexPage(title="Communities", slug="communities")
        root.add_child(instance=self.index)
        self.community = CommunityPage(title="Sepsis", slug="sepsis", summary="S", purpose="<p>P</p>")
        self.index.add_child(instance=self.community)
        self.bundle = CareBundlePage(
            title="Bundle", slug="bundle", summary="B", stages=[bundle_stage("Recognition", ["Screen"])]
        )
        self.community.add_child(instance=self.bundle)
        self.news_index = NewsIndexPage(title="News", slug="news")
        root.add_child(instance=self.news_index)
        self.news = NewsPage(title="Item", slug="item", summary="S", community=self.community)
        self.news_index.add_child(instance=self.news)

    def test_pages_render_and_preview(self):
        for page in [self.index, self.community, self.bundle, self.news_index, self.news]:
            self.assertPageIsRenderable(page)
        # Pages without a StreamField preview from their own form data.
        for page in [self.index, self.community, self.news_index]:
            self.assertPageIsPreviewable(page)


def test_index_lists_communities_with_summary_member_count_and_leads(client, community_index, community):
    other = CommunityPageFactory(parent=community_index, title="Implementation Group", slug="implementation-group")
    lead = CommunityLeadFactory(page=community, role="Nurse lead").user
    for _ in range(3):
        CommunityMembershipFactory(community=community)
    content = html(client.get("/communities/"))
    assert content.count("<h1") == 1
    assert "Paediatric Sepsis" in content and "Implementation Group" in content
    assert "3 members" in content and "0 members" in content
    assert escape(lead.display_name) in content and "Nurse lead" in content
    assert content.index("Paediatric Sepsis") < content.index(other.title)


def test_community_page_shows_purpose_leads_and_member_count(client, community, community_lead):
    CommunityMembershipFactory(community=community)
    content = html(client.get(community.url))
    assert content.count("<h1") == 1
    assert "Share what works and learn from each other." in content
    assert escape(community_lead.display_name) in content
    assert "1 member<" in content


def test_visitors_are_told_how_to_become_a_member(client, community):
    content = html(client.get(community.url))
    assert 'href="/membership/"' in content
    assert "How to become a member" in content
    assert ">Join</button>" not in content


def test_signed_in_non_member_sees_how_to_apply_and_may_follow(client, community, learner):
    client.force_login(learner)
    content = html(client.get(community.url))
    assert "How to apply to become a member" in content
    assert ">Join</button>" not in content
    assert ">Follow</button>" in content


def test_member_sees_join_and_follow_then_leave_and_unfollow(client, community, community_member):
    client.force_login(community_member)
    content = html(client.get(community.url))
    assert ">Join</button>" in content and ">Follow</button>" in content
    CommunityMembershipFactory(community=community, user=community_member)
    CommunityFollowFactory(community=community, user=community_member)
    content = html(client.get(community.url))
    assert ">Leave</button>" in content and ">Unfollow</button>" in content
    assert "Leaving keeps you following" in content


def _resource_index(home):
    index = ResourceIndexPage(title="Resources", slug="resources")
    home.add_child(instance=index)
    return index


def _resource(index, community, title, *, live=True):
    page = ResourcePage(
        title=title, resource_type=ResourceType.GUIDELINE, summary="A guideline.", community=community, live=live
    )
    index.add_child(instance=page)
    return page


def test_community_page_lists_its_meetings_resources_bundles_and_news(
    client, site_pages, community, event_index, community_member
):
    EventPageFactory(parent=event_index, title="Later meeting", starts_in_days=30, community=community)
    EventPageFactory(parent=event_index, title="Sooner meeting", starts_in_days=3, community=community)
    EventPageFactory(parent=event_index, title="Past meeting", starts_in_days=-3, community=community)
    EventPageFactory(parent=event_index, title="Another community", starts_in_days=4)
    resources = _resource_index(site_pages["home"])
    _resource(resources, community, "Escalation pathway")
    _resource(resources, community, "Draft pathway", live=False)
    CareBundlePageFactory(parent=community, title="Sepsis bundle")
    news = NewsIndexPageFactory(parent=site_pages["home"])
    NewsPageFactory(parent=news, title="Sepsis news", community=community)
    NewsPageFactory(parent=news, title="General news")
    content = html(client.get(community.url))
    meetings = content.split('id="community-meetings"')[1].split("</section>")[0]
    assert meetings.index("Sooner meeting") < meetings.index("Later meeting")
    assert "Past meeting" not in meetings and "Another community" not in meetings
    assert 'href="/events/"' in meetings
    assert "Escalation pathway" in content and "Draft pathway" not in content
    assert "Sepsis bundle" in content
    assert "Sepsis news" in content and "General news" not in content


def test_community_page_shows_at_most_five_of_each(client, community, event_index):
    for n in range(7):
        EventPageFactory(parent=event_index, title=f"Meeting {n}", starts_in_days=n + 1, community=community)
    content = html(client.get(community.url))
    meetings = content.split('id="community-meetings"')[1].split("</section>")[0]
    assert meetings.count("<li>") == 5
    assert "Meeting 0" in meetings and "Meeting 5" not in meetings


def _threads(community, count, *, hidden=0):
    now = timezone.now()
    for n in range(count + hidden):
        Thread.objects.create(
            community=community,
            title=f"Thread {n}",
            last_posted_at=now - datetime.timedelta(hours=n),
            is_hidden=n >= count,
        )


def test_discussion_titles_for_joined_members_count_only_for_others(client, community, community_member):
    _threads(community, 7, hidden=1)
    client.force_login(community_member)
    content = html(client.get(community.url))
    assert "Thread 0" not in content
    assert "7 discussions" in content and "members only" in content
    CommunityMembershipFactory(community=community, user=community_member)
    content = html(client.get(community.url))
    section = content.split('id="community-discussions"')[1].split("</section>")[0]
    assert [f"Thread {n}" in section for n in range(8)] == [True] * 5 + [False] * 3
    assert f'href="/discussions/{community.pk}/"' in section


def test_discussion_titles_are_escaped(client, community, community_lead):
    Thread.objects.create(community=community, title="<script>alert(1)</script>")
    client.force_login(community_lead)
    content = html(client.get(community.url))
    assert "<script>alert(1)</script>" not in content
    assert escape("<script>alert(1)</script>") in content


# News ------------------------------------------------------------------------------------------


@pytest.fixture
def news_index(site_pages):
    return NewsIndexPageFactory(parent=site_pages["home"], intro="<p>What is new.</p>")


def test_news_lists_newest_first_with_date_category_community_and_summary(client, news_index, community):
    NewsPageFactory(parent=news_index, title="Older", days_ago=10)
    NewsPageFactory(
        parent=news_index,
        title="Newer",
        days_ago=2,
        category=NewsCategory.GUIDANCE,
        community=community,
        summary="A summary of the newer item.",
    )
    content = html(client.get("/news/"))
    assert content.count("<h1") == 1
    assert content.index(">Newer<") < content.index(">Older<")
    assert "New guidance" in content and "A summary of the newer item." in content
    assert f'href="{community.url}"' in content
    newer = NewsPage.objects.get(title="Newer")
    assert newer.date.strftime("%Y-%m-%d") in content


def test_news_is_paginated_by_ten(client, news_index):
    for n in range(12):
        NewsPageFactory(parent=news_index, title=f"Item {n:02d}", days_ago=n)
    first = html(client.get("/news/"))
    assert first.count('<h2 class="h4 mb-1">') == 10 and "Item 00" in first and "Item 10" not in first
    second = html(client.get("/news/?page=2"))
    assert "Item 10" in second and "Item 11" in second and "Item 00" not in second


def test_news_filters_by_category(client, news_index):
    NewsPageFactory(parent=news_index, title="Report", category=NewsCategory.MEETING_REPORT)
    NewsPageFactory(parent=news_index, title="Call", category=NewsCategory.COLLABORATORS)
    content = html(client.get("/news/?category=meeting_report"))
    assert ">Report<" in content and ">Call<" not in content
    assert "Show all news" in content
    unknown = html(client.get("/news/?category=nonsense"))
    assert ">Report<" not in unknown and "No news in this category yet." in unknown


def test_news_page_shows_date_category_community_and_body(client, news_index, community):
    item = NewsPageFactory(
        parent=news_index,
        title="Meeting report",
        category=NewsCategory.MEETING_REPORT,
        community=community,
        body=[("paragraph", "<p>What we agreed.</p>")],
    )
    content = html(client.get(item.url))
    assert content.count("<h1") == 1
    assert "Meeting report" in content and "What we agreed." in content
    assert f'href="{community.url}"' in content
    assert item.date.strftime("%Y-%m-%d") in content


@pytest.mark.parametrize("path", ["/news/", "item"])
def test_news_pages_advertise_the_feed(client, news_index, path):
    item = NewsPageFactory(parent=news_index)
    content = html(client.get(item.url if path == "item" else path))
    assert '<link rel="alternate" type="application/atom+xml"' in content
    assert 'href="/news/feed/"' in content


# Care bundles -------------------------------------------------------------------------------------


def test_care_bundle_shows_stages_in_order_with_contents_and_headings(client, community, site_pages):
    resources = _resource_index(site_pages["home"])
    pathway = _resource(resources, community, "Escalation pathway")
    stages = [
        bundle_stage("Recognition", ["Screen every child", "Listen to parents"]),
        bundle_stage("Escalation", ["Call a senior"]),
    ]
    stages[1][1]["resources"] = [pathway]
    bundle = CareBundlePageFactory(parent=community, title="Sepsis bundle", stages=stages)
    content = html(client.get(bundle.url))
    assert content.count("<h1") == 1
    assert '<a href="#stage-1">Recognition</a>' in content and '<a href="#stage-2">Escalation</a>' in content
    assert 'id="stage-1"' in content and 'id="stage-2"' in content
    assert content.index(">Stage 1: Recognition</h2>") < content.index(">Stage 2: Escalation</h2>")
    assert content.count('<h3 class="h5 card-title">') == 3
    assert "National or international guideline" in content and "NICE guideline NG51." in content
    assert f'href="{pathway.url}"' in content
