"""Factories for data campaigns, their sites and monthly returns."""

import datetime

import factory
from django.utils import timezone

from measures.models import Campaign, Measure, MeasureKind, Site
from measures.selectors import month_add
from measures.services import return_submit
from tests.accounts.factories import LearnerFactory, OrganisationFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Sepsis campaign {n}")
    slug = factory.Sequence(lambda n: f"sepsis-campaign-{n}")
    description = "Time-critical care for children with sepsis."


class ProportionMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    campaign = factory.SubFactory(CampaignFactory)
    code = factory.Sequence(lambda n: f"M{n}")
    name = factory.Sequence(lambda n: f"Screened for sepsis {n}")
    kind = MeasureKind.PROPORTION
    numerator_label = "Children screened"
    denominator_label = "Eligible attendances"
    sort_order = factory.Sequence(lambda n: n)


class NumberMeasureFactory(ProportionMeasureFactory):
    name = factory.Sequence(lambda n: f"Median minutes to antibiotics {n}")
    kind = MeasureKind.NUMBER
    numerator_label = ""
    denominator_label = ""
    unit = "minutes"


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    campaign = factory.SubFactory(CampaignFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    display_name = factory.Sequence(lambda n: f"Childrens emergency department {n}")


class ContributorFactory(LearnerFactory):
    """A member named as a data contributor of `site` (pass site=...)."""

    @factory.post_generation
    def site(obj, create, extracted, **kwargs):
        if extracted is not None:
            extracted.contributors.add(obj)


def last_month(today: datetime.date | None = None) -> datetime.date:
    return month_add((today or timezone.localdate()).replace(day=1), -1)


def returns_for(*, site, months: int, numerator=20, denominator=40, value=45, end=None):
    """`months` monthly returns for the site, ending with last month, each with every measure filled in."""
    end = end or last_month()
    created = []
    measures = list(site.campaign.measures.all())
    for offset in range(months - 1, -1, -1):
        month = month_add(end, -offset)
        figures = {}
        for measure in measures:
            if measure.is_proportion:
                figures[measure.pk] = {"numerator": numerator, "denominator": denominator}
            else:
                figures[measure.pk] = {"value": value}
        created.append(return_submit(site=site, month=month, figures=figures, by=None, check_permission=False))
    return created
