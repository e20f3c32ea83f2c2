"""Grant support URLs: each views module lists its own patterns, joined here under one namespace."""

from grants.views import proposals

app_name = "grants"

urlpatterns = [
    *proposals.urlpatterns,
]
