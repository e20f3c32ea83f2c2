"""Implementation plan URLs: /grants/plans/<plan_id>/… for any plan; a proposal's Plan tab redirects there."""

from django.urls import path

from implementation.views import common, editing, outputs, templates

app_name = "implementation"

urlpatterns = [
    path("proposals/<int:proposal_id>/plan/", common.proposal_plan, name="proposal_plan"),
    *editing.urlpatterns,
    *outputs.urlpatterns,
    *templates.urlpatterns,
]
