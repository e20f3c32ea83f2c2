"""News: announcements, meeting reports, calls for collaborators and news of partner groups."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock


class NewsCategory(models.TextChoices):
    """What kind of news an item is."""

    ANNOUNCEMENT = "announcement", _("Announcement")
    GUIDANCE = "guidance", _("New guidance")
    MEETING_REPORT = "meeting_report", _("Meeting report")
    COLLABORATORS = "collaborators", _("Call for collaborators")
    PARTNERS = "partners", _("Partner groups")


class NewsIndexPage(Page):
    """The news list, newest first, with its feed."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["community.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        from community.selectors.news import news_for_index

        context = super().get_context(request, *args, **kwargs)
        context.update(news_for_index(index=self, request=request))
        return context


class NewsPage(Page):
    """One news item, optionally about a community of practice."""

    date = models.DateField(_("date"), default=timezone.localdate)
    category = models.CharField(
        _("category"), max_length=20, choices=NewsCategory.choices, default=NewsCategory.ANNOUNCEMENT
    )
    community = models.ForeignKey(
        "community.CommunityPage",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Also listed on this community's page."),
    )
    summary = models.TextField(_("summary"), max_length=400, help_text=_("For lists, the home page and the feed."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("category"),
        FieldPanel("community"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("category"),
    ]
    parent_page_types = ["community.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
