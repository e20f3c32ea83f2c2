"""Implementation plan URLs: a proposal's plan lives under its proposal; templates under /grants/plan-templates/."""

from implementation.views import editing, outputs, templates

app_name = "implementation"

urlpatterns = [
    *editing.urlpatterns,
    *outputs.urlpatterns,
    *templates.urlpatterns,
]
