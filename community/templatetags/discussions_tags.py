"""Template filters for discussions."""

from django import template

from community.text import markdown_safe as _markdown_safe

register = template.Library()


@register.filter
def markdown_safe(text: str):
    """A member's Markdown as sanitised HTML (see community.text): `{{ post.body|markdown_safe }}`."""
    return _markdown_safe(text)
