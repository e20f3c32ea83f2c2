"""The demo data campaign from `measures.demo_content`: a sepsis campaign, its measures, three sites and a
year of monthly returns ending last month.

Idempotent: the campaign, measures and sites are created once (later edits kept) and a month's return is
only sent if the site has none for it. Returns go through `return_submit`, as members would send them.
The figures are built so that the run charts show a shift (Northfield), a stable process (St Aidan's)
and a trend (Royal Caledonian).
"""

from django.utils import timezone

from accounts.models import Organisation, User
from measures import demo_content as content
from measures.models import Campaign, Measure, MeasureKind, MonthlyReturn, Site
from measures.selectors import month_add
from measures.services import return_submit

MONTHS = 12


def campaign_ensure() -> Campaign:
    """The demo campaign and its measures (created once; existing ones left as they are)."""
    from community.models import CommunityPage

    first_month = month_add(timezone.localdate().replace(day=1), -MONTHS)
    data = content.CAMPAIGN
    campaign, _ = Campaign.objects.get_or_create(
        slug=data["slug"],
        defaults={
            "name": data["name"],
            "description": data["description"],
            "community": CommunityPage.objects.filter(slug=data["community_slug"]).first(),
            "starts_on": first_month,
        },
    )
    for order, measure in enumerate(content.MEASURES):
        Measure.objects.get_or_create(
            campaign=campaign,
            code=measure["code"],
            defaults={
                "name": measure["name"],
                "help_text": measure["help_text"],
                "kind": MeasureKind.PROPORTION,
                "numerator_label": measure["numerator_label"],
                "denominator_label": measure["denominator_label"],
                "sort_order": order,
            },
        )
    return campaign


def _figures(campaign: Campaign, site_data: dict, index: int) -> dict:
    attendances = site_data["attendances"] + content.ATTENDANCE_NOISE[index % len(content.ATTENDANCE_NOISE)]
    figures = {}
    by_code = {measure["code"]: measure for measure in content.MEASURES}
    for position, measure in enumerate(campaign.measures.all()):
        spec = by_code.get(measure.code)
        if spec is None:
            continue
        noise = content.NOISE[(index + 3 * position) % len(content.NOISE)]
        rate = min(98, max(5, site_data["rates"][index] + spec["offset"] + noise))
        denominator = max(1, round(attendances * spec["share"]))
        figures[measure.pk] = {"numerator": round(denominator * rate / 100), "denominator": denominator}
    return figures


def measures_demo_load(*, with_activity: bool) -> None:
    """The sepsis campaign with a year of returns for three sites; with_activity adds the demo people.

    With activity, each site's contributor (looked up by e-mail, skipped if missing) sends its returns and
    lead@ leads the campaign; without, the same returns are there with no sender, so the pages have data.
    """
    campaign = campaign_ensure()
    lead = User.objects.filter(email=content.CAMPAIGN["lead_email"]).first() if with_activity else None
    if lead is not None:
        campaign.leads.add(lead)
    last = month_add(timezone.localdate().replace(day=1), -1)
    months = [month_add(last, -offset) for offset in range(MONTHS - 1, -1, -1)]
    for site_data in content.SITES:
        organisation = Organisation.objects.filter(name=site_data["organisation"]).first()
        if organisation is None:
            continue
        site, _ = Site.objects.get_or_create(
            campaign=campaign, organisation=organisation, defaults={"display_name": site_data["display_name"]}
        )
        contributor = None
        if with_activity:
            contributor = User.objects.filter(email=site_data["contributor_email"]).first()
            if contributor is not None:
                site.contributors.add(contributor)
        sent = set(MonthlyReturn.objects.filter(site=site).values_list("month", flat=True))
        for index, month in enumerate(months):
            if month in sent or (campaign.starts_on and month < campaign.starts_on):
                continue
            return_submit(
                site=site,
                month=month,
                figures=_figures(campaign, site_data, index),
                by=contributor,
                check_permission=False,
            )
