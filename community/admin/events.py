"""Wagtail admin hooks for events (registered when community/wagtail_hooks.py imports this module)."""
