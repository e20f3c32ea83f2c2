"""Wagtail admin hooks for surveys (registered when community/wagtail_hooks.py imports this module)."""
