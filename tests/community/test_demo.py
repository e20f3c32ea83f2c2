"""The demo meetings: two past ones with notes and the next one, built once."""

from wagtail.models import Page

from community.demo.events import events_demo_load
from community.models import EventPage
from community.selectors.events import events_for_index


def test_demo_builds_past_and_upcoming_meetings_once(site_pages):
    home = site_pages["home"]
    index = events_demo_load(home=home)
    assert (index.title, index.slug, index.show_in_menus, index.live) == ("Meetings", "events", True, True)
    sections = events_for_index(index=index)
    assert len(sections["upcoming"]) == 1 and len(sections["past"]) == 2
    assert all(event.notes for event in sections["past"])
    assert sections["upcoming"][0].capacity == 40
    for event in EventPage.objects.all():
        event.full_clean()
    before = list(Page.objects.order_by("path").values_list("path", "title", "live"))

    again = events_demo_load(home=home)

    assert again.pk == index.pk
    assert list(Page.objects.order_by("path").values_list("path", "title", "live")) == before
