"""Factories for grant support: the funding call index and funding calls."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from grants.models import FundingCallIndexPage, FundingCallPage


class FundingCallIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = FundingCallIndexPage

    title = "Funding calls"
    slug = "funding"


class FundingCallPageFactory(wagtail_factories.PageFactory):
    """An open call by default: opened ten days ago, closes in twenty days at 13:00 UK time."""

    class Meta:
        model = FundingCallPage

    title = factory.Sequence(lambda n: f"Funding call {n}")
    funder = "National Institute for Health and Care Research"
    scheme = "Research for Patient Benefit"
    summary = "Research that addresses an everyday challenge in NHS care."
    eligibility = "<ul><li>NHS-led teams with an academic partner</li></ul>"
    amount = "Up to £350,000"
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    closes_at = factory.LazyFunction(
        lambda: timezone.make_aware(
            datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=20), datetime.time(13, 0))
        )
    )
    link = "https://www.example.org/funder/call"


# Proposals ----------------------------------------------------------------------------------


def proposal_make(*, lead=None, call=None, title: str = "Nurse-led early warning for sepsis in PICU", **sections):
    """A draft proposal made through the service (every section present), with `sections` filled in.

    `sections` maps section keys to text, e.g. lay_summary="…". Pass complete=True to fill every
    required section and add one budget line, so that the checklist passes.
    """
    from grants.models import BudgetCategory, BudgetLine, ProposalSection
    from grants.sections import TEXT_SECTIONS
    from grants.services.proposals import proposal_create
    from tests.accounts.factories import LearnerFactory

    complete = sections.pop("complete", False)
    proposal = proposal_create(lead=lead or LearnerFactory(), title=title, call=call)
    if complete:
        for section in TEXT_SECTIONS:
            if section.required and section.key != "title":
                sections.setdefault(section.key, f"Our {section.label.lower()} in a few clear words.")
        BudgetLine.objects.create(
            proposal=proposal, category=BudgetCategory.STAFF, description="Research nurse, 0.2 WTE", cost="12000.00"
        )
    for key, text in sections.items():
        ProposalSection.objects.filter(proposal=proposal, key=key).update(text=text, revision=1)
    return proposal


def co_applicant_add(*, proposal, user=None):
    """Make `user` (a new learner by default) a co-applicant directly, without the invitation."""
    from grants.models import CoApplicant
    from tests.accounts.factories import LearnerFactory

    user = user or LearnerFactory()
    CoApplicant.objects.create(proposal=proposal, user=user)
    return user


def mentor_assign(*, proposal, mentor=None):
    """Assign `mentor` (a new mentor by default) directly, without the group lead's form."""
    from grants.models import MentorAssignment
    from tests.accounts.factories import MentorFactory

    mentor = mentor or MentorFactory()
    MentorAssignment.objects.create(proposal=proposal, mentor=mentor)
    return mentor
