"""Site search: finds published pages and never shows what a visitor may not see."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from tests.home.factories import StandardPageFactory


@pytest.fixture
def indexed(site_pages):
    home = site_pages["home"]
    public = StandardPageFactory(parent=home, title="Bronchiolitis bundle guide", slug="bronchiolitis-guide")
    members = StandardPageFactory(parent=home, title="Bronchiolitis members' notes", slug="bronchiolitis-members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    leads = StandardPageFactory(parent=home, title="Bronchiolitis leads' minutes", slug="bronchiolitis-leads")
    restriction = PageViewRestriction.objects.create(page=leads, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Group leads")])
    draft = StandardPageFactory(parent=home, title="Bronchiolitis draft", slug="bronchiolitis-draft", live=False)
    call_command("update_index", verbosity=0)
    return {"public": public, "members": members, "leads": leads, "draft": draft}


def _titles(response):
    return {result.title for result in response.context["results"]}


@pytest.mark.django_db
def test_empty_search_shows_only_the_form(client, site_pages):
    response = client.get("/search/")
    assert response.status_code == 200
    assert response.context["results"] is None
    assert b'role="search"' in response.content


@pytest.mark.django_db
def test_anonymous_search_finds_public_pages_only(client, indexed):
    response = client.get("/search/", {"q": "bronchiolitis"})
    assert _titles(response) == {"Bronchiolitis bundle guide"}


@pytest.mark.django_db
def test_members_also_find_log_in_pages_but_not_other_groups(client, learner, indexed):
    client.force_login(learner)
    assert _titles(client.get("/search/", {"q": "bronchiolitis"})) == {
        "Bronchiolitis bundle guide",
        "Bronchiolitis members' notes",
    }


@pytest.mark.django_db
def test_group_leads_find_their_group_pages(client, group_lead, indexed):
    client.force_login(group_lead)
    assert _titles(client.get("/search/", {"q": "bronchiolitis"})) == {
        "Bronchiolitis bundle guide",
        "Bronchiolitis members' notes",
        "Bronchiolitis leads' minutes",
    }


@pytest.mark.django_db
def test_no_results_message_and_bad_page_numbers(client, indexed):
    response = client.get("/search/", {"q": "zebrafish"})
    assert b"No pages match" in response.content
    response = client.get("/search/", {"q": "bronchiolitis", "page": "99"})
    assert response.status_code == 200
    response = client.get("/search/", {"q": "bronchiolitis", "page": "abc"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_search_query_count_does_not_grow_with_results(client, indexed, site_pages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/search/", {"q": "bronchiolitis"})  # warm up per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get("/search/", {"q": "bronchiolitis"})
    for n in range(9):
        StandardPageFactory(
            parent=site_pages["home"], title=f"Bronchiolitis audit {n}", slug=f"bronchiolitis-audit-{n}"
        )
    call_command("update_index", verbosity=0)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/search/", {"q": "bronchiolitis"})
    assert len(response.context["results"]) == 10
    assert len(many) == len(few)
