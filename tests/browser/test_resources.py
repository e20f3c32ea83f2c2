"""The resource library: a member offers a PDF, a group lead publishes it, anyone finds it by searching."""

import pytest
from playwright.sync_api import expect

from community.demo.resources import demo_pdf
from community.models import ResourceIndexPage
from tests.browser.support import field, signed_in_as, submit, visit
from tests.community.factories import CommunityMemberFactory
from tests.community.factories.resources import ResourceIndexPageFactory, ResourcePageFactory

pytestmark = pytest.mark.browser

TITLE = "Bronchiolitis high-flow weaning pathway"


@pytest.fixture
def library(site):
    """The library page: the demo's when the demo builds it, otherwise a new one."""
    return ResourceIndexPage.objects.first() or ResourceIndexPageFactory(parent=site["home"])


def test_member_offers_a_pdf_a_lead_publishes_it_and_it_is_found(page, context, live_server, library, tmp_path):
    from tests.accounts.factories import GroupLeadFactory

    member = CommunityMemberFactory(first_name="Nadia", last_name="Osei")
    lead = GroupLeadFactory()
    pdf = tmp_path / "weaning-pathway.pdf"
    pdf.write_bytes(demo_pdf([TITLE, "Wean flow by 1 l/kg/min every 4 hours when stable."]))

    signed_in_as(context, live_server.url, member)
    visit(page, "/resource-submissions/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Offer a resource to the library")
    field(page, "Title").fill(TITLE)
    field(page, "Type").select_option(label="Pathway")
    field(page, "Summary").fill("When and how to wean high-flow nasal cannula therapy in bronchiolitis.")
    field(page, "Tags (optional)").fill("bronchiolitis, high-flow")

    # Neither a file nor a link: told so next to the file, with what was typed kept.
    submit(page, page.get_by_role("button", name="Send for checking"))
    expect(page.get_by_text("Choose a file, or give a link to where the resource lives.")).to_be_visible()
    expect(field(page, "Title")).to_have_value(TITLE)

    field(page, "File").set_input_files(str(pdf))
    submit(page, page.get_by_role("button", name="Send for checking"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your submitted resources")
    expect(page.get_by_text("A lead will check your resource")).to_be_visible()
    expect(page.get_by_role("row", name=TITLE)).to_contain_text("Waiting for a lead")

    context.clear_cookies()
    signed_in_as(context, live_server.url, lead)
    visit(page, "/resource-submissions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Resources to check")
    submit(page, page.get_by_role("link", name=TITLE))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("link", name="Download the file to check it")).to_be_visible()
    submit(page, page.get_by_role("button", name="Publish in the library"))
    expect(page.get_by_text("is now in the library")).to_be_visible()

    context.clear_cookies()
    visit(page, library.url)
    field(page, "Search words").fill("bronchiolitis")
    submit(page, page.get_by_role("button", name="Search"))
    results = page.get_by_role("region", name="1 resource found")
    expect(results.get_by_role("link", name=TITLE)).to_be_visible()
    expect(results).to_contain_text("Document: PDF")
    submit(page, results.get_by_role("link", name=TITLE))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("link", name=f"Download {TITLE}")).to_be_visible()
    submit(page, page.get_by_role("link", name="bronchiolitis (more resources with this tag)"))
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()


def test_library_filters_hold_at_320px(narrow_page, library):
    ResourcePageFactory(parent=library, title="PEWS escalation quiz for new starters", tag_names=["PEWS"])
    visit(narrow_page, f"{library.url}?tag=pews&q=PEWS")
    expect(narrow_page.get_by_role("link", name="PEWS escalation quiz for new starters")).to_be_visible()
    assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 320
