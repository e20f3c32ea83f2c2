"""Wagtail admin hooks for communities (registered when community/wagtail_hooks.py imports this module)."""
