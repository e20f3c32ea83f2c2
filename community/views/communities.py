"""Community actions outside the page itself: join, leave, follow, unfollow."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from community.models import CommunityPage
from community.selectors.communities import membership_url
from community.services.communities import community_follow, community_join, community_leave, community_unfollow


def _community(community_id: int) -> CommunityPage:
    return get_object_or_404(CommunityPage.objects.live().public(), pk=community_id)


def _act(request, community_id: int, action, success: str):
    community = _community(community_id)
    if not request.user.is_authenticated:
        # Back to the community's page after signing in: the button is then one click away.
        return redirect_to_login(community.url)
    try:
        action(community=community, user=request.user)
    except PermissionDenied:
        # Only "you need to be a member of the community of practice": it reveals nothing of the community.
        return render(
            request,
            "community/communities/join_denied.html",
            {"community": community, "membership_url": membership_url()},
            status=403,
        )
    messages.success(request, success.format(title=community.title))
    return redirect(community.url)


@require_POST
def join(request, community_id: int):
    return _act(
        request,
        community_id,
        community_join,
        "You have joined {title}. You will also be told of its new meetings (you can unfollow at any time).",
    )


@require_POST
def leave(request, community_id: int):
    return _act(
        request,
        community_id,
        community_leave,
        "You have left {title}. You still follow it: unfollow if you no longer want to hear of its meetings.",
    )


@require_POST
def follow(request, community_id: int):
    return _act(request, community_id, community_follow, "You follow {title}: we will tell you of its new meetings.")


@require_POST
def unfollow(request, community_id: int):
    return _act(request, community_id, community_unfollow, "You no longer follow {title}.")
