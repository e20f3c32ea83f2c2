"""Build the demo meetings from `community.demo.events_content`.

Idempotent: pages are created once (editors' changes are kept). Dates are set relative to the
day the demo is first built, so a fresh demo always has past meetings and a next one.
"""

import datetime

from django.utils import timezone

from community.demo import events_content as content
from community.models import EventIndexPage, EventPage, EventSpeaker
from home.demo import index_page_ensure, local_datetime


def events_ensure(*, index: EventIndexPage) -> list[EventPage]:
    """The demo meetings: two past ones with notes and the next one (each created once, never overwritten)."""
    today = timezone.localdate()
    events = []
    for data in content.EVENTS:
        event = EventPage.objects.child_of(index).filter(slug=data["slug"]).first()
        if event is None:
            day = today + datetime.timedelta(days=data["starts_in_days"])
            event = EventPage(
                title=data["title"],
                slug=data["slug"],
                starts_at=local_datetime(day, data["starts"]),
                ends_at=local_datetime(day, data["ends"]),
                venue=data["venue"],
                online_link=data["online_link"],
                capacity=data["capacity"],
                summary=data["summary"],
                agenda=data["agenda"],
                notes=data["notes"],
                speakers=[EventSpeaker(name=name, role=role) for name, role in data["speakers"]],
            )
            index.add_child(instance=event)
            event.save_revision().publish()
        events.append(event)
    return events


def events_demo_load(*, home) -> EventIndexPage:
    """The meetings index and the demo meetings under it; returns the index."""
    index = index_page_ensure(EventIndexPage, home=home, data=content.INDEX)
    events_ensure(index=index)
    return index
