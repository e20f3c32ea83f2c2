"""Who may see and change a campaign's data: predicates that return bool (the list side is in selectors).

- Campaign leads (named on the campaign) and group leads see every site of a campaign and export it.
- A site's data contributors see their own site's returns and send and correct them; they see the
  network's figures with every other site anonymised.
- Campaign leads may also send and correct a site's returns (on its behalf); group leads only read.
- Everyone else: the campaign's pages do not exist for them (views answer 404).
"""

from accounts.permissions import user_is_group_lead, user_is_member
from measures.models import Campaign, Site


def user_leads_campaign(user, campaign: Campaign) -> bool:
    """Sees every site of the campaign by name and exports its data: a campaign lead or a group lead."""
    if not user_is_member(user):
        return False
    if user_is_group_lead(user):
        return True
    return _is_campaign_lead(user, campaign)


def _is_campaign_lead(user, campaign: Campaign) -> bool:
    cache = getattr(campaign, "_lead_ids", None)
    if cache is None:
        cache = set(campaign.leads.values_list("pk", flat=True))
        campaign._lead_ids = cache
    return user.pk in cache


def user_site_ids(user, campaign: Campaign) -> set[int]:
    """The ids of the campaign's sites this member contributes data for (cached on the campaign)."""
    if not user_is_member(user):
        return set()
    cache = getattr(campaign, "_contributor_site_ids", None)
    if cache is None or cache[0] != user.pk:
        ids = set(Site.objects.filter(campaign=campaign, contributors=user).values_list("pk", flat=True))
        cache = (user.pk, ids)
        campaign._contributor_site_ids = cache
    return cache[1]


def user_contributes_to_site(user, site: Site) -> bool:
    """Is one of the site's named data contributors."""
    return site.pk in user_site_ids(user, site.campaign)


def user_can_view_campaign(user, campaign: Campaign) -> bool:
    """Takes part in the campaign: leads it, or contributes data for one of its sites."""
    return user_leads_campaign(user, campaign) or bool(user_site_ids(user, campaign))


def user_can_view_site(user, site: Site) -> bool:
    """May see the site's returns, named: a lead of its campaign, or one of its contributors."""
    return user_leads_campaign(user, site.campaign) or user_contributes_to_site(user, site)


def user_can_submit_return(user, site: Site) -> bool:
    """May send and correct the site's returns: its contributors, and the campaign's own leads."""
    if not user_is_member(user):
        return False
    return user_contributes_to_site(user, site) or _is_campaign_lead(user, site.campaign)


def user_can_export_campaign(user, campaign: Campaign) -> bool:
    """May download every return of the campaign as CSV: the leads."""
    return user_leads_campaign(user, campaign)
