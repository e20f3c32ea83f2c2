"""Data campaigns in the Wagtail admin: a "Data collection" menu with campaigns (and their measures) and sites.

Group leads keep them (model permissions measures.add/change/delete/view_campaign and _site, given to the
Group leads role in accounts.roles). A campaign's measures are edited inline on the campaign; each site
names the members who send its returns. The returns themselves are sent and corrected on the site, where
their history is kept, not in the admin.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from measures.models import Campaign, Site


class CampaignViewSet(SnippetViewSet):
    """Campaigns, each with its measures inline."""

    model = Campaign
    icon = "table"
    menu_label = _("Campaigns")
    list_display = ["name", "slug", "active"]
    list_filter = ["active"]
    search_fields = ["name", "description"]
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("active")]),
        FieldPanel("community"),
        FieldPanel("leads"),
        InlinePanel(
            "measures",
            heading=_("Measures"),
            label=_("Measure"),
            panels=[
                FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
                FieldPanel("help_text"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
                MultiFieldPanel(
                    [
                        FieldRowPanel([FieldPanel("numerator_label"), FieldPanel("denominator_label")]),
                        FieldPanel("unit"),
                    ],
                    heading=_("Labels"),
                ),
                FieldRowPanel([FieldPanel("min_value"), FieldPanel("max_value")]),
            ],
        ),
    ]


class SiteViewSet(SnippetViewSet):
    """The sites taking part in each campaign and their named data contributors."""

    model = Site
    icon = "site"
    menu_label = _("Sites")
    list_display = ["display_name", "organisation", "campaign"]
    list_filter = ["campaign"]
    search_fields = ["display_name"]
    copy_view_enabled = False
    panels = [
        FieldPanel("campaign"),
        FieldPanel("organisation"),
        FieldPanel("display_name"),
        FieldPanel("contributors"),
    ]

    def get_queryset(self, request):
        return Site.objects.select_related("campaign", "organisation")


class DataCollectionViewSetGroup(SnippetViewSetGroup):
    items = (CampaignViewSet, SiteViewSet)
    menu_icon = "table"
    menu_label = _("Data collection")
    menu_name = "data_collection"


register_snippet(DataCollectionViewSetGroup)
