"""Wagtail admin hooks for resources (registered when community/wagtail_hooks.py imports this module):
a "Resource submissions" item in the admin menu, for those who check members' submissions. The
checking itself happens on the site (the queue), where the private files are served."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from community.permissions.resources import resource_moderator


class ResourceSubmissionsMenuItem(MenuItem):
    """Shown only to group leads and community leads."""

    def is_shown(self, request):
        return resource_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_resource_submissions_menu_item():
    return ResourceSubmissionsMenuItem(
        _("Resource submissions"),
        reverse("community:resource_submissions"),
        name="resource-submissions",
        icon_name="doc-full-inverse",
        order=320,
    )
