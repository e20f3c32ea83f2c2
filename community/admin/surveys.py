"""Wagtail admin hooks for surveys (registered when community/wagtail_hooks.py imports this module).

Survey results are Wagtail's form submissions: the listing (with its CSV/XLSX export) is Wagtail's own,
given a "Summary" button; the summary page charts the answers question by question. Both follow
Wagtail's rule for who may see a form's submissions (get_forms_for_user).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.contrib.forms.views import SubmissionsListView

from community.models import SurveyPage
from community.permissions.surveys import survey_results_visible
from community.selectors.surveys import survey_summary

SUMMARY_URL_NAME = "community_survey_summary"


class SurveySubmissionsListView(SubmissionsListView):
    """Wagtail's listing of a survey's responses (with the member column), linking to the summary."""

    def get_header_buttons(self):
        summary = HeaderButton(
            gettext("Summary"), url=reverse(SUMMARY_URL_NAME, args=[self.form_page.pk]), icon_name="table"
        )
        return [summary, *super().get_header_buttons()]


class SurveySummaryView(WagtailAdminTemplateMixin, TemplateView):
    """A survey's results question by question: bar charts, number summaries, the latest text answers."""

    template_name = "community/surveys/admin_summary.html"
    page_title = gettext_lazy("Survey summary")
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        self.survey = get_object_or_404(SurveyPage, pk=kwargs["page_id"])
        if not survey_results_visible(user=request.user, survey=self.survey):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.survey.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailforms:index"), "label": gettext("Forms")},
            {
                "url": reverse("wagtailforms:list_submissions", args=[self.survey.pk]),
                "label": self.survey.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(survey_summary(survey=self.survey))
        context["submissions_url"] = reverse("wagtailforms:list_submissions", args=[self.survey.pk])
        return context


class SurveySummaryMenuItem(PageMenuItem):
    """ "Survey summary" in a survey's "More" menu and page header, for those who may see its responses."""

    label = gettext_lazy("Survey summary")
    icon_name = "table"
    url_name = SUMMARY_URL_NAME
    priority = 45

    def is_shown(self, user):
        # Only survey pages (read from the content type, no query); the view itself applies Wagtail's
        # full rule for form submissions.
        return self.page.specific_class is SurveyPage and self.page.permissions_for_user(user).can_edit()


@hooks.register("register_admin_urls")
def survey_admin_urls():
    return [path("community-surveys/<int:page_id>/summary/", SurveySummaryView.as_view(), name=SUMMARY_URL_NAME)]


@hooks.register("register_page_listing_more_buttons")
def survey_listing_buttons(page, user, next_url=None):
    yield SurveySummaryMenuItem(page=page)


@hooks.register("register_page_header_buttons")
def survey_header_buttons(page, user, view_name, next_url=None):
    yield SurveySummaryMenuItem(page=page)
