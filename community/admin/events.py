"""Wagtail admin hooks for events (registered when community/wagtail_hooks.py imports this module):
a "Registrations" action on a meeting's page header and in the page listing's "More" menu, for
the meeting's organisers."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from community.models import EventPage
from community.permissions.events import event_registrations_view_allowed


class EventRegistrationsMenuItem(PageMenuItem):
    """Opens the organisers' list of who is coming (on the site, where the CSV download is)."""

    label = _("Registrations")
    icon_name = "group"

    def __init__(self, *, page: EventPage, priority: int):
        super().__init__(page=page, priority=priority)

    @property
    def url(self) -> str:
        return reverse("community:event_registrations", args=[self.page.pk])

    def is_shown(self, user) -> bool:
        return event_registrations_view_allowed(user=user, event=self.page)


def _event(page) -> EventPage | None:
    if page.specific_class is not EventPage:
        return None
    return page if isinstance(page, EventPage) else page.specific


@hooks.register("register_page_header_buttons")
def event_registrations_header_button(page, user, view_name=None, next_url=None):
    event = _event(page)
    if event is not None:
        yield EventRegistrationsMenuItem(page=event, priority=40)


@hooks.register("register_page_listing_more_buttons")
def event_registrations_listing_button(page, user, next_url=None):
    event = _event(page)
    if event is not None:
        yield EventRegistrationsMenuItem(page=event, priority=7)
