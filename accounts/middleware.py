"""Keep members who are not editors out of the Wagtail admin."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.permissions import user_can_access_cms


class AdminAccessMiddleware:
    """Signed-in members without CMS access get the friendly 403 page for any admin URL.

    Wagtail's own answer would be a redirect to the log-in page, which sends a signed-in
    member straight back: a loop. Anonymous visitors are still sent to log in.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._prefix = None

    def __call__(self, request):
        if self._prefix is None:
            self._prefix = reverse("wagtailadmin_home")
        user = getattr(request, "user", None)
        if (
            request.path.startswith(self._prefix)
            and user is not None
            and user.is_authenticated
            and not user_can_access_cms(user)
        ):
            raise PermissionDenied("The CMS is for editors, moderators and group leads.")
        return self.get_response(request)
