"""Campaigns and sites in the Wagtail admin, for group leads given the measures permissions."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from measures.models import Campaign

GROUP_LEAD_PERMISSIONS = [
    f"{action}_{model}" for action in ("add", "change", "delete", "view") for model in ("campaign", "site")
]


@pytest.fixture
def admin_lead(group_lead):
    group_lead.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="measures", codename__in=GROUP_LEAD_PERMISSIONS)
    )
    return group_lead


def test_group_lead_creates_a_campaign_with_measures(client, admin_lead, site_pages):
    client.force_login(admin_lead)
    assert client.get(reverse("wagtailsnippets_measures_site:list")).status_code == 200
    add = reverse("wagtailsnippets_measures_campaign:add")
    assert client.get(add).status_code == 200
    data = {
        "name": "Bronchiolitis oxygen",
        "slug": "bronchiolitis-oxygen",
        "description": "",
        "starts_on": "2026-01-15",
        "active": "on",
        "measures-TOTAL_FORMS": "1",
        "measures-INITIAL_FORMS": "0",
        "measures-MIN_NUM_FORMS": "0",
        "measures-MAX_NUM_FORMS": "1000",
        "measures-0-code": "O2",
        "measures-0-name": "Oxygen weaned within 24 hours",
        "measures-0-help_text": "",
        "measures-0-kind": "proportion",
        "measures-0-numerator_label": "Weaned",
        "measures-0-denominator_label": "Admitted",
        "measures-0-unit": "",
        "measures-0-min_value": "",
        "measures-0-max_value": "",
        "measures-0-required": "on",
        "measures-0-ORDER": "1",
        "measures-0-id": "",
        "measures-0-DELETE": "",
    }
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(slug="bronchiolitis-oxygen")
    assert campaign.starts_on.day == 1
    assert list(campaign.measures.values_list("code", flat=True)) == ["O2"]


def test_members_without_the_permissions_cannot(client, learner, site_pages):
    client.force_login(learner)
    response = client.get(reverse("wagtailsnippets_measures_campaign:list"))
    assert response.status_code in (302, 403)
