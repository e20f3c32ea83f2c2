"""Factories for applications to join the community (memberships themselves: see communities.py)."""

import factory

from community.models import ApplicationStatus, MembershipApplication
from tests.accounts.factories import LearnerFactory


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    """A pending application from a learner, made directly (services are tested separately)."""

    class Meta:
        model = MembershipApplication

    user = factory.SubFactory(LearnerFactory)
    professional_group = factory.SelfAttribute("user.professional_group")
    organisation = factory.SelfAttribute("user.organisation")
    job_title = factory.SelfAttribute("user.job_title")
    reason = "I would like to learn how other units recognise sepsis early."
    consent_to_be_listed = True
    status = ApplicationStatus.PENDING
