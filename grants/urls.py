"""Grant support URLs: each views module lists its own patterns, joined here under one namespace."""

from grants.views import dashboard, editing, exports, feedback, mentoring, proposals, team, workflow

app_name = "grants"

urlpatterns = [
    *proposals.urlpatterns,
    *editing.urlpatterns,
    *team.urlpatterns,
    *workflow.urlpatterns,
    *mentoring.urlpatterns,
    *feedback.urlpatterns,
    *exports.urlpatterns,
    *dashboard.urlpatterns,
]
