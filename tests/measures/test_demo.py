"""The demo campaign: built either way, idempotent, and its run charts tell the intended stories."""

import pytest

from home.demo import accounts_ensure
from measures.demo import measures_demo_load
from measures.demo_content import CAMPAIGN
from measures.models import Campaign, MonthlyReturn, ReturnRevision
from measures.runchart import analyse
from measures.selectors import measure_series


def test_demo_without_activity_has_data_and_no_people(site_pages):
    measures_demo_load(with_activity=False)
    campaign = Campaign.objects.get(slug=CAMPAIGN["slug"])
    assert campaign.measures.count() == 4
    assert campaign.sites.count() == 3
    assert MonthlyReturn.objects.filter(site__campaign=campaign).count() == 36
    assert not MonthlyReturn.objects.exclude(submitted_by=None).exists()
    assert not campaign.leads.exists()


def test_demo_is_idempotent(site_pages):
    measures_demo_load(with_activity=False)
    counts = (MonthlyReturn.objects.count(), ReturnRevision.objects.count())
    measures_demo_load(with_activity=False)
    assert (MonthlyReturn.objects.count(), ReturnRevision.objects.count()) == counts


def test_demo_with_activity_names_the_contributors_and_lead(site_pages):
    accounts_ensure(password="demo-password-123")
    measures_demo_load(with_activity=True)
    campaign = Campaign.objects.get(slug=CAMPAIGN["slug"])
    assert campaign.leads.filter(email=CAMPAIGN["lead_email"]).exists()
    contributors = {
        site.display_name: set(site.contributors.values_list("email", flat=True)) for site in campaign.sites.all()
    }
    assert contributors["St Aidan's PICU outreach"] == {"learner@demo.implementation-hub.test"}
    assert MonthlyReturn.objects.filter(submitted_by__email="researcher@demo.implementation-hub.test").count() == 12


@pytest.mark.parametrize(
    ("organisation", "signal"),
    [
        ("Northfield Children's Hospital NHS Foundation Trust", "shift"),
        ("St Aidan's Paediatric Intensive Care Unit", None),
        ("Royal Caledonian Hospital for Children", "trend"),
    ],
)
def test_demo_sites_tell_their_stories(site_pages, organisation, signal):
    measures_demo_load(with_activity=False)
    campaign = Campaign.objects.get(slug=CAMPAIGN["slug"])
    site = campaign.sites.get(organisation__name=organisation)
    screened = campaign.measures.get(code="SCR1H")
    series = measure_series(campaign=campaign, site_ids=[site.pk])[screened.pk]
    values = [v for v in series.values if v is not None]
    assert len(values) == 12
    denominators = [d for d in series.denominators if d is not None]
    assert all(30 <= d <= 120 for d in denominators)
    analysis = analyse(series.values)
    if signal == "shift":
        assert analysis.shifts
    elif signal == "trend":
        assert analysis.trends
    else:
        assert not analysis.shifts and not analysis.trends
