"""Proposal views: mentoring (being built)."""

urlpatterns: list = []
