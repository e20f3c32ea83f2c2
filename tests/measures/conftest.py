import pytest

from tests.accounts.factories import LearnerFactory
from tests.measures.factories import (
    CampaignFactory,
    ContributorFactory,
    NumberMeasureFactory,
    ProportionMeasureFactory,
    SiteFactory,
)


@pytest.fixture
def campaign(db):
    """A campaign with a proportion measure (screened within an hour) and a number (minutes to antibiotics)."""
    campaign = CampaignFactory(name="Sepsis six", slug="sepsis-six")
    ProportionMeasureFactory(campaign=campaign, code="SCR", name="Screened within one hour", sort_order=1)
    NumberMeasureFactory(
        campaign=campaign, code="ABX", name="Minutes to antibiotics", sort_order=2, required=False, max_value=600
    )
    return campaign


@pytest.fixture
def site_a(campaign):
    return SiteFactory(campaign=campaign, display_name="Northfield ED")


@pytest.fixture
def site_b(campaign):
    return SiteFactory(campaign=campaign, display_name="Caledonian PICU")


@pytest.fixture
def contributor_a(site_a):
    return ContributorFactory(site=site_a)


@pytest.fixture
def contributor_b(site_b):
    return ContributorFactory(site=site_b)


@pytest.fixture
def campaign_lead(campaign):
    lead = LearnerFactory()
    campaign.leads.add(lead)
    return lead


@pytest.fixture
def stranger(db):
    return LearnerFactory()


@pytest.fixture
def measures(campaign):
    scr, abx = campaign.measures.order_by("sort_order")
    return {"scr": scr, "abx": abx}
