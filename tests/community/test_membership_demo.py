"""The membership demo: members made through the services, applications waiting and declined, idempotent."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from community.demo import membership_content as content
from community.demo.membership import membership_demo_load
from community.models import ApplicationStatus, Membership, MembershipApplication
from community.selectors.membership import community_figures
from home import demo_content as home_content
from home.demo import accounts_ensure


@pytest.fixture
def demo(site_pages):
    accounts_ensure(password="demo password")
    membership_demo_load(home=site_pages["home"], with_activity=True)
    return site_pages


def _state():
    return (
        sorted(Membership.objects.values_list("user__email", "listed_in_directory")),
        sorted(MembershipApplication.objects.values_list("user__email", "status", "decision_note")),
        User.objects.count(),
    )


def test_the_demo_accounts_are_listed_members_approved_by_the_lead(demo):
    lead = User.objects.get(email=content.DECIDER_EMAIL)
    for account in home_content.ACCOUNTS:
        membership = Membership.objects.select_related("application").get(user__email=account["email"])
        assert membership.listed_in_directory
        assert membership.application.status == ApplicationStatus.APPROVED
        assert membership.application.decided_by == lead


def test_illustrative_members_span_organisations_and_professions(demo):
    emails = [f"{p['first_name']}.{p['last_name']}@{content.DOMAIN}".lower() for p in content.MEMBERS]
    members = User.objects.filter(email__in=emails, membership__isnull=False).select_related("organisation")
    assert members.count() == len(content.MEMBERS) >= 14
    assert len({member.organisation_id for member in members}) >= 6
    assert {"non_clinical", "manager", "ahp", "pharmacist"} <= {member.professional_group for member in members}
    assert Membership.objects.filter(user__in=members, listed_in_directory=True).count() > len(emails) // 2
    for member in members:
        assert not member.has_usable_password()
        assert EmailAddress.objects.get(user=member).verified
    interests = set(User.objects.filter(email__in=emails).values_list("interests__name", flat=True))
    assert {"sepsis", "early warning scores", "family involvement", "audit"} <= interests
    figures = community_figures()
    assert figures["members"] == len(content.MEMBERS) + len(home_content.ACCOUNTS)
    assert figures["organisations"] >= 8


def test_two_applications_wait_and_one_was_declined_with_a_note(demo):
    assert MembershipApplication.objects.filter(status=ApplicationStatus.PENDING).count() == 2
    declined = MembershipApplication.objects.get(status=ApplicationStatus.DECLINED)
    assert declined.decision_note == content.DECLINED[0]["note"]
    assert not Membership.objects.filter(user=declined.user).exists()


def test_running_the_demo_again_changes_nothing(demo):
    before = _state()
    membership_demo_load(home=demo["home"], with_activity=True)
    assert _state() == before


def test_without_activity_the_demo_makes_no_members(site_pages):
    membership_demo_load(home=site_pages["home"], with_activity=False)
    assert not Membership.objects.exists()
    assert not MembershipApplication.objects.exists()
    assert not User.objects.exists()
