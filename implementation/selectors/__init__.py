"""Reads for implementation planning, split by concern."""
