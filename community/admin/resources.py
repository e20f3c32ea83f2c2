"""Wagtail admin hooks for resources (registered when community/wagtail_hooks.py imports this module)."""
