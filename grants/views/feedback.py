"""Proposal views: feedback (being built)."""

urlpatterns: list = []
