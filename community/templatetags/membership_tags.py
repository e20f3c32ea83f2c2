"""Template tags for community membership."""

from django import template

from community.selectors.membership import community_figures as figures_select

register = template.Library()


@register.simple_tag
def community_figures() -> dict:
    """{"members": N, "organisations": M}, for "N members from M organisations" (two queries)."""
    return figures_select()
