"""The demo funding calls: one of each kind, built once, editors' changes kept."""

from wagtail.models import Page

from grants.demo import grants_demo_load
from grants.models import FundingCallIndexPage, FundingCallPage
from grants.selectors.calls import funding_calls_for_index


def test_demo_builds_open_upcoming_and_closed_calls_once(site_pages):
    home = site_pages["home"]
    index = grants_demo_load(home=home)
    assert (index.title, index.slug, index.show_in_menus, index.live) == ("Funding calls", "funding", True, True)
    sections = funding_calls_for_index(index=index)
    assert len(sections["open"]) == 2 and len(sections["upcoming"]) == 1 and len(sections["closed"]) == 1
    for call in FundingCallPage.objects.all():
        call.full_clean()  # the demo data passes the editors' own validation
    before = list(Page.objects.order_by("path").values_list("path", "title", "live"))

    again = grants_demo_load(home=home)

    assert again.pk == index.pk
    assert list(Page.objects.order_by("path").values_list("path", "title", "live")) == before
    assert FundingCallIndexPage.objects.count() == 1


def test_demo_keeps_editors_changes(site_pages):
    index = grants_demo_load(home=site_pages["home"])
    call = FundingCallPage.objects.child_of(index).first()
    call.amount = "Up to £400,000 (edited)"
    call.save_revision().publish()
    grants_demo_load(home=site_pages["home"])
    assert FundingCallPage.objects.get(pk=call.pk).amount == "Up to £400,000 (edited)"
