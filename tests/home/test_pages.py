"""Page types, their rules and how they render."""

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from community.models import CommunityIndexPage, EventIndexPage, NewsIndexPage, ResourceIndexPage
from courses.models import CourseIndexPage
from grants.models import FundingCallIndexPage
from home.models import HomePage, StandardPage
from tests.home.factories import StandardPageFactory


class PageTypeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                CourseIndexPage,
                FundingCallIndexPage,
                EventIndexPage,
                CommunityIndexPage,
                NewsIndexPage,
                ResourceIndexPage,
            },
        )

    def test_standard_pages_nest(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


@pytest.mark.django_db
def test_home_page_renders_hero_sections_and_one_h1(client, site_pages):
    from home.demo import home_sections_ensure

    home_sections_ensure(home=site_pages["home"], pages=site_pages)
    response = client.get("/")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert "Proven care for every critically ill child, sooner" in content
    assert "Where to start" in content  # featured pages section
    assert 'href="/about/"' in content
    assert "Skip to main content" in content
    assert '<main id="main-content"' in content
    assert "Join the Hub" in content
    # Footer contact details come from the site settings.
    assert "hello@implementation-hub.org.uk" in content
    # Only pages marked "show in menus" are in the main navigation.
    nav = content.split('aria-label="Main"')[1].split("</nav>")[0]
    assert "Membership" in nav
    assert "Privacy and cookies" not in nav
    # Standard pages are gathered under "About"; the sections stay on the bar.
    sections = nav.split('class="navbar-nav site-sections')[1]
    about_menu = sections.split(">About</button>")[1].split("</ul>")[0]
    assert 'href="/about/"' in about_menu and 'href="/membership/"' in about_menu


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["about", "membership", "how-we-work", "contact", "privacy", "accessibility"])
def test_standard_pages_render(client, site_pages, slug):
    response = client.get(f"/{slug}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert f"<h1>{site_pages[slug].title}</h1>" in content.replace("&#x27;", "'")


@pytest.mark.django_db
def test_signed_in_header_offers_profile_and_sign_out(client, learner, site_pages):
    client.force_login(learner)
    content = client.get("/").content.decode()
    assert "Your profile" in content
    assert "Sign out" in content
    assert "Join the Hub" not in content
    assert ">CMS<" not in content


@pytest.mark.django_db
def test_editors_see_a_link_to_the_cms(client, editor, site_pages):
    client.force_login(editor)
    assert ">CMS<" in client.get("/").content.decode()


@pytest.mark.django_db
def test_friendly_404(client, site_pages):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Skip to main content" in response.content


@pytest.mark.django_db
def test_friendly_500_renders_without_a_database(site_pages):
    from django.template import loader

    html = loader.get_template("500.html").render({})
    assert "Sorry, something went wrong" in html


@pytest.mark.django_db
def test_no_shared_password_privacy_option(client, superuser, site_pages):
    client.force_login(superuser)
    page = site_pages["about"]
    response = client.get(f"/admin/pages/{page.pk}/privacy/")
    assert response.status_code == 200
    assert b"password" not in response.json()["html"].encode().lower()
    assert PageViewRestriction.PASSWORD not in [c[0] for c in _privacy_choices(response)]


def _privacy_choices(response):
    import re

    return [(m,) for m in re.findall(r'value="(\w+)"', response.json()["html"])]


@pytest.mark.django_db
def test_only_essential_cookies_for_a_visitor(site_pages):
    client = Client()
    response = client.get("/")
    assert response.cookies == {} or set(response.cookies) <= {"csrftoken"}


@pytest.mark.django_db
def test_standard_page_query_count_does_not_grow_with_siblings(client, site_pages, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    home = site_pages["home"]
    client.get("/about/")  # warm up per-process caches
    with CaptureQueriesContext(connection) as few:
        assert client.get("/about/").status_code == 200
    for _ in range(15):
        page = StandardPageFactory.build(show_in_menus=True)
        home.add_child(instance=page)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/about/").status_code == 200
    assert len(many) == len(few)


@pytest.mark.django_db
def test_home_page_query_count_is_small_and_fixed(client, site_pages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.demo import home_sections_ensure

    home_sections_ensure(home=site_pages["home"], pages=site_pages)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    few = len(queries)
    # The community strip: members' figures (2), the next meeting (1) and the latest news (1).
    assert few <= 14, [q["sql"] for q in queries]

    from tests.community.factories import EventIndexPageFactory, EventPageFactory, MembershipFactory
    from tests.community.factories.communities import NewsIndexPageFactory, NewsPageFactory

    news = NewsIndexPageFactory(parent=site_pages["home"])
    events = EventIndexPageFactory(parent=site_pages["home"])
    for days in range(8):
        NewsPageFactory(parent=news, days_ago=days)
        EventPageFactory(parent=events, starts_in_days=days + 1)
        MembershipFactory()
    client.get("/")
    with CaptureQueriesContext(connection) as more:
        client.get("/")
    assert len(more) == few, [q["sql"] for q in more]


@pytest.mark.django_db
def test_home_page_shows_the_community_now(client, site_pages):
    """Live figures, the next meeting and the latest news, newest first, three at most."""
    from django.utils.html import escape

    from tests.accounts.factories import OrganisationFactory
    from tests.community.factories import EventIndexPageFactory, EventPageFactory, MembershipFactory
    from tests.community.factories.communities import NewsIndexPageFactory, NewsPageFactory

    first, second = OrganisationFactory(), OrganisationFactory()
    for organisation in (first, first, second):
        MembershipFactory(user__organisation=organisation)
    events = EventIndexPageFactory(parent=site_pages["home"])
    EventPageFactory(parent=events, title="Past meeting", starts_in_days=-3)
    EventPageFactory(parent=events, title="Later meeting", starts_in_days=30)
    EventPageFactory(parent=events, title="Sooner meeting", starts_in_days=5)
    news = NewsIndexPageFactory(parent=site_pages["home"])
    for days, title in [(9, "Oldest news"), (1, "Newest news"), (3, "Middle news"), (5, "Older news")]:
        NewsPageFactory(parent=news, title=title, days_ago=days)

    content = client.get("/").content.decode()

    assert "3 members from 2 organisations" in content
    assert escape("Sooner meeting") in content and "Later meeting" not in content and "Past meeting" not in content
    assert content.index("Newest news") < content.index("Middle news") < content.index("Older news")
    assert "Oldest news" not in content
