"""Funding calls: a visitor finds open calls from the menu and reads one, also at 320 px."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import submit, visit

pytestmark = pytest.mark.browser


def test_visitor_browses_funding_calls(page):
    visit(page, "/")
    submit(page, page.locator("header").get_by_role("link", name="Funding calls"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Funding calls")
    for heading in ("Open calls", "Upcoming calls", "Closed calls"):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    expect(page.get_by_text("days left").first).to_be_visible()
    open_calls = page.locator("section", has=page.get_by_role("heading", level=2, name="Open calls"))
    submit(page, open_calls.get_by_role("link").first)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Key facts")).to_be_visible()


@pytest.mark.parametrize("path", ["/funding/"])
def test_funding_calls_hold_at_320px(narrow_page, path):
    visit(narrow_page, path)
    assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 320
