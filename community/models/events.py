"""Meetings and events, and members' registrations for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.models import PageDocument


class EventIndexPage(Page):
    """The list of meetings: upcoming ones soonest first, then past ones most recent first."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["community.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("event index page")

    def get_context(self, request, *args, **kwargs):
        from community.forms.events import EventFilterForm
        from community.ical import feed_links
        from community.selectors.events import event_communities, events_for_index

        context = super().get_context(request, *args, **kwargs)
        form = EventFilterForm(request.GET or None, communities=event_communities())
        community_id = form.community_id() if form.is_bound else None
        context.update(events_for_index(index=self, user=request.user, community_id=community_id))
        context.update(filter_form=form, filtered=community_id is not None, feed=feed_links(request=request))
        return context


class EventPage(Page):
    """A meeting of the community: when and where, the agenda and speakers, and afterwards its slides and notes."""

    starts_at = models.DateTimeField(_("starts at"), help_text=_("UK time."))
    ends_at = models.DateTimeField(_("ends at"), help_text=_("UK time."))
    venue = models.CharField(
        _("venue"), max_length=255, blank=True, help_text=_("Where people meet in person. Leave blank if online only.")
    )
    online_link = models.URLField(
        _("online joining link"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to members who have registered, on the page and in their calendar file."),
    )
    summary = models.TextField(_("summary"), max_length=600, help_text=_("What the meeting is about, in a few lines."))
    agenda = RichTextField(
        _("agenda"), blank=True, features=["h3", "ul", "ol", "bold", "italic", "link"], help_text=_("Times and items.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Places available. Leave blank for no limit.")
    )
    community = models.ForeignKey(
        "community.CommunityPage",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("The community holding the meeting: its followers are told when it is published."),
    )
    # Set when the community's followers were told of the meeting, so they are told once only.
    followers_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    notes = RichTextField(
        _("notes"),
        blank=True,
        features=["h3", "ul", "ol", "bold", "italic", "link"],
        help_text=_("After the meeting: a summary of what was discussed and agreed."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("venue"),
                FieldPanel("online_link"),
                FieldPanel("capacity"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("community"),
        FieldPanel("summary"),
        FieldPanel("agenda"),
        InlinePanel("speakers", label=_("Speakers")),
        MultiFieldPanel(
            [InlinePanel("materials", label=_("Slides and documents")), FieldPanel("notes")],
            heading=_("After the meeting"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("agenda"),
        index.SearchField("notes"),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["community.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})

    def with_content_json(self, content):
        """A revision's copy of the page, keeping when followers were told of it: that is bookkeeping,
        not content, so publishing an older revision never rolls it back."""
        page = super().with_content_json(content)
        page.followers_notified_at = self.followers_notified_at
        return page

    @property
    def is_past(self) -> bool:
        """A meeting is past once it has started: registration closes then."""
        return self.starts_at <= timezone.now()

    def get_context(self, request, *args, **kwargs):
        from community.ical import feed_links
        from community.selectors.events import event_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(event_detail(event=self, user=request.user))
        context["feed"] = feed_links(request=request)
        return context


class EventSpeaker(Orderable):
    """Someone speaking at a meeting, with their role (e.g. "Consultant nurse, PICU")."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name


class EventMaterial(PageDocument):
    """Slides or another document shared after a meeting."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="materials")

    class Meta(PageDocument.Meta):
        verbose_name = _("slides or document")
        verbose_name_plural = _("slides and documents")


class RegistrationStatus(models.TextChoices):
    """Where a member stands for a meeting."""

    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """A member's place, or place in the queue, at a meeting. One row per member and meeting."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    # The waiting list is ordered by this: a cancelled registration that comes back joins at the back.
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted from the waiting list at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="community_registration_unique")]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.event} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED
