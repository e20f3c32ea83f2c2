"""Wagtail admin additions, one module per concern; imported by community/wagtail_hooks.py."""
