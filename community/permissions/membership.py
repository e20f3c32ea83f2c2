"""Who belongs to the community of practice. Predicates return bool."""

from accounts.permissions import user_is_group_lead, user_is_member


def user_is_community_member(user) -> bool:
    """An approved member of the community (group leads and superusers count as members).

    Signed-in accounts may learn and apply for grants; members-only pages (discussions, the
    directory, members-only surveys) need an approved membership. Cached on the user object for
    the length of a request.
    """
    if not user_is_member(user):
        return False
    cached = getattr(user, "_community_member", None)
    if cached is None:
        from community.models import Membership

        cached = user.is_superuser or user_is_group_lead(user) or Membership.objects.filter(user=user).exists()
        user._community_member = cached
    return cached


def application_decide_allowed(*, user) -> bool:
    """Group leads (and superusers) decide applications to join."""
    return user_is_group_lead(user)


def application_withdraw_allowed(*, user, application) -> bool:
    """Only the applicant may withdraw their application."""
    return user_is_member(user) and application.user_id == user.pk


def members_directory_visible(*, user) -> bool:
    """The members' directory is for members of the community."""
    return user_is_community_member(user)
