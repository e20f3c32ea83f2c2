"""Grant support pages: the funding calls editors publish, and the index that lists them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.models import PageDocument


class FundingCallStatus(models.TextChoices):
    """Where a call is in its life, measured against a moment in time."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class FundingCallIndexPage(Page):
    """The list of funding calls: open and upcoming ones first, closed ones kept for reference."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["grants.FundingCallPage"]
    max_count = 1

    class Meta:
        verbose_name = _("funding call index page")

    def get_context(self, request, *args, **kwargs):
        from grants.selectors.calls import funding_calls_for_index

        context = super().get_context(request, *args, **kwargs)
        context.update(funding_calls_for_index(index=self, show_all_closed=request.GET.get("closed") == "all"))
        return context


class FundingCallPage(Page):
    """One funder's call for applications: who funds it, for what, how much and until when."""

    funder = models.CharField(_("funder"), max_length=200, help_text=_("For example, NIHR or a hospital charity."))
    scheme = models.CharField(
        _("scheme"), max_length=200, help_text=_("The funder's programme, e.g. Research for Patient Benefit.")
    )
    summary = models.TextField(_("summary"), max_length=600, help_text=_("What the call funds, in two or three lines."))
    eligibility = RichTextField(
        _("eligibility"), features=["ul", "ol", "bold", "italic", "link"], help_text=_("Who may apply, and for what.")
    )
    amount = models.CharField(
        _("amount"),
        max_length=120,
        help_text=_("As the funder puts it, e.g. “Up to £350,000” or “£5,000 to £20,000 per project”."),
    )
    opens_on = models.DateField(_("opens on"))
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("UK time. Funders usually close at a set time, e.g. 13:00.")
    )
    link = models.URLField(_("funder's page"), max_length=500, help_text=_("Where applicants apply or read more."))
    default_word_limit = models.PositiveIntegerField(
        _("default word limit"),
        null=True,
        blank=True,
        help_text=_(
            "Words allowed in each section of a proposal written for this call (the title and references "
            "excepted). Leave blank to use the platform's suggested limit for each section."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("funder"), FieldPanel("scheme")]),
        FieldPanel("summary"),
        FieldPanel("eligibility"),
        FieldPanel("amount"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_at")]), FieldPanel("link")],
            heading=_("Dates and link"),
        ),
        InlinePanel("guidance_documents", label=_("Guidance documents")),
        FieldPanel("default_word_limit"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("funder"),
        index.SearchField("scheme"),
        index.SearchField("summary"),
        index.SearchField("eligibility"),
        index.FilterField("opens_on"),
        index.FilterField("closes_at"),
    ]
    parent_page_types = ["grants.FundingCallIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("funding call")

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_at and timezone.localtime(self.closes_at).date() <= self.opens_on:
            raise ValidationError({"closes_at": _("The closing date must be after the opening date.")})

    # Status is measured against a moment passed in, so the list, the page and the tests agree on "now".
    def status_at(self, now: datetime.datetime) -> FundingCallStatus:
        """Closed once the closing time has passed; upcoming before the opening day (UK time); open between."""
        if now >= self.closes_at:
            return FundingCallStatus.CLOSED
        if timezone.localtime(now).date() < self.opens_on:
            return FundingCallStatus.UPCOMING
        return FundingCallStatus.OPEN

    def days_left_at(self, now: datetime.datetime) -> int | None:
        """Whole calendar days (UK time) until the closing day, 0 on the day itself; None once closed."""
        if now >= self.closes_at:
            return None
        return (timezone.localtime(self.closes_at).date() - timezone.localtime(now).date()).days

    def days_to_open_at(self, now: datetime.datetime) -> int | None:
        """Calendar days until the call opens; None once it has opened."""
        days = (self.opens_on - timezone.localtime(now).date()).days
        return days if days > 0 else None

    @property
    def status(self) -> FundingCallStatus:
        return self.status_at(timezone.now())

    @property
    def days_left(self) -> int | None:
        return self.days_left_at(timezone.now())

    def get_context(self, request, *args, **kwargs):
        from grants.selectors.calls import funding_call_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(funding_call_detail(call=self))
        return context


class FundingCallDocument(PageDocument):
    """A guidance document attached to a funding call: the funder's notes, a template, a checklist."""

    page = ParentalKey(FundingCallPage, on_delete=models.CASCADE, related_name="guidance_documents")

    class Meta(PageDocument.Meta):
        verbose_name = _("guidance document")
        verbose_name_plural = _("guidance documents")
