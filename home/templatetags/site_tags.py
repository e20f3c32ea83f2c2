"""Template tags for the site's layout."""

from django import template
from wagtail.models import Site

from accounts.permissions import user_can_access_cms, user_is_group_lead

register = template.Library()


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context) -> dict:
    """The home page's children marked "show in menus", in tree order (one query)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        root = site.root_page
        for page in root.get_children().live().in_menu().only("title", "url_path", "path", "depth"):
            url = page.get_url(request=request)
            items.append(
                {
                    "title": page.title,
                    "url": url,
                    "current": bool(request) and request.path.startswith(url or "\0"),
                }
            )
    return {"items": items}


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
