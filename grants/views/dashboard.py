"""Proposal views: dashboard (being built)."""

urlpatterns: list = []
