"""Members' resource submissions and their moderation (the library itself is a Wagtail page at /resources/)."""

from django.urls import path

from community.views import resources as views

urlpatterns = [
    path("resource-submissions/", views.resource_submissions_queue, name="resource_submissions"),
    path("resource-submissions/new/", views.resource_submission_new, name="resource_submission_new"),
    path("resource-submissions/mine/", views.resource_submissions_mine, name="resource_submissions_mine"),
    path(
        "resource-submissions/<int:submission_id>/",
        views.resource_submission_review,
        name="resource_submission_review",
    ),
    path(
        "resource-submissions/<int:submission_id>/file/",
        views.resource_submission_file,
        name="resource_submission_file",
    ),
    path(
        "resource-submissions/<int:submission_id>/publish/",
        views.resource_submission_publish_view,
        name="resource_submission_publish",
    ),
    path(
        "resource-submissions/<int:submission_id>/decline/",
        views.resource_submission_decline_view,
        name="resource_submission_decline",
    ),
]
