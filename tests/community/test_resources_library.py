"""The resource library: search, filters, what each result shows, the resource's page, query counts."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import Collection

from community.models import ResourceType
from tests.accounts.factories import OrganisationFactory
from tests.community.factories import CommunityPageFactory
from tests.community.factories.resources import PDF_BYTES, ResourceIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(site_pages):
    return ResourceIndexPageFactory(parent=site_pages["home"], intro="<p>Shared by members.</p>")


@pytest.fixture
def other_community(community_index):
    return CommunityPageFactory(parent=community_index, title="Implementation Group", slug="implementation-group")


def _document(title="Pathway"):
    document = get_document_model()(title=title, collection=Collection.get_first_root_node())
    document.file.save("pathway.pdf", ContentFile(PDF_BYTES), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


@pytest.fixture
def shelf(library, community, other_community):
    """Four resources with different types, communities, organisations and tags."""
    northfield = OrganisationFactory(name="Northfield Childrens Hospital")
    caledonian = OrganisationFactory(name="Royal Caledonian Hospital")
    return {
        "pathway": ResourcePageFactory(
            parent=library,
            title="Sepsis recognition and escalation pathway",
            resource_type=ResourceType.PATHWAY,
            summary="When to escalate a child with suspected sepsis.",
            community=community,
            organisation=northfield,
            document=_document(),
            link="",
            review_date=timezone.localdate() - datetime.timedelta(days=3),
            tag_names=["sepsis", "escalation"],
        ),
        "slides": ResourcePageFactory(
            parent=library,
            title="PEWS training slide deck",
            resource_type=ResourceType.SLIDES,
            summary="Teaching the paediatric early warning score to ward nurses.",
            community=other_community,
            organisation=northfield,
            review_date=timezone.localdate() + datetime.timedelta(days=300),
            tag_names=["PEWS", "training"],
        ),
        "audit": ResourcePageFactory(
            parent=library,
            title="Time to antibiotics audit tool",
            resource_type=ResourceType.AUDIT_TOOL,
            summary="Measure the time from recognition to the first antibiotic dose.",
            community=community,
            organisation=caledonian,
            tag_names=["sepsis", "audit"],
        ),
        "guideline": ResourcePageFactory(
            parent=library,
            title="NICE NG51 summary",
            resource_type=ResourceType.GUIDELINE,
            summary="The national guideline on sepsis, in two pages.",
        ),
    }


def _titles(response) -> set[str]:
    return {resource.title for resource in response.context["page_obj"].object_list}


def test_library_lists_every_live_resource_alphabetically(client, library, shelf):
    draft = ResourcePageFactory(parent=library, title="Unpublished draft")
    draft.unpublish()
    response = client.get("/resources/")
    assert response.status_code == 200
    titles = [resource.title for resource in response.context["page_obj"].object_list]
    assert titles == sorted(titles)
    assert set(titles) == {page.title for page in shelf.values()}
    assert "Unpublished draft" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "antibiotic"}, {"audit"}),
        ({"q": "PEWS"}, {"slides"}),
        ({"q": "escalate"}, {"pathway"}),
        ({"type": "slides"}, {"slides"}),
        ({"type": "not-a-type"}, {"pathway", "slides", "audit", "guideline"}),
        ({"community": "paediatric-sepsis"}, {"pathway", "audit"}),
        ({"community": "implementation-group"}, {"slides"}),
        ({"organisation": "Northfield Childrens Hospital"}, {"pathway", "slides"}),
        ({"organisation": "Royal Caledonian Hospital"}, {"audit"}),
        ({"tag": "sepsis"}, {"pathway", "audit"}),
        ({"tag": "pews"}, {"slides"}),
        ({"tag": "nothing-has-this"}, set()),
        ({"type": "audit_tool", "tag": "sepsis"}, {"audit"}),
        ({"community": "paediatric-sepsis", "organisation": "Northfield Childrens Hospital"}, {"pathway"}),
        ({"q": "sepsis", "community": "paediatric-sepsis", "type": "pathway", "tag": "escalation"}, {"pathway"}),
        ({"q": "sepsis", "organisation": "Royal Caledonian Hospital"}, {"audit"}),
        ({"q": "sepsis", "type": "slides"}, set()),
    ],
)
def test_search_and_filters_combine(client, shelf, community, other_community, params, expected):
    from accounts.models import Organisation

    lookup = dict(params)
    if "community" in lookup:
        lookup["community"] = {"paediatric-sepsis": community.pk, "implementation-group": other_community.pk}[
            lookup["community"]
        ]
    if "organisation" in lookup:
        lookup["organisation"] = Organisation.objects.get(name=lookup["organisation"]).pk
    response = client.get("/resources/", lookup)
    assert response.status_code == 200
    assert _titles(response) == {shelf[key].title for key in expected}


def test_filter_form_has_labels_and_keeps_choices(client, shelf, community):
    response = client.get("/resources/", {"q": "sepsis", "community": community.pk, "tag": "sepsis"})
    html = response.content.decode()
    for label, field in [
        ("Search words", "library-q"),
        ("Type", "library-type"),
        ("Community", "library-community"),
        ("Organisation", "library-organisation"),
        ("Tag", "library-tag"),
    ]:
        assert f'<label for="{field}" class="form-label">{label}</label>' in html
    assert 'value="sepsis"' in html
    assert f'<option value="{community.pk}" selected>' in html
    assert '<option value="sepsis" selected>sepsis</option>' in html
    assert "Clear search and filters" in html


def test_result_shows_type_format_metadata_and_review_due(client, shelf):
    html = client.get("/resources/").content.decode()
    assert "Review due" in html
    assert html.count("Review due") == 1  # only the overdue pathway, not the future one
    assert "Document: PDF" in html
    assert "Link to another website" in html
    assert "Royal Caledonian Hospital" in html
    assert "Audit tool" in html
    assert 'href="/resources/?tag=escalation"' in html


def test_review_due_only_when_past(client, library):
    today = timezone.localdate()
    ResourcePageFactory(parent=library, title="Due yesterday", review_date=today - datetime.timedelta(days=1))
    ResourcePageFactory(parent=library, title="Due today", review_date=today)
    response = client.get("/resources/")
    due = {resource.title: resource.is_review_due for resource in response.context["page_obj"].object_list}
    assert due == {"Due yesterday": True, "Due today": False}


def test_results_are_paginated_by_twenty_and_keep_filters(client, library):
    for number in range(23):
        ResourcePageFactory(parent=library, title=f"Audit {number:02}", resource_type=ResourceType.AUDIT_TOOL)
    first = client.get("/resources/", {"type": "audit_tool"})
    assert len(first.context["page_obj"].object_list) == 20
    assert "type=audit_tool&amp;page=2" in first.content.decode()
    second = client.get("/resources/", {"type": "audit_tool", "page": 2})
    assert len(second.context["page_obj"].object_list) == 3


def _add_resources(library, community, count):
    organisation = OrganisationFactory()
    for _ in range(count):
        ResourcePageFactory(
            parent=library,
            community=community,
            organisation=organisation,
            document=_document(),
            tag_names=["sepsis", "audit"],
        )


@pytest.mark.parametrize("params", [{}, {"q": "resource"}, {"tag": "sepsis", "type": "guideline"}])
def test_library_query_count_does_not_grow(client, library, community, django_assert_num_queries, params):
    _add_resources(library, community, 2)
    client.get("/resources/", params)  # warm the caches (site, locale)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/resources/", params).status_code == 200
    _add_resources(library, community, 12)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get("/resources/", params)
    assert len(response.context["page_obj"].object_list) == 14


def test_resource_page_shows_everything_and_links_tags_back(client, shelf):
    pathway = shelf["pathway"]
    response = client.get(pathway.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert escape(pathway.summary) in html
    assert f'href="{pathway.document.url}"' in html
    assert "PDF" in html
    assert "Northfield Childrens Hospital" in html
    assert "Paediatric Sepsis" in html
    assert "Review due" in html
    assert 'href="/resources/?tag=escalation"' in html
    assert html.count("<h1") == 1

    link = client.get(shelf["guideline"].url).content.decode()
    assert 'href="https://www.nice.org.uk/guidance/ng51"' in link
    assert "Review due" not in link


def test_resource_page_query_count_does_not_grow_with_tags(client, library, community, django_assert_num_queries):
    few = ResourcePageFactory(parent=library, community=community, document=_document(), tag_names=["sepsis"])
    many = ResourcePageFactory(
        parent=library, community=community, document=_document(), tag_names=[f"tag {n}" for n in range(12)]
    )
    client.get(few.url)  # warm the caches (site, locale)
    with CaptureQueriesContext(connection) as small:
        assert client.get(few.url).status_code == 200
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(many.url).status_code == 200
