"""The shared resource library: guidelines, pathways, training material, audit tools, posters and slides,
and members' submissions that a lead checks before they are published."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from accounts.models import Organisation
from grants.models.proposals import private_storage


class ResourceType(models.TextChoices):
    """What kind of resource it is."""

    GUIDELINE = "guideline", _("Guideline")
    PATHWAY = "pathway", _("Pathway")
    TRAINING = "training", _("Training material")
    AUDIT_TOOL = "audit_tool", _("Audit tool")
    POSTER = "poster", _("Poster")
    SLIDES = "slides", _("Slides")
    OTHER = "other", _("Other")


class ResourceIndexPage(Page):
    """The resource library: search and filters over every published resource."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["community.ResourcePage"]
    max_count = 1

    class Meta:
        verbose_name = _("resource library")

    def get_context(self, request, *args, **kwargs):
        from community.selectors.resources import resources_search

        context = super().get_context(request, *args, **kwargs)
        context.update(resources_search(index=self, params=request.GET))
        return context


class ResourcePageTag(TaggedItemBase):
    """A tag on a resource (e.g. "escalation", "PEWS")."""

    content_object = ParentalKey("community.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items")


class ResourcePage(Page):
    """A shared resource: a document or a link, with its type, community, organisation of origin and review date."""

    resource_type = models.CharField(_("type"), max_length=20, choices=ResourceType.choices)
    summary = models.TextField(_("summary"), max_length=600)
    body = RichTextField(_("description"), blank=True, features=["h3", "ul", "ol", "bold", "italic", "link"])
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link = models.URLField(_("link"), max_length=500, blank=True, help_text=_("Where the resource lives elsewhere."))
    community = models.ForeignKey(
        "community.CommunityPage",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation of origin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_date = models.DateField(_("review date"), null=True, blank=True, help_text=_("When it should be checked."))
    tags = ClusterTaggableManager(through=ResourcePageTag, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("resource_type"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("document"), FieldPanel("link")], heading=_("The resource")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("community"), FieldPanel("organisation"), FieldPanel("tags"), FieldPanel("review_date")],
            heading=_("Filing"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("resource_type"),
        index.FilterField("community"),
        index.FilterField("organisation"),
        # Tags are found by the search box and filter the library.
        index.RelatedFields("tags", [index.SearchField("name"), index.FilterField("slug")]),
    ]
    parent_page_types = ["community.ResourceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("resource")

    @property
    def review_due(self) -> bool:
        """Its review date has passed: it may be out of date."""
        return self.review_date is not None and self.review_date < timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        from community.selectors.resources import resource_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_detail(resource=self))
        return context


class SubmissionStatus(models.TextChoices):
    """Where a member's submitted resource stands."""

    PENDING = "pending", _("Waiting for a lead")
    PUBLISHED = "published", _("Published")
    DECLINED = "declined", _("Declined")


class ResourceSubmission(models.Model):
    """A resource a member offers to the library; a lead checks it, then publishes it as a page or declines it."""

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resource_submissions"
    )
    title = models.CharField(_("title"), max_length=255)
    resource_type = models.CharField(_("type"), max_length=20, choices=ResourceType.choices)
    summary = models.TextField(_("summary"), max_length=600)
    community = models.ForeignKey(
        "community.CommunityPage",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation of origin"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = models.CharField(_("tags"), max_length=255, blank=True, help_text=_("Separated by commas."))
    link = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(
        _("file"), upload_to="resource-submissions/%Y/%m/", storage=private_storage, blank=True, max_length=300
    )
    review_date = models.DateField(_("review date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("note to the member"), max_length=2000, blank=True)
    page = models.ForeignKey(ResourcePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("submitted resource")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.title
