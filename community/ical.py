"""Calendar files (RFC 5545) for meetings, built with the `icalendar` library."""

import datetime

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from community.models import EventPage

PRODID = "-//Implementation Hub//Meetings//EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _vevent(*, event: EventPage, url: str, online_link: str = "") -> Event:
    vevent = Event()
    vevent.add("uid", f"event-{event.pk}@implementation-hub")
    vevent.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    vevent.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    vevent.add("dtend", event.ends_at.astimezone(datetime.UTC))
    vevent.add("summary", event.title)
    description = [event.summary]
    if online_link:
        description.append(f"Join online: {online_link}")
    description.append(f"Details: {url}")
    vevent.add("description", "\n\n".join(description))
    location = event.venue or (online_link if online_link else ("Online" if event.online_link else ""))
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    return vevent


def event_calendar(*, event: EventPage, url: str, online_link: str = "") -> bytes:
    """One meeting as a calendar file. Pass `online_link` only for a member with a confirmed place."""
    calendar = _calendar(event.title)
    calendar.add("method", "PUBLISH")
    calendar.add_component(_vevent(event=event, url=url, online_link=online_link))
    return calendar.to_ical()


def events_feed(*, events: list[tuple[EventPage, str]], name: str) -> bytes:
    """A subscribable feed of meetings, given as (meeting, page URL) pairs. Never carries joining links."""
    calendar = _calendar(name)
    for event, url in events:
        calendar.add_component(_vevent(event=event, url=url))
    return calendar.to_ical()


def feed_links(*, request) -> dict[str, str]:
    """The feed's addresses for subscribing: `https` (or http on a development server) and `webcal`,
    the same address that calendar programs open as a subscription rather than a one-off import."""
    url = request.build_absolute_uri(reverse("community:events_feed"))
    return {"https": url, "webcal": "webcal://" + url.split("://", 1)[1]}
