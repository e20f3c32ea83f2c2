"""Reads for communities of practice: the list of communities and everything a community's page shows."""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone

from community.models import (
    CareBundlePage,
    CommunityFollow,
    CommunityIndexPage,
    CommunityLead,
    CommunityMembership,
    CommunityPage,
    EventIndexPage,
    EventPage,
    ResourcePage,
    SurveyPage,
    Thread,
)
from community.permissions.communities import user_leads_community
from community.permissions.membership import user_is_community_member

# How many of each kind of item a community's page lists (the rest are a link away).
UPCOMING_SHOWN = 5
RESOURCES_SHOWN = 5
DISCUSSIONS_SHOWN = 5
NEWS_SHOWN = 5


def membership_url() -> str:
    """Where someone learns how to apply to join the community of practice."""
    return reverse("community:membership")


def discussions_url(*, community: CommunityPage) -> str:
    """The list of a community's discussions."""
    return reverse("community:discussions_list", args=[community.pk])


def _leads():
    return Prefetch(
        "leads",
        queryset=CommunityLead.objects.select_related("user", "user__organisation").order_by("sort_order", "pk"),
    )


def communities_for_index(*, index: CommunityIndexPage) -> dict:
    """Context for the list of communities: `communities` in the editors' order, each with `member_count`
    and its `leads` (with their members). Two queries, however many communities, leads and members."""
    communities = list(
        CommunityPage.objects.child_of(index)
        .live()
        .annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related(_leads())
        .order_by("path")
    )
    return {"communities": communities}


def community_detail(*, community: CommunityPage, user, now: datetime.datetime | None = None) -> dict:
    """Context for a community's page: who leads it, how many joined, where `user` stands, and its
    upcoming meetings, latest resources, discussions (titles only for those who may see them), care
    bundles, surveys and news.

    A fixed number of queries, whatever the number of members, meetings, resources, discussions and news.
    """
    from community.selectors.news import news_latest

    now = now or timezone.now()
    signed_in = user.is_authenticated
    joined = following = False
    if signed_in:
        standing = (
            CommunityPage.objects.filter(pk=community.pk)
            .annotate(
                joined=Exists(CommunityMembership.objects.filter(community=OuterRef("pk"), user=user)),
                following=Exists(CommunityFollow.objects.filter(community=OuterRef("pk"), user=user)),
            )
            .values("joined", "following")
            .get()
        )
        joined, following = standing["joined"], standing["following"]
    leads_community = signed_in and user_leads_community(user, community)
    # The same rule as community.permissions.discussions.discussions_take_part_allowed, from what is loaded.
    can_see_discussions = signed_in and (joined or leads_community)
    visible_threads = Thread.objects.filter(community=community, is_hidden=False)
    threads = (
        list(visible_threads.only("pk", "title", "last_posted_at", "community_id")[:DISCUSSIONS_SHOWN])
        if can_see_discussions
        else []
    )
    is_community_member = user_is_community_member(user)
    return {
        "leads": list(community.leads.select_related("user", "user__organisation").order_by("sort_order", "pk")),
        "member_count": community.memberships.count(),
        "joined": joined,
        "following": following,
        "signed_in": signed_in,
        "is_community_member": is_community_member,
        "may_join": is_community_member,
        "leads_community": leads_community,
        "membership_url": membership_url(),
        "upcoming_meetings": list(
            EventPage.objects.live()
            .filter(community=community, starts_at__gt=now)
            .order_by("starts_at", "path")[:UPCOMING_SHOWN]
        ),
        "events_index": EventIndexPage.objects.live().first(),
        "resources": list(
            ResourcePage.objects.live()
            .filter(community=community)
            .order_by("-first_published_at", "-pk")[:RESOURCES_SHOWN]
        ),
        "can_see_discussions": can_see_discussions,
        "threads": threads,
        "thread_count": visible_threads.count(),
        "discussions_url": discussions_url(community=community),
        "care_bundles": list(CareBundlePage.objects.child_of(community).live().order_by("path")),
        "surveys": list(SurveyPage.objects.child_of(community).live().order_by("path")),
        "news": news_latest(limit=NEWS_SHOWN, community=community),
    }
