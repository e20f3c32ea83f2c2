"""Plan views: editing (being built)."""

urlpatterns: list = []
