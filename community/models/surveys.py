"""Member surveys, built by editors with Wagtail's form builder."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField


class SurveyField(AbstractFormField):
    """A question of a survey."""

    page = ParentalKey("community.SurveyPage", on_delete=models.CASCADE, related_name="form_fields")


class SurveyPage(AbstractForm):
    """A survey of members (e.g. to set the network's priorities): members-only or open, once per member if set."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    thank_you_text = RichTextField(_("thank-you message"), blank=True, features=["bold", "italic", "link"])
    members_only = models.BooleanField(
        _("members only"), default=True, help_text=_("Only members of the community can answer.")
    )
    one_response_per_member = models.BooleanField(
        _("one response per member"), default=True, help_text=_("Answering requires signing in.")
    )
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True, help_text=_("UK time. Blank: stays open."))

    content_panels = [
        *AbstractForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Questions")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("members_only"), FieldPanel("one_response_per_member")]),
                FieldPanel("closes_at"),
            ],
            heading=_("Who can answer"),
        ),
    ]
    parent_page_types = ["community.CommunityPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("survey")

    def get_submission_class(self):
        return SurveySubmission


class SurveySubmission(AbstractFormSubmission):
    """One response to a survey, with the member who gave it (none for open surveys answered anonymously)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )

    class Meta:
        verbose_name = _("survey response")
        indexes = [models.Index(fields=["page", "user"])]
