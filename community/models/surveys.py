"""Member surveys, built by editors with Wagtail's form builder."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.template.response import TemplateResponse
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

    def get_submissions(self):
        # The member's name is a column of the admin's listing and export: one query for all rows.
        return super().get_submissions().select_related("user")

    def get_data_fields(self):
        """The columns of the submissions listing and its CSV/XLSX export: date, member, then the questions."""
        submit_time, *questions = super().get_data_fields()
        return [submit_time, ("respondent", _("Member")), *questions]

    def get_submissions_list_view_class(self):
        from community.admin.surveys import SurveySubmissionsListView

        return SurveySubmissionsListView

    def process_form_submission(self, form):
        from community.services.surveys import survey_response_create

        return survey_response_create(survey=self, user=form.user, form=form)

    def serve(self, request, *args, **kwargs):
        """The questions for those who may answer; otherwise the page says why (or asks to sign in)."""
        from community.selectors.surveys import SurveyState, survey_access
        from community.services.surveys import SurveyUnavailable

        access = survey_access(survey=self, user=request.user)
        if access.state == SurveyState.OPEN:
            try:
                return super().serve(request, *args, **kwargs)
            except SurveyUnavailable:
                # Answered in another tab, or closed, while this form was open.
                access = survey_access(survey=self, user=request.user)
        return self.serve_unavailable(request, access)

    def serve_unavailable(self, request, access):
        """Log-in for visitors who must sign in; the page without its questions for everyone else."""
        from community.selectors.surveys import SurveyState

        if access.state == SurveyState.SIGN_IN:
            return redirect_to_login(request.get_full_path())
        context = self.get_context(request)
        context.update(
            {"survey_state": access.state, "response": access.response, "resubmitted": request.method == "POST"}
        )
        # "You need to be a member" reveals nothing of the survey beyond its title.
        status = 403 if access.state == SurveyState.JOIN else 200
        return TemplateResponse(request, self.get_template(request), context, status=status)


class SurveySubmission(AbstractFormSubmission):
    """One response to a survey, with the member who gave it (none for open surveys answered anonymously)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )

    class Meta:
        verbose_name = _("survey response")
        indexes = [models.Index(fields=["page", "user"])]

    def get_data(self):
        """The answers, the date and the member's name (blank for a visitor), for the listing and export."""
        respondent = (self.user.get_full_name() or self.user.email) if self.user_id else ""
        return {**super().get_data(), "respondent": respondent}
