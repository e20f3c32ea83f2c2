"""The editors' side of learning in the Wagtail admin: courses due for review and learning analytics.

Registered under /admin/learning/ by courses/wagtail_hooks.py. Every view is for
`user_can_view_course_reports` users only; anybody else gets 403.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.models import Organisation, ProfessionalGroup
from courses import analytics
from courses.models import CoursePage
from courses.permissions import user_can_view_course_reports
from courses.spreadsheets import csv_cell, csv_response


class CourseReportsAccessMixin:
    """Only editors, moderators, group leads and superusers; anybody else gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if not user_can_view_course_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# Courses due for review ------------------------------------------------------------------


def _date_text(value: datetime.date | None) -> str:
    return date_format(value, "j M Y") if value else ""


class CourseReviewReportView(CourseReportsAccessMixin, ReportView):
    """Live and draft courses whose clinical review is due (before today) or was never scheduled, oldest first."""

    page_title = _("Courses due for review")
    header_icon = "calendar-alt"
    index_url_name = "courses_admin:review"
    index_results_url_name = "courses_admin:review_results"
    verbose_name_plural = _("courses due for review")
    export_headings = {
        "title": _("Course"),
        "status_string": _("Status"),
        "clinically_reviewed_by": _("Clinically reviewed by"),
        "reviewed_on": _("Reviewed on"),
        "next_review_due": _("Next review due"),
    }
    list_export = ["title", "status_string", "clinically_reviewed_by", "reviewed_on", "next_review_due"]

    def get_filename(self):
        return f"courses-due-for-review-{timezone.localdate():%Y-%m-%d}"

    @cached_property
    def no_results_message(self):
        return _("No course is due for review.")

    @cached_property
    def editable_ids(self) -> set[int]:
        """The courses this user may edit: their titles link to the editor, the others are plain text."""
        policy = PagePermissionPolicy()
        return set(
            policy.instances_user_has_permission_for(self.request.user, "change")
            .type(CoursePage)
            .values_list("pk", flat=True)
        )

    def _edit_url(self, page) -> str | None:
        return reverse("wagtailadmin_pages:edit", args=[page.pk]) if page.pk in self.editable_ids else None

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("Course"), get_url=self._edit_url),
            LiveStatusTagColumn(sort_key=None),
            Column("clinically_reviewed_by", label=_("Clinically reviewed by")),
            Column("reviewed_on", label=_("Reviewed on"), accessor=lambda page: _date_text(page.reviewed_on)),
            Column(
                "next_review_due",
                label=_("Next review due"),
                accessor=lambda page: _date_text(page.next_review_due) or _("Not scheduled"),
            ),
        ]

    def get_queryset(self):
        today = timezone.localdate()
        return (
            CoursePage.objects.filter(Q(next_review_due__lt=today) | Q(next_review_due__isnull=True))
            # What the status column needs, fetched with the pages rather than once per row.
            .annotate_approved_schedule()
            .prefetch_workflow_states()
            .order_by(F("next_review_due").asc(nulls_first=True), "title", "pk")
        )


# Learning analytics -----------------------------------------------------------------------


class AnalyticsFilterForm(forms.Form):
    """Narrow the figures to one professional group and/or organisation."""

    professional_group = forms.ChoiceField(
        label=_("Professional group"),
        required=False,
        choices=[("", _("All professional groups")), *ProfessionalGroup.choices],
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        empty_label=_("All organisations"),
        # Only organisations with learners: the list stays short and every choice means something.
        queryset=Organisation.objects.filter(members__enrolments__isnull=False).distinct().order_by("name"),
    )

    def learner_filter(self) -> analytics.LearnerFilter:
        organisation = self.cleaned_data.get("organisation")
        return analytics.LearnerFilter(
            professional_group=self.cleaned_data.get("professional_group") or "",
            organisation_id=organisation.pk if organisation else None,
        )


def _percent(value: float | None) -> str:
    return "" if value is None else f"{round(100 * value)}"


