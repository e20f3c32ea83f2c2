"""Monthly data returns: a contributor sends a return with a mistake, corrects it and sees it on the run chart."""

import pytest
from playwright.sync_api import expect

from measures.selectors import month_add
from tests.accounts.factories import PASSWORD
from tests.browser.support import field, sign_in, signed_in_as, submit, visit
from tests.measures.factories import (
    CampaignFactory,
    ContributorFactory,
    NumberMeasureFactory,
    ProportionMeasureFactory,
    SiteFactory,
    last_month,
    returns_for,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def campaign_site(site):
    """A campaign with one site whose last six months are in, except last month's."""
    campaign = CampaignFactory(name="Sepsis six", slug="sepsis-six")
    ProportionMeasureFactory(
        campaign=campaign,
        code="SCR",
        name="Screened within one hour",
        numerator_label="Children screened within one hour",
        denominator_label="Eligible attendances",
        sort_order=1,
    )
    NumberMeasureFactory(campaign=campaign, code="ABX", name="Minutes to antibiotics", sort_order=2)
    unit = SiteFactory(campaign=campaign, display_name="Northfield ED")
    other = SiteFactory(campaign=campaign, display_name="Caledonian PICU")
    returns_for(site=unit, months=6, end=month_add(last_month(), -1))
    returns_for(site=other, months=7)
    return campaign, unit


def chart_rows(page, measure: str):
    """The rows of the chart's table of figures (opened as a person would, from its summary)."""
    section = page.locator("section", has=page.get_by_role("heading", level=2, name=f"{measure}: Northfield ED"))
    table = section.get_by_role("table", name=f"Figures for {measure}: Northfield ED")
    if not table.is_visible():
        section.get_by_text("Show the figures as a table").click()
    return table.get_by_role("row").filter(has=page.get_by_role("rowheader"))


def test_contributor_sends_a_return_corrects_a_mistake_and_sees_it_charted(page, campaign_site):
    campaign, unit = campaign_site
    contributor = ContributorFactory(site=unit)
    month = last_month()

    sign_in(page, contributor.email, PASSWORD)
    visit(page, f"/data/{campaign.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sepsis six")
    expect(page.get_by_text("Months due with no return yet")).to_be_visible()

    submit(page, page.get_by_role("link", name="Run charts and returns for Northfield ED"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Northfield ED")
    expect(chart_rows(page, "Screened within one hour")).to_have_count(6)
    expect(page.get_by_role("img", name="Run chart: Screened within one hour: Northfield ED")).to_be_visible()

    submit(page, page.get_by_role("link", name="Send a monthly return"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Send a monthly return")
    field(page, "Month").fill(month.strftime("%Y-%m"))
    screened = page.get_by_role("group", name="Screened within one hour")
    field(screened, "Children screened within one hour").fill("52")
    field(screened, "Eligible attendances").fill("48")
    field(page.get_by_role("group", name="Minutes to antibiotics"), "Value (minutes)").fill("42")
    submit(page, page.get_by_role("button", name="Send the return"))

    # The message is next to the numerator; every figure typed is still there.
    expect(page.get_by_text("The return was not saved")).to_be_visible()
    numerator = field(screened, "Children screened within one hour")
    expect(numerator).to_have_attribute("aria-invalid", "true")
    expect(screened.get_by_text("This cannot be more than Eligible attendances (48).")).to_be_visible()
    expect(numerator).to_have_value("52")
    expect(field(screened, "Eligible attendances")).to_have_value("48")
    expect(field(page.get_by_role("group", name="Minutes to antibiotics"), "Value (minutes)")).to_have_value("42")
    expect(field(page, "Month")).to_have_value(month.strftime("%Y-%m"))

    numerator.fill("41")
    submit(page, page.get_by_role("button", name="Send the return"))
    expect(page.get_by_text(f"Return for {month:%B %Y} saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Northfield ED: {month:%B %Y}")
    expect(page.get_by_role("cell", name="41 of 48")).to_be_visible()

    submit(page, page.get_by_role("link", name="Northfield ED"))
    expect(chart_rows(page, "Screened within one hour")).to_have_count(7)
    expect(chart_rows(page, "Screened within one hour").last.get_by_role("rowheader")).to_have_text(f"{month:%b %Y}")

    # The network dashboard names this site only: the other is a letter.
    visit(page, f"/data/{campaign.slug}/dashboard/")
    expect(page.get_by_role("rowheader", name="Site B")).to_be_visible()
    expect(page.get_by_text("Caledonian PICU")).to_have_count(0)


def test_correction_needs_a_reason_and_is_kept_in_the_history(page, live_server, campaign_site):
    campaign, unit = campaign_site
    contributor = ContributorFactory(site=unit)
    signed_in_as(page.context, live_server.url, contributor)
    earlier = month_add(last_month(), -1)
    visit(page, f"/data/{campaign.slug}/sites/{unit.pk}/returns/{earlier:%Y-%m}/")
    submit(page, page.get_by_role("link", name="Correct this return"))
    screened = page.get_by_role("group", name="Screened within one hour")
    field(screened, "Children screened within one hour").fill("25")
    submit(page, page.get_by_role("button", name="Save the correction"))
    expect(page.get_by_text("Say why the figures are being corrected")).to_be_visible()
    expect(field(screened, "Children screened within one hour")).to_have_value("25")
    field(page, "Reason for the correction").fill("Five audits were found late")
    submit(page, page.get_by_role("button", name="Save the correction"))
    expect(page.get_by_text(f"Return for {earlier:%B %Y} corrected.")).to_be_visible()
    history = page.get_by_role("table", name="Every version of this return, newest first")
    expect(history.locator("tbody tr")).to_have_count(2)
    expect(history).to_contain_text("Five audits were found late")
    expect(history).to_contain_text("20/40")
    expect(history).to_contain_text("25/40")


def test_dashboards_hold_at_320px(narrow_page, live_server, campaign_site):
    campaign, unit = campaign_site
    signed_in_as(narrow_page.context, live_server.url, ContributorFactory(site=unit))
    for path in (
        f"/data/{campaign.slug}/",
        f"/data/{campaign.slug}/dashboard/",
        f"/data/{campaign.slug}/sites/{unit.pk}/",
    ):
        visit(narrow_page, path)
        assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 320, path
