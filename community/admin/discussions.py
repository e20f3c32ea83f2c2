"""Wagtail admin hooks for discussions (registered when community/wagtail_hooks.py imports this module)."""
