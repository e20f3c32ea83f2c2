"""Reads for funding calls: the list and a call's page."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from grants.models import FundingCallDocument, FundingCallIndexPage, FundingCallPage, FundingCallStatus

# Closed calls are kept for reference, but the list shows only the most recent unless asked for all.
CLOSED_SHOWN = 20


@dataclass(frozen=True)
class FundingCallCard:
    """A call as the list shows it, with its status worked out once, against one "now"."""

    call: FundingCallPage
    status: FundingCallStatus
    days_left: int | None
    days_to_open: int | None


def _card(call: FundingCallPage, now: datetime.datetime) -> FundingCallCard:
    return FundingCallCard(
        call=call, status=call.status_at(now), days_left=call.days_left_at(now), days_to_open=call.days_to_open_at(now)
    )


def funding_calls_for_index(
    *, index: FundingCallIndexPage, now: datetime.datetime | None = None, show_all_closed: bool = False
) -> dict:
    """Context for the funding call index: the live calls under `index`, in three sections.

    `open` (closing soonest first), `upcoming` (opening soonest first) and `closed` (most recently
    closed first; only the latest CLOSED_SHOWN unless `show_all_closed`), each a list of
    FundingCallCard; `closed_more` says whether older closed calls were left out, and `show_all_closed`
    echoes the choice. `now` defaults to the current time. Three queries, however many calls there are.
    """
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    live = FundingCallPage.objects.child_of(index).live()
    not_closed = live.filter(closes_at__gt=now)
    open_calls = not_closed.filter(opens_on__lte=today).order_by("closes_at", "path")
    upcoming = not_closed.filter(opens_on__gt=today).order_by("opens_on", "closes_at", "path")
    closed = live.filter(closes_at__lte=now).order_by("-closes_at", "path")
    if show_all_closed:
        closed_calls, closed_more = list(closed), False
    else:
        closed_calls = list(closed[: CLOSED_SHOWN + 1])
        closed_more = len(closed_calls) > CLOSED_SHOWN
        closed_calls = closed_calls[:CLOSED_SHOWN]
    return {
        "open": [_card(call, now) for call in open_calls],
        "upcoming": [_card(call, now) for call in upcoming],
        "closed": [_card(call, now) for call in closed_calls],
        "closed_more": closed_more,
        "show_all_closed": show_all_closed,
    }


def funding_call_detail(*, call: FundingCallPage, now: datetime.datetime | None = None) -> dict:
    """Context for a call's page: its `card` (status and days) and `guidance` documents, in editors' order.

    Works for previews too, where the documents are the unsaved ones in the editor's form.
    """
    now = now or timezone.now()
    guidance: list[FundingCallDocument] = list(
        call.guidance_documents.select_related("document").order_by("sort_order")
    )
    return {"card": _card(call, now), "guidance": guidance}
