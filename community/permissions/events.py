"""Who may see what of a meeting. Predicates return bool."""

from community.models import EventPage, Registration, RegistrationStatus


def online_link_visible(*, user, event: EventPage, registration: Registration | None) -> bool:
    """The joining link is for members with a confirmed place (not the waiting list, not visitors)."""
    return bool(
        event.online_link
        and user.is_authenticated
        and registration is not None
        and registration.user_id == user.pk
        and registration.event_id == event.pk
        and registration.status == RegistrationStatus.REGISTERED
    )


def registration_cancel_allowed(*, user, registration: Registration) -> bool:
    """Only the member who registered may give up their place."""
    return user.is_authenticated and registration.user_id == user.pk
