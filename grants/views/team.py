"""Proposal views: team (being built)."""

urlpatterns: list = []
