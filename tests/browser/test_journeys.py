"""Members' journeys through the site, in a real browser, with axe-core on every page."""

import re

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from accounts.roles import LEARNER
from tests.accounts.factories import PASSWORD, EditorFactory, LearnerFactory, NewMemberFactory
from tests.browser.support import (
    field,
    link_in,
    sign_in,
    sign_out,
    signed_in_as,
    submit,
    visit,
    wait_for_mail,
)

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a brand new passphrase for the hub"
WRONG_PASSWORD = "not the right password at all"
LOCKED_OUT = "Too many failed attempts to sign in"


def button(page, name: str):
    """A button in the page's main content (not the header's "Sign out")."""
    return page.locator("main").get_by_role("button", name=name, exact=True)


def header(page):
    return page.locator("header.site-header")


def path_of(page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


# Joining -------------------------------------------------------------------------------


def test_sign_up_confirm_email_and_reach_profile_step(page):
    visit(page, "/accounts/signup/")
    field(page, "Email").fill("new.nurse@example.org")
    field(page, "Password").fill(PASSWORD)
    field(page, "Password (again)").fill(PASSWORD)
    submit(page, button(page, "Sign Up"))

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"verify your e-?mail", re.I))
    [message] = wait_for_mail(1)
    assert message.to == ["new.nurse@example.org"]
    confirm_path = link_in(message, "/accounts/confirm-email/")

    visit(page, confirm_path)
    submit(page, button(page, "Confirm"))

    assert path_of(page) == "/accounts/profile/welcome/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about yourself")
    expect(header(page).get_by_role("button", name="Account")).to_be_visible()
    address = EmailAddress.objects.get(email="new.nurse@example.org")
    assert address.verified
    assert address.user.groups.filter(name=LEARNER).exists(), "New members are learners"


def test_profile_step_shows_errors_then_welcomes_the_member(page):
    member = NewMemberFactory(first_name="", last_name="")
    sign_in(page, member.email, PASSWORD)
    assert path_of(page) == "/accounts/profile/welcome/", "A member without a profile is sent to the profile step"

    # Only some fields filled: errors next to the blank ones, what was typed is kept.
    field(page, "First name").fill("Ada")
    field(page, "Interests").fill("sepsis, sedation")
    submit(page, button(page, "Save and continue"))

    assert path_of(page) == "/accounts/profile/welcome/"
    expect(page.locator("main .alert-danger")).to_contain_text("Please correct the errors marked below.")
    for name in ["last_name", "professional_group", "job_title", "organisation", "works_at_bedside"]:
        control = page.locator(f"#id_{name}")
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(control).to_have_accessible_description(re.compile("This field is required."))
        expect(page.locator(f"#div_id_{name}")).to_contain_text("This field is required.")
    expect(page.locator("#div_id_first_name")).not_to_contain_text("This field is required.")
    expect(field(page, "First name")).to_have_value("Ada")
    expect(field(page, "Interests")).to_have_value("sepsis, sedation")

    field(page, "Last name").fill("Lovelace")
    field(page, "Professional group").select_option(label="Nurse")
    field(page, "Job title").fill("Senior staff nurse")
    organisation = field(page, "Organisation")
    assert organisation.get_attribute("list") == "organisation-options"
    options = page.locator("datalist#organisation-options option")
    expect(options.first).to_be_attached()
    organisation.fill(options.first.get_attribute("value"))
    field(page, "Do you care for patients at the bedside?").select_option(label="Yes")
    field(page, "Research experience").select_option(label="Some")
    submit(page, button(page, "Save and continue"))

    assert path_of(page) == "/"
    expect(page.locator("main .alert-success")).to_contain_text("Welcome, Ada")
    member.refresh_from_db()
    assert member.has_completed_profile
    assert member.organisation is not None
    assert sorted(t.name for t in member.interests.all()) == ["sedation", "sepsis"]


# Signing in and out --------------------------------------------------------------------


def test_sign_out_then_sign_in_again(page):
    learner = LearnerFactory()
    sign_in(page, learner.email, PASSWORD)
    assert path_of(page) == "/"
    expect(header(page).get_by_role("button", name="Account")).to_be_visible()

    # "Sign out" is a POST form in the header's Account menu: allauth signs out at once.
    sign_out(page)
    expect(page.locator("main .alert")).to_contain_text("You have signed out.")
    assert path_of(page) == "/"
    expect(header(page).get_by_role("link", name="Sign in")).to_be_visible()
    expect(header(page).get_by_role("button", name="Account")).to_have_count(0)

    sign_in(page, learner.email, PASSWORD)
    assert path_of(page) == "/"
    expect(header(page).get_by_role("button", name="Account")).to_be_visible()
    expect(header(page).get_by_role("link", name="Sign in")).to_have_count(0)


