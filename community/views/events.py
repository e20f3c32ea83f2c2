"""Meeting actions outside the page itself: register, cancel, calendar files."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from community import ical
from community.models import EventPage, Registration, RegistrationStatus
from community.permissions.events import online_link_visible
from community.selectors.events import events_for_feed, registration_for, waitlist_position
from community.services.events import RegistrationClosed, registration_cancel, registration_create


def _event(event_id: int) -> EventPage:
    return get_object_or_404(EventPage.objects.live().public(), pk=event_id)


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def event_register(request, event_id: int):
    event = _event(event_id)
    if not request.user.is_authenticated:
        # Back to the meeting's page after signing in: the form is then one click away.
        return redirect_to_login(event.url)
    try:
        registration = registration_create(event=event, user=request.user)
    except RegistrationClosed as error:
        messages.error(request, str(error))
        return redirect(event.url)
    if registration.status == RegistrationStatus.REGISTERED:
        messages.success(request, "You are registered. We have sent you a confirmation e-mail.")
    else:
        position = waitlist_position(registration=registration)
        messages.warning(request, f"The meeting is full: you are on the waiting list (position {position}).")
    return redirect(event.url)


@require_POST
def event_cancel(request, event_id: int):
    event = _event(event_id)
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
def event_calendar(request, event_id: int):
    event = _event(event_id)
    registration = registration_for(event=event, user=request.user)
    show_link = online_link_visible(user=request.user, event=event, registration=registration)
    content = ical.event_calendar(
        event=event, url=event.get_full_url(request), online_link=event.online_link if show_link else ""
    )
    return _ics(content, f"{event.slug}.ics")


@require_GET
def events_feed(request):
    events = [(event, event.get_full_url(request)) for event in events_for_feed()]
    response = HttpResponse(
        ical.events_feed(events=events, name="Implementation Hub meetings"), content_type="text/calendar; charset=utf-8"
    )
    return response
