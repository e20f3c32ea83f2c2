"""Funding call pages: status and days left around the boundaries, validation and page-type rules."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from grants.models import FundingCallIndexPage, FundingCallPage, FundingCallStatus
from home.demo import home_page_ensure
from home.models import HomePage, StandardPage
from tests.grants.factories import FundingCallIndexPageFactory, FundingCallPageFactory
from tests.home.factories import HomePageFactory

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


def at(*args, tz=LONDON) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=tz)


# Building even an unsaved page looks up its content type, which is only sometimes cached.
pytestmark = pytest.mark.django_db


def call(**kwargs) -> FundingCallPage:
    """An unsaved call: opens 1 March 2027, closes 31 March 2027 at 13:00 UK time (BST by then)."""
    return FundingCallPage(
        title="Call",
        opens_on=kwargs.get("opens_on", datetime.date(2027, 3, 1)),
        closes_at=kwargs.get("closes_at", at(2027, 3, 31, 13, 0)),
    )


@pytest.mark.parametrize(
    ("now", "status", "days_left", "days_to_open"),
    [
        (at(2027, 2, 1, 9, 0), FundingCallStatus.UPCOMING, 58, 28),
        (at(2027, 2, 28, 23, 59, 59), FundingCallStatus.UPCOMING, 31, 1),
        (at(2027, 3, 1, 0, 0), FundingCallStatus.OPEN, 30, None),
        (at(2027, 3, 30, 23, 59), FundingCallStatus.OPEN, 1, None),
        # 23:30 UTC on the 30th is already 00:30 on the 31st in London: the UK day counts.
        (at(2027, 3, 30, 23, 30, tz=UTC), FundingCallStatus.OPEN, 0, None),
        (at(2027, 3, 31, 12, 59, 59), FundingCallStatus.OPEN, 0, None),
        (at(2027, 3, 31, 13, 0), FundingCallStatus.CLOSED, None, None),
        (at(2027, 3, 31, 12, 0, tz=UTC), FundingCallStatus.CLOSED, None, None),  # 13:00 BST
        (at(2027, 6, 1, 9, 0), FundingCallStatus.CLOSED, None, None),
    ],
)
def test_status_and_days_around_the_boundaries(now, status, days_left, days_to_open):
    page = call()
    assert page.status_at(now) == status
    assert page.days_left_at(now) == days_left
    assert page.days_to_open_at(now) == days_to_open


def test_status_properties_use_the_current_time():
    assert call(opens_on=datetime.date(2000, 1, 1), closes_at=at(2000, 2, 1, 13, 0)).status == FundingCallStatus.CLOSED
    assert call(opens_on=datetime.date(2000, 1, 1), closes_at=at(2000, 2, 1, 13, 0)).days_left is None
    assert (
        call(opens_on=datetime.date(2999, 1, 1), closes_at=at(2999, 2, 1, 13, 0)).status == FundingCallStatus.UPCOMING
    )
    assert call(opens_on=datetime.date(2000, 1, 1), closes_at=at(2999, 2, 1, 13, 0)).status == FundingCallStatus.OPEN


@pytest.mark.parametrize(
    ("closes_at", "valid"),
    [
        (at(2027, 3, 2, 13, 0), True),
        (at(2027, 3, 1, 23, 59), False),  # same day
        (at(2027, 2, 20, 13, 0), False),
        (at(2027, 3, 1, 0, 30, tz=UTC), False),  # 00:30 on the opening day itself
    ],
)
def test_clean_requires_closing_after_opening(closes_at, valid):
    page = call(closes_at=closes_at)
    page.slug = "call"
    if valid:
        page.clean()
    else:
        with pytest.raises(ValidationError) as excinfo:
            page.clean()
        assert "closes_at" in excinfo.value.message_dict


def test_guidance_document_title_falls_back_to_the_documents_own(site_pages):
    import wagtail_factories

    index = FundingCallIndexPageFactory(parent=site_pages["home"])
    page = FundingCallPageFactory(parent=index)
    document = wagtail_factories.DocumentFactory(title="Guidance notes for applicants")
    row = page.guidance_documents.create(document=document)
    assert str(row) == "Guidance notes for applicants"
    row.title = "Applicant guidance (2027)"
    assert row.display_title == "Applicant guidance (2027)"


class PageTypeRulesTests(WagtailPageTestCase):
    def test_the_index_sits_under_the_home_page_only_once(self):
        self.assertAllowedParentPageTypes(FundingCallIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(FundingCallIndexPage, {FundingCallPage})
        self.assertCanNotCreateAt(StandardPage, FundingCallIndexPage)
        home = HomePageFactory(parent=Page.get_first_root_node())
        self.assertTrue(FundingCallIndexPage.can_create_at(home))
        FundingCallIndexPageFactory(parent=home)
        self.assertFalse(FundingCallIndexPage.can_create_at(home))

    def test_calls_sit_under_the_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(FundingCallPage, {FundingCallIndexPage})
        self.assertCanCreateAt(FundingCallIndexPage, FundingCallPage)
        self.assertCanNotCreateAt(HomePage, FundingCallPage)
        self.assertAllowedSubpageTypes(FundingCallPage, set())

    def test_pages_render(self):
        home = home_page_ensure()  # served by the default site
        index = FundingCallIndexPageFactory(parent=home)
        page = FundingCallPageFactory(parent=index)
        self.assertPageIsRenderable(index)
        self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(page)
