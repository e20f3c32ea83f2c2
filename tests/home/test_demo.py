"""The demo content command: builds the site, twice without change, never in production."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.models import Page, Revision, Site

from accounts.models import Organisation, User
from courses.models import Attempt, Certificate, CoursePage, CPDEntry, Enrolment, LearningPathway, PathwayStep
from home.models import HomePage, SiteSettings, StandardPage


def _snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "users": list(User.objects.order_by("email").values_list("email", "is_superuser")),
        "groups": sorted(
            (u.email, g)
            for u in User.objects.prefetch_related("groups")
            for g in u.groups.values_list("name", flat=True)
        ),
        "organisations": Organisation.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
        "enrolments": list(Enrolment.objects.order_by("pk").values_list("user_id", "course_id", "completed_at")),
        "attempts": Attempt.objects.count(),
        "certificates": list(Certificate.objects.order_by("pk").values_list("code", flat=True)),
        "cpd": CPDEntry.objects.count(),
        "pathway_steps": list(
            PathwayStep.objects.order_by("pathway_id", "sort_order").values_list("course_id", flat=True)
        ),
    }


@pytest.mark.django_db
def test_load_demo_builds_the_site_and_is_idempotent(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "learner@demo.implementation-hub.test" in out
    assert "Demo accounts (password:" in out
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert set(StandardPage.objects.values_list("slug", flat=True)) >= {"about", "membership", "privacy"}
    assert home.body and home.hero_cta_page_id
    assert SiteSettings.objects.get().contact_email
    # Wagtail's placeholder page is gone.
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    mentor = User.objects.get(email="mentor@demo.implementation-hub.test")
    assert mentor.has_completed_profile
    assert set(mentor.groups.values_list("name", flat=True)) == {"Learners", "Mentors"}
    assert mentor.emailaddress_set.get().verified

    # Learning: three courses (one with a prerequisite), a pathway and learners in several states.
    assert CoursePage.objects.live().count() == 3
    assert LearningPathway.objects.get().steps.count() == 3
    states = {
        (e.user.email.split("@")[0], e.course.slug): e.is_complete
        for e in Enrolment.objects.select_related("user", "course")
    }
    assert states[("researcher", "introduction-to-implementation-science")] is True
    assert states[("researcher", "paediatric-sepsis-first-hour")] is False
    assert states[("learner", "introduction-to-implementation-science")] is False
    assert Attempt.objects.filter(passed=False).exists() and Attempt.objects.filter(passed=True).exists()
    assert Certificate.objects.count() == 3

    before = _snapshot()
    call_command("load_demo")
    assert _snapshot() == before


@pytest.mark.django_db
def test_demo_keeps_editors_changes(client):
    call_command("load_demo", "--no-accounts")
    about = StandardPage.objects.get(slug="about")
    about.title = "About us (edited)"
    about.save_revision().publish()
    call_command("load_demo", "--no-accounts")
    assert StandardPage.objects.get(slug="about").title == "About us (edited)"
    assert not User.objects.exists()


@pytest.mark.django_db
def test_demo_accounts_can_log_in(client):
    call_command("load_demo")
    response = client.post(
        "/accounts/login/", {"login": "editor@demo.implementation-hub.test", "password": "hub-demo-password"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
@override_settings(DEMO_CONTENT_ALLOWED=False)
def test_load_demo_refuses_where_demo_content_is_off():
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not User.objects.exists()
