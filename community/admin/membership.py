"""Wagtail admin hooks for membership (registered when community/wagtail_hooks.py imports this module)."""
