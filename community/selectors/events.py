"""Reads for meetings: the list, a meeting's page, places left and the waiting list."""

import datetime

from django.utils import timezone

from community.models import EventIndexPage, EventPage, Registration, RegistrationStatus
from community.permissions.events import online_link_visible

# Past meetings are kept for their slides and notes, but the list shows only the most recent.
PAST_SHOWN = 12
# The public calendar feed carries upcoming meetings and those of the last few months.
FEED_PAST_DAYS = 90


def events_for_index(*, index: EventIndexPage, now: datetime.datetime | None = None) -> dict:
    """Context for the meeting list: `upcoming` (soonest first) and `past` (most recent first, at most PAST_SHOWN).

    A meeting counts as past once it has started. Two queries, however many meetings there are.
    """
    now = now or timezone.now()
    live = EventPage.objects.child_of(index).live()
    upcoming = list(live.filter(starts_at__gt=now).order_by("starts_at", "path"))
    past = list(live.filter(starts_at__lte=now).order_by("-starts_at", "path")[:PAST_SHOWN])
    return {"upcoming": upcoming, "past": past}


def events_for_feed(*, now: datetime.datetime | None = None) -> list[EventPage]:
    """Live, public meetings for the calendar feed: upcoming ones and those of the last FEED_PAST_DAYS days."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=FEED_PAST_DAYS)
    return list(EventPage.objects.live().public().filter(starts_at__gte=since).order_by("starts_at", "path"))


def registration_for(*, event: EventPage, user) -> Registration | None:
    """The member's registration for the meeting (of any status), or None (always None for visitors)."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def registered_count(*, event: EventPage) -> int:
    """How many members hold a confirmed place."""
    return Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()


def places_left(*, event: EventPage) -> int | None:
    """Confirmed places still free; None when the meeting has no capacity limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - registered_count(event=event), 0)


def waitlist_position(*, registration: Registration) -> int | None:
    """1 for the next person to be offered a place; None if the registration is not on the waiting list."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITLISTED, created_at__lt=registration.created_at
    ).count()
    return ahead + 1


def event_detail(*, event: EventPage, user) -> dict:
    """Context for a meeting's page: the member's `registration`, `places_left`, `waitlist_position`,
    `show_online_link`, and the `speakers` and `materials` in editors' order.

    Works for previews too, where speakers and materials are the unsaved ones in the editor's form.
    """
    registration = registration_for(event=event, user=user) if event.pk else None
    active = registration if registration is not None and registration.is_active else None
    return {
        "registration": active,
        "places_left": places_left(event=event) if event.pk else event.capacity,
        "waitlist_position": waitlist_position(registration=active) if active else None,
        "show_online_link": online_link_visible(user=user, event=event, registration=active),
        "speakers": list(event.speakers.all()),
        "materials": list(event.materials.select_related("document").order_by("sort_order")),
    }