def test_reset_password_then_sign_in_with_the_new_one(page):
    learner = LearnerFactory()
    visit(page, "/accounts/login/")
    submit(page, page.get_by_role("link", name="Forgot your password?"))
    assert path_of(page) == "/accounts/password/reset/"
    field(page, "Email").fill(learner.email)
    submit(page, button(page, "Reset My Password"))
    assert path_of(page) == "/accounts/password/reset/done/"

    [message] = wait_for_mail(1)
    assert message.to == [learner.email]
    reset_path = link_in(message, "/accounts/password/reset/key/")

    visit(page, reset_path)  # allauth moves the key out of the address: …/key/<uid>-set-password/
    field(page, "New Password").fill(NEW_PASSWORD)
    field(page, "New Password (again)").fill(NEW_PASSWORD)
    submit(page, button(page, "Change Password"))
    assert path_of(page) == "/accounts/password/reset/key/done/"

    # The old password no longer works; the new one does.
    sign_in(page, learner.email, PASSWORD)
    assert path_of(page) == "/accounts/login/"
    expect(header(page).get_by_role("link", name="Sign in")).to_be_visible()
    sign_in(page, learner.email, NEW_PASSWORD)
    assert path_of(page) == "/"
    expect(header(page).get_by_role("button", name="Account")).to_be_visible()


def test_sign_in_is_paused_after_five_failures_on_the_site_and_the_cms(page):
    learner = LearnerFactory()
    visit(page, "/accounts/login/")
    for _attempt in range(5):
        sign_in(page, learner.email, WRONG_PASSWORD, path="")
        expect(page.locator("main")).to_contain_text("not correct")
        expect(page.locator("main")).not_to_contain_text(LOCKED_OUT)

    # Sixth attempt, with the right password: refused while the account is locked.
    sign_in(page, learner.email, PASSWORD, path="")
    assert path_of(page) == "/accounts/login/"
    expect(page.locator("main")).to_contain_text(LOCKED_OUT)
    expect(header(page).get_by_role("link", name="Sign in")).to_be_visible()

    # The CMS has no log-in form of its own: it sends visitors to the same page and limits.
    visit(page, "/admin/login/")
    assert path_of(page) == "/accounts/login/?next=%2Fadmin%2F"
    visit(page, "/admin/")
    assert path_of(page).startswith("/accounts/login/?next=")
    sign_in(page, learner.email, PASSWORD, path="")
    expect(page.locator("main")).to_contain_text(LOCKED_OUT)
    assert path_of(page).startswith("/accounts/login/")
    expect(header(page).get_by_role("link", name="Sign in")).to_be_visible()


# The CMS --------------------------------------------------------------------------------


def test_editor_signs_in_through_the_cms_and_reaches_the_dashboard(page):
    editor = EditorFactory()
    visit(page, "/admin/")
    assert path_of(page) == "/accounts/login/?next=/admin/"
    sign_in(page, editor.email, PASSWORD, path="")  # the site's form; the dashboard is not axe-checked

    assert path_of(page) == "/admin/"
    expect(page).to_have_title(re.compile("Dashboard"))


def test_learner_gets_the_friendly_403_page_for_the_cms(page, live_server):
    learner = LearnerFactory()
    signed_in_as(page.context, live_server.url, learner)
    visit(page, "/admin/", status=403)
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    visit(page, "/admin/pages/", status=403)
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")


# Reading the site -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "learner"])
def test_reading_the_site(page, live_server, who):
    if who == "learner":
        signed_in_as(page.context, live_server.url, LearnerFactory())
    account_role, account_name = ("button", "Account") if who == "learner" else ("link", "Sign in")

    visit(page, "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(header(page).get_by_role(account_role, name=account_name)).to_be_visible()

    # The standard pages sit under one "About" menu, opened by keyboard as well as by mouse.
    about_menu = header(page).get_by_role("button", name="About")
    about_menu.focus()
    page.keyboard.press("Enter")
    expect(about_menu).to_have_attribute("aria-expanded", "true")
    submit(page, header(page).get_by_role("link", name="About us"))
    assert path_of(page) == "/about/"
    expect(page.get_by_role("heading", level=1)).to_have_text("About us")
    expect(header(page).get_by_role("link", name="About us", include_hidden=True)).to_have_attribute(
        "aria-current", "page"
    )
    expect(header(page).get_by_role("button", name="About")).to_have_class(re.compile(r"\bactive\b"))

    visit(page, "/membership/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Membership")

    submit(page, header(page).get_by_role("link", name="Search"))
    page.get_by_label("Search the Hub").fill("implementation")
    submit(page, button(page, "Search"))
    assert path_of(page) == "/search/?q=implementation"
    expect(page.get_by_role("status")).to_contain_text("for “implementation”")
    expect(page.locator("main ol li h2 a").first).to_be_visible()

    visit(page, "/no-such-page/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(header(page).get_by_role(account_role, name=account_name)).to_be_visible()
