"""Joining the community in the site: the member's page, the group leads' queue and the two directories."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Organisation, OrganisationKind, ProfessionalGroup, Region
from community.models import ApplicationStatus, Membership, MembershipApplication
from community.services.membership import application_approve
from tests.accounts.factories import (
    EditorFactory,
    GroupLeadFactory,
    LearnerFactory,
    MentorFactory,
    OrganisationFactory,
    SuperuserFactory,
)
from tests.community.factories import CommunityMemberFactory, MembershipFactory
from tests.community.factories.membership import MembershipApplicationFactory

pytestmark = pytest.mark.django_db

MEMBERSHIP = "/membership/"
QUEUE = "/membership/applications/"
MEMBERS = "/members/"
ORGANISATIONS = "/organisations/"


def _approve_url(application):
    return reverse("community:membership_application_approve", args=[application.pk])


def _decline_url(application):
    return reverse("community:membership_application_decline", args=[application.pk])


def _form(**overrides):
    data = {
        "professional_group": "nurse",
        "organisation": "Severnside Children's Hospital NHS Trust",
        "job_title": "Charge nurse",
        "reason": "I would like to learn how other units recognise sepsis early.",
        "consent_to_be_listed": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# Permission matrix -------------------------------------------------------------------------------

ROLES = ["anonymous", "learner", "applicant", "member", "mentor", "editor", "group_lead", "superuser"]


def _user_for(role):
    if role == "anonymous":
        return None
    if role == "applicant":
        return MembershipApplicationFactory().user
    return {
        "learner": LearnerFactory,
        "member": CommunityMemberFactory,
        "mentor": MentorFactory,
        "editor": EditorFactory,
        "group_lead": GroupLeadFactory,
        "superuser": SuperuserFactory,
    }[role]()


LOGIN = "login"  # a redirect to the log-in page
DONE = "done"  # a redirect back to the queue after the decision
EXPECTED = {
    # role:        queue, approve, decline, members, organisations, membership page
    "anonymous": (LOGIN, LOGIN, LOGIN, LOGIN, 200, 200),
    "learner": (404, 404, 404, 403, 200, 200),
    "applicant": (404, 404, 404, 403, 200, 200),
    "member": (404, 404, 404, 200, 200, 200),
    "mentor": (404, 404, 404, 403, 200, 200),
    "editor": (404, 404, 404, 403, 200, 200),
    "group_lead": (200, DONE, DONE, 200, 200, 200),
    "superuser": (200, DONE, DONE, 200, 200, 200),
}
ACTIONS = ["queue", "approve", "decline", "members", "organisations", "membership"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix(client, role, action):
    expected = EXPECTED[role][ACTIONS.index(action)]
    other = MembershipApplicationFactory(reason="A confidential reason to join")
    user = _user_for(role)
    if user is not None:
        client.force_login(user)
    if action == "queue":
        response = client.get(QUEUE)
    elif action in ("approve", "decline"):
        url = _approve_url(other) if action == "approve" else _decline_url(other)
        response = client.post(url, {f"application-{other.pk}-note": ""})
    else:
        response = client.get({"members": MEMBERS, "organisations": ORGANISATIONS, "membership": MEMBERSHIP}[action])

    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    elif expected == DONE:
        assert response.status_code == 302 and response["Location"] == QUEUE
    else:
        assert response.status_code == expected
    other.refresh_from_db()
    if action in ("approve", "decline") and expected == DONE:
        assert other.status == (ApplicationStatus.APPROVED if action == "approve" else ApplicationStatus.DECLINED)
    else:
        assert other.status == ApplicationStatus.PENDING
    if action == "queue" and expected == 200:
        assert b"A confidential reason to join" in response.content
    elif expected != DONE:
        assert b"A confidential reason to join" not in response.content
    if action == "members" and expected == 403:
        assert b"Apply to join the community" in response.content


# The member's page -------------------------------------------------------------------------------


def test_a_learner_sees_what_membership_is_and_a_form_filled_from_their_profile(client):
    learner = LearnerFactory(job_title="Play specialist", organisation=OrganisationFactory(name="St Aidan's PICU"))
    client.force_login(learner)
    response = client.get(MEMBERSHIP)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Membership</h1>" in html
    assert "You are not a member yet." in html
    assert 'value="Play specialist"' in html
    assert 'value="{}"'.format(escape("St Aidan's PICU")) in html
    assert "Send my application" in html


def test_the_page_shows_the_editors_words_and_asks_visitors_to_sign_in(client, site_pages):
    explanation = site_pages["membership"]
    response = client.get(MEMBERSHIP)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{escape(explanation.title)}</h1>" in html
    assert escape(explanation.introduction) in html
    assert "Who can join" in html  # a heading of the editors' body
    assert 'href="/accounts/login/?next=/membership/"' in html
    assert "Send my application" not in html
    # Applying needs an account.
    response = client.post(MEMBERSHIP, _form())
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not MembershipApplication.objects.exists()

    client.force_login(LearnerFactory())
    html = client.get(MEMBERSHIP).content.decode()
    assert "Who can join" in html and "Send my application" in html


def test_a_draft_explanation_is_not_shown(client, site_pages):
    site_pages["membership"].unpublish()
    html = client.get(MEMBERSHIP).content.decode()
    assert "<h1>Membership</h1>" in html
    assert "Who can join" not in html


def test_applying_with_a_new_organisation_suggests_it_unverified(
    client, group_lead, django_capture_on_commit_callbacks
):
    learner = LearnerFactory()
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MEMBERSHIP, _form(organisation="  Ysbyty   Glanrhyd  "))
    assert response.status_code == 302 and response["Location"] == MEMBERSHIP
    application = MembershipApplication.objects.get(user=learner)
    assert application.organisation.name == "Ysbyty Glanrhyd"
    assert not application.organisation.is_verified
    assert application.consent_to_be_listed
    assert [m.to for m in mail.outbox] == [[group_lead.email]]
    page = client.get(MEMBERSHIP).content.decode()
    assert "Your application is waiting for a decision." in page
    assert "Withdraw my application" in page
    assert "Send my application" not in page


def test_applying_with_an_existing_organisation_picks_it_whatever_the_case(client):
    existing = OrganisationFactory(name="Pennine Children's Transport Service")
    learner = LearnerFactory()
    client.force_login(learner)
    client.post(MEMBERSHIP, _form(organisation="pennine children's transport service"))
    assert MembershipApplication.objects.get(user=learner).organisation == existing
    assert Organisation.objects.filter(name__iexact=existing.name).count() == 1


def test_a_double_submitted_form_makes_one_application(client):
    learner = LearnerFactory()
    client.force_login(learner)
    first = client.post(MEMBERSHIP, _form())
    second = client.post(MEMBERSHIP, _form(reason="Again"))
    assert first.status_code == second.status_code == 302
    assert MembershipApplication.objects.filter(user=learner).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reason": ""}, "reason", "Tell the group leads why you would like to join."),
        ({"reason": "x" * 2001}, "reason", "Keep this to 2000 characters or fewer (it has 2001)."),
        ({"organisation": ""}, "organisation", "Enter the organisation you work for."),
        ({"organisation": "St"}, "organisation", "Enter the full name of your organisation."),
        ({"professional_group": ""}, "professional_group", "Choose your professional group."),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_keeps_what_was_typed(client, overrides, field, message):
    learner = LearnerFactory()
    client.force_login(learner)
    data = _form(job_title="Typed job title", **overrides)
    response = client.post(MEMBERSHIP, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert escape(message) in html
    assert f'id="error_1_id_{field}"' in html
    assert 'value="Typed job title"' in html
    if overrides.get("reason", "x")[:1] == "x" and field != "reason":
        assert escape(data["reason"]) in html
    if field == "reason" and data["reason"]:
        assert data["reason"] in html
    assert not MembershipApplication.objects.filter(user=learner).exists()


def test_the_applicant_withdraws_from_the_page(client):
    application = MembershipApplicationFactory()
    client.force_login(application.user)
    response = client.post(reverse("community:membership_withdraw"), follow=True)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert "Your application has been withdrawn." in response.content.decode()
    assert "Send my application" in response.content.decode()
    # Nothing left to withdraw: nothing to find.
    assert client.post(reverse("community:membership_withdraw")).status_code == 404


def test_a_declined_applicant_sees_the_note_and_may_apply_again(client, group_lead):
    application = MembershipApplicationFactory(
        status=ApplicationStatus.DECLINED, decision_note="Please apply with your NHS e-mail address."
    )
    client.force_login(application.user)
    html = client.get(MEMBERSHIP).content.decode()
    assert "Your last application was not approved" in html
    assert "Please apply with your NHS e-mail address." in html
    assert "Send my application" in html


def test_a_member_sees_since_when_and_changes_their_listing(client):
    member = CommunityMemberFactory()
    client.force_login(member)
    html = client.get(MEMBERSHIP).content.decode()
    assert "You are a member of the community" in html
    assert "You are not listed in the directory." in html
    response = client.post(reverse("community:membership_listing"), {"listed": "on"}, follow=True)
    assert "You are listed in the members&#x27; directory." in response.content.decode()
    assert Membership.objects.get(user=member).listed_in_directory
    client.post(reverse("community:membership_listing"), {})
    assert not Membership.objects.get(user=member).listed_in_directory


def test_a_non_member_has_no_listing_to_change(client, learner):
    client.force_login(learner)
    assert client.post(reverse("community:membership_listing"), {"listed": "on"}).status_code == 404


# The group leads' queue --------------------------------------------------------------------------


def test_the_queue_shows_everything_the_applicants_wrote_oldest_first(client, group_lead):
    older = MembershipApplicationFactory(reason="First come, first served.")
    newer = MembershipApplicationFactory(reason="I applied second.", consent_to_be_listed=False)
    newer.created_at = older.created_at.replace(year=older.created_at.year + 1)
    newer.save()
    decided = MembershipApplicationFactory()
    application_approve(application=decided, by=group_lead, note="Welcome aboard")
    client.force_login(group_lead)
    html = client.get(QUEUE).content.decode()
    assert html.index("First come, first served.") < html.index("I applied second.")
    assert escape(str(older.user)) in html and older.user.email in html
    assert "Does not want to be listed" in html
    assert "Waiting for a decision (2)" in html
    recent = html[html.index("Recent decisions") :]
    assert escape(str(decided.user)) in recent and "Welcome aboard" in recent


def test_a_group_lead_approves_from_the_queue(client, group_lead, django_capture_on_commit_callbacks):
    application = MembershipApplicationFactory()
    client.force_login(group_lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _approve_url(application), {f"application-{application.pk}-note": "See you at the meeting"}, follow=True
        )
    assert "is now a member of the community" in response.content.decode()
    assert Membership.objects.filter(user=application.user).exists()
    assert "See you at the meeting" in mail.outbox[0].body
    # A second click on the same button changes nothing.
    again = client.post(_approve_url(application), {f"application-{application.pk}-note": ""})
    assert again.status_code == 302
    assert len(mail.outbox) == 1


def test_an_over_long_decline_note_is_explained_next_to_it_and_kept(client, group_lead):
    application = MembershipApplicationFactory()
    client.force_login(group_lead)
    note = "Not this time. " * 150
    response = client.post(_decline_url(application), {f"application-{application.pk}-note": note})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Keep the note to 2000 characters or fewer" in html
    assert f'id="error_1_id_application-{application.pk}-note"' in html
    assert note.strip() in html
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_deciding_an_application_already_decided_the_other_way_says_so(client, group_lead):
    application = MembershipApplicationFactory()
    application_approve(application=application, by=group_lead)
    client.force_login(group_lead)
    response = client.post(_decline_url(application), {}, follow=True)
    assert "This application has already been approved." in response.content.decode()


def test_deciding_an_application_that_does_not_exist_is_404(client, group_lead):
    client.force_login(group_lead)
    assert client.post("/membership/applications/999999/approve/").status_code == 404


def test_the_admin_menu_links_group_leads_to_the_queue(client, site_pages):
    client.force_login(GroupLeadFactory())
    assert "Membership applications" in client.get("/admin/").content.decode()
    client.force_login(EditorFactory())
    assert "Membership applications" not in client.get("/admin/").content.decode()


# The organisations directory ---------------------------------------------------------------------


def test_the_organisations_directory_lists_verified_ones_and_any_with_members(client):
    northfield = OrganisationFactory(name="Northfield Children's Hospital", region=Region.NORTH_WEST)
    for _ in range(2):
        MembershipFactory(user=LearnerFactory(organisation=northfield))
    LearnerFactory(organisation=northfield)  # not a member: not counted
    unverified_with_member = OrganisationFactory(name="Ysbyty Glanrhyd", is_verified=False)
    MembershipFactory(user=LearnerFactory(organisation=unverified_with_member))
    OrganisationFactory(name="Nobody Here Yet", is_verified=False)
    OrganisationFactory(name="Eastbridge University", kind=OrganisationKind.UNIVERSITY, region=Region.EAST)

    response = client.get(ORGANISATIONS)
    html = response.content.decode()
    assert response.status_code == 200
    organisations = {o.name: o.member_count for o in response.context["page_obj"]}
    assert organisations["Northfield Children's Hospital"] == 2
    assert organisations["Ysbyty Glanrhyd"] == 1
    assert organisations["Eastbridge University"] == 0
    assert "Nobody Here Yet" not in html

    by_region = client.get(ORGANISATIONS, {"region": Region.EAST}).context["page_obj"]
    assert [o.name for o in by_region] == ["Eastbridge University"]
    by_kind = client.get(ORGANISATIONS, {"kind": OrganisationKind.UNIVERSITY}).context["page_obj"]
    assert [o.name for o in by_kind] == ["Eastbridge University"]
    searched = client.get(ORGANISATIONS, {"q": "glanrhyd"}).context["page_obj"]
    assert [o.name for o in searched] == ["Ysbyty Glanrhyd"]
    nothing = client.get(ORGANISATIONS, {"q": "zzz"}).content.decode()
    assert "No organisations match this search." in nothing


def test_a_stale_filter_value_is_ignored(client):
    OrganisationFactory(name="Northfield")
    response = client.get(ORGANISATIONS, {"region": "atlantis"})
    assert response.status_code == 200
    assert [o.name for o in response.context["page_obj"]] == ["Northfield"]


def _organisations(count):
    for n in range(count):
        organisation = OrganisationFactory(name=f"Organisation {n:03}", kind=OrganisationKind.PICU)
        MembershipFactory(user=LearnerFactory(organisation=organisation))


def _count_queries(client, url, params=None):
    client.get(url, params or {})  # the first request of a session also loads what is cached afterwards
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def test_the_organisations_directory_costs_the_same_queries_at_any_size(client, django_assert_num_queries):
    _organisations(2)
    small = _count_queries(client, ORGANISATIONS)
    _organisations(60)
    with django_assert_num_queries(small):
        client.get(ORGANISATIONS, {"kind": OrganisationKind.PICU, "page": 2})


def test_the_figures_include_reads_n_members_from_m_organisations(db):
    from django.template.loader import render_to_string

    _organisations(2)
    MembershipFactory(user=LearnerFactory(organisation=Organisation.objects.get(name="Organisation 000")))
    assert "3 members from 2 organisations" in render_to_string("community/membership/figures.html")


# The members' directory --------------------------------------------------------------------------


def _listed_member(**kwargs):
    interests = kwargs.pop("interests", ["sepsis", "audit"])
    user = LearnerFactory(**kwargs)
    user.interests.set(interests)
    MembershipFactory(user=user, listed_in_directory=True)
    return user


def test_the_directory_lists_only_members_who_agreed_and_never_their_email(client):
    viewer = CommunityMemberFactory()
    listed = _listed_member(first_name="Chloe", last_name="Bennett", job_title="Sepsis practice educator")
    unlisted = CommunityMemberFactory(first_name="Tomasz", last_name="Nowak")
    applicant = MembershipApplicationFactory(consent_to_be_listed=True).user
    client.force_login(viewer)
    response = client.get(MEMBERS)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chloe Bennett" in html and "Sepsis practice educator" in html
    assert escape(listed.organisation.name) in html
    assert "Nurse" in html and "sepsis" in html and "audit" in html
    assert "Tomasz Nowak" not in html
    assert escape(str(applicant)) not in html
    for user in (listed, unlisted, applicant, viewer):
        assert user.email not in html
    assert "@" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_directory_searches_by_name_and_filters(client):
    viewer = CommunityMemberFactory()
    severnside = OrganisationFactory(name="Severnside")
    chloe = _listed_member(first_name="Chloe", last_name="Bennett", organisation=severnside, interests=["sepsis"])
    megan = _listed_member(
        first_name="Megan",
        last_name="Hughes",
        professional_group=ProfessionalGroup.NON_CLINICAL,
        interests=["audit", "data quality"],
    )
    client.force_login(viewer)

    def names(params):
        response = client.get(MEMBERS, params)
        assert response.status_code == 200
        return [str(member) for member in response.context["page_obj"]]

    assert names({"q": "bennett"}) == [str(chloe)]
    assert names({"q": "megan hug"}) == [str(megan)]
    assert names({"organisation": severnside.pk}) == [str(chloe)]
    assert names({"professional_group": ProfessionalGroup.NON_CLINICAL}) == [str(megan)]
    assert names({"interest": "data-quality"}) == [str(megan)]
    assert names({"interest": "sepsis", "q": "megan"}) == []
    html = client.get(MEMBERS, {"q": "nobody"}).content.decode()
    assert "No members match this search." in html


def test_the_directory_pages_by_25_and_keeps_the_search_in_page_links(client):
    viewer = CommunityMemberFactory()
    for n in range(30):
        _listed_member(first_name="Sam", last_name=f"Surname{n:02}")
    client.force_login(viewer)
    response = client.get(MEMBERS, {"q": "Sam Surname"})
    assert len(response.context["page_obj"]) == 25
    assert 'href="?q=Sam+Surname&amp;page=2"' in response.content.decode()
    assert len(client.get(MEMBERS, {"q": "Sam Surname", "page": 2}).context["page_obj"]) == 5


def test_the_directory_costs_the_same_queries_at_any_size(client, django_assert_num_queries):
    viewer = CommunityMemberFactory()
    client.force_login(viewer)
    for n in range(2):
        _listed_member(interests=[f"topic {n}", "sepsis"])
    small = _count_queries(client, MEMBERS)
    for n in range(40):
        _listed_member(organisation=OrganisationFactory(name=f"Unit {n}"), interests=[f"more {n}", "audit", "sepsis"])
    with django_assert_num_queries(small):
        client.get(MEMBERS)
    with django_assert_num_queries(small):
        client.get(MEMBERS, {"interest": "sepsis", "page": 2})


def test_a_non_member_learns_how_to_join_and_sees_no_names(client, learner):
    _listed_member(first_name="Chloe", last_name="Bennett")
    client.force_login(learner)
    response = client.get(MEMBERS, {"q": "Chloe"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "The members' directory is for community members" in html
    assert 'href="/membership/"' in html
    assert "Chloe" not in html.replace('value="Chloe"', "")
    assert "Bennett" not in html


def test_a_group_lead_finds_the_queue_from_the_membership_page(client, group_lead, learner):
    client.force_login(group_lead)
    assert 'href="/membership/applications/"' in client.get(MEMBERSHIP).content.decode()
    client.force_login(learner)
    assert 'href="/membership/applications/"' not in client.get(MEMBERSHIP).content.decode()
