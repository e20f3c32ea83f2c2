"""The admin's "Discussions" action on a community's page, for those who take part."""

import pytest
from django.urls import reverse

from community.admin.discussions import community_discussions_header_button, community_discussions_listing_button
from tests.accounts.factories import EditorFactory
from tests.community.factories.communities import CommunityLeadFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("hook", [community_discussions_header_button, community_discussions_listing_button])
def test_discussions_action_for_leads_only(community, hook):
    lead = CommunityLeadFactory(page=community).user
    [item] = list(hook(community.page_ptr, lead))
    assert item.url == reverse("community:discussions_list", args=[community.pk])
    assert item.is_shown(lead)
    assert not item.is_shown(EditorFactory())


def test_no_action_on_other_pages(site_pages, superuser):
    assert list(community_discussions_header_button(site_pages["home"], superuser)) == []


def test_the_edit_view_shows_it(client, community, superuser):
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[community.pk])).content.decode()
    assert reverse("community:discussions_list", args=[community.pk]) in html
