"""Campaign pages: who sees what (a matrix), the return form, corrections, CSV, anonymised labels, query counts."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from measures.models import MonthlyReturn, ReturnRevision
from measures.selectors import month_add
from measures.services import field_name, return_correct
from tests.accounts.factories import OrganisationFactory
from tests.measures.factories import ContributorFactory, SiteFactory, last_month, returns_for

ROLES = ["anonymous", "stranger", "contributor_a", "contributor_b", "campaign_lead", "group_lead"]
PAGES = ["campaign", "site_a", "network", "new_return", "edit_return", "return_detail", "csv"]
EXPECTED = {
    "anonymous": dict.fromkeys(PAGES, 302),
    "stranger": dict.fromkeys(PAGES, 404),
    "contributor_a": {**dict.fromkeys(PAGES, 200), "csv": 404},
    "contributor_b": {
        "campaign": 200,
        "site_a": 404,
        "network": 200,
        "new_return": 404,
        "edit_return": 404,
        "return_detail": 404,
        "csv": 404,
    },
    "campaign_lead": dict.fromkeys(PAGES, 200),
    # Group leads read and export everything but do not send a site's figures.
    "group_lead": {**dict.fromkeys(PAGES, 200), "new_return": 403, "edit_return": 403},
}


def url_for(page: str, campaign, site, month) -> str:
    slug = campaign.slug
    site_kwargs = {"campaign_slug": slug, "site_id": site.pk}
    return {
        "campaign": reverse("measures:campaign_detail", args=[slug]),
        "site_a": reverse("measures:site_dashboard", kwargs=site_kwargs),
        "network": reverse("measures:network_dashboard", args=[slug]),
        "new_return": reverse("measures:return_new", kwargs=site_kwargs),
        "edit_return": reverse("measures:return_edit", kwargs={**site_kwargs, "month": month}),
        "return_detail": reverse("measures:return_detail", kwargs={**site_kwargs, "month": month}),
        "csv": reverse("measures:campaign_csv", args=[slug]),
    }[page]


@pytest.fixture
def people(request, contributor_a, contributor_b, campaign_lead, group_lead, stranger):
    return {
        "stranger": stranger,
        "contributor_a": contributor_a,
        "contributor_b": contributor_b,
        "campaign_lead": campaign_lead,
        "group_lead": group_lead,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_permission_matrix(client, campaign, site_a, site_b, people, measures, role, page):
    returns_for(site=site_a, months=3)
    returns_for(site=site_b, months=3)
    if role != "anonymous":
        client.force_login(people[role])
    url = url_for(page, campaign, site_a, last_month())
    response = client.get(url)
    assert response.status_code == EXPECTED[role][page], url
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("account_login"))
    if response.status_code == 404:
        body = response.content.decode()
        assert escape(site_a.display_name) not in body
        assert escape(campaign.name) not in body


def test_contributor_sees_other_sites_under_letters(client, campaign, site_a, site_b, contributor_a, measures):
    third = SiteFactory(campaign=campaign, display_name="Pennine Transport")
    for site in (site_a, site_b, third):
        returns_for(site=site, months=2)
    client.force_login(contributor_a)
    body = client.get(reverse("measures:network_dashboard", args=[campaign.slug])).content.decode()
    assert escape(site_a.display_name) in body
    assert escape(site_b.display_name) not in body and escape(third.display_name) not in body
    assert site_b.organisation.name not in body
    # Labels follow the order sites joined: site B is always "Site B", the third "Site C".
    assert "Site B" in body and "Site C" in body and "Site A" not in body


def test_lead_sees_every_site_by_name(client, campaign, site_a, site_b, campaign_lead, measures):
    returns_for(site=site_a, months=2)
    returns_for(site=site_b, months=2)
    client.force_login(campaign_lead)
    body = client.get(reverse("measures:network_dashboard", args=[campaign.slug])).content.decode()
    assert escape(site_a.display_name) in body and escape(site_b.display_name) in body
    assert "Site A" not in body


def test_campaign_page_lists_missing_months(client, campaign, site_a, contributor_a, measures):
    campaign.starts_on = month_add(last_month(), -2)
    campaign.save()
    returns_for(site=site_a, months=1)
    client.force_login(contributor_a)
    response = client.get(reverse("measures:campaign_detail", args=[campaign.slug]))
    statuses = response.context["statuses"]
    assert [s.site for s in statuses] == [site_a]
    assert statuses[0].missing == [month_add(last_month(), -1), month_add(last_month(), -2)]
    assert "Months due with no return yet (2)" in response.content.decode()


def test_csv_has_every_value_and_guards_formulas(client, campaign, site_a, site_b, campaign_lead, measures):
    site_a.display_name = "=HYPERLINK(1)"
    site_a.save()
    returns_for(site=site_a, months=2, numerator=10, denominator=40, value=30)
    returns_for(site=site_b, months=1)
    client.force_login(campaign_lead)
    response = client.get(reverse("measures:campaign_csv", args=[campaign.slug]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["campaign", "site", "organisation"]
    assert len(rows) == 1 + 3 * 2
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["site"] == "'=HYPERLINK(1)"
    assert first["month"] == month_add(last_month(), -1).strftime("%Y-%m")
    assert (first["measure code"], first["numerator"], first["denominator"], first["value"]) == (
        "SCR",
        "10",
        "40",
        "0.2500",
    )
    assert first["revision"] == "1"
    second = dict(zip(rows[0], rows[2], strict=True))
    assert (second["measure code"], second["numerator"], second["value"]) == ("ABX", "", "30")


def post_data(measures, *, month, numerator="20", denominator="40", value="45", **extra):
    return {
        "month": month.strftime("%Y-%m"),
        "submission_key": extra.pop("submission_key", "2f1d0f5e-7d0c-4a55-9a43-6a0b3f8c1a11"),
        field_name(measures["scr"], "numerator"): numerator,
        field_name(measures["scr"], "denominator"): denominator,
        field_name(measures["abx"], "value"): value,
        **extra,
    }


def test_form_keeps_what_was_typed_and_shows_the_error_by_the_field(client, campaign, site_a, contributor_a, measures):
    client.force_login(contributor_a)
    url = reverse("measures:return_new", kwargs={"campaign_slug": campaign.slug, "site_id": site_a.pk})
    response = client.post(url, post_data(measures, month=last_month(), numerator="45", denominator="40", value="33"))
    assert response.status_code == 400
    form = response.context["form"]
    assert "cannot be more than" in form.errors[field_name(measures["scr"], "numerator")][0]
    body = response.content.decode()
    assert 'value="45"' in body and 'value="40"' in body and 'value="33"' in body
    assert not MonthlyReturn.objects.exists()


def test_form_saves_and_double_submit_makes_one(client, campaign, site_a, contributor_a, measures):
    client.force_login(contributor_a)
    url = reverse("measures:return_new", kwargs={"campaign_slug": campaign.slug, "site_id": site_a.pk})
    first = client.post(url, post_data(measures, month=last_month()))
    second = client.post(url, post_data(measures, month=last_month()))
    detail = reverse(
        "measures:return_detail", kwargs={"campaign_slug": campaign.slug, "site_id": site_a.pk, "month": last_month()}
    )
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == detail
    assert MonthlyReturn.objects.count() == 1


def test_duplicate_month_points_to_the_existing_return(client, campaign, site_a, contributor_a, measures):
    returns_for(site=site_a, months=1)
    client.force_login(contributor_a)
    url = reverse("measures:return_new", kwargs={"campaign_slug": campaign.slug, "site_id": site_a.pk})
    response = client.post(
        url, post_data(measures, month=last_month(), submission_key="9b2d0f5e-7d0c-4a55-9a43-6a0b3f8c1a11")
    )
    assert response.status_code == 400
    edit = reverse(
        "measures:return_detail", kwargs={"campaign_slug": campaign.slug, "site_id": site_a.pk, "month": last_month()}
    )
    body = response.content.decode()
    assert "already has a return" in body and f'href="{edit}"' in body


def test_correction_shows_history_on_the_return_page(client, campaign, site_a, contributor_a, measures):
    returns_for(site=site_a, months=1, numerator=20)
    client.force_login(contributor_a)
    kwargs = {"campaign_slug": campaign.slug, "site_id": site_a.pk, "month": last_month()}
    response = client.post(
        reverse("measures:return_edit", kwargs=kwargs),
        post_data(measures, month=last_month(), numerator="31", revision="1", reason="Late audits added"),
    )
    assert response.status_code == 302
    body = client.get(reverse("measures:return_detail", kwargs=kwargs)).content.decode()
    assert "Late audits added" in body and "20/40" in body and "31/40" in body


def test_correction_without_reason_is_refused(client, campaign, site_a, contributor_a, measures):
    returns_for(site=site_a, months=1)
    client.force_login(contributor_a)
    kwargs = {"campaign_slug": campaign.slug, "site_id": site_a.pk, "month": last_month()}
    response = client.post(
        reverse("measures:return_edit", kwargs=kwargs), post_data(measures, month=last_month(), revision="1", reason="")
    )
    assert response.status_code == 400
    assert "reason" in response.context["form"].errors


def test_stale_correction_keeps_what_was_typed(client, campaign, site_a, contributor_a, campaign_lead, measures):
    (monthly_return,) = returns_for(site=site_a, months=1)
    return_correct(
        monthly_return=monthly_return,
        figures={measures["scr"].pk: {"numerator": 25, "denominator": 40}, measures["abx"].pk: {"value": 45}},
        reason="Lead's recount",
        expected_revision=1,
        by=campaign_lead,
    )
    client.force_login(contributor_a)
    kwargs = {"campaign_slug": campaign.slug, "site_id": site_a.pk, "month": last_month()}
    url = reverse("measures:return_edit", kwargs=kwargs)
    response = client.post(url, post_data(measures, month=last_month(), numerator="33", revision="1", reason="Mine"))
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else changed this return" in body
    assert 'value="33"' in body and "Mine" in body
    assert ReturnRevision.objects.filter(monthly_return=monthly_return).count() == 2
    # Saving again, now from the latest revision, goes through.
    response = client.post(
        url,
        post_data(
            measures,
            month=last_month(),
            numerator="33",
            revision="2",
            reason="Mine",
            submission_key=response.context["form"]["submission_key"].value(),
        ),
    )
    assert response.status_code == 302
    monthly_return.refresh_from_db()
    assert monthly_return.revision == 3


def _build(campaign, *, sites: int, months: int, lead):
    for _ in range(sites):
        site = SiteFactory(campaign=campaign, organisation=OrganisationFactory())
        ContributorFactory(site=site)
        returns_for(site=site, months=months)
    campaign.leads.add(lead)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["campaign", "network", "site", "csv"])
def test_query_counts_do_not_grow(client, campaign, measures, stranger, page, django_assert_num_queries):
    from tests.measures.factories import CampaignFactory, NumberMeasureFactory, ProportionMeasureFactory

    big = CampaignFactory()
    ProportionMeasureFactory(campaign=big, code="SCR")
    NumberMeasureFactory(campaign=big, code="ABX", required=False)
    _build(campaign, sites=3, months=12, lead=stranger)
    _build(big, sites=10, months=36, lead=stranger)
    client.force_login(stranger)

    def url(c):
        site = c.sites.order_by("pk").first()
        return {
            "campaign": reverse("measures:campaign_detail", args=[c.slug]),
            "network": reverse("measures:network_dashboard", args=[c.slug]),
            "site": reverse("measures:site_dashboard", kwargs={"campaign_slug": c.slug, "site_id": site.pk}),
            "csv": reverse("measures:campaign_csv", args=[c.slug]),
        }[page]

    client.get(url(campaign))  # the first request of a session does its own bookkeeping
    small_url, big_url = url(campaign), url(big)
    small = _count(client, small_url)
    with django_assert_num_queries(small):
        client.get(big_url)
