"""Who leads a community of practice. Predicates return bool."""

from accounts.permissions import user_is_group_lead, user_is_member


def user_leads_community(user, community) -> bool:
    """Listed as one of the community's leads, or a group lead (who runs every community)."""
    if not user_is_member(user):
        return False
    if user.is_superuser or user_is_group_lead(user):
        return True
    return community.leads.filter(user=user).exists()


def user_in_community(user, community) -> bool:
    """Has joined this community of practice."""
    return user_is_member(user) and community.memberships.filter(user=user).exists()


def community_join_allowed(user, community) -> bool:
    """Approved members of the community of practice may join any of its communities."""
    from community.permissions.membership import user_is_community_member

    return user_is_community_member(user)


def community_follow_allowed(user, community) -> bool:
    """Any signed-in member may follow a community (to hear of its new meetings), or leave or unfollow it."""
    return user_is_member(user)
