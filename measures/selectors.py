"""Reads for campaigns' data, each returning only what the user may see, in a fixed number of queries.

The list side of measures.permissions: `campaign_list_for` and `site_list_for` hold the same rules as
`user_can_view_campaign` and `user_can_view_site`.
"""

from __future__ import annotations

import datetime
import string
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils import timezone

from accounts.permissions import user_is_group_lead, user_is_member
from measures.models import Campaign, Measure, MeasureKind, MonthlyReturn, ReturnRevision, ReturnValue, Site
from measures.permissions import user_can_view_campaign, user_leads_campaign, user_site_ids


def campaign_list_for(*, user) -> list[Campaign]:
    """The campaigns the member takes part in (every campaign for group leads)."""
    if not user_is_member(user):
        return []
    campaigns = Campaign.objects.all()
    if not user_is_group_lead(user):
        campaigns = campaigns.filter(Q(leads=user) | Q(sites__contributors=user)).distinct()
    return list(campaigns.order_by("-active", "name"))


def campaign_get_for(*, user, slug: str) -> Campaign | None:
    """The campaign with this slug, with its measures, if the user takes part in it; None otherwise."""
    campaign = (
        Campaign.objects.filter(slug=slug)
        .prefetch_related(Prefetch("measures", Measure.objects.order_by("sort_order", "pk")))
        .first()
    )
    if campaign is None or not user_can_view_campaign(user, campaign):
        return None
    return campaign


def campaign_sites(*, campaign: Campaign) -> list[Site]:
    """Every site of the campaign with its organisation, in a stable order (the order of their labels)."""
    cache = getattr(campaign, "_all_sites", None)
    if cache is None:
        cache = list(Site.objects.filter(campaign=campaign).select_related("organisation").order_by("pk"))
        campaign._all_sites = cache
    return cache


def site_list_for(*, user, campaign: Campaign) -> list[Site]:
    """The sites whose returns the user may see by name: every site for leads, their own for contributors."""
    sites = campaign_sites(campaign=campaign)
    if user_leads_campaign(user, campaign):
        return sites
    own = user_site_ids(user, campaign)
    return [site for site in sites if site.pk in own]


def site_get_for(*, user, campaign: Campaign, site_id: int) -> Site | None:
    """The campaign's site if the user may see its returns; None otherwise."""
    for site in site_list_for(user=user, campaign=campaign):
        if site.pk == site_id:
            site.campaign = campaign
            return site
    return None


def anonymous_label(position: int) -> str:
    """ "Site A", "Site B", … "Site Z", "Site AA": a label from a site's position in the campaign."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = string.ascii_uppercase[remainder] + letters
    return f"Site {letters}"


def site_labels(*, user, campaign: Campaign) -> dict[int, str]:
    """What to call each site for this user: names for leads and for one's own site, else "Site A", ….

    The letters follow the order sites joined the campaign, so a site keeps its label from month to month.
    """
    named = {site.pk for site in site_list_for(user=user, campaign=campaign)}
    return {
        site.pk: site.display_name if site.pk in named else anonymous_label(position)
        for position, site in enumerate(campaign_sites(campaign=campaign))
    }


# Months ---------------------------------------------------------------------------------------


def month_add(month: datetime.date, months: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_range(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every first-of-month from `first` to `last` inclusive."""
    months = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = month_add(month, 1)
    return months


def months_due(*, campaign: Campaign, today: datetime.date | None = None) -> list[datetime.date]:
    """The months a return is due for so far: from the campaign's first month (else a year ago) to last month."""
    this_month = (today or timezone.localdate()).replace(day=1)
    first = campaign.starts_on or month_add(this_month, -12)
    return month_range(first, month_add(this_month, -1))


@dataclass
class SiteStatus:
    """A site's returns against the months due."""

    site: Site
    label: str
    returns: list[MonthlyReturn]
    missing: list[datetime.date]
    can_submit: bool = False


def campaign_overview(*, user, campaign: Campaign) -> list[SiteStatus]:
    """For each site the user may see: its returns, newest first, and the months due with no return."""
    from measures.permissions import user_can_submit_return

    sites = site_list_for(user=user, campaign=campaign)
    labels = site_labels(user=user, campaign=campaign)
    by_site: dict[int, list[MonthlyReturn]] = defaultdict(list)
    for monthly_return in MonthlyReturn.objects.filter(site__in=sites).order_by("-month"):
        by_site[monthly_return.site_id].append(monthly_return)
    due = months_due(campaign=campaign)
    statuses = []
    for site in sites:
        site.campaign = campaign
        sent = {r.month for r in by_site[site.pk]}
        statuses.append(
            SiteStatus(
                site=site,
                label=labels[site.pk],
                returns=by_site[site.pk],
                missing=[month for month in reversed(due) if month not in sent],
                can_submit=user_can_submit_return(user, site),
            )
        )
    return statuses


# Returns --------------------------------------------------------------------------------------


def site_returns(*, site: Site) -> list[MonthlyReturn]:
    """The site's returns, newest first, with who sent them."""
    return list(MonthlyReturn.objects.filter(site=site).select_related("submitted_by").order_by("-month"))


