"""Reads for meetings: the list, a meeting's page, places left, the waiting list and the organisers' list."""

import datetime

from django.utils import timezone
from wagtail.models import PageViewRestriction

from community.models import CommunityPage, EventIndexPage, EventPage, Registration, RegistrationStatus
from community.permissions.events import (
    event_registrations_view_allowed,
    online_link_visible,
    restriction_passed_by_user,
)

# Past meetings are kept for their slides and notes, but the list shows only the most recent.
PAST_SHOWN = 12
# The public calendar feed carries upcoming meetings and those of the last few months.
FEED_PAST_DAYS = 90


def events_visible_to(*, user, events):
    """Narrow a queryset of meetings to those `user` may see: live, and under no view restriction
    (on the page or an ancestor) that they fail. A constant number of queries, however many meetings
    or restrictions there are (restrictions and their groups come in two queries)."""
    events = events.live()
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    for restriction in restrictions:
        if not restriction_passed_by_user(user=user, restriction=restriction):
            events = events.not_descendant_of(restriction.page, inclusive=True)
    return events


def event_communities() -> list[CommunityPage]:
    """The communities a meeting list can be narrowed to: live ones, by name."""
    return list(CommunityPage.objects.live().order_by("title").only("id", "title"))


def events_for_index(
    *,
    index: EventIndexPage,
    user,
    community_id: int | None = None,
    now: datetime.datetime | None = None,
) -> dict:
    """Context for the meeting list: `upcoming` (soonest first) and `past` (most recent first, at most
    PAST_SHOWN), of the meetings `user` may see, optionally only those of one community.

    A meeting counts as past once it has started. A constant number of queries, however many meetings.
    """
    now = now or timezone.now()
    live = events_visible_to(user=user, events=EventPage.objects.child_of(index)).select_related("community")
    if community_id is not None:
        live = live.filter(community_id=community_id)
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


def event_state(*, event: EventPage, registration: Registration | None, places: int | None) -> str:
    """Where the member stands, for the page's box: "preview", "closed", "registered", "waitlisted",
    "full" (no place left: registering joins the waiting list) or "open"."""
    if not event.pk:
        return "preview"
    if event.is_past:
        return "closed"
    if registration is not None:
        return registration.status
    if event.capacity is not None and not places:
        return "full"
    return "open"


def event_detail(*, event: EventPage, user) -> dict:
    """Context for a meeting's page: the member's `registration`, `places_left`, `waitlist_position`,
    `state` (see event_state), `show_online_link`, `community` (when live), whether the user may see
    the organisers' list (`can_see_registrations`), and the `speakers` and `materials` in editors' order.

    Works for previews too, where speakers and materials are the unsaved ones in the editor's form.
    """
    registration = registration_for(event=event, user=user) if event.pk else None
    active = registration if registration is not None and registration.is_active else None
    places = places_left(event=event) if event.pk else event.capacity
    community = event.community if event.community_id else None
    return {
        "registration": active,
        "places_left": places,
        "waitlist_position": waitlist_position(registration=active) if active else None,
        "state": event_state(event=event, registration=active, places=places),
        "show_online_link": online_link_visible(user=user, event=event, registration=active),
        "community": community if community is not None and community.live else None,
        "can_see_registrations": bool(event.pk) and event_registrations_view_allowed(user=user, event=event),
        "speakers": list(event.speakers.all()),
        "materials": list(event.materials.select_related("document").order_by("sort_order")),
    }


def event_registrations(*, event: EventPage) -> dict:
    """The organisers' list for a meeting, in one query however many registrations there are:
    `registered` (in order of registering), `waitlisted` as (position, registration) pairs in the
    order places will be offered, `cancelled`, and their counts. Each registration carries its user
    and the user's organisation."""
    rows = list(
        Registration.objects.filter(event=event)
        .select_related("user", "user__organisation")
        .order_by("created_at", "pk")
    )
    registered = [r for r in rows if r.status == RegistrationStatus.REGISTERED]
    waitlisted = list(enumerate((r for r in rows if r.status == RegistrationStatus.WAITLISTED), start=1))
    cancelled = [r for r in rows if r.status == RegistrationStatus.CANCELLED]
    return {
        "registered": registered,
        "waitlisted": waitlisted,
        "cancelled": cancelled,
        "counts": {"registered": len(registered), "waitlisted": len(waitlisted), "cancelled": len(cancelled)},
    }
