import pytest

from tests.community.factories import EventIndexPageFactory


@pytest.fixture
def event_index(site_pages):
    return EventIndexPageFactory(parent=site_pages["home"], intro="<p>Meet other units.</p>")
