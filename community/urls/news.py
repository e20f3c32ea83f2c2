"""News: the Atom feed (the news list and items are Wagtail pages under /news/)."""

from django.urls import path

from community.views.news import NewsFeed

urlpatterns = [
    path("news/feed/", NewsFeed(), name="news_feed"),
]
