"""Build the demo site from `home.demo_content`. Idempotent: a second run changes nothing.

Used by `manage.py load_demo` and by the browser tests, which need a site after every
database flush. Never run in production (the command refuses).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from accounts import roles
from accounts.models import Organisation, User
from accounts.services import member_role_add, profile_update
from home import demo_content as content
from home.models import HomePage, SiteSettings, StandardPage

DEMO_ADMIN_EMAIL = "admin@demo.implementation-hub.test"


def _root() -> Page:
    """The tree's root, with the default locale and root collection Wagtail's migrations make.

    After a database flush (browser tests) they are gone, so they are recreated here.
    """
    from django.conf import settings
    from wagtail.models import Collection, Locale

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    return root


def body_blocks(items: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """StreamField data from demo text, where a heading is written as ("heading", "its text")."""
    return [
        ("heading", {"text": value, "level": "h2"}) if kind == "heading" else (kind, value) for kind, value in items
    ]


def index_page_ensure(model, *, home, data: dict):
    """A section's index page under the home page (title, slug, intro), in the menu; created once."""
    index = model.objects.child_of(home).first()
    if index is None:
        index = model(title=data["title"], slug=data["slug"], intro=data["intro"], show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def local_datetime(day, time_text: str):
    """A day and an "HH:MM" time as an aware datetime in the site's time zone (Europe/London)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.fromisoformat(time_text)))


def home_page_ensure() -> HomePage:
    """The home page, served by the default site; Wagtail's placeholder page is removed."""
    root = _root()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's first migration makes a "Welcome" page with the slug "home".
        for placeholder in root.get_children().exact_type(Page):
            placeholder.delete()
        home = HomePage(
            title=content.HOME["title"],
            slug="home",
            hero_heading=content.HOME["hero_heading"],
            hero_text=content.HOME["hero_text"],
            hero_cta_text=content.HOME["hero_cta_text"],
            intro=content.HOME["intro"],
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Implementation Hub",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Implementation Hub"
        site.save()
    return home


def standard_pages_ensure(*, home: HomePage) -> dict[str, StandardPage]:
    """The about, membership and other text pages (created once, never overwritten)."""
    pages = {}
    for data in content.PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=data["slug"]).first()
        if page is None:
            page = StandardPage(
                title=data["title"],
                slug=data["slug"],
                introduction=data["introduction"],
                body=body_blocks(data["body"]),
                show_in_menus=data["featured"],
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        pages[data["slug"]] = page
    return pages


def home_sections_ensure(*, home: HomePage, pages: dict[str, StandardPage], courses: list | None = None) -> None:
    """Fill the home page's sections the first time only, so editors' changes are kept."""
    if home.body:
        return
    learning = [{"page": page, "title": "", "summary": summary} for page, summary in courses or []]
    featured = [
        {"page": pages[d["slug"]], "title": "", "summary": d.get("summary", "")} for d in content.PAGES if d["featured"]
    ]
    home.hero_cta_page = pages["about"]
    home.body = [
        ("featured_pages", {**content.FEATURED_SECTION, "pages": featured}),
        *([("featured_pages", {**content.LEARNING_SECTION, "pages": learning})] if learning else []),
        ("callout", content.HOME_CALLOUT),
        ("quote", content.HOME_QUOTE),
    ]
    home.save_revision().publish()


def site_settings_ensure() -> None:
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    if not settings.contact_email:
        for field, value in content.SITE_SETTINGS.items():
            setattr(settings, field, value)
        settings.save()


def organisations_ensure() -> None:
    for name, kind, region in content.ORGANISATIONS:
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "region": region, "is_verified": True})


def accounts_ensure(*, password: str) -> list[tuple[str, str]]:
    """Demo members for each role, with verified e-mail addresses. Returns (e-mail, roles)."""
    from allauth.account.models import EmailAddress

    created = []
    for data in content.ACCOUNTS:
        user = User.objects.filter(email=data["email"]).first()
        if user is None:
            user = User.objects.create_user(email=data["email"], password=password)
            profile_update(
                user=user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                professional_group=data["professional_group"],
                job_title=data["job_title"],
                organisation=Organisation.objects.get(name=data["organisation"]),
                works_at_bedside=data["works_at_bedside"],
                research_experience=data["research_experience"],
                interests=data["interests"],
                expertise=data.get("expertise"),
            )
        for role in data["roles"]:
            member_role_add(user=user, role=role)
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        created.append((user.email, ", ".join(data["roles"])))
    admin = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
    if admin is None:
        admin = User.objects.create_superuser(
            email=DEMO_ADMIN_EMAIL, password=password, first_name="Site", last_name="Administrator"
        )
        admin.profile_completed_at = admin.date_joined
        admin.save(update_fields=["profile_completed_at"])
    EmailAddress.objects.update_or_create(user=admin, email=admin.email, defaults={"verified": True, "primary": True})
    created.append((admin.email, "Superuser (everything)"))
    return created


@transaction.atomic
def demo_load(*, password: str, with_accounts: bool = True) -> list[tuple[str, str]]:
    """Build the whole demo site; returns the demo accounts."""
    roles.roles_sync()
    from implementation.reference_data import reference_data_load

    # Shipped by a data migration; loaded again here so a flushed database (browser tests) has it too.
    reference_data_load()
    organisations_ensure()
    home = home_page_ensure()
    pages = standard_pages_ensure(home=home)
    site_settings_ensure()
    accounts = accounts_ensure(password=password) if with_accounts else []
    from courses.demo import learning_demo_load
    from courses.workflow_setup import moderation_workflow_ensure

    moderation_workflow_ensure()
    featured_courses = learning_demo_load(home=home, with_progress=with_accounts)
    from community.demo import community_demo_load
    from grants.demo import grants_demo_load

    grants_demo_load(home=home, with_proposals=with_accounts)
    community_demo_load(home=home, with_activity=with_accounts)
    from measures.demo import measures_demo_load

    measures_demo_load(with_activity=with_accounts)
    home_sections_ensure(home=home, pages=pages, courses=featured_courses)
    return accounts
