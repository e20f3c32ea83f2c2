"""The news feed (Atom), for feed readers and partner sites."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from community.models import NewsIndexPage, NewsPage
from community.selectors.news import news_latest

FEED_ITEMS = 20


class NewsFeed(Feed):
    """The latest FEED_ITEMS news items, newest first, with absolute links."""

    feed_type = Atom1Feed
    title = "Implementation Hub news"
    subtitle = "Guidance, meeting reports, calls for collaborators and news of partner groups."

    def get_object(self, request, *args, **kwargs):
        # The feed object is shared by every request: the request is passed along, never stored on it.
        return request

    def link(self, request) -> str:
        index = NewsIndexPage.objects.live().first()
        return index.get_url(request=request) if index else "/"

    def items(self) -> list[NewsPage]:
        return news_latest(limit=FEED_ITEMS)

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.summary

    def item_link(self, item: NewsPage) -> str:
        # A path: the feed framework makes it absolute with the request's host.
        return item.get_url()

    def item_pubdate(self, item: NewsPage) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9, 0)))

    def item_updateddate(self, item: NewsPage) -> datetime.datetime:
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item: NewsPage) -> list[str]:
        return [item.get_category_display()]
