"""Learning predicates: each answers one question about a user with a bool."""

from accounts import roles
from accounts.permissions import user_can_access_cms, user_in_any_role

#: Roles that see the editors' reports: courses due for review and learning analytics.
COURSE_REPORT_ROLES = (roles.EDITOR, roles.MODERATOR, roles.GROUP_LEAD)


def user_can_view_course_reports(user) -> bool:
    """May open the review-overdue report and learning analytics: editors, moderators, group leads, superusers.

    CMS access is required too, so a member who is in one of these groups but has lost
    access to the admin sees nothing.
    """
    if not user_can_access_cms(user):
        return False
    return user.is_superuser or user_in_any_role(user, *COURSE_REPORT_ROLES)
