"""The demo communities, news and sepsis care bundle: built once, with leads and members when asked."""

from wagtail.models import Page

from accounts.models import User
from community.demo.communities import communities_demo_load
from community.models import (
    CareBundlePage,
    CommunityFollow,
    CommunityIndexPage,
    CommunityLead,
    CommunityMembership,
    NewsIndexPage,
    NewsPage,
)
from home.demo import accounts_ensure
from tests.community.factories.communities import MembershipFactory


def _snapshot():
    return (
        list(Page.objects.order_by("path").values_list("path", "title", "live", "latest_revision_id")),
        list(CommunityLead.objects.order_by("pk").values_list("page_id", "user_id", "role")),
        list(CommunityMembership.objects.order_by("pk").values_list("community_id", "user_id")),
        list(CommunityFollow.objects.order_by("pk").values_list("community_id", "user_id")),
    )


def test_pages_only_without_activity(site_pages):
    home = site_pages["home"]
    communities = communities_demo_load(home=home, with_activity=False)
    assert set(communities) == {"paediatric-sepsis", "implementation-group"}
    index = CommunityIndexPage.objects.get()
    assert (index.title, index.slug, index.show_in_menus, index.live) == ("Communities", "communities", True, True)
    news = NewsIndexPage.objects.get()
    assert (news.title, news.slug, news.show_in_menus) == ("News", "news", True)
    items = NewsPage.objects.live()
    assert 5 <= items.count() <= 8 and items.filter(community__isnull=False).exists()
    bundle = CareBundlePage.objects.child_of(communities["paediatric-sepsis"]).get()
    names = [stage.value["name"] for stage in bundle.stages]
    assert names == ["Recognition", "Escalation", "Treatment", "De-escalation", "Learning from incidents"]
    assert all(2 <= len(stage.value["interventions"]) <= 4 for stage in bundle.stages)
    assert not CommunityLead.objects.exists() and not CommunityMembership.objects.exists()
    for page in [index, news, *communities.values(), bundle, *items]:
        page.specific.full_clean()


def test_with_activity_leads_and_members_and_idempotent(site_pages, client):
    home = site_pages["home"]
    accounts_ensure(password="x")
    learner = User.objects.get(email="learner@demo.implementation-hub.test")
    lead = User.objects.get(email="lead@demo.implementation-hub.test")
    MembershipFactory(user=learner)
    communities = communities_demo_load(home=home, with_activity=True)
    sepsis = communities["paediatric-sepsis"]
    roles = {(lead.user.email, lead.role) for lead in sepsis.leads.select_related("user")}
    assert roles == {
        ("lead@demo.implementation-hub.test", "Network lead"),
        ("researcher@demo.implementation-hub.test", "Clinical lead"),
    }
    assert communities["implementation-group"].leads.get().user == lead
    # Only accounts with a membership of the community of practice join (the lead is not one here).
    assert list(CommunityMembership.objects.values_list("user__email", "community__slug")) == [
        ("learner@demo.implementation-hub.test", "paediatric-sepsis")
    ]
    assert CommunityFollow.objects.filter(user=learner).count() == 2
    before = _snapshot()

    # An editor's change survives a rerun.
    sepsis.summary = "Edited by an editor."
    sepsis.save_revision().publish()
    before = _snapshot()
    communities_demo_load(home=home, with_activity=True)
    assert _snapshot() == before
    sepsis.refresh_from_db()
    assert sepsis.summary == "Edited by an editor."
    for page in ["/communities/", sepsis.url, "/news/", CareBundlePage.objects.get().url]:
        assert client.get(page).status_code == 200


def test_other_demo_members_join_by_interest(site_pages):
    sepsis_nurse = MembershipFactory(user__email="chloe.bennett@demo.implementation-hub.test").user
    sepsis_nurse.interests.add("sepsis", "education")
    manager = MembershipFactory(user__email="sam.okafor@demo.implementation-hub.test").user
    manager.interests.add("audit")
    MembershipFactory(user__email="someone@example.org")  # not a demo member: left alone

    communities_demo_load(home=site_pages["home"], with_activity=True)
    communities_demo_load(home=site_pages["home"], with_activity=True)

    assert sorted(CommunityMembership.objects.values_list("user__email", "community__slug")) == [
        ("chloe.bennett@demo.implementation-hub.test", "paediatric-sepsis"),
        ("sam.okafor@demo.implementation-hub.test", "implementation-group"),
    ]
