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


@pytest.mark.django_db
def test_roles_are_shown_in_the_cms_and_members_can_be_edited(client, site_pages):
    from django.contrib.auth.models import Group

    admin = factories.SuperuserFactory()
    member = factories.MentorFactory()
    client.force_login(admin)
    groups_page = client.get("/admin/groups/").content.decode()
    for name in ("Learners", "Mentors", "Group leads", "Editors", "Moderators"):
        assert name in groups_page
    assert client.get("/admin/users/new/").status_code == 200
    assert client.get(f"/admin/users/edit/{member.pk}/").status_code == 200
    assert client.get(f"/admin/groups/edit/{Group.objects.get(name='Mentors').pk}/").status_code == 200


@pytest.mark.django_db
def test_group_lead_verifies_an_organisation_in_the_cms(client, site_pages):
    from accounts.models import Organisation

    organisation = Organisation.objects.create(name="Riverside Children's Hospital")
    client.force_login(factories.GroupLeadFactory())
    listing = client.get("/admin/organisations/")
    assert b"Riverside Children" in listing.content
    response = client.post(
        f"/admin/organisations/edit/{organisation.pk}/",
        {"name": organisation.name, "kind": "nhs_trust", "region": "london", "website": "", "is_verified": "on"},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.is_verified


@pytest.mark.django_db
def test_superuser_creates_a_member_in_the_cms(client, site_pages):
    from django.contrib.auth.models import Group

    from accounts.models import User

    client.force_login(factories.SuperuserFactory())
    response = client.post(
        "/admin/users/new/",
        {
            "email": "new.mentor@example.org",
            "first_name": "Nia",
            "last_name": "Evans",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
            "groups": [Group.objects.get(name="Mentors").pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="new.mentor@example.org")
    assert list(user.groups.values_list("name", flat=True)) == ["Mentors"]
