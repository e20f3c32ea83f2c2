"""Plan views: templates (being built)."""

urlpatterns: list = []
