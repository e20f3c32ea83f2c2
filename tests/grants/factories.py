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
