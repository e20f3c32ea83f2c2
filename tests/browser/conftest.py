"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, on pytest-django's live server.

Every test gets
- a fresh site (the live server's database is flushed after each test, so the demo pages,
  roles and site settings are rebuilt before each one);
- a new browser context whose requests are all routed: anything that leaves the live
  server is blocked and fails the test at teardown;
- a `page` whose every page of the site must be checked with axe-core (see `support.py`):
  a page loaded but never checked fails the test at teardown.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.support import A11yTracker

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Playwright's default (30 s) only hides a broken test for longer.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="package", autouse=True)
def _django_allow_async_unsafe():
    """Let Django use the database while Playwright's event loop runs in the main thread.

    Playwright's sync API runs an event loop in the main thread, which makes Django refuse
    database access from the test ("You cannot call this from an async context"), so
    DJANGO_ALLOW_ASYNC_UNSAFE is set: but only while the browser tests run, then restored.
    Set for the whole session (e.g. at import time) it leaks into the other tests and into
    the processes they start: `manage.py check --deploy` then fails (async_unsafe warning).
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def chromium_browser(_django_allow_async_unsafe):
    """One Chromium for the browser tests (Debian's; a browser is never downloaded).

    Package-scoped, so Playwright and its event loop are gone before the other tests run.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, live_server):
    """The demo site's pages, roles and settings, rebuilt on the freshly flushed database."""
    from home.demo import demo_load
    from home.models import HomePage, StandardPage

    # The whole demo site without its accounts: pages, courses, roles, the moderation
    # workflow and settings (demo_load recreates what the flush removed, such as the
    # default locale and the root collection). Publishing indexes each page for search,
    # as tasks run at once in tests.
    demo_load(password="unused", with_accounts=False)
    home = HomePage.objects.get()
    pages = {page.slug: page for page in StandardPage.objects.child_of(home)}
    return {"home": home, **pages}


@pytest.fixture
def context(chromium_browser, live_server, site):
    """A private browser context that may only talk to the live server."""
    server = urlsplit(live_server.url)
    external: list[str] = []

    def route(route):
        url = urlsplit(route.request.url)
        if url.scheme in {"http", "https"} and url.netloc == server.netloc:
            route.continue_()
        else:
            try:
                source = route.request.frame.url
            except PlaywrightError:  # a request from no frame (e.g. a service worker)
                source = "?"
            external.append(f"{route.request.url} (from {source})")
            route.abort()

    context = chromium_browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", route)
    yield context
    context.close()
    assert not external, "The browser tried to reach other hosts than the live server:\n" + "\n".join(external)


@pytest.fixture
def page(context):
    """A tab on the live server; every page of the site it loads must pass axe-core."""
    page = context.new_page()
    tracker = A11yTracker.attach(page)
    yield page
    tracker.assert_all_checked()


@pytest.fixture
def narrow_page(context):
    """A tab 320 CSS pixels wide (WCAG 1.4.10 Reflow), in the same guarded context."""
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    tracker = A11yTracker.attach(page)
    yield page
    tracker.assert_all_checked()