def return_get(*, site: Site, month: datetime.date) -> MonthlyReturn | None:
    """The site's return for a month with its values and its history (each revision with its author)."""
    monthly_return = (
        MonthlyReturn.objects.filter(site=site, month=month)
        .select_related("submitted_by")
        .prefetch_related(
            Prefetch("values", ReturnValue.objects.select_related("measure")),
            Prefetch("revisions", ReturnRevision.objects.select_related("changed_by").order_by("-number")),
        )
        .first()
    )
    if monthly_return is not None:
        monthly_return.site = site
    return monthly_return


def return_figures(*, monthly_return: MonthlyReturn) -> dict[int, dict]:
    """The return's figures as the services take them: {measure id: {numerator, denominator, value}}."""
    return {
        value.measure_id: {"numerator": value.numerator, "denominator": value.denominator, "value": value.value}
        for value in monthly_return.values.all()
    }


# Dashboards -----------------------------------------------------------------------------------


@dataclass
class Series:
    """One line of a run chart: a value (or None) per month, with the numbers behind each."""

    label: str
    months: list[datetime.date]
    values: list[float | None] = field(default_factory=list)
    numerators: list[int | None] = field(default_factory=list)
    denominators: list[int | None] = field(default_factory=list)


def _value_rows(campaign: Campaign, site_ids: list[int] | None):
    rows = ReturnValue.objects.filter(monthly_return__site__campaign=campaign)
    if site_ids is not None:
        rows = rows.filter(monthly_return__site_id__in=site_ids)
    return rows.values_list(
        "monthly_return__site_id", "monthly_return__month", "measure_id", "numerator", "denominator", "value"
    )


def dashboard_months(*, campaign: Campaign, rows) -> list[datetime.date]:
    """The months a chart covers: from the campaign's first month (or first data) to the last data or last month."""
    months_with_data = [row[1] for row in rows]
    last_month = month_add(timezone.localdate().replace(day=1), -1)
    first = campaign.starts_on or (min(months_with_data) if months_with_data else last_month)
    last = max([*months_with_data, last_month])
    return month_range(first, last)


def measure_series(*, campaign: Campaign, site_ids: list[int] | None = None) -> dict[int, Series]:
    """For each measure, the monthly values over the given sites (all sites if None), in one query.

    Proportions are pooled as the sum of numerators over the sum of denominators (as a percentage);
    counts are summed; other numbers are averaged over the sites that gave one.
    """
    rows = list(_value_rows(campaign, site_ids))
    months = dashboard_months(campaign=campaign, rows=rows)
    position = {month: index for index, month in enumerate(months)}
    totals: dict[int, list[list]] = {}
    for measure in campaign.measures.all():
        totals[measure.pk] = [[0, 0, Decimal(0), 0] for _ in months]
    for _site_id, month, measure_id, numerator, denominator, value in rows:
        if measure_id not in totals or month not in position:
            continue
        cell = totals[measure_id][position[month]]
        if numerator is not None:
            cell[0] += numerator
            cell[1] += denominator or 0
            cell[3] += 1
        elif value is not None:
            cell[2] += value
            cell[3] += 1
    series: dict[int, Series] = {}
    for measure in campaign.measures.all():
        line = Series(label=measure.name, months=months)
        for numerator, denominator, total, count in totals[measure.pk]:
            if count == 0:
                line.values.append(None)
                line.numerators.append(None)
                line.denominators.append(None)
            elif measure.kind == MeasureKind.PROPORTION:
                line.numerators.append(numerator)
                line.denominators.append(denominator)
                line.values.append(round(100 * numerator / denominator, 1) if denominator else None)
            else:
                line.numerators.append(None)
                line.denominators.append(None)
                mean = total if measure.kind == MeasureKind.COUNT else total / count
                line.values.append(float(round(mean, 2)))
        series[measure.pk] = line
    return series


def latest_by_site(*, user, campaign: Campaign) -> dict:
    """Each site's figures for the latest month any site sent, labelled for this user (names or "Site A")."""
    labels = site_labels(user=user, campaign=campaign)
    latest = (
        MonthlyReturn.objects.filter(site__campaign=campaign).order_by("-month").values_list("month", flat=True).first()
    )
    if latest is None:
        return {"month": None, "rows": []}
    values = ReturnValue.objects.filter(
        monthly_return__site__campaign=campaign, monthly_return__month=latest
    ).values_list("monthly_return__site_id", "measure_id", "numerator", "denominator", "value")
    by_site: dict[int, dict[int, str]] = defaultdict(dict)
    for site_id, measure_id, numerator, denominator, value in values:
        if numerator is not None:
            by_site[site_id][measure_id] = (
                f"{100 * numerator / denominator:.1f}% ({numerator}/{denominator})" if denominator else "no cases"
            )
        elif value is not None:
            by_site[site_id][measure_id] = f"{value.normalize():f}"
    measures = list(campaign.measures.all())
    rows = [
        {"label": labels[site.pk], "cells": [by_site[site.pk].get(m.pk, "not sent") for m in measures]}
        for site in campaign_sites(campaign=campaign)
    ]
    rows.sort(key=lambda row: row["label"])
    return {"month": latest, "rows": rows}


def export_rows(*, campaign: Campaign):
    """Every value of every return of the campaign, for the leads' CSV file (one query)."""
    return (
        ReturnValue.objects.filter(monthly_return__site__campaign=campaign)
        .select_related("measure", "monthly_return__site__organisation", "monthly_return__submitted_by")
        .order_by("monthly_return__site_id", "monthly_return__month", "measure__sort_order", "measure_id")
    )
