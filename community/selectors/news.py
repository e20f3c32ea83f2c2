"""Reads for news: the latest items (home page, community pages, the feed) and the paginated news list."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from community.models import CommunityPage, NewsCategory, NewsIndexPage, NewsPage

NEWS_PER_PAGE = 10


def _published():
    # Newest first; items of the same day in the order they were published.
    return NewsPage.objects.live().public().select_related("community").order_by("-date", "-first_published_at", "-pk")


def news_latest(*, limit: int, community: CommunityPage | None = None) -> list[NewsPage]:
    """The `limit` newest live, public news items (only those about `community` if given), with their
    community. One query."""
    items = _published()
    if community is not None:
        items = items.filter(community=community)
    return list(items[:limit])


def news_for_index(*, index: NewsIndexPage, request) -> dict:
    """Context for the news list: `items` of the current `page_obj` (NEWS_PER_PAGE a page, newest first),
    filtered by `?category=`; `categories` for the filter; `filter_query` for the pagination links.

    An unknown category matches nothing rather than silently showing everything. Two queries (the count
    and the page), however many items there are.
    """
    items = _published().child_of(index)
    category = request.GET.get("category", "").strip()
    if category:
        items = items.filter(category=category) if category in NewsCategory.values else items.none()
    paginator = Paginator(items, NEWS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    return {
        "items": list(page_obj.object_list),
        "page_obj": page_obj,
        "categories": NewsCategory.choices,
        "selected_category": category,
        "filtered": bool(category),
        "filter_query": f"category={category}" if category else "",
    }
