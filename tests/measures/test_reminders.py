"""Reminders of missing returns: to the site's contributors, once per month."""

from django.core.management import call_command

from accounts.models import Notification, NotificationKind
from tests.measures.factories import returns_for


def test_contributors_of_sites_missing_last_month_are_reminded_once(
    site_a, site_b, contributor_a, contributor_b, measures
):
    returns_for(site=site_b, months=1)
    call_command("send_return_reminders")
    call_command("send_return_reminders")
    reminders = Notification.objects.filter(kind=NotificationKind.DATA_RETURN)
    assert [n.recipient for n in reminders] == [contributor_a]
    assert f"/data/{site_a.campaign.slug}/sites/{site_a.pk}/returns/new/?month=" in reminders[0].url


def test_inactive_campaigns_send_no_reminders(campaign, site_a, contributor_a):
    campaign.active = False
    campaign.save()
    call_command("send_return_reminders")
    assert not Notification.objects.exists()
