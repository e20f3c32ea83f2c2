"""Proposal views: exports (being built)."""

urlpatterns: list = []
