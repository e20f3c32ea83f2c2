"""Template tags for the site's layout."""

from django import template
from wagtail.models import Site

from accounts.permissions import user_can_access_cms, user_is_group_lead

register = template.Library()


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context) -> dict:
    """The home page's children marked "show in menus", in tree order (one query).

    Standard pages (about us, membership, how we work) are gathered under one "About" menu so
    the sections (learning, funding, communities, meetings, news, resources) fit on one line.
    """
    from django.contrib.contenttypes.models import ContentType

    from home.models import StandardPage

    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    sections, about = [], []
    if site is not None:
        standard_type = ContentType.objects.get_for_model(StandardPage).pk
        root = site.root_page
        for page in root.get_children().live().in_menu().only("title", "url_path", "path", "depth", "content_type"):
            url = page.get_url(request=request)
            item = {
                "title": page.title,
                "url": url,
                "current": bool(request) and request.path.startswith(url or "\0"),
            }
            (about if page.content_type_id == standard_type else sections).append(item)
    return {"items": sections, "about": about, "about_current": any(item["current"] for item in about)}


@register.simple_tag(takes_context=True)
def cms_access(context) -> bool:
    """Whether the signed-in member may open the CMS."""
    request = context.get("request")
    return bool(request) and user_can_access_cms(request.user)


@register.simple_tag(takes_context=True)
def group_lead_access(context) -> bool:
    """Whether the signed-in member runs the community (sees the grants dashboard)."""
    request = context.get("request")
    return bool(request) and user_is_group_lead(request.user)
