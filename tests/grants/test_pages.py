"""What visitors see: the funding call list and a call's page."""

import datetime
import re

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from grants.models import FundingCallDocument
from tests.grants.factories import FundingCallIndexPageFactory, FundingCallPageFactory


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def closing(n: int, time=datetime.time(13, 0)) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(days(n), time))


def closes_in(n: int) -> datetime.datetime:
    """Closes n days from today at 13:00 UK time."""
    return closing(n)


@pytest.fixture
def index(site_pages):
    return FundingCallIndexPageFactory(parent=site_pages["home"], intro="<p>Calls that suit PICU projects.</p>")


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_index_lists_calls_in_three_sections_with_badges(client, index):
    if timezone.localtime().time() >= datetime.time(23, 58):
        pytest.skip("Too close to midnight for a call that closes today at 23:59.")
    FundingCallPageFactory(parent=index, title="Open call", opens_on=days(-5), closes_at=closes_in(12))
    FundingCallPageFactory(
        parent=index, title="Last-day call", opens_on=days(-5), closes_at=closing(0, datetime.time(23, 59))
    )
    FundingCallPageFactory(parent=index, title="One day call", opens_on=days(-5), closes_at=closes_in(1))
    FundingCallPageFactory(parent=index, title="Future call", opens_on=days(30), closes_at=closes_in(90))
    FundingCallPageFactory(parent=index, title="Old call", opens_on=days(-120), closes_at=closes_in(-60))

    content = html(client.get("/funding/"))

    assert content.count("<h1") == 1
    for heading in ("Open calls", "Upcoming calls", "Closed calls"):
        assert f">{heading}</h2>" in content
    sections = {
        name: content.split(f'id="{name}-calls"')[1].split("</section>")[0] for name in ("open", "upcoming", "closed")
    }
    assert "Open call" in sections["open"] and "12 days left" in sections["open"]
    assert "1 day left" in sections["open"]
    assert "Closes today" in sections["open"] and "at 23:59" in sections["open"]
    order = [sections["open"].index(f">{title}</a>") for title in ("Last-day call", "One day call", "Open call")]
    assert order == sorted(order)
    assert "Future call" in sections["upcoming"]
    assert f"Opens on {days(30).day} {days(30):%B %Y}" in sections["upcoming"]
    assert "Old call" in sections["closed"] and ">Closed</span>" in sections["closed"]
    assert "Old call" not in sections["open"]
    # UK date and time, and a link to each call.
    assert f"{days(12).day} {days(12):%B %Y} at 13:00" in content
    assert 'href="/funding/open-call/"' in content
    assert "Calls that suit PICU projects." in content


def test_index_says_so_when_a_section_is_empty(client, index):
    content = html(client.get("/funding/"))
    assert "No calls are open just now." in content
    assert "There are no upcoming calls listed at the moment." in content
    assert "No calls have closed yet." in content


def test_index_offers_all_closed_calls_when_some_are_left_out(client, index):
    for n in range(21):
        FundingCallPageFactory(
            parent=index, title=f"Closed round {n}", opens_on=days(-200 - n), closes_at=closes_in(-10 - n)
        )
    content = html(client.get("/funding/"))
    assert "Closed round 19" in content and "Closed round 20" not in content
    assert "?closed=all#closed-calls" in content
    everything = html(client.get("/funding/?closed=all"))
    assert "Closed round 20" in everything
    assert "Show only the most recent closed calls" in everything


def test_index_queries_do_not_grow_with_the_number_of_calls(client, index):
    kinds = [(-5, -2), (-5, 10), (10, 30)]  # closed, open, upcoming (opens, closes in days from today)

    def make(n):
        for i in range(n):
            opens, closes = kinds[i % 3]
            FundingCallPageFactory(parent=index, opens_on=days(opens), closes_at=closes_in(closes))

    make(3)
    client.get("/funding/")  # warm-up: site root paths and the like are cached after the first request
    with CaptureQueriesContext(connection) as small:
        html(client.get("/funding/"))
    make(12)
    client.get("/funding/")
    with CaptureQueriesContext(connection) as large:
        content = html(client.get("/funding/"))
    assert content.count('class="card h-100"') == 15
    assert len(large) == len(small)


def test_call_page_shows_everything(client, index):
    call = FundingCallPageFactory(
        parent=index,
        title="Research for Patient Benefit",
        funder="NIHR",
        scheme="RfPB",
        summary="Research with clear benefit to patients.",
        eligibility="<ul><li>NHS-led teams</li></ul>",
        amount="Up to £350,000",
        opens_on=days(-10),
        closes_at=closes_in(20),
        link="https://www.example.org/rfpb",
        default_word_limit=500,
    )
    notes = wagtail_factories.DocumentFactory(
        title="Notes", file__filename="guidance-notes.pdf", file__data=b"%PDF" + b"x" * 2044, file_size=2048
    )
    template = wagtail_factories.DocumentFactory(title="Template", file__filename="template.docx", file_size=None)
    FundingCallDocument.objects.create(page=call, document=notes, title="Guidance notes for applicants", sort_order=0)
    FundingCallDocument.objects.create(page=call, document=template, sort_order=1)

    content = html(client.get("/funding/research-for-patient-benefit/"))

    assert content.count("<h1") == 1
    for text in (
        "NIHR",
        "RfPB",
        "Research with clear benefit to patients.",
        "<li>NHS-led teams</li>",
        "Up to £350,000",
        "20 days left",
        f"{days(-10).day} {days(-10):%B %Y}",
        f"{days(20).day} {days(20):%B %Y} at 13:00",
        "500 words",
    ):
        assert text in content, text
    link = re.search(r'<a [^>]*href="https://www.example.org/rfpb"[^>]*>([^<]*)</a>', content)
    assert link and link.group(1) == "Apply on the funder's site"
    assert 'rel="noopener external"' in link.group(0) and "target=" not in link.group(0)
    assert content.index("Guidance notes for applicants") < content.index(">Template</a>")
    assert f'href="{notes.url}"' in content
    assert "(PDF, 2.0\xa0KB)" in content
    assert "(DOCX)" in content


def test_closed_call_page_says_it_has_closed(client, index):
    FundingCallPageFactory(parent=index, title="Old round", opens_on=days(-100), closes_at=closes_in(-30))
    content = html(client.get("/funding/old-round/"))
    assert "This call has closed." in content
    assert "Read about this call on the funder's site" in content
    assert "Apply on the funder" not in content
    assert ">Closed</span>" in content


def test_draft_calls_are_not_served(client, index):
    call = FundingCallPageFactory(parent=index, title="Not yet", opens_on=days(-1), closes_at=closes_in(5))
    call.unpublish()
    assert client.get("/funding/not-yet/").status_code == 404
    assert "Not yet" not in html(client.get("/funding/"))


def test_editors_can_open_the_call_form_in_the_admin(client, index, editor):
    client.force_login(editor)
    response = client.get(f"/admin/pages/add/grants/fundingcallpage/{index.pk}/")
    content = html(response)
    for label in ("Funder", "Scheme", "Eligibility", "Closes at", "Guidance documents", "Default word limit"):
        assert label in content, label
