"""The demo funding calls: one of each kind, built once, editors' changes kept."""

from decimal import Decimal

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


def test_demo_proposals_tell_the_whole_story_once(site_pages):
    """With the demo accounts, three proposals: a draft, one in mentor review with feedback, one awarded."""
    from grants.demo_content import PROPOSALS
    from grants.models import Proposal, ProposalState
    from home.demo import accounts_ensure

    accounts_ensure(password="demo password for tests")
    grants_demo_load(home=site_pages["home"], with_proposals=True)
    proposals = {p.title: p for p in Proposal.objects.all()}
    assert set(proposals) == {data["title"] for data in PROPOSALS}
    for data in PROPOSALS:
        proposal = proposals[data["title"]]
        assert proposal.state == data["state"]
        assert proposal.lead.email == data["lead"]
        assert sorted(c.user.email for c in proposal.co_applicants.all()) == sorted(data["co_applicants"])
    sepsis = proposals[PROPOSALS[0]["title"]]
    assert sepsis.state == ProposalState.IN_REVIEW
    assert sepsis.versions.count() == 1 and sepsis.comments.count() == 3
    assert sepsis.reviews.get().is_submitted
    assert proposals[PROPOSALS[2]["title"]].amount_awarded == Decimal(PROPOSALS[2]["amount_awarded"])

    grants_demo_load(home=site_pages["home"], with_proposals=True)
    assert Proposal.objects.count() == len(PROPOSALS)
