"""Care bundles: the stages of a patient pathway, each with its standardised interventions and evidence."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from community.blocks import BundleStageBlock


class CareBundlePage(Page):
    """A community's care bundle (e.g. the paediatric sepsis bundle), stage by stage along the pathway."""

    summary = models.TextField(_("summary"), max_length=400)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    stages = StreamField(
        [("stage", BundleStageBlock())],
        verbose_name=_("stages of the pathway"),
        help_text=_("In pathway order, e.g. recognition, escalation, treatment, de-escalation, learning."),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("intro"), FieldPanel("stages")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("intro"),
        index.SearchField("stages"),
    ]
    parent_page_types = ["community.CommunityPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("care bundle")
