"""The demo resource library: built once, across every type, tied to the demo communities."""

import pytest
from wagtail.models import Page

from community.demo import resources_content as content
from community.demo.resources import demo_pdf, resources_demo_load
from community.models import ResourceIndexPage, ResourcePage, ResourceSubmission, ResourceType, SubmissionStatus
from community.services.resources import resource_file_check
from tests.accounts.factories import LearnerFactory
from tests.community.factories import CommunityPageFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _state():
    return (
        list(Page.objects.order_by("path").values_list("path", "title", "live")),
        list(ResourceSubmission.objects.values_list("pk", "title", "status")),
        sorted(ResourcePage.objects.values_list("slug", "document_id")),
    )


def test_demo_builds_the_library_once(site_pages, community, community_index):
    implementation = CommunityPageFactory(
        parent=community_index, title="Implementation Group", slug="implementation-group"
    )
    researcher = LearnerFactory(email=content.PENDING_SUBMISSION["by"])
    MembershipFactory(user=researcher)
    home = site_pages["home"]

    resources_demo_load(home=home, with_activity=True)

    index = ResourceIndexPage.objects.get()
    assert (index.title, index.slug, index.show_in_menus, index.live) == ("Resources", "resources", True, True)
    resources = ResourcePage.objects.child_of(index).live()
    assert resources.count() == len(content.RESOURCES) >= 10
    assert set(resources.values_list("resource_type", flat=True)) == set(ResourceType.values)
    assert resources.filter(community=community).exists()
    assert resources.filter(community=implementation).exists()
    assert resources.filter(organisation__isnull=False).exists()
    assert sum(resource.review_due for resource in resources) == 1
    with_documents = resources.filter(document__isnull=False)
    assert with_documents.exists() and resources.filter(link="https://www.nice.org.uk/guidance/ng51").exists()
    for resource in resources:
        resource.full_clean()
        assert resource.tags.exists()
        assert bool(resource.document) != bool(resource.link)
    for resource in with_documents:
        assert resource.document.file.read(5) == b"%PDF-"
    pending = ResourceSubmission.objects.get()
    assert (pending.submitted_by, pending.status) == (researcher, SubmissionStatus.PENDING)
    assert pending.community == implementation
    before = _state()

    resources_demo_load(home=home, with_activity=True)

    assert _state() == before


def test_demo_without_activity_or_communities_builds_pages_only(site_pages):
    resources_demo_load(home=site_pages["home"], with_activity=False)
    assert ResourcePage.objects.count() == len(content.RESOURCES)
    assert not ResourcePage.objects.filter(community__isnull=False).exists()
    assert not ResourceSubmission.objects.exists()


def test_demo_pdf_passes_the_upload_check():
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = demo_pdf(["A title", "A (bracketed) line"])
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert resource_file_check(SimpleUploadedFile("a.pdf", pdf)).extension == ".pdf"
