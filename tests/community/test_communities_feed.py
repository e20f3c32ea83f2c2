"""The Atom feed of the latest news."""

import xml.etree.ElementTree as ET

import pytest

from tests.community.factories.communities import NewsIndexPageFactory, NewsPageFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news_index(site_pages):
    return NewsIndexPageFactory(parent=site_pages["home"])


def _feed(client):
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_feed_is_atom_with_titles_and_absolute_links_newest_first(client, news_index):
    NewsPageFactory(parent=news_index, title="Older & wiser", days_ago=5, summary="About <things>.")
    NewsPageFactory(parent=news_index, title="Newest", days_ago=1)
    feed = _feed(client)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "Implementation Hub news"
    assert feed.find(f"{ATOM}link").get("href") == "http://testserver/news/"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Newest", "Older & wiser"]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links == ["http://testserver/news/newest/", "http://testserver/news/older-wiser/"]
    assert entries[1].find(f"{ATOM}summary").text == "About <things>."
    for entry in entries:
        assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}updated").text


def test_feed_holds_the_latest_twenty_live_items(client, news_index):
    for n in range(22):
        NewsPageFactory(parent=news_index, title=f"Item {n:02d}", days_ago=n)
    draft = NewsPageFactory(parent=news_index, title="Draft", days_ago=0)
    draft.unpublish()
    titles = [e.find(f"{ATOM}title").text for e in _feed(client).findall(f"{ATOM}entry")]
    assert titles == [f"Item {n:02d}" for n in range(20)]


def test_feed_is_named(client, news_index):
    from django.urls import reverse

    assert reverse("community:news_feed") == "/news/feed/"
