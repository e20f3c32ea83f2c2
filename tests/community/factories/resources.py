"""Factories for the resource library: the library page, resources and members' submissions."""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.search.index import insert_or_update_object

from community.models import ResourceIndexPage, ResourcePage, ResourceSubmission, ResourceType
from tests.community.factories.communities import CommunityMemberFactory

#: The smallest file that passes the content check for a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourceIndexPage

    title = "Resources"
    slug = "resources"


class ResourcePageFactory(wagtail_factories.PageFactory):
    """A published resource: a link to a guideline, no community, organisation or review date."""

    class Meta:
        model = ResourcePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource {n}")
    resource_type = ResourceType.GUIDELINE
    summary = "A short summary of what the resource is for."
    link = "https://www.nice.org.uk/guidance/ng51"

    @factory.post_generation
    def tag_names(obj, create, extracted, **kwargs):
        if extracted:
            obj.tags.add(*extracted)
            if create:
                obj.save_revision().publish()
                # The search index task (run at once in tests) reads the page before its new tags are
                # saved; a worker runs it after the commit. Index again so tests see what a worker would.
                insert_or_update_object(obj)


class ResourceSubmissionFactory(factory.django.DjangoModelFactory):
    """A pending submission from an approved member: a link, unless `with_file=True` (a small PDF)."""

    class Meta:
        model = ResourceSubmission

    class Params:
        with_file = factory.Trait(
            link="",
            file=factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="sepsis-pathway.pdf")),
        )

    submitted_by = factory.SubFactory(CommunityMemberFactory)
    title = factory.Sequence(lambda n: f"Submitted resource {n}")
    resource_type = ResourceType.PATHWAY
    summary = "A pathway we use on our unit."
    link = "https://example.org/pathway"
