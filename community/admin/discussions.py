"""Wagtail admin hooks for discussions (registered when community/wagtail_hooks.py imports this module):
a "Discussions" action on a community's page header and in the page listing's "More" menu, for the
people who take part in them (its leads and group leads, or members who joined), so a lead editing the
community's page is one click away from moderating its discussions on the site."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from community.models import CommunityPage
from community.permissions.discussions import discussions_take_part_allowed


class CommunityDiscussionsMenuItem(PageMenuItem):
    """Opens the community's discussions on the site (moderation happens there)."""

    label = _("Discussions")
    icon_name = "comment"

    def __init__(self, *, page: CommunityPage, priority: int):
        super().__init__(page=page, priority=priority)

    @property
    def url(self) -> str:
        return reverse("community:discussions_list", args=[self.page.pk])

    def is_shown(self, user) -> bool:
        return self.page.live and discussions_take_part_allowed(user=user, community=self.page)


def _community(page) -> CommunityPage | None:
    if page.specific_class is not CommunityPage:
        return None
    return page if isinstance(page, CommunityPage) else page.specific


@hooks.register("register_page_header_buttons")
def community_discussions_header_button(page, user, view_name=None, next_url=None):
    community = _community(page)
    if community is not None:
        yield CommunityDiscussionsMenuItem(page=community, priority=45)


@hooks.register("register_page_listing_more_buttons")
def community_discussions_listing_button(page, user, next_url=None):
    community = _community(page)
    if community is not None:
        yield CommunityDiscussionsMenuItem(page=community, priority=8)
