"""Joining the community: applying, withdrawing, group leads' decisions, the notifications and e-mails."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from accounts.models import Notification, NotificationKind, ProfessionalGroup
from community.models import ApplicationStatus, Membership, MembershipApplication
from community.permissions.membership import user_is_community_member
from community.selectors.membership import community_figures, membership_state
from community.services.membership import (
    MESSAGE_MAX,
    AlreadyMember,
    ApplicationClosed,
    application_approve,
    application_decline,
    application_submit,
    application_withdraw,
    membership_listing_set,
)
from tests.accounts.factories import (
    EditorFactory,
    GroupLeadFactory,
    LearnerFactory,
    NewMemberFactory,
    OrganisationFactory,
)
from tests.community.factories import CommunityMemberFactory, MembershipFactory
from tests.community.factories.membership import MembershipApplicationFactory


def _submit(user, **overrides):
    values = {
        "user": user,
        "professional_group": ProfessionalGroup.NON_CLINICAL,
        "organisation": OrganisationFactory(name="Severnside Children's Hospital"),
        "job_title": "  Ward clerk  ",
        "reason": "  I would like to help with our unit's audit data.  ",
        "consent_to_be_listed": True,
    }
    values.update(overrides)
    return application_submit(**values)


@pytest.fixture
def leads(db):
    return [GroupLeadFactory(), GroupLeadFactory()]


def test_applying_tells_every_group_lead_with_a_link_to_the_queue(leads, django_capture_on_commit_callbacks):
    applicant = LearnerFactory(first_name="Megan", last_name="Hughes")
    bystander = EditorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application = _submit(applicant)

    assert application.status == ApplicationStatus.PENDING
    assert application.job_title == "Ward clerk"
    assert application.reason == "I would like to help with our unit's audit data."
    notifications = Notification.objects.filter(kind=NotificationKind.MEMBERSHIP)
    assert sorted(n.recipient_id for n in notifications) == sorted(lead.pk for lead in leads)
    assert {n.url for n in notifications} == {"/membership/applications/"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(lead.email for lead in leads)
    assert "Megan Hughes has applied to join the community." in mail.outbox[0].body
    assert "/membership/applications/" in mail.outbox[0].body
    assert bystander.email not in [m.to[0] for m in mail.outbox]


def test_a_double_submitted_application_makes_one_record_and_one_round_of_notifications(
    leads, django_capture_on_commit_callbacks
):
    applicant = LearnerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = _submit(applicant)
        second = _submit(applicant, reason="Sent again")
    assert first.pk == second.pk
    assert MembershipApplication.objects.filter(user=applicant).count() == 1
    assert second.reason != "Sent again"
    assert len(mail.outbox) == len(leads)


def test_the_database_allows_one_pending_application_per_member(db):
    application = MembershipApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipApplicationFactory(user=application.user)


def test_a_member_cannot_apply_again(db):
    with pytest.raises(AlreadyMember):
        _submit(CommunityMemberFactory())


def test_approving_makes_a_member_listed_as_they_chose_and_tells_them(leads, django_capture_on_commit_callbacks):
    lead = leads[0]
    application = MembershipApplicationFactory(consent_to_be_listed=True)
    applicant = application.user
    assert not user_is_community_member(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        membership = application_approve(application=application, by=lead, note="Welcome to the sepsis group!")

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decided_by == lead
    assert application.decided_at is not None
    assert membership.user == applicant and membership.listed_in_directory and membership.application == application
    assert user_is_community_member(applicant)
    [message] = mail.outbox
    assert message.to == [applicant.email]
    assert "your application to join the community was approved" in message.body
    assert "Welcome to the sepsis group!" in message.body
    assert "/membership/" in message.body
    notification = Notification.objects.get(recipient=applicant)
    assert notification.kind == NotificationKind.MEMBERSHIP and notification.actor == lead


def test_approving_without_consent_keeps_the_member_out_of_the_directory(group_lead):
    application = MembershipApplicationFactory(consent_to_be_listed=False)
    assert not application_approve(application=application, by=group_lead).listed_in_directory


def test_approving_fills_only_the_blank_profile_fields(group_lead):
    organisation = OrganisationFactory(name="Glanrhyd Children's Hospital")
    newcomer = NewMemberFactory(job_title="Clinical audit facilitator")
    application = MembershipApplicationFactory(
        user=newcomer,
        professional_group=ProfessionalGroup.NON_CLINICAL,
        organisation=organisation,
        job_title="Audit clerk",
    )
    application_approve(application=application, by=group_lead)
    newcomer.refresh_from_db()
    assert newcomer.professional_group == ProfessionalGroup.NON_CLINICAL
    assert newcomer.organisation == organisation
    assert newcomer.job_title == "Clinical audit facilitator"


def test_approving_twice_changes_nothing_and_tells_once(group_lead, django_capture_on_commit_callbacks):
    application = MembershipApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application_approve(application=application, by=group_lead)
        application_approve(application=MembershipApplication.objects.get(pk=application.pk), by=group_lead)
    assert Membership.objects.filter(user=application.user).count() == 1
    assert len(mail.outbox) == 1


def test_declining_tells_the_applicant_with_the_note(group_lead, django_capture_on_commit_callbacks):
    application = MembershipApplicationFactory()
    note = "The community is for people working in paediatric critical care."
    with django_capture_on_commit_callbacks(execute=True):
        application_decline(application=application, by=group_lead, note=f"  {note}  ")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.decision_note == note
    assert not Membership.objects.filter(user=application.user).exists()
    [message] = mail.outbox
    assert message.to == [application.user.email]
    assert "was not approved" in message.body and note in message.body
    state = membership_state(user=application.user)
    assert state["declined"] == application and state["pending"] is None and state["membership"] is None


def test_a_long_note_is_cut_in_the_notification_and_kept_whole_on_the_application(group_lead):
    application = MembershipApplicationFactory()
    note = "Thank you for applying. " * 80
    application_decline(application=application, by=group_lead, note=note)
    notification = Notification.objects.get(recipient=application.user)
    assert len(notification.message) <= MESSAGE_MAX
    assert notification.message.endswith("(the whole note is on your membership page)")
    application.refresh_from_db()
    assert application.decision_note == note.strip()


def test_a_decided_application_cannot_be_decided_the_other_way(group_lead):
    application = MembershipApplicationFactory()
    application_decline(application=application, by=group_lead)
    with pytest.raises(ApplicationClosed):
        application_approve(application=application, by=group_lead)
    approved = MembershipApplicationFactory()
    application_approve(application=approved, by=group_lead)
    with pytest.raises(ApplicationClosed):
        application_decline(application=approved, by=group_lead)


@pytest.mark.parametrize("role", ["applicant", "learner", "member", "editor", "mentor"])
def test_only_group_leads_decide(role, mentor):
    application = MembershipApplicationFactory()
    by = {
        "applicant": application.user,
        "learner": LearnerFactory(),
        "member": CommunityMemberFactory(),
        "editor": EditorFactory(),
        "mentor": mentor,
    }[role]
    with pytest.raises(PermissionDenied):
        application_approve(application=application, by=by)
    with pytest.raises(PermissionDenied):
        application_decline(application=application, by=by)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_a_superuser_may_decide(superuser):
    application = MembershipApplicationFactory()
    application_approve(application=application, by=superuser)
    assert Membership.objects.filter(user=application.user).exists()


def test_the_applicant_withdraws_and_may_apply_again(db):
    application = MembershipApplicationFactory()
    application_withdraw(application=application, by=application.user)
    application_withdraw(application=application, by=application.user)  # twice: nothing more
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert membership_state(user=application.user) == {"membership": None, "pending": None, "declined": None}
    again = _submit(application.user)
    assert again.pk != application.pk and again.status == ApplicationStatus.PENDING


def test_only_the_applicant_withdraws(group_lead):
    application = MembershipApplicationFactory()
    for someone in (LearnerFactory(), group_lead):
        with pytest.raises(PermissionDenied):
            application_withdraw(application=application, by=someone)
    application_approve(application=application, by=group_lead)
    with pytest.raises(ApplicationClosed):
        application_withdraw(application=application, by=application.user)


def test_a_member_changes_their_listing(db):
    member = CommunityMemberFactory()
    assert membership_listing_set(user=member, listed=True).listed_in_directory
    assert not membership_listing_set(user=member, listed=False).listed_in_directory
    with pytest.raises(Membership.DoesNotExist):
        membership_listing_set(user=LearnerFactory(), listed=True)


def test_community_figures_count_members_and_their_organisations(db):
    northfield = OrganisationFactory(name="Northfield")
    for _ in range(3):
        MembershipFactory(user=LearnerFactory(organisation=northfield))
    MembershipFactory(user=LearnerFactory(organisation=OrganisationFactory(name="Severnside")))
    MembershipFactory(user=LearnerFactory(organisation=None))
    MembershipFactory(user=LearnerFactory(is_active=False))
    LearnerFactory(organisation=OrganisationFactory(name="Pennine"))  # not a member
    MembershipApplicationFactory()  # pending: not a member yet
    assert community_figures() == {"members": 5, "organisations": 2}
