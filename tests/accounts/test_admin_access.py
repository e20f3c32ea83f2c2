"""Who may open the CMS: every role against the admin's pages, by direct URL."""

import pytest

from tests.accounts import factories

SETTINGS_URL = "/admin/settings/home/sitesettings/{site}/"
ADMIN_URLS = ["/admin/", "/admin/pages/", "/admin/organisations/", "/admin/users/", SETTINGS_URL]

# (role factory, URL, expected status). 404 is never expected here: these pages exist.
MATRIX = {
    "anonymous": dict.fromkeys(ADMIN_URLS, 302),
    "learner": dict.fromkeys(ADMIN_URLS, 403),
    "mentor": dict.fromkeys(ADMIN_URLS, 403),
    "group_lead": {
        "/admin/": 200,
        "/admin/pages/": 302,  # no page permissions: group leads run members, not content
        "/admin/organisations/": 200,
        "/admin/users/": 200,  # group leads see the member list (view_user)
        SETTINGS_URL: 302,
    },
    "editor": {
        "/admin/": 200,
        "/admin/pages/": 200,
        "/admin/organisations/": 302,
        "/admin/users/": 302,
        SETTINGS_URL: 302,
    },
    "moderator": {
        "/admin/": 200,
        "/admin/pages/": 200,
        "/admin/organisations/": 302,
        "/admin/users/": 302,
        SETTINGS_URL: 302,
    },
    "superuser": dict.fromkeys(ADMIN_URLS, 200),
}

FACTORIES = {
    "learner": factories.LearnerFactory,
    "mentor": factories.MentorFactory,
    "group_lead": factories.GroupLeadFactory,
    "editor": factories.EditorFactory,
    "moderator": factories.ModeratorFactory,
    "superuser": factories.SuperuserFactory,
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "url", "expected"),
    [(role, url, status) for role, urls in MATRIX.items() for url, status in urls.items()],
)
def test_cms_access_matrix(client, site_pages, role, url, expected):
    if role != "anonymous":
        client.force_login(FACTORIES[role]())
    from wagtail.models import Site

    response = client.get(url.format(site=Site.objects.get(is_default_site=True).pk))
    assert response.status_code == expected, (role, url)
    if expected == 403:
        assert b"You do not have access to this page" in response.content
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
