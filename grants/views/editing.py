"""Proposal views: editing (being built)."""

urlpatterns: list = []
