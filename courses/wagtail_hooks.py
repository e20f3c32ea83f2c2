"""The learning app in the Wagtail admin: a "Learning" menu with pathways and the editors' reports."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.models import LearningPathway
from courses.permissions import user_can_view_course_reports
from courses.views import admin as admin_views

#: Other items of the "Learning" menu are registered with this hook.
LEARNING_MENU_HOOK = "register_learning_menu_item"


class LearningPathwayViewSet(SnippetViewSet):
    """Pathways are edited as snippets; their fields and panels come from the model."""

    model = LearningPathway
    icon = "list-ol"
    menu_label = _("Learning pathways")
    list_display = ["title", "slug"]
    search_fields = ["title"]
    ordering = ["title"]


class LearningViewSetGroup(SnippetViewSetGroup):
    """The "Learning" menu: pathways, courses due for review and analytics."""

    items = (LearningPathwayViewSet,)
    menu_label = _("Learning")
    menu_name = "learning"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    submenu_hook = LEARNING_MENU_HOOK


register_snippet(LearningViewSetGroup)


class CourseReportsMenuItem(MenuItem):
    """Shown only to the people who may open the reports."""

    def is_shown(self, request):
        return user_can_view_course_reports(request.user)


@hooks.register(LEARNING_MENU_HOOK)
def register_review_report_menu_item():
    return CourseReportsMenuItem(
        _("Courses due for review"),
        reverse("courses_admin:review"),
        name="courses-due-for-review",
        icon_name="calendar-alt",
        order=10,
    )


@hooks.register(LEARNING_MENU_HOOK)
def register_analytics_menu_item():
    return CourseReportsMenuItem(
        _("Learning analytics"),
        reverse("courses_admin:analytics"),
        name="learning-analytics",
        icon_name="table",
        order=20,
    )


@hooks.register("register_admin_urls")
def register_learning_admin_urls():
    urlpatterns = [
        path("review/", admin_views.CourseReviewReportView.as_view(), name="review"),
        path("review/results/", admin_views.CourseReviewReportView.as_view(results_only=True), name="review_results"),
        path("analytics/", admin_views.AnalyticsIndexView.as_view(), name="analytics"),
        path("analytics/<int:course_id>/", admin_views.AnalyticsCourseView.as_view(), name="analytics_course"),
    ]
    return [path("learning/", include((urlpatterns, "courses_admin")))]
