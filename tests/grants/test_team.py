"""A proposal's team: inviting co-applicants, accepting, withdrawing, resending and removing; who may do each."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Notification, NotificationKind, User
from grants.models import ActivityVerb, CoApplicant, Invitation, ProposalState
from grants.selectors.team import invitation_problem
from grants.services.team import invitation_create
from tests.accounts.factories import PASSWORD, LearnerFactory
from tests.grants.factories import co_applicant_add, proposal_make

pytestmark = pytest.mark.django_db

ROLES = ["lead", "co_applicant", "mentor", "other_mentor", "group_lead", "other_member", "editor", "anonymous"]
READERS = {"lead", "co_applicant", "mentor", "group_lead"}


def _login(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])


def _invite(proposal, email="new.colleague@example.org", message="", by=None):
    return invitation_create(proposal=proposal, email=email, message=message, by=by or proposal.lead)


def _link(body: str) -> str:
    return re.search(r"https?://testserver(/\S+)", body).group(1)


def _check(response, role, *, lead_status, proposal):
    """Non-readers 404 (nothing revealed), anonymous to log in, readers who may not 403, the lead `lead_status`."""
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role == "lead":
        assert response.status_code == lead_status
    elif role in READERS:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
        assert proposal.title not in response.content.decode()


# Who may do what ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_team_page_permissions(client, proposal_people, role):
    proposal = proposal_people["proposal"]
    invitation = _invite(proposal)
    _login(client, proposal_people, role)
    response = client.get(reverse("grants:proposal_team", args=[proposal.pk]))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in READERS:
        content = response.content.decode()
        assert response.status_code == 200
        assert escape(str(proposal_people["co_applicant"])) in content
        # Addresses of people invited are for the applicants only; only the lead may invite.
        assert (invitation.email in content) == (role in {"lead", "co_applicant"})
        assert ("Invite a co-applicant" in content) == (role == "lead")
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_invite_permissions(client, proposal_people, role):
    proposal = proposal_people["proposal"]
    _login(client, proposal_people, role)
    response = client.post(reverse("grants:proposal_team", args=[proposal.pk]), {"email": "someone@example.org"})
    _check(response, role, lead_status=302, proposal=proposal)
    assert Invitation.objects.filter(proposal=proposal).exists() == (role == "lead")


@pytest.mark.parametrize("role", ROLES)
def test_revoke_permissions(client, proposal_people, role):
    proposal = proposal_people["proposal"]
    invitation = _invite(proposal)
    _login(client, proposal_people, role)
    response = client.post(reverse("grants:invitation_revoke", args=[proposal.pk, invitation.pk]))
    _check(response, role, lead_status=302, proposal=proposal)
    invitation.refresh_from_db()
    assert (invitation.revoked_at is not None) == (role == "lead")


@pytest.mark.parametrize("role", ROLES)
def test_resend_permissions(client, proposal_people, role, django_capture_on_commit_callbacks):
    proposal = proposal_people["proposal"]
    invitation = _invite(proposal)
    cache.clear()  # sent just now: allow sending again
    mail.outbox.clear()
    _login(client, proposal_people, role)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("grants:invitation_resend", args=[proposal.pk, invitation.pk]))
    _check(response, role, lead_status=302, proposal=proposal)
    assert [m.to for m in mail.outbox] == ([[invitation.email]] if role == "lead" else [])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_remove_permissions(client, proposal_people, role, method):
    proposal, co = proposal_people["proposal"], proposal_people["co_applicant"]
    _login(client, proposal_people, role)
    url = reverse("grants:co_applicant_remove", args=[proposal.pk, co.pk])
    response = getattr(client, method)(url)
    _check(response, role, lead_status=200 if method == "get" else 302, proposal=proposal)
    assert CoApplicant.objects.filter(proposal=proposal, user=co).exists() == (role != "lead" or method == "get")


# Inviting ----------------------------------------------------------------------------------


def test_invitation_is_emailed_with_a_full_link(proposal_people, django_capture_on_commit_callbacks):
    proposal, lead = proposal_people["proposal"], proposal_people["lead"]
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(
            proposal, email=" New.Colleague@Example.org ", message="You'd be perfect for the PPI work."
        )
    assert invitation.email == "new.colleague@example.org"
    [message] = mail.outbox
    assert message.to == ["new.colleague@example.org"]
    assert f"http://testserver/grants/invitations/{invitation.token}/" in message.body
    assert proposal.title in message.body and "You'd be perfect for the PPI work." in message.body
    assert lead.display_name in message.subject
    entry = proposal.activities.get(verb=ActivityVerb.INVITED)
    assert entry.detail == "new.colleague@example.org" and entry.actor == lead
    # Nobody has that address yet: no in-site notification.
    assert not Notification.objects.filter(kind=NotificationKind.INVITATION).exists()


def test_a_member_with_the_address_is_also_notified(proposal_people, django_capture_on_commit_callbacks):
    proposal = proposal_people["proposal"]
    member = LearnerFactory(email="colleague@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(proposal, email="Colleague@example.org")
    notification = Notification.objects.get(recipient=member, kind=NotificationKind.INVITATION)
    assert notification.url == f"/grants/invitations/{invitation.token}/"
    assert proposal.title in notification.message
    assert all(m.to == ["colleague@example.org"] for m in mail.outbox)


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("lead", "That&#x27;s your own address"),
        ("co_applicant", "already a co-applicant"),
    ],
)
def test_invite_form_refuses_team_members(client, proposal_people, who, message):
    proposal = proposal_people["proposal"]
    client.force_login(proposal_people["lead"])
    email = proposal_people[who].email.upper()
    response = client.post(reverse("grants:proposal_team", args=[proposal.pk]), {"email": email, "message": "Hi"})
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content and "invalid-feedback" in content
    assert f'value="{email}"' in content and ">\nHi</textarea>" in content
    assert not Invitation.objects.exists()


def test_the_leads_address_is_refused(proposal_people):
    proposal = proposal_people["proposal"]
    problem = invitation_problem(
        proposal=proposal, email=proposal_people["lead"].email, by=proposal_people["co_applicant"]
    )
    assert problem.code == "lead"


def test_a_verified_second_address_counts(proposal_people):
    proposal, co = proposal_people["proposal"], proposal_people["co_applicant"]
    EmailAddress.objects.create(user=co, email="co.other@nhs.net", verified=True)
    EmailAddress.objects.create(user=proposal_people["other_member"], email="unverified@nhs.net", verified=False)
    assert invitation_problem(proposal=proposal, email="CO.OTHER@nhs.net", by=proposal.lead).code == "co_applicant"
    assert invitation_problem(proposal=proposal, email="unverified@nhs.net", by=proposal.lead) is None


def test_inviting_twice_offers_to_resend(client, proposal_people):
    proposal = proposal_people["proposal"]
    invitation = _invite(proposal)
    client.force_login(proposal_people["lead"])
    response = client.post(reverse("grants:proposal_team", args=[proposal.pk]), {"email": invitation.email.upper()})
    content = response.content.decode()
    assert "You have already invited this address" in content
    assert reverse("grants:invitation_resend", args=[proposal.pk, invitation.pk]) in content
    assert Invitation.objects.count() == 1


def test_resending_too_soon_is_refused_politely(client, proposal_people, django_capture_on_commit_callbacks):
    proposal = proposal_people["proposal"]
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(proposal)
    client.force_login(proposal_people["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("grants:invitation_resend", args=[proposal.pk, invitation.pk]), follow=True)
    assert "Please wait a little" in response.content.decode()
    assert len(mail.outbox) == 1


def test_invite_by_the_lead_through_the_page(client, proposal_people):
    proposal = proposal_people["proposal"]
    client.force_login(proposal_people["lead"])
    response = client.post(
        reverse("grants:proposal_team", args=[proposal.pk]), {"email": "pi@uni.ac.uk", "message": ""}, follow=True
    )
    assert "Invitation sent to pi@uni.ac.uk" in response.content.decode()
    assert proposal.invitations.pending().get().email == "pi@uni.ac.uk"


def test_no_team_changes_once_final(client, proposal_people):
    proposal = proposal_people["proposal"]
    proposal.state = ProposalState.WITHDRAWN
    proposal.save()
    client.force_login(proposal_people["lead"])
    content = client.get(reverse("grants:proposal_team", args=[proposal.pk])).content.decode()
    assert "Invite a co-applicant" not in content and "can no longer change" in content
    response = client.post(reverse("grants:proposal_team", args=[proposal.pk]), {"email": "x@example.org"})
    assert response.status_code == 403


# Accepting ---------------------------------------------------------------------------------


def _accept_url(invitation):
    return reverse("grants:invitation", args=[invitation.token])


def test_unknown_token_is_404(client):
    assert client.get("/grants/invitations/6f1f6f1f-0000-4000-8000-000000000000/").status_code == 404


def test_anonymous_visitor_is_offered_to_sign_in_or_up(client, proposal_people):
    proposal = proposal_people["proposal"]
    invitation = _invite(proposal)
    url = _accept_url(invitation)
    response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert proposal.title in content and escape(str(proposal_people["lead"])) in content
    assert f"/accounts/login/?next={url.replace('/', '%2F')}" in content
    assert f"/accounts/signup/?next={url.replace('/', '%2F')}" in content
    # Only the title: none of the proposal's text.
    assert "Our lay summary" not in content
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not CoApplicant.objects.filter(proposal=proposal).exclude(user=proposal_people["co_applicant"]).exists()


def test_existing_member_accepts(client, proposal_people, django_capture_on_commit_callbacks):
    proposal, lead = proposal_people["proposal"], proposal_people["lead"]
    member = LearnerFactory(email="colleague@example.org")
    invitation = _invite(proposal, email="Colleague@Example.org")
    client.force_login(member)
    url = _accept_url(invitation)
    assert "Accept and join" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    assert CoApplicant.objects.filter(proposal=proposal, user=member).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == member and invitation.accepted_at is not None
    assert proposal.activities.filter(verb=ActivityVerb.JOINED, actor=member).exists()
    told = Notification.objects.get(recipient=lead)
    assert member.display_name in told.message
    assert lead.email in [m.to[0] for m in mail.outbox]
    assert client.get(proposal.get_absolute_url()).status_code == 200
    # Accepting again changes nothing.
    assert client.post(url).status_code == 200
    assert "already accepted" in client.get(url).content.decode()
    assert CoApplicant.objects.filter(proposal=proposal, user=member).count() == 1
    assert proposal.activities.filter(verb=ActivityVerb.JOINED).count() == 1


def test_new_person_signs_up_with_the_address_then_accepts(client, proposal_people, django_capture_on_commit_callbacks):
    proposal = proposal_people["proposal"]
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(proposal, email="newnurse@example.org")
    url = _accept_url(invitation)
    assert _link(mail.outbox[0].body) == url
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{reverse('account_signup')}?next={url}",
            {"email": "NewNurse@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    confirm = _link(mail.outbox[-1].body)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
    user = User.objects.get(email="newnurse@example.org")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert "Accept and join" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert CoApplicant.objects.filter(proposal=proposal, user=user).exists()


def test_wrong_address_is_told_and_nothing_joined(client, proposal_people):
    proposal = proposal_people["proposal"]
    invitation = _invite(proposal, email="someone.else@example.org")
    stranger = proposal_people["other_member"]
    client.force_login(stranger)
    url = _accept_url(invitation)
    content = client.get(url).content.decode()
    assert "for a different e-mail address" in content and "Accept and join" not in content
    response = client.post(url)
    assert response.status_code == 403
    assert not CoApplicant.objects.filter(user=stranger).exists()
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_a_verified_second_address_may_accept(client, proposal_people):
    proposal = proposal_people["proposal"]
    member = proposal_people["other_member"]
    EmailAddress.objects.create(user=member, email="work@nhs.net", verified=True)
    invitation = _invite(proposal, email="work@nhs.net")
    client.force_login(member)
    assert client.post(_accept_url(invitation)).status_code == 302
    assert CoApplicant.objects.filter(proposal=proposal, user=member).exists()


def test_withdrawn_invitation_says_so(client, proposal_people):
    proposal = proposal_people["proposal"]
    member = LearnerFactory(email="colleague@example.org")
    invitation = _invite(proposal, email=member.email)
    client.force_login(proposal_people["lead"])
    client.post(reverse("grants:invitation_revoke", args=[proposal.pk, invitation.pk]))
    assert proposal.activities.filter(verb=ActivityVerb.INVITATION_REVOKED).exists()
    client.force_login(member)
    response = client.get(_accept_url(invitation))
    content = response.content.decode()
    assert "withdrawn" in content and proposal.title not in content and "Accept and join" not in content
    client.post(_accept_url(invitation))
    assert not CoApplicant.objects.filter(user=member).exists()


def test_used_token_cannot_be_used_again(client, proposal_people):
    proposal = proposal_people["proposal"]
    first = LearnerFactory(email="shared@example.org")
    invitation = _invite(proposal, email=first.email)
    first_client = Client()
    first_client.force_login(first)
    assert first_client.post(_accept_url(invitation)).status_code == 302
    second = proposal_people["other_member"]
    EmailAddress.objects.create(user=second, email="shared.too@example.org", verified=True)
    client.force_login(second)
    content = client.get(_accept_url(invitation)).content.decode()
    assert "already been used" in content and proposal.title not in content
    client.post(_accept_url(invitation))
    assert not CoApplicant.objects.filter(user=second).exists()


def test_removed_co_applicant_loses_access(client, proposal_people):
    proposal, co = proposal_people["proposal"], proposal_people["co_applicant"]
    client.force_login(proposal_people["lead"])
    url = reverse("grants:co_applicant_remove", args=[proposal.pk, co.pk])
    assert f"Remove {co}" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "no longer a co-applicant" in response.content.decode()
    assert proposal.activities.get(verb=ActivityVerb.REMOVED).detail == str(co)
    client.force_login(co)
    assert client.get(proposal.get_absolute_url()).status_code == 404


def test_team_page_queries_do_not_grow(client, django_assert_max_num_queries):
    lead = LearnerFactory()
    proposal = proposal_make(lead=lead)
    url = reverse("grants:proposal_team", args=[proposal.pk])
    client.force_login(lead)

    def count():
        client.get(url)
        with django_assert_max_num_queries(30) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = count()
    for n in range(5):
        co_applicant_add(proposal=proposal)
        _invite(proposal, email=f"person{n}@example.org")
    assert count() == small
