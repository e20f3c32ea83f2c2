"""Who may do what with a meeting: a matrix of roles x actions, on a public and a members-only page."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from accounts import roles
from community.models import Registration, RegistrationStatus
from tests.accounts.factories import EditorFactory, GroupLeadFactory, LearnerFactory, MentorFactory
from tests.community.factories.communities import CommunityLeadFactory, CommunityPageFactory
from tests.community.factories.events import EventPageFactory, RegistrationFactory

SECRET = "https://meet.example.org/secret-room"
ROLES = [
    "anonymous",
    "learner",
    "registered",
    "waitlisted",
    "community_lead",
    "other_lead",
    "editor",
    "group_lead",
]
ORGANISERS = {"community_lead", "editor", "group_lead"}


@pytest.fixture
def event(event_index, community):
    return EventPageFactory(parent=event_index, title="Summer meeting", community=community)


def make_user(role: str, *, event, community_index):
    """A user in `role` towards `event` (None for a visitor)."""
    if role == "anonymous":
        return None
    if role in {"learner", "registered", "waitlisted"}:
        user = LearnerFactory()
        if role != "learner":
            RegistrationFactory(event=event, user=user, status=role)
        return user
    if role == "community_lead":
        return CommunityLeadFactory(page=event.community).user
    if role == "other_lead":
        return CommunityLeadFactory(page=CommunityPageFactory(parent=community_index, title="Neonatal")).user
    if role == "editor":
        return EditorFactory()
    return GroupLeadFactory()


def restrict(event, kind: str = PageViewRestriction.LOGIN, groups=()) -> None:
    restriction = PageViewRestriction.objects.create(page=event, restriction_type=kind)
    restriction.groups.set(groups)


def expected(role: str, action: str, restricted: bool):
    """What `role` gets for `action`: a status, "login" (redirect to log in), or (status, link shown)."""
    if role == "anonymous" and (restricted or action in {"register", "cancel", "registrations", "csv"}):
        return "login"
    if action == "page":
        return (200, role == "registered")
    if action == "calendar":
        return (200, role == "registered")
    if action == "register":
        return 302
    if action == "cancel":
        return 302 if role in {"registered", "waitlisted"} else 404
    return 200 if role in ORGANISERS else 404


ACTIONS = ["page", "register", "cancel", "calendar", "registrations", "csv"]


@pytest.mark.parametrize("restricted", [False, True], ids=["public", "login-required"])
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, event, community_index, role, action, restricted):
    user = make_user(role, event=event, community_index=community_index)
    if user is not None:
        client.force_login(user)
    if restricted:
        restrict(event)
    urls = {
        "page": ("get", event.url),
        "register": ("post", f"/events/{event.pk}/register/"),
        "cancel": ("post", f"/events/{event.pk}/cancel/"),
        "calendar": ("get", f"/events/{event.pk}/calendar.ics"),
        "registrations": ("get", f"/events/{event.pk}/registrations/"),
        "csv": ("get", f"/events/{event.pk}/registrations.csv"),
    }
    method, url = urls[action]

    response = getattr(client, method)(url)

    want = expected(role, action, restricted)
    if want == "login":
        assert response.status_code == 302
        # The page itself is served by Wagtail, which sends visitors to its WAGTAIL_FRONTEND_LOGIN_URL.
        assert response.url.startswith(("/accounts/login/?next=", "/_util/login/?next="))
    elif isinstance(want, tuple):
        status, link_shown = want
        assert response.status_code == status
        assert (SECRET in response.content.decode()) is link_shown
    else:
        assert response.status_code == want
        if want == 302:
            assert response.url == event.url
    if action == "register" and user is not None:
        assert Registration.objects.filter(event=event, user=user).count() == 1
    if action == "cancel" and want == 302:
        assert Registration.objects.get(event=event, user=user).status == RegistrationStatus.CANCELLED
    if action in {"registrations", "csv"} and want == 404:
        assert "Summer meeting" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_organisers_link_on_the_page_only_for_organisers(client, event, community_index, role):
    user = make_user(role, event=event, community_index=community_index)
    if user is not None:
        client.force_login(user)
    content = client.get(event.url).content.decode()
    assert (f'href="/events/{event.pk}/registrations/"' in content) is (role in ORGANISERS)


def test_members_register_for_a_meeting_on_a_login_required_page(client, event, learner):
    restrict(event)
    client.force_login(learner)
    response = client.post(f"/events/{event.pk}/register/", follow=True)
    assert response.redirect_chain == [(event.url, 302)]
    assert Registration.objects.get(event=event, user=learner).status == RegistrationStatus.REGISTERED
    content = response.content.decode()
    assert "You have a place at this meeting." in content
    assert f'href="{SECRET}"' in content
    calendar = client.get(f"/events/{event.pk}/calendar.ics")
    assert calendar.status_code == 200 and SECRET in calendar.content.decode()
    assert calendar["Cache-Control"] == "private, no-store"


def test_group_restricted_meetings_are_for_that_group_only(client, event, learner):
    restrict(event, PageViewRestriction.GROUPS, groups=[Group.objects.get(name=roles.MENTOR)])
    client.force_login(learner)
    assert client.post(f"/events/{event.pk}/register/").status_code == 404
    assert client.get(f"/events/{event.pk}/calendar.ics").status_code == 404
    assert not Registration.objects.exists()

    mentor = MentorFactory()
    client.force_login(mentor)
    assert client.post(f"/events/{event.pk}/register/").status_code == 302
    assert Registration.objects.filter(user=mentor).exists()

    client.logout()
    response = client.post(f"/events/{event.pk}/register/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_password_protected_meetings_are_not_reachable_without_the_password(client, event, learner):
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.PASSWORD, password="s3cret")
    client.force_login(learner)
    assert client.post(f"/events/{event.pk}/register/").status_code == 404
    assert client.get(f"/events/{event.pk}/calendar.ics").status_code == 404


def test_restriction_on_the_index_covers_its_meetings(client, event_index, event, learner):
    restrict(event_index)
    assert client.get(f"/events/{event.pk}/calendar.ics").status_code == 302
    client.force_login(learner)
    assert client.get(f"/events/{event.pk}/calendar.ics").status_code == 200


def test_the_public_feed_leaves_members_only_meetings_out(client, event_index, event, learner):
    EventPageFactory(parent=event_index, title="Open meeting")
    restrict(event)
    client.force_login(learner)
    content = client.get("/events/feed.ics").content.decode()
    assert "Open meeting" in content and "Summer meeting" not in content


def test_the_list_shows_members_only_meetings_to_those_who_may_see_them(client, event_index, event, learner):
    EventPageFactory(parent=event_index, title="Open meeting")
    group_only = EventPageFactory(parent=event_index, title="Mentors meeting")
    restrict(event)
    restrict(group_only, PageViewRestriction.GROUPS, groups=[Group.objects.get(name=roles.MENTOR)])

    content = client.get("/events/").content.decode()
    assert "Open meeting" in content and "Summer meeting" not in content and "Mentors meeting" not in content

    client.force_login(learner)
    content = client.get("/events/").content.decode()
    assert "Summer meeting" in content and "Mentors meeting" not in content

    client.force_login(MentorFactory())
    assert "Mentors meeting" in client.get("/events/").content.decode()


def test_organisers_list_also_covers_unpublished_meetings(client, event, group_lead):
    RegistrationFactory(event=event)
    event.unpublish()
    client.force_login(group_lead)
    assert client.get(f"/events/{event.pk}/registrations/").status_code == 200
    assert client.get("/events/999999/registrations/").status_code == 404


def test_leads_of_a_meeting_with_no_community_are_not_organisers(client, event_index, community_lead):
    event = EventPageFactory(parent=event_index)
    client.force_login(community_lead)
    assert client.get(f"/events/{event.pk}/registrations/").status_code == 404
