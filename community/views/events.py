"""Meeting actions outside the page itself: register, cancel, calendar files, and the organisers' list.

The actions take any live meeting the visitor may see, including one on a members-only page (a
Wagtail view restriction): a visitor kept out by "signed-in members" or a group restriction is sent
to sign in; anyone else who may not see the page gets 404.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST, require_safe

from community import ical
from community.models import EventPage, Registration, RegistrationStatus
from community.permissions.events import (
    event_registrations_view_allowed,
    event_sign_in_would_help,
    event_view_allowed,
    online_link_visible,
)
from community.selectors.events import event_registrations, events_for_feed, registration_for, waitlist_position
from community.services.events import RegistrationClosed, registration_cancel, registration_create
from courses.spreadsheets import csv_cell, csv_response


def visible_event(view):
    """Pass the live meeting `event_id` to the view if the visitor may see its page (else log-in or 404)."""

    @wraps(view)
    def wrapped(request, event_id: int, *args, **kwargs):
        event = get_object_or_404(EventPage.objects.live(), pk=event_id)
        if not event_view_allowed(request=request, event=event):
            if event_sign_in_would_help(request=request, event=event):
                return redirect_to_login(event.url)
            raise Http404
        return view(request, event, *args, **kwargs)

    return wrapped


def organiser_event(view):
    """Pass the meeting `event_id` (live or not) to the view if the user organises it: signed in (else
    the log-in page) and allowed to see its registrations (else 404)."""

    @wraps(view)
    def wrapped(request, event_id: int, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        event = EventPage.objects.filter(pk=event_id).select_related("community").first()
        if event is None or not event_registrations_view_allowed(user=request.user, event=event):
            raise Http404
        return view(request, event, *args, **kwargs)

    return wrapped


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@visible_event
def event_register(request, event: EventPage):
    if not request.user.is_authenticated:
        # Back to the meeting's page after signing in: the form is then one click away.
        return redirect_to_login(event.url)
    try:
        registration = registration_create(event=event, user=request.user)
    except RegistrationClosed as error:
        messages.error(request, str(error))
        return redirect(event.url)
    except PermissionDenied as error:
        raise Http404 from error
    if registration.status == RegistrationStatus.REGISTERED:
        messages.success(request, "You are registered. We have sent you a confirmation e-mail.")
    else:
        position = waitlist_position(registration=registration)
        messages.warning(
            request,
            f"The meeting is full: you are on the waiting list (position {position}). "
            "We will e-mail you if a place comes up.",
        )
    return redirect(event.url)


@require_POST
@visible_event
def event_cancel(request, event: EventPage):
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    registration = get_object_or_404(Registration, event=event, user=request.user)
    try:
        registration_cancel(registration=registration, by=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    except RegistrationClosed as error:
        messages.error(request, str(error))
        return redirect(event.url)
    messages.success(request, "Your place is cancelled.")
    return redirect(event.url)


@require_GET
@visible_event
def event_calendar(request, event: EventPage):
    registration = registration_for(event=event, user=request.user)
    show_link = online_link_visible(user=request.user, event=event, registration=registration)
    content = ical.event_calendar(
        event=event, url=event.get_full_url(request), online_link=event.online_link if show_link else ""
    )
    response = _ics(content, f"{event.slug}.ics")
    if show_link or event.get_view_restrictions():
        # A member's own file (or one of a members-only meeting): never kept by a shared cache.
        response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def events_feed(request):
    events = [(event, event.get_full_url(request)) for event in events_for_feed()]
    response = HttpResponse(
        ical.events_feed(events=events, name="Implementation Hub meetings"), content_type="text/calendar; charset=utf-8"
    )
    return response


@require_safe
@organiser_event
def event_registrations_list(request, event: EventPage):
    """Who is coming: confirmed places, the waiting list in order, and cancellations."""
    context = {"event": event, **event_registrations(event=event)}
    response = render(request, "community/events/registrations.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


REGISTRATIONS_CSV_COLUMNS = [
    "status",
    "waiting list position",
    "name",
    "e-mail",
    "organisation",
    "job title",
    "registered at",
    "promoted from the waiting list at",
]


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@require_safe
@organiser_event
def event_registrations_csv(request, event: EventPage):
    """The organisers' list as a CSV file: confirmed places, then the waiting list in order, then
    cancellations; times in UK time (YYYY-MM-DD HH:MM). Text cells are guarded against spreadsheet
    formulas; the file starts with a byte order mark so that spreadsheets read accents correctly."""
    data = event_registrations(event=event)
    statuses = dict(RegistrationStatus.choices)
    rows = [
        *((None, r) for r in data["registered"]),
        *data["waitlisted"],
        *((None, r) for r in data["cancelled"]),
    ]
    response, writer = csv_response(f"registrations-{event.slug}.csv", byte_order_mark=True)
    response["Cache-Control"] = "private, no-store"
    writer.writerow(REGISTRATIONS_CSV_COLUMNS)
    for position, registration in rows:
        user = registration.user
        writer.writerow(
            [
                str(statuses[registration.status]),
                position or "",
                csv_cell(user.get_full_name()),
                csv_cell(user.email),
                csv_cell(user.organisation.name if user.organisation else ""),
                csv_cell(user.job_title),
                _local(registration.created_at),
                _local(registration.promoted_at),
            ]
        )
    return response
