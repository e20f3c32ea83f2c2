"""Template context every page shares: the signed-in member's count of unread notifications."""

from functools import cache

from accounts.notifications import notifications_unread_count


def notifications(request) -> dict:
    """`notifications_unread`: how many notifications the signed-in member has not opened, for the header.

    A cached function the template calls: the count is made only when a template shows it and at
    most once per request, so a page costs one query for a member and none for anonymous visitors.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counter = getattr(request, "_notifications_unread", None)
    if counter is None:
        counter = request._notifications_unread = cache(lambda: notifications_unread_count(user=user))
    return {"notifications_unread": counter}
