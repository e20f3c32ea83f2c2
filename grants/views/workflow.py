"""Proposal views: workflow (being built)."""

urlpatterns: list = []
