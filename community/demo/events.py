"""Build the demo meetings from `community.demo.events_content`.

Idempotent: pages are created once (editors' changes are kept). Dates are set relative to the
day the demo is first built, so a fresh demo always has past meetings and a next one.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from community.demo import events_content as content
from community.demo.resources import demo_document
from community.models import CommunityPage, EventIndexPage, EventMaterial, EventPage, EventSpeaker, Registration
from community.services.events import registration_create
from home.demo import index_page_ensure, local_datetime


def _community(slug: str | None) -> CommunityPage | None:
    return CommunityPage.objects.filter(slug=slug).first() if slug else None


def events_ensure(*, index: EventIndexPage) -> list[EventPage]:
    """The demo meetings: two past ones with notes and the next one (each created once, never overwritten).

    Each is attached to its community when that community exists and the meeting has none yet.
    """
    today = timezone.localdate()
    events = []
    for data in content.EVENTS:
        community = _community(data.get("community"))
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
                community=community,
                speakers=[EventSpeaker(name=name, role=role) for name, role in data["speakers"]],
                materials=[
                    EventMaterial(document=demo_document(title=title, slug=slug, lines=lines))
                    for title, slug, lines in data.get("slides", [])
                ],
            )
            index.add_child(instance=event)
            event.save_revision().publish()
        elif event.community_id is None and community is not None and not event.has_unpublished_changes:
            # Built before the communities existed: attach it now, through a revision so the editor's
            # form shows it (a meeting with an editor's draft pending is left alone).
            event.community = community
            event.save_revision().publish()
        events.append(event)
    return events


def registrations_ensure(*, events: list[EventPage]) -> None:
    """The demo members' places at the next meeting, taken through the service (once each: a member
    who has since cancelled is not registered again)."""
    upcoming = [event for event in events if not event.is_past]
    if not upcoming:
        return
    event = min(upcoming, key=lambda e: e.starts_at)
    for email in content.REGISTRANTS:
        user = User.objects.filter(email=email).first()
        if user is None or Registration.objects.filter(event=event, user=user).exists():
            continue
        registration_create(event=event, user=user)


def events_demo_load(*, home, with_activity: bool = False) -> EventIndexPage:
    """The meetings index and the demo meetings under it; with `with_activity`, the demo members'
    registrations for the next meeting. Returns the index."""
    index = index_page_ensure(EventIndexPage, home=home, data=content.INDEX)
    events = events_ensure(index=index)
    if with_activity:
        registrations_ensure(events=events)
    return index
