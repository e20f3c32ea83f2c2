"""Wagtail admin hooks for membership (registered when community/wagtail_hooks.py imports this module).

Applications are decided on the site's own queue page (one place that checks permission, records the
decision and tells the applicant), so the admin only links to it; Membership and MembershipApplication
are deliberately not registered as admin models.
"""

from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from community.permissions.membership import application_decide_allowed


class MembershipApplicationsMenuItem(MenuItem):
    """A link to the membership applications queue, for group leads only."""

    def is_shown(self, request) -> bool:
        return application_decide_allowed(user=request.user)


@hooks.register("register_admin_menu_item")
def membership_applications_menu_item() -> MenuItem:
    return MembershipApplicationsMenuItem(
        "Membership applications",
        reverse_lazy("community:membership_applications"),
        name="membership-applications",
        icon_name="group",
        order=900,
    )
