"""Factories for the community app, one module per concern; import from here."""

from tests.community.factories.communities import (
    CommunityIndexPageFactory,
    CommunityLeadFactory,
    CommunityMemberFactory,
    CommunityMembershipFactory,
    CommunityPageFactory,
    MembershipFactory,
)
from tests.community.factories.events import (
    EventIndexPageFactory,
    EventPageFactory,
    RegistrationFactory,
    uk_time,
)

__all__ = [
    "CommunityIndexPageFactory",
    "CommunityLeadFactory",
    "CommunityMemberFactory",
    "CommunityMembershipFactory",
    "CommunityPageFactory",
    "EventIndexPageFactory",
    "EventPageFactory",
    "MembershipFactory",
    "RegistrationFactory",
    "uk_time",
]
