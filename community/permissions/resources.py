"""Who may offer resources to the library and who checks them. Predicates return bool."""

from accounts.permissions import user_is_group_lead, user_is_member
from community.permissions.communities import user_leads_community
from community.permissions.membership import user_is_community_member


def resource_submit_allowed(user) -> bool:
    """May offer a resource to the library: approved members of the community of practice."""
    return user_is_community_member(user)


def resource_moderator(user) -> bool:
    """Checks some members' submissions: a group lead, or a lead of at least one community.

    The list side of this rule (which submissions) is `resource_submissions_for_moderation`.
    """
    if not user_is_member(user):
        return False
    if user_is_group_lead(user):
        return True
    from community.models import CommunityLead

    return CommunityLead.objects.filter(user=user).exists()


def resource_submission_moderate_allowed(user, submission) -> bool:
    """May read, publish or decline this submission: group leads, and leads of its community.

    A submission filed under no community is for the group leads alone.
    """
    if not user_is_member(user):
        return False
    if user_is_group_lead(user):
        return True
    return submission.community is not None and user_leads_community(user, submission.community)


def resource_submission_view_allowed(user, submission) -> bool:
    """May see this submission (and its file): the member who sent it, or someone who may moderate it."""
    if not user_is_member(user):
        return False
    return submission.submitted_by_id == user.pk or resource_submission_moderate_allowed(user, submission)
