"""The funding call list: three sections, each in its own order, against one "now"."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from grants.models import FundingCallDocument, FundingCallStatus
from grants.selectors.calls import CLOSED_SHOWN, funding_call_detail, funding_calls_for_index
from tests.grants.factories import FundingCallIndexPageFactory, FundingCallPageFactory

LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2027, 5, 10, 9, 0, tzinfo=LONDON)


def closes(days: int, hour: int = 13) -> datetime.datetime:
    return datetime.datetime.combine(NOW.date() + datetime.timedelta(days=days), datetime.time(hour), tzinfo=LONDON)


def opens(days: int) -> datetime.date:
    return NOW.date() + datetime.timedelta(days=days)


@pytest.fixture
def index(site_pages):
    return FundingCallIndexPageFactory(parent=site_pages["home"])


def titles(cards) -> list[str]:
    return [card.call.title for card in cards]


def test_calls_are_split_into_open_upcoming_and_closed_in_order(index):
    FundingCallPageFactory(parent=index, title="Open, closes later", opens_on=opens(-30), closes_at=closes(40))
    FundingCallPageFactory(parent=index, title="Open, closes today", opens_on=opens(-30), closes_at=closes(0))
    FundingCallPageFactory(parent=index, title="Open from today", opens_on=opens(0), closes_at=closes(10))
    FundingCallPageFactory(parent=index, title="Opens next month", opens_on=opens(30), closes_at=closes(90))
    FundingCallPageFactory(parent=index, title="Opens tomorrow", opens_on=opens(1), closes_at=closes(60))
    FundingCallPageFactory(parent=index, title="Closed long ago", opens_on=opens(-300), closes_at=closes(-200))
    FundingCallPageFactory(parent=index, title="Closed an hour ago", opens_on=opens(-30), closes_at=closes(0, hour=8))
    FundingCallPageFactory(parent=index, title="Closed last week", opens_on=opens(-30), closes_at=closes(-7))
    draft = FundingCallPageFactory(parent=index, title="Draft", opens_on=opens(-1), closes_at=closes(5))
    draft.unpublish()

    result = funding_calls_for_index(index=index, now=NOW)

    assert titles(result["open"]) == ["Open, closes today", "Open from today", "Open, closes later"]
    assert titles(result["upcoming"]) == ["Opens tomorrow", "Opens next month"]
    assert titles(result["closed"]) == ["Closed an hour ago", "Closed last week", "Closed long ago"]
    assert [c.days_left for c in result["open"]] == [0, 10, 40]
    assert {c.status for c in result["open"]} == {FundingCallStatus.OPEN}
    assert [c.days_to_open for c in result["upcoming"]] == [1, 30]
    assert {c.status for c in result["upcoming"]} == {FundingCallStatus.UPCOMING}
    assert {c.status for c in result["closed"]} == {FundingCallStatus.CLOSED}
    assert result["closed_more"] is False


def test_calls_under_another_index_are_not_listed(index, site_pages):
    FundingCallPageFactory(parent=index, title="Ours", opens_on=opens(-1), closes_at=closes(5))
    other_index = FundingCallIndexPageFactory(parent=site_pages["about"], slug="elsewhere")
    FundingCallPageFactory(parent=other_index, title="Theirs", opens_on=opens(-1), closes_at=closes(5))
    assert titles(funding_calls_for_index(index=index, now=NOW)["open"]) == ["Ours"]


def test_only_the_most_recent_closed_calls_unless_all_are_asked_for(index):
    for n in range(CLOSED_SHOWN + 2):
        FundingCallPageFactory(parent=index, title=f"Closed {n}", opens_on=opens(-100 - n), closes_at=closes(-1 - n))
    shown = funding_calls_for_index(index=index, now=NOW)
    assert len(shown["closed"]) == CLOSED_SHOWN
    assert shown["closed"][0].call.title == "Closed 0"
    assert shown["closed_more"] is True
    everything = funding_calls_for_index(index=index, now=NOW, show_all_closed=True)
    assert len(everything["closed"]) == CLOSED_SHOWN + 2
    assert everything["closed"][-1].call.title == f"Closed {CLOSED_SHOWN + 1}"
    assert everything["closed_more"] is False


def test_the_list_costs_the_same_queries_however_many_calls(index, django_assert_num_queries):
    FundingCallPageFactory(parent=index, opens_on=opens(-1), closes_at=closes(5))
    with django_assert_num_queries(3):
        funding_calls_for_index(index=index, now=NOW)
    for n in range(6):
        FundingCallPageFactory(parent=index, opens_on=opens(n - 3), closes_at=closes(n - 2))
    with django_assert_num_queries(3):
        funding_calls_for_index(index=index, now=NOW, show_all_closed=True)


def test_detail_gives_the_status_and_the_documents_in_order(index):
    import wagtail_factories

    call = FundingCallPageFactory(parent=index, opens_on=opens(-1), closes_at=closes(3))
    second = wagtail_factories.DocumentFactory(title="Second")
    first = wagtail_factories.DocumentFactory(title="First")
    FundingCallDocument.objects.create(page=call, document=second, sort_order=1)
    FundingCallDocument.objects.create(page=call, document=first, sort_order=0)
    detail = funding_call_detail(call=call, now=NOW)
    assert detail["card"].status == FundingCallStatus.OPEN
    assert detail["card"].days_left == 3
    assert [row.document.title for row in detail["guidance"]] == ["First", "Second"]
