"""Build the demo funding calls from `grants.demo_content`.

Idempotent: pages are created once (editors' changes are kept). Dates are set relative to the
day the demo is first built, so a fresh demo always has open, upcoming and closed calls.
"""

import datetime

from django.utils import timezone

from grants import demo_content as content
from grants.models import FundingCallIndexPage, FundingCallPage
from home.demo import index_page_ensure, local_datetime


def funding_calls_ensure(*, index: FundingCallIndexPage) -> list[FundingCallPage]:
    """The demo calls: open, upcoming and closed ones (each created once, never overwritten)."""
    today = timezone.localdate()
    calls = []
    for data in content.CALLS:
        call = FundingCallPage.objects.child_of(index).filter(slug=data["slug"]).first()
        if call is None:
            call = FundingCallPage(
                title=data["title"],
                slug=data["slug"],
                funder=data["funder"],
                scheme=data["scheme"],
                summary=data["summary"],
                eligibility=data["eligibility"],
                amount=data["amount"],
                opens_on=today + datetime.timedelta(days=data["opens_in_days"]),
                closes_at=local_datetime(today + datetime.timedelta(days=data["closes_in_days"]), data["closes_time"]),
                link=data["link"],
                default_word_limit=data["default_word_limit"],
            )
            index.add_child(instance=call)
            call.save_revision().publish()
        calls.append(call)
    return calls


def grants_demo_load(*, home) -> FundingCallIndexPage:
    """The funding call index and the demo calls under it; returns the index."""
    index = index_page_ensure(FundingCallIndexPage, home=home, data=content.INDEX)
    funding_calls_ensure(index=index)
    return index
