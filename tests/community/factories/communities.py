"""Factories for community membership and communities of practice: one factory per role."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from community.models import (
    CareBundlePage,
    CommunityFollow,
    CommunityIndexPage,
    CommunityLead,
    CommunityMembership,
    CommunityPage,
    Membership,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
)
from tests.accounts.factories import LearnerFactory


class MembershipFactory(factory.django.DjangoModelFactory):
    """An approved membership of the community of practice, made directly."""

    class Meta:
        model = Membership

    user = factory.SubFactory(LearnerFactory)
    listed_in_directory = False


class CommunityMemberFactory(LearnerFactory):
    """A learner whose application to join the community was approved."""

    membership = factory.RelatedFactory(MembershipFactory, factory_related_name="user")


class CommunityIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CommunityIndexPage

    title = "Communities"
    slug = "communities"


class CommunityPageFactory(wagtail_factories.PageFactory):
    """A community of practice (published when made under a parent)."""

    class Meta:
        model = CommunityPage

    title = factory.Sequence(lambda n: f"Community {n}")
    summary = "Clinicians working together on one problem across units."
    purpose = "<p>Share what works and learn from each other.</p>"


class CommunityLeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityLead

    page = factory.SubFactory(CommunityPageFactory)
    user = factory.SubFactory(CommunityMemberFactory)


class CommunityMembershipFactory(factory.django.DjangoModelFactory):
    """A member who has joined a community."""

    class Meta:
        model = CommunityMembership

    community = factory.SubFactory(CommunityPageFactory)
    user = factory.SubFactory(CommunityMemberFactory)


class CommunityFollowFactory(factory.django.DjangoModelFactory):
    """A member who follows a community (to hear of its new meetings)."""

    class Meta:
        model = CommunityFollow

    community = factory.SubFactory(CommunityPageFactory)
    user = factory.SubFactory(LearnerFactory)


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"
    slug = "news"


class NewsPageFactory(wagtail_factories.PageFactory):
    """A news item dated `days_ago` days before today (published when made under a parent)."""

    class Meta:
        model = NewsPage

    class Params:
        days_ago = 1

    title = factory.Sequence(lambda n: f"News item {n}")
    date = factory.LazyAttribute(lambda o: timezone.localdate() - datetime.timedelta(days=o.days_ago))
    category = NewsCategory.ANNOUNCEMENT
    summary = "Something the community should know."


def bundle_stage(name: str, interventions: list[str]) -> tuple[str, dict]:
    """A care-bundle stage as StreamField data, each intervention with guideline-level evidence."""
    return (
        "stage",
        {
            "name": name,
            "description": f"<p>About {name.lower()}.</p>",
            "interventions": [
                {
                    "title": title,
                    "detail": f"<p>How to do {title.lower()}.</p>",
                    "evidence_level": "guideline",
                    "evidence": "<p>NICE guideline NG51.</p>",
                }
                for title in interventions
            ],
            "resources": [],
            "documents": [],
        },
    )


class CareBundlePageFactory(wagtail_factories.PageFactory):
    """A care bundle with two stages (published when made under a community)."""

    class Meta:
        model = CareBundlePage

    title = factory.Sequence(lambda n: f"Care bundle {n}")
    summary = "What every unit does, stage by stage."
    stages = factory.LazyFunction(
        lambda: [
            bundle_stage("Recognition", ["Screen every child", "Listen to parents"]),
            bundle_stage("Treatment", ["Antibiotics within one hour"]),
        ]
    )
