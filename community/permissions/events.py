"""Who may see what of a meeting. Predicates return bool."""

from wagtail.models import PageViewRestriction

from accounts.permissions import user_in_any_role, user_is_group_lead, user_is_member
from community.models import EventPage, Registration, RegistrationStatus
from community.permissions.communities import user_leads_community


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


def event_view_allowed(*, request, event: EventPage) -> bool:
    """The request may see the meeting's page: every Wagtail view restriction on the page or above it
    accepts it (Wagtail's own test when it serves the page; takes the request, as a password
    restriction is passed in the session)."""
    return all(restriction.accept_request(request) for restriction in event.get_view_restrictions())


def event_sign_in_would_help(*, request, event: EventPage) -> bool:
    """A visitor is kept out of the meeting's page by a "signed-in members" or group restriction, so
    the log-in page, not a 404, is the right answer (as Wagtail does when it serves the page)."""
    if request.user.is_authenticated:
        return False
    return any(
        restriction.restriction_type in (PageViewRestriction.LOGIN, PageViewRestriction.GROUPS)
        and not restriction.accept_request(request)
        for restriction in event.get_view_restrictions()
    )


def restriction_passed_by_user(*, user, restriction: PageViewRestriction) -> bool:
    """`user` passes a view restriction whose groups are prefetched (for lists, without the request).

    A password restriction counts as not passed: it is passed per browser session, so lists leave
    those meetings out and their page asks for the password.
    """
    if restriction.restriction_type == PageViewRestriction.NONE:
        return True
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        if not user.is_authenticated:
            return False
        return user.is_superuser or user_in_any_role(user, *(group.name for group in restriction.groups.all()))
    return False


def event_registrations_view_allowed(*, user, event: EventPage) -> bool:
    """The organisers see who is coming: group leads, leads of the meeting's community, and whoever may
    edit the meeting's page in Wagtail."""
    if not user_is_member(user):
        return False
    if user_is_group_lead(user):
        return True
    if event.community_id is not None and user_leads_community(user, event.community):
        return True
    return event.permissions_for_user(user).can_edit()
