"""Who may join, leave, follow and unfollow a community, and who sees its discussion titles: one matrix."""

import pytest
from django.urls import reverse

from community.models import CommunityFollow, CommunityMembership, Thread
from tests.accounts.factories import GroupLeadFactory, LearnerFactory
from tests.community.factories.communities import (
    CommunityLeadFactory,
    CommunityMemberFactory,
    CommunityMembershipFactory,
)

ROLES = ["anonymous", "non_member", "member", "joined", "community_lead", "group_lead"]


def _user(role: str, community):
    if role == "anonymous":
        return None
    if role == "non_member":
        return LearnerFactory()
    if role == "member":
        return CommunityMemberFactory()
    if role == "joined":
        return CommunityMembershipFactory(community=community).user
    if role == "community_lead":
        return CommunityLeadFactory(page=community).user
    return GroupLeadFactory()


def _rows(community, user):
    if user is None:
        return (0, 0)
    return (
        CommunityMembership.objects.filter(community=community, user=user).count(),
        CommunityFollow.objects.filter(community=community, user=user).count(),
    )


# (role, action) -> (status, (memberships, follows) afterwards). 302 to the community's page on success,
# to the log-in page for visitors; 403 explains how to become a member (it reveals nothing).
MATRIX = {
    ("anonymous", "join"): (302, (0, 0)),
    ("anonymous", "leave"): (302, (0, 0)),
    ("anonymous", "follow"): (302, (0, 0)),
    ("anonymous", "unfollow"): (302, (0, 0)),
    ("non_member", "join"): (403, (0, 0)),
    ("non_member", "leave"): (302, (0, 0)),
    ("non_member", "follow"): (302, (0, 1)),
    ("non_member", "unfollow"): (302, (0, 0)),
    ("member", "join"): (302, (1, 1)),
    ("member", "leave"): (302, (0, 0)),
    ("member", "follow"): (302, (0, 1)),
    ("member", "unfollow"): (302, (0, 0)),
    ("joined", "join"): (302, (1, 1)),
    ("joined", "leave"): (302, (0, 0)),
    ("joined", "follow"): (302, (1, 1)),
    ("joined", "unfollow"): (302, (1, 0)),
    ("community_lead", "join"): (302, (1, 1)),
    ("community_lead", "leave"): (302, (0, 0)),
    ("community_lead", "follow"): (302, (0, 1)),
    ("community_lead", "unfollow"): (302, (0, 0)),
    ("group_lead", "join"): (302, (1, 1)),
    ("group_lead", "leave"): (302, (0, 0)),
    ("group_lead", "follow"): (302, (0, 1)),
    ("group_lead", "unfollow"): (302, (0, 0)),
}


@pytest.mark.parametrize(("role", "action"), list(MATRIX))
def test_actions(client, community, role, action):
    expected_status, expected_rows = MATRIX[(role, action)]
    user = _user(role, community)
    if user is not None:
        client.force_login(user)
    url = reverse(f"community:community_{action}", args=[community.pk])
    response = client.post(url)
    assert response.status_code == expected_status
    if expected_status == 302:
        target = response["Location"]
        assert target.startswith("/accounts/login/") if user is None else target == community.url
    if expected_status == 403:
        assert 'href="/membership/"' in response.content.decode()
    assert _rows(community, user) == expected_rows
    # A double submit changes nothing more.
    client.post(url)
    assert _rows(community, user) == expected_rows


@pytest.mark.parametrize(
    ("role", "sees_titles"),
    [
        ("anonymous", False),
        ("non_member", False),
        ("member", False),
        ("joined", True),
        ("community_lead", True),
        ("group_lead", True),
    ],
)
def test_discussion_titles(client, community, role, sees_titles):
    Thread.objects.create(community=community, title="Lactate on the ward")
    user = _user(role, community)
    if user is not None:
        client.force_login(user)
    content = client.get(community.url).content.decode()
    assert ("Lactate on the ward" in content) is sees_titles
    assert ("members only" in content) is not sees_titles


@pytest.mark.parametrize("action", ["join", "leave", "follow", "unfollow"])
def test_actions_are_post_only(client, community, action):
    client.force_login(CommunityMemberFactory())
    assert client.get(reverse(f"community:community_{action}", args=[community.pk])).status_code == 405


@pytest.mark.parametrize("action", ["join", "follow"])
def test_unpublished_or_unknown_communities_are_not_found(client, community, action):
    client.force_login(CommunityMemberFactory())
    community.unpublish()
    assert client.post(reverse(f"community:community_{action}", args=[community.pk])).status_code == 404
    assert client.post(reverse(f"community:community_{action}", args=[999_999])).status_code == 404
