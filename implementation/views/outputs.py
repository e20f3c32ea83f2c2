"""Plan views: outputs (being built)."""

urlpatterns: list = []
