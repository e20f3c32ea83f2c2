"""Reflow at 320 px (WCAG 1.4.10) and keyboard use of the page's skip link (WCAG 2.4.1)."""

import pytest
from playwright.sync_api import expect

from tests.browser.support import visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_no_horizontal_scroll_at_320px(narrow_page, path):
    visit(narrow_page, path)
    scroll_width = narrow_page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"{path} is {scroll_width}px wide at a 320px viewport: it scrolls sideways"


def test_menu_opens_at_320px(narrow_page):
    """At 320 px the menu folds behind a button; the (local) Bootstrap script opens it."""
    visit(narrow_page, "/")
    menu_button = narrow_page.get_by_role("button", name="Show or hide the menu")
    sign_in_link = narrow_page.locator("header").get_by_role("link", name="Sign in")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    expect(sign_in_link).to_be_hidden()
    menu_button.click()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(sign_in_link).to_be_visible()
    assert narrow_page.evaluate("document.documentElement.scrollWidth") <= 320


def test_first_tab_reaches_the_skip_link_and_enter_moves_to_the_content(page):
    visit(page, "/")
    skip_link = page.get_by_role("link", name="Skip to main content")
    viewport = page.viewport_size

    def on_screen() -> bool:
        box = skip_link.bounding_box()
        return (
            box is not None
            and box["width"] > 0
            and box["height"] > 0
            and box["x"] >= 0
            and box["y"] >= 0
            and box["x"] + box["width"] <= viewport["width"]
            and box["y"] + box["height"] <= viewport["height"]
        )

    assert not on_screen(), "The skip link should stay out of sight until it has focus"

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    assert on_screen(), "The focused skip link must be visible on screen"

    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    # The next Tab continues from the main content, not from the top of the page.
    page.keyboard.press("Tab")
    in_main = page.evaluate("document.getElementById('main-content').contains(document.activeElement)")
    assert in_main, "After the skip link, Tab should move within the main content"


@pytest.mark.parametrize("width", [1200, 1280, 1400])
def test_header_fits_for_a_member_with_every_role(page, live_server, width):
    """A group lead who also edits has the longest header; it must not push the page sideways."""
    from accounts import roles
    from tests.accounts.factories import UserFactory
    from tests.browser.support import signed_in_as

    member = UserFactory(groups=[roles.LEARNER, roles.GROUP_LEAD, roles.EDITOR])
    signed_in_as(page.context, live_server.url, member)
    page.set_viewport_size({"width": width, "height": 800})
    visit(page, "/")
    header = page.locator("header.site-header")
    header.get_by_role("button", name="Account").click()
    expect(header.get_by_role("link", name="Grants dashboard")).to_be_visible()
    expect(header.get_by_role("link", name="CMS")).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"The page is {scroll_width}px wide at {width}px: the header overflows"
