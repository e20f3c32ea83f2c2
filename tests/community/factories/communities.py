"""Factories for community membership and communities of practice: one factory per role."""

import factory
import wagtail_factories

from community.models import CommunityIndexPage, CommunityLead, CommunityMembership, CommunityPage, Membership
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
