"""Reads for the site's pages."""

from wagtail.models import Page, PageViewRestriction


def page_search(*, query: str, user):
    """Published pages matching the query that this visitor may see, best first.

    Anonymous visitors see only public pages; signed-in members also see pages that
    ask for a log-in, but not pages restricted to groups they are not in.
    """
    pages = Page.objects.live()
    if not user.is_authenticated:
        pages = pages.public()
    elif not user.is_superuser:
        group_ids = set(user.groups.values_list("id", flat=True))
        restrictions = (
            PageViewRestriction.objects.filter(restriction_type=PageViewRestriction.GROUPS)
            .select_related("page")
            .prefetch_related("groups")
        )
        for restriction in restrictions:
            if not group_ids & {group.id for group in restriction.groups.all()}:
                pages = pages.exclude(path__startswith=restriction.page.path)
    return pages.specific().search(query, operator="and")


def home_community(*, limit: int = 3) -> dict:
    """For the home page: the `next_meeting` (live, public, soonest) and the `latest_news`.

    Two queries; the members' figures come from the figures template tag.
    """
    from django.utils import timezone

    from community.models import EventPage
    from community.selectors.news import news_latest

    next_meeting = (
        EventPage.objects.live().public().filter(starts_at__gt=timezone.now()).order_by("starts_at", "path").first()
    )
    return {"next_meeting": next_meeting, "latest_news": news_latest(limit=limit)}
