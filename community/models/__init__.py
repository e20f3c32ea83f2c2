"""The community of practice's models, split by concern."""

from community.models.bundles import CareBundlePage
from community.models.communities import (
    CommunityFollow,
    CommunityIndexPage,
    CommunityLead,
    CommunityMembership,
    CommunityPage,
)
from community.models.discussions import Post, Thread
from community.models.events import (
    EventIndexPage,
    EventMaterial,
    EventPage,
    EventSpeaker,
    Registration,
    RegistrationStatus,
)
from community.models.membership import ApplicationStatus, Membership, MembershipApplication
from community.models.news import NewsCategory, NewsIndexPage, NewsPage
from community.models.resources import (
    ResourceIndexPage,
    ResourcePage,
    ResourcePageTag,
    ResourceSubmission,
    ResourceType,
    SubmissionStatus,
)
from community.models.surveys import SurveyField, SurveyPage, SurveySubmission

__all__ = [
    "ApplicationStatus",
    "CareBundlePage",
    "CommunityFollow",
    "CommunityIndexPage",
    "CommunityLead",
    "CommunityMembership",
    "CommunityPage",
    "EventIndexPage",
    "EventMaterial",
    "EventPage",
    "EventSpeaker",
    "Membership",
    "MembershipApplication",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "Post",
    "Registration",
    "RegistrationStatus",
    "ResourceIndexPage",
    "ResourcePage",
    "ResourcePageTag",
    "ResourceSubmission",
    "ResourceType",
    "SubmissionStatus",
    "SurveyField",
    "SurveyPage",
    "SurveySubmission",
    "Thread",
]
