"""Factories for discussions: threads (with their opening post) and replies."""

import factory

from community.models import Post, Thread
from tests.accounts.factories import GroupLeadFactory, LearnerFactory
from tests.community.factories.communities import (
    CommunityLeadFactory,
    CommunityMemberFactory,
    CommunityMembershipFactory,
    CommunityPageFactory,
)


class ThreadFactory(factory.django.DjangoModelFactory):
    """A discussion with its opening post by the same author."""

    class Meta:
        model = Thread
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityPageFactory)
    title = factory.Sequence(lambda n: f"How do you run huddles, case {n}?")
    author = factory.SubFactory(CommunityMemberFactory)
    opening = factory.RelatedFactory(
        "tests.community.factories.discussions.PostFactory",
        factory_related_name="thread",
        author=factory.SelfAttribute("..author"),
        body="We have tried a few ways. What works for you?",
    )


class PostFactory(factory.django.DjangoModelFactory):
    """A reply in a discussion."""

    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(CommunityMemberFactory)
    body = "On our unit the nurse in charge runs it at 10:00."


def discussion_people(community) -> dict:
    """One person per role around `community`'s discussions (anonymous is None), for permission matrices."""
    return {
        "anonymous": None,
        "outsider": LearnerFactory(),
        "member": CommunityMemberFactory(),
        "joined": CommunityMembershipFactory(community=community).user,
        "author": CommunityMembershipFactory(community=community).user,
        "lead": CommunityLeadFactory(page=community).user,
        "group_lead": GroupLeadFactory(),
    }
