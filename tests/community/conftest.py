import pytest

from tests.community.factories import (
    CommunityIndexPageFactory,
    CommunityLeadFactory,
    CommunityMemberFactory,
    CommunityPageFactory,
    EventIndexPageFactory,
)


@pytest.fixture
def event_index(site_pages):
    return EventIndexPageFactory(parent=site_pages["home"], intro="<p>Meet other units.</p>")


@pytest.fixture
def community_index(site_pages):
    return CommunityIndexPageFactory(parent=site_pages["home"], intro="<p>Communities of practice.</p>")


@pytest.fixture
def community(community_index):
    """A live community of practice, Paediatric Sepsis, with no leads or members yet."""
    return CommunityPageFactory(parent=community_index, title="Paediatric Sepsis", slug="paediatric-sepsis")


@pytest.fixture
def community_member(db):
    """An approved member of the community of practice (not in any particular community)."""
    return CommunityMemberFactory()


@pytest.fixture
def community_lead(community):
    """A member listed as a lead of `community`."""
    return CommunityLeadFactory(page=community).user
