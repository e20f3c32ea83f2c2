"""Communities of practice (e.g. Paediatric Sepsis): their pages, leads, members and followers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


class CommunityIndexPage(Page):
    """The list of communities of practice."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["community.CommunityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("community index page")

    def get_context(self, request, *args, **kwargs):
        from community.selectors.communities import communities_for_index

        context = super().get_context(request, *args, **kwargs)
        context.update(communities_for_index(index=self))
        return context


class CommunityPage(Page):
    """A community of practice: its purpose, leads and members, with its meetings, resources, discussions,
    care bundles and surveys."""

    summary = models.TextField(_("summary"), max_length=400, help_text=_("One or two lines for lists and search."))
    purpose = RichTextField(
        _("purpose"), features=["h3", "ul", "ol", "bold", "italic", "link"], help_text=_("What the community is for.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("purpose"),
        InlinePanel("leads", label=_("Leads")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("purpose")]
    parent_page_types = ["community.CommunityIndexPage"]
    subpage_types = ["community.CareBundlePage", "community.SurveyPage"]

    class Meta:
        verbose_name = _("community of practice")
        verbose_name_plural = _("communities of practice")

    def get_context(self, request, *args, **kwargs):
        from community.selectors.communities import community_detail

        context = super().get_context(request, *args, **kwargs)
        if self.pk:
            context.update(community_detail(community=self, user=request.user))
        return context


class CommunityLead(Orderable):
    """A member who leads a community: moderates its discussions and resources."""

    page = ParentalKey(CommunityPage, on_delete=models.CASCADE, related_name="leads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_('E.g. "Nurse lead".'))

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        constraints = [models.UniqueConstraint(fields=["page", "user"], name="community_lead_unique")]

    def __str__(self) -> str:
        return str(self.user)


class CommunityMembership(models.Model):
    """A member who has joined a community of practice."""

    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships")
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("member of a community")
        constraints = [models.UniqueConstraint(fields=["community", "user"], name="community_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} in {self.community}"


class CommunityFollow(models.Model):
    """A member who wants to be told when the community announces a new meeting."""

    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follower of a community")
        constraints = [models.UniqueConstraint(fields=["community", "user"], name="community_follow_unique")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.community}"
