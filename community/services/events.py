"""Writes for meetings: registering, cancelling, promoting from the waiting list, and reminders."""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Page

from accounts.permissions import user_is_member
from community.models import EventPage, Registration, RegistrationStatus
from community.permissions.events import registration_cancel_allowed
from community.selectors.events import registered_count, waitlist_position


class RegistrationClosed(Exception):
    """The meeting has started or finished: places can no longer be taken or given up."""

    def __init__(self, event: EventPage):
        self.event = event
        super().__init__("This meeting has already taken place, so registration is closed.")


def _event_lock(event: EventPage) -> None:
    # Every change to a meeting's places locks its page row first, so two requests for the last
    # place (or a double-clicked button) are handled one after the other, never interleaved.
    Page.objects.select_for_update().filter(pk=event.pk).values_list("pk", flat=True).get()


def _has_room(event: EventPage) -> bool:
    return event.capacity is None or registered_count(event=event) < event.capacity


def _mail(*, registration: Registration, template: str) -> None:
    event = registration.event
    context = {
        "event": event,
        "registration": registration,
        "event_url": event.get_full_url(),
        "position": waitlist_position(registration=registration),
    }
    subject = render_to_string(f"community/emails/{template}_subject.txt", context).strip()
    body = render_to_string(f"community/emails/{template}_body.txt", context)
    send_mail(subject, body, None, [registration.user.email])


@transaction.atomic
def registration_create(*, event: EventPage, user) -> Registration:
    """Register `user` for `event`: a confirmed place while there is room, otherwise the waiting list.

    Idempotent: an active registration is returned unchanged, so a double-submitted form makes one
    record; a cancelled one is reactivated at the back of the queue. Sends a confirmation e-mail
    (after commit). Raises RegistrationClosed once the meeting has started, and PermissionDenied for
    a visitor, an inactive account or a meeting that is not live. (Whether the member may see a
    members-only meeting's page is the caller's question: Wagtail answers it from the request.)
    """
    if not user_is_member(user) or not event.live:
        raise PermissionDenied
    _event_lock(event)
    if event.is_past:
        raise RegistrationClosed(event)
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.is_active:
        return registration
    status = RegistrationStatus.REGISTERED if _has_room(event) else RegistrationStatus.WAITLISTED
    if registration is None:
        registration = Registration.objects.create(event=event, user=user, status=status)
    else:
        registration.status = status
        registration.created_at = timezone.now()
        registration.promoted_at = None
        registration.reminded_at = None
        registration.save(update_fields=["status", "created_at", "promoted_at", "reminded_at"])
    _mail(registration=registration, template="registered" if status == RegistrationStatus.REGISTERED else "waitlisted")
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by) -> Registration:
    """Give up a place (or a place in the queue). Only the member who registered may cancel.

    When a confirmed place frees up, the earliest person on the waiting list is promoted and told by
    e-mail. Cancelling twice changes nothing. Raises PermissionDenied for anyone else, and
    RegistrationClosed once the meeting has started.
    """
    if not registration_cancel_allowed(user=by, registration=registration):
        raise PermissionDenied
    event = registration.event
    _event_lock(event)
    registration.refresh_from_db()
    if not registration.is_active:
        return registration
    if event.is_past:
        raise RegistrationClosed(event)
    freed = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    if freed:
        registration_promote_next(event=event)
    return registration


def registration_promote_next(*, event: EventPage) -> Registration | None:
    """Offer a free place to the earliest person on the waiting list and e-mail them; None if no one is waiting.

    Called inside registration_cancel's transaction, with the meeting's row locked.
    """
    if not _has_room(event):
        return None
    waiting = (
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = RegistrationStatus.REGISTERED
    waiting.promoted_at = timezone.now()
    waiting.save(update_fields=["status", "promoted_at"])
    _mail(registration=waiting, template="promoted")
    return waiting


# Reminders go out the day before: a meeting starting within this window gets them.
REMINDER_LEAD = datetime.timedelta(hours=24)


def event_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """E-mail every member with a confirmed place at a live meeting starting within REMINDER_LEAD.

    Each member is reminded once per meeting (so it is safe to run as often as wanted, e.g. hourly);
    the reminder carries the joining link, since only members with a place receive it. Returns how
    many reminders were queued.
    """
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            reminded_at__isnull=True,
            event__live=True,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMINDER_LEAD,
        )
        .select_related("event", "user")
        .order_by("event__starts_at", "pk")
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            # Claimed row by row, so two overlapping runs never send the same reminder twice.
            claimed = Registration.objects.filter(
                pk=registration.pk, status=RegistrationStatus.REGISTERED, reminded_at__isnull=True
            ).update(reminded_at=now)
            if claimed:
                _mail(registration=registration, template="reminder")
                sent += 1
    return sent
