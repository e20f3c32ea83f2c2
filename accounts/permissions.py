"""Role predicates: each answers one question about a user with a bool."""

from accounts import roles


def _in_group(user, name: str) -> bool:
    if not user.is_authenticated:
        return False
    # Group names are cached on the user object for the length of a request.
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return name in cache


def user_in_any_role(user, *names: str) -> bool:
    """In at least one of these roles (groups)."""
    return any(_in_group(user, name) for name in names)


def user_is_member(user) -> bool:
    """Signed in with an active account."""
    return bool(user.is_authenticated and user.is_active)


def user_is_mentor(user) -> bool:
    """Can be assigned to mentor proposals."""
    return user_is_member(user) and (user.is_superuser or _in_group(user, roles.MENTOR))


def user_is_group_lead(user) -> bool:
    """Runs the community."""
    return user_is_member(user) and (user.is_superuser or _in_group(user, roles.GROUP_LEAD))


def user_can_access_cms(user) -> bool:
    """May open the Wagtail admin (editors, moderators, group leads)."""
    return user_is_member(user) and user.has_perm("wagtailadmin.access_admin")