def _csv_response(filename: str, header: list[str], rows: list[list]) -> HttpResponse:
    response, writer = csv_response(filename)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    y: int
    width: float
    value_x: float


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart of facility per question, drawn as inline SVG by the template."""

    bars: list[Bar]
    width: int
    height: int
    plot_x: int
    plot_width: int
    bar_height: int


def facility_chart(questions: list[analytics.QuestionStats]) -> Chart | None:
    """Geometry of the facility chart: one bar per question that has attempts."""
    plotted = [q for q in questions if q.facility is not None]
    if not plotted:
        return None
    plot_x, plot_width, bar_height, gap, top = 64, 480, 22, 10, 24
    bars = []
    for index, question in enumerate(plotted):
        width = round(plot_width * question.facility, 1)
        bars.append(
            Bar(
                label=f"Q{question.number}" if question.number else _("Removed"),
                text=f"{_percent(question.facility)}%",
                y=top + index * (bar_height + gap),
                width=width,
                value_x=plot_x + width + 6,
            )
        )
    height = top + len(bars) * (bar_height + gap)
    return Chart(
        bars=bars,
        width=plot_x + plot_width + 56,
        height=height,
        plot_x=plot_x,
        plot_width=plot_width,
        bar_height=bar_height,
    )


class AnalyticsBaseView(CourseReportsAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"

    @cached_property
    def form(self) -> AnalyticsFilterForm:
        return AnalyticsFilterForm(data=self.request.GET)

    def csv_url(self) -> str:
        query = self.request.GET.copy()
        query["format"] = "csv"
        return f"{self.request.path}?{query.urlencode()}"

    def get(self, request, *args, **kwargs):
        if not self.form.is_valid():
            # Nothing to count: show the message next to the field, with the choices kept.
            return self.render_to_response(self.get_context_data(filters_invalid=True), status=400)
        learners = self.form.learner_filter()
        if request.GET.get("format") == "csv":
            return self.csv(learners)
        return self.render_to_response(self.get_context_data(learners=learners))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            csv_url=self.csv_url(),
            suppressed_text=analytics.SUPPRESSED_TEXT,
            min_cohort=analytics.MIN_COHORT,
        )
        return context


class AnalyticsIndexView(AnalyticsBaseView):
    """Uptake of every course, optionally for one professional group or organisation."""

    template_name = "courses/admin/analytics_index.html"
    page_title = _("Learning analytics")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "learners" in kwargs:
            context["courses"] = analytics.course_stats_list(learners=kwargs["learners"])
        return context

    def csv(self, learners: analytics.LearnerFilter) -> HttpResponse:
        header = [
            "Course",
            "Status",
            "Enrolments",
            "Completions",
            "Completion rate (%)",
            "Median time to complete (hours)",
            "Average best score (%)",
            "Best score (%)",
            "Note",
        ]
        rows = []
        for stats in analytics.course_stats_list(learners=learners):
            status = "live" if stats.live else "draft"
            if stats.suppressed:
                rows.append([csv_cell(stats.title), status, "", "", "", "", "", "", str(analytics.SUPPRESSED_TEXT)])
                continue
            median = stats.median_time_to_complete
            rows.append(
                [
                    csv_cell(stats.title),
                    status,
                    stats.enrolments,
                    stats.completions,
                    _percent(stats.completion_rate),
                    "" if median is None else f"{median.total_seconds() / 3600:.1f}",
                    "" if stats.average_best_score is None else f"{stats.average_best_score:.1f}",
                    "" if stats.best_score is None else stats.best_score,
                    "",
                ]
            )
        return _csv_response(f"course-analytics-{timezone.localdate():%Y-%m-%d}.csv", header, rows)


class AnalyticsCourseView(AnalyticsBaseView):
    """One course: its uptake and an item analysis of its knowledge check."""

    template_name = "courses/admin/analytics_course.html"

    @cached_property
    def course(self) -> CoursePage:
        return get_object_or_404(CoursePage, pk=self.kwargs["course_id"])

    def get_page_title(self):
        return _("Learning analytics")

    def get_page_subtitle(self):
        return self.course.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("courses_admin:analytics"), "label": _("Learning analytics")},
            {"url": "", "label": self.course.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["course"] = self.course
        if "learners" in kwargs:
            learners = kwargs["learners"]
            analysis = analytics.check_analysis(course=self.course, learners=learners)
            context.update(
                stats=analytics.course_stats(course=self.course, learners=learners),
                analysis=analysis,
                chart=facility_chart(analysis.questions),
                small_sample=analytics.SMALL_SAMPLE,
            )
        return context

    def csv(self, learners: analytics.LearnerFilter) -> HttpResponse:
        analysis = analytics.check_analysis(course=self.course, learners=learners)
        header = [
            "Number",
            "Question",
            "Attempts",
            "Correct",
            "Facility (%)",
            "Discrimination",
            "Wrong options chosen",
            "Note",
        ]
        rows = []
        if analysis.suppressed:
            rows.append(["", "", "", "", "", "", "", str(analytics.SUPPRESSED_TEXT)])
        for question in analysis.questions:
            wrong = "; ".join(f"{option.text}: {option.chosen}" for option in question.wrong_options)
            note = []
            if question.removed:
                note.append("Question no longer in the knowledge check")
            if analysis.small_sample:
                note.append(f"Fewer than {analytics.SMALL_SAMPLE} attempts: treat with caution")
            rows.append(
                [
                    question.number or "",
                    csv_cell(question.text),
                    question.attempts,
                    question.correct,
                    _percent(question.facility),
                    "" if question.discrimination is None else f"{question.discrimination:.2f}",
                    csv_cell(wrong),
                    "; ".join(note),
                ]
            )
        filename = f"question-analytics-{slugify(self.course.slug)}-{timezone.localdate():%Y-%m-%d}.csv"
        return _csv_response(filename, header, rows)
