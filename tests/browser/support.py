"""Helpers for the browser tests: axe-core on every page, forms, e-mails, signing in.

Accessibility
-------------
`check_a11y(page)` runs axe-core on the page in the tab and fails the test with a readable
list of violations (rule, impact, help, the elements at fault). `visit()` and `submit()`
call it after every navigation; a test that navigates some other way calls it itself.

To make "every page" enforceable, `A11yTracker` records each document the tab loads;
`check_a11y` marks it checked, and the `page` fixture fails the test at teardown if a page
of the site was loaded but never checked (or if a second page was loaded before the first
was checked).

Exclusion: the Wagtail admin (`/admin/…`) is Wagtail's own interface, with its own
accessibility testing upstream; axe is not run there and its pages need no check. The
site's pages, including the log-in page the CMS redirects to and the 403/404 pages, are
always checked.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

#: WCAG 2.0, 2.1 and 2.2, levels A and AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
#: Paths that are not the site's own pages (see the module's docstring).
AXE_EXCLUDED_PREFIXES = ("/admin/",)

_axe = Axe()


def _is_excluded(url: str) -> bool:
    """Not a page of the site: the Wagtail admin, or a browser page such as about:blank."""
    parts = urlsplit(url)
    return parts.scheme not in {"http", "https"} or parts.path.startswith(AXE_EXCLUDED_PREFIXES)


@dataclass
class A11yTracker:
    """The documents a tab has loaded and which of them axe has checked."""

    unchecked: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @classmethod
    def attach(cls, page) -> A11yTracker:
        tracker = cls()
        # "domcontentloaded" fires once per new document in the main frame (not for a jump
        # to an #anchor), so a form re-shown with errors at the same address counts too.
        page.on("domcontentloaded", lambda p: tracker.unchecked.append(p.url))
        page._a11y_tracker = tracker
        return tracker

    @classmethod
    def of(cls, page) -> A11yTracker | None:
        return getattr(page, "_a11y_tracker", None)

    def mark_checked(self, url: str) -> None:
        missed = [u for u in self.unchecked[:-1] if not _is_excluded(u)]
        self.unchecked.clear()
        if missed:
            pytest.fail("Pages were loaded but never checked with axe-core:\n" + "\n".join(missed), pytrace=False)
        self.checked.append(url)

    def assert_all_checked(self) -> None:
        missed = [u for u in self.unchecked if not _is_excluded(u)]
        assert not missed, "Pages were loaded but never checked with axe-core:\n" + "\n".join(missed)


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"\n- {violation['id']} ({violation.get('impact') or 'no impact'}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    * {target}")
            lines.append(f"      {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n        ")
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)


def check_a11y(page) -> None:
    """Run axe-core on the page in the tab; fail with the list of violations."""
    page.wait_for_load_state("load")
    url = page.url
    if not _is_excluded(url):
        results = _axe.run(page, options=AXE_OPTIONS)
        violations = results.response["violations"]
        if violations:
            pytest.fail(format_violations(url, violations), pytrace=False)
    tracker = A11yTracker.of(page)
    if tracker is not None:
        tracker.mark_checked(url)


def visit(page, path: str, *, status: int | None = 200):
    """Open a page of the site (path relative to the live server), check it, return the response."""
    response = page.goto(path)
    assert response is not None, f"No response for {path}"
    if status is not None:
        assert response.status == status, f"{path} answered {response.status}, expected {status}"
    check_a11y(page)
    return response


def submit(page, button) -> None:
    """Click a button (a Playwright locator) that loads a new page, then check that page."""
    with page.expect_navigation():
        button.click()
    check_a11y(page)


def field(page, label: str):
    """A form field by its whole visible label (crispy forms adds "*" to required ones)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


# E-mail -------------------------------------------------------------------------------


def wait_for_mail(count: int = 1, timeout: float = 5.0) -> list:
    """The outbox once it holds `count` messages (e-mails are sent by a task after commit)."""
    from django.core import mail

    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count:
        if time.monotonic() > deadline:
            pytest.fail(f"Expected {count} e-mail(s), found {len(mail.outbox)}", pytrace=False)
        time.sleep(0.05)
    return list(mail.outbox)


def link_in(message, path_prefix: str) -> str:
    """The first link in an e-mail's text whose path starts with `path_prefix`, as a path."""
    for url in re.findall(r"https?://\S+", message.body):
        parts = urlsplit(url)
        if parts.path.startswith(path_prefix):
            return parts.path
    pytest.fail(f"No link to {path_prefix} in the e-mail:\n{message.body}", pytrace=False)


# Signing in ---------------------------------------------------------------------------


def sign_in(page, email: str, password: str, *, path: str = "/accounts/login/") -> None:
    """Sign in through the log-in form (optionally reached at another address, e.g. /admin/)."""
    if path:
        visit(page, path)
    field(page, "Email").fill(email)
    field(page, "Password").fill(password)
    submit(page, page.locator("main").get_by_role("button", name="Sign In"))


def signed_in_as(context, base_url: str, user) -> None:
    """Give the browser a session for `user` without the log-in form (for tests about other things)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])


def sign_out(page) -> None:
    """Sign out from the header's Account menu (a POST form: allauth signs out at once)."""
    header = page.locator("header.site-header")
    toggler = header.get_by_role("button", name="Show or hide the menu")
    if toggler.is_visible():
        toggler.click()
    header.get_by_role("button", name="Account").click()
    submit(page, header.get_by_role("button", name="Sign out"))
