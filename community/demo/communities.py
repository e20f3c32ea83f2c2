"""Build the demo communities, news and care bundle from `community.demo.communities_content`.

Idempotent: pages are created once (editors' changes are kept); leads are added only when missing;
joining and following go through the services, which make one row however often they run.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from community.demo import communities_content as content
from community.models import (
    CareBundlePage,
    CommunityIndexPage,
    CommunityLead,
    CommunityPage,
    Membership,
    NewsIndexPage,
    NewsPage,
)
from community.services.communities import community_follow, community_join
from home.demo import body_blocks, index_page_ensure


def communities_ensure(*, index: CommunityIndexPage) -> dict[str, CommunityPage]:
    """The demo communities of practice, by slug (each created once, never overwritten)."""
    pages = {}
    for data in content.COMMUNITIES:
        page = CommunityPage.objects.child_of(index).filter(slug=data["slug"]).first()
        if page is None:
            page = CommunityPage(
                title=data["title"], slug=data["slug"], summary=data["summary"], purpose=data["purpose"]
            )
            index.add_child(instance=page)
            page.save_revision().publish()
        pages[data["slug"]] = page
    return pages


def care_bundle_ensure(*, community: CommunityPage) -> CareBundlePage:
    """The paediatric sepsis care bundle under its community (created once)."""
    data = content.CARE_BUNDLE
    bundle = CareBundlePage.objects.child_of(community).filter(slug=data["slug"]).first()
    if bundle is None:
        stages = [
            (
                "stage",
                {
                    "name": stage["name"],
                    "description": stage["description"],
                    "interventions": [
                        {
                            "title": item["title"],
                            "detail": item.get("detail", ""),
                            "evidence_level": item["evidence_level"],
                            "evidence": item["evidence"],
                        }
                        for item in stage["interventions"]
                    ],
                    "resources": [],
                    "documents": [],
                },
            )
            for stage in data["stages"]
        ]
        bundle = CareBundlePage(
            title=data["title"], slug=data["slug"], summary=data["summary"], intro=data["intro"], stages=stages
        )
        community.add_child(instance=bundle)
        bundle.save_revision().publish()
    return bundle


def news_ensure(*, index: NewsIndexPage, communities: dict[str, CommunityPage]) -> list[NewsPage]:
    """The demo news items, dated relative to the day they are first built (each created once)."""
    today = timezone.localdate()
    items = []
    # Oldest first, so that publication order matches the dates.
    for data in sorted(content.NEWS, key=lambda d: -d["days_ago"]):
        item = NewsPage.objects.child_of(index).filter(slug=data["slug"]).first()
        if item is None:
            item = NewsPage(
                title=data["title"],
                slug=data["slug"],
                date=today - datetime.timedelta(days=data["days_ago"]),
                category=data["category"],
                community=communities.get(data["community"]) if data["community"] else None,
                summary=data["summary"],
                body=body_blocks(data["body"]),
            )
            index.add_child(instance=item)
            item.save_revision().publish()
        items.append(item)
    return items


def _users_by_email(emails) -> dict[str, User]:
    return {user.email: user for user in User.objects.filter(email__in=set(emails))}


def leads_ensure(*, communities: dict[str, CommunityPage]) -> None:
    """Add the demo leads that are missing (accounts looked up by e-mail; absent ones skipped).

    Written straight to the live page's rows, as an import would be: Wagtail's editor starts from
    the live page when there is no newer draft, so the leads appear there too.
    """
    users = _users_by_email(email for email, _slug, _role in content.LEADS)
    for order, (email, slug, role) in enumerate(content.LEADS):
        if email in users and slug in communities:
            CommunityLead.objects.get_or_create(
                page=communities[slug], user=users[email], defaults={"role": role, "sort_order": order}
            )


def activity_ensure(*, communities: dict[str, CommunityPage]) -> None:
    """Demo accounts with a membership of the community of practice join and follow communities."""
    users = _users_by_email([*content.JOINS, *content.FOLLOWS])
    members = set(Membership.objects.filter(user__in=users.values()).values_list("user_id", flat=True))
    for email, slugs in content.JOINS.items():
        user = users.get(email)
        if user is None or user.pk not in members:
            continue
        for slug in slugs:
            if slug in communities:
                community_join(community=communities[slug], user=user)
    # The illustrative members of the membership demo join by interest: sepsis, or implementation.
    others = (
        Membership.objects.filter(user__email__endswith=f"@{content.DEMO_DOMAIN}")
        .exclude(user__email__in=list(content.JOINS))
        .select_related("user")
        .prefetch_related("user__interests")
        .order_by("pk")
    )
    for membership in others:
        interests = {tag.name for tag in membership.user.interests.all()}
        slug = content.INTEREST_COMMUNITY if content.INTEREST in interests else content.OTHER_COMMUNITY
        if slug in communities:
            community_join(community=communities[slug], user=membership.user)
    for email, slugs in content.FOLLOWS.items():
        user = users.get(email)
        if user is None:
            continue
        for slug in slugs:
            if slug in communities:
                community_follow(community=communities[slug], user=user)


def communities_demo_load(*, home, with_activity: bool) -> dict[str, CommunityPage]:
    """The communities index, the demo communities, the sepsis care bundle and the news; with
    `with_activity`, the demo accounts as leads, members and followers. Returns the communities by slug."""
    index = index_page_ensure(CommunityIndexPage, home=home, data=content.COMMUNITY_INDEX)
    communities = communities_ensure(index=index)
    care_bundle_ensure(community=communities["paediatric-sepsis"])
    news_index = index_page_ensure(NewsIndexPage, home=home, data=content.NEWS_INDEX)
    news_ensure(index=news_index, communities=communities)
    if with_activity:
        leads_ensure(communities=communities)
        activity_ensure(communities=communities)
    return communities
