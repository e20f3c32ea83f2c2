"""Writes for joining the community: applying, withdrawing, group leads' decisions, and the directory listing."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import NotificationKind, Organisation, User
from accounts.notifications import notify
from community.models import ApplicationStatus, Membership, MembershipApplication
from community.permissions.membership import application_decide_allowed, application_withdraw_allowed


class AlreadyMember(Exception):
    """The applicant is already a member of the community: there is nothing to apply for."""

    def __init__(self):
        super().__init__("You are already a member of the community.")


class ApplicationClosed(Exception):
    """The application has been decided or withdrawn, so it can no longer be changed."""

    def __init__(self, application: MembershipApplication):
        self.application = application
        super().__init__(f"This application has already been {application.get_status_display().lower()}.")


def _forget_membership_cache(user: User) -> None:
    # user_is_community_member caches its answer on the user object for the request.
    if hasattr(user, "_community_member"):
        del user._community_member


def _lock_user(user: User) -> None:
    # Every change to a member's application locks their user row first, so a double-submitted form
    # (or two tabs) is handled one request after the other, never interleaved.
    User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).get()


def _lock_application(application: MembershipApplication) -> None:
    locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    application.status = locked.status
    application.decided_at = locked.decided_at
    application.decided_by_id = locked.decided_by_id
    application.decision_note = locked.decision_note


def _group_leads():
    return User.objects.filter(is_active=True, groups__name=roles.GROUP_LEAD).distinct()


@transaction.atomic
def application_submit(
    *,
    user: User,
    professional_group: str,
    organisation: Organisation | None,
    job_title: str,
    reason: str,
    consent_to_be_listed: bool,
) -> MembershipApplication:
    """Apply to join the community, and tell every group lead (with a link to their queue).

    One pending application at a time: if one is already waiting (a double-submitted form), it is
    returned unchanged and no one is told twice. Raises AlreadyMember for an approved member.
    """
    _lock_user(user)
    if Membership.objects.filter(user=user).exists():
        raise AlreadyMember
    pending = MembershipApplication.objects.filter(user=user, status=ApplicationStatus.PENDING).first()
    if pending is not None:
        return pending
    try:
        with transaction.atomic():
            application = MembershipApplication.objects.create(
                user=user,
                professional_group=professional_group,
                organisation=organisation,
                job_title=job_title.strip(),
                reason=reason.strip(),
                consent_to_be_listed=consent_to_be_listed,
            )
    except IntegrityError:
        # Another request made the pending application between our check and our insert.
        return MembershipApplication.objects.get(user=user, status=ApplicationStatus.PENDING)
    notify(
        recipients=_group_leads(),
        kind=NotificationKind.MEMBERSHIP,
        message=f"{user} has applied to join the community.",
        url=reverse("community:membership_applications"),
        actor=user,
    )
    return application


@transaction.atomic
def application_withdraw(*, application: MembershipApplication, by: User) -> MembershipApplication:
    """The applicant takes back a pending application. Withdrawing twice changes nothing.

    Raises PermissionDenied for anyone but the applicant, ApplicationClosed once it has been decided.
    """
    if not application_withdraw_allowed(user=by, application=application):
        raise PermissionDenied
    _lock_application(application)
    if application.status == ApplicationStatus.WITHDRAWN:
        return application
    if application.status != ApplicationStatus.PENDING:
        raise ApplicationClosed(application)
    application.status = ApplicationStatus.WITHDRAWN
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at"])
    return application


def _decide(*, application: MembershipApplication, by: User, status: str, note: str) -> bool:
    """Record a decision; False if it was already made (a double-clicked button), so nothing else happens."""
    if not application_decide_allowed(user=by):
        raise PermissionDenied
    _lock_application(application)
    if application.status == status:
        return False
    if application.status != ApplicationStatus.PENDING:
        raise ApplicationClosed(application)
    application.status = status
    application.decided_at = timezone.now()
    application.decided_by = by
    application.decision_note = note.strip()
    application.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    return True


def _profile_fill_blanks(*, user: User, application: MembershipApplication) -> None:
    """Copy what the applicant told us into their profile where it is still blank (never overwrite)."""
    changed = []
    if not user.professional_group and application.professional_group:
        user.professional_group = application.professional_group
        changed.append("professional_group")
    if user.organisation_id is None and application.organisation_id is not None:
        user.organisation_id = application.organisation_id
        changed.append("organisation")
    if not user.job_title and application.job_title:
        user.job_title = application.job_title
        changed.append("job_title")
    if changed:
        user.save(update_fields=changed)


#: A notification holds at most this many characters (Notification.message).
MESSAGE_MAX = 300
_MORE = "… (the whole note is on your membership page)"


def _decision_message(*, message: str, by: User, note: str) -> str:
    """The decision with the lead's note, cut to fit a notification (the membership page shows it all)."""
    if not note:
        return message
    full = f"{message} Note from {by}: {note}"
    if len(full) <= MESSAGE_MAX:
        return full
    return full[: MESSAGE_MAX - len(_MORE)].rstrip() + _MORE


def _tell_applicant(*, application: MembershipApplication, by: User, message: str) -> None:
    message = _decision_message(message=message, by=by, note=application.decision_note)
    notify(
        recipients=[application.user],
        kind=NotificationKind.MEMBERSHIP,
        message=message,
        url=reverse("community:membership"),
        actor=by,
    )


@transaction.atomic
def application_approve(*, application: MembershipApplication, by: User, note: str = "") -> Membership:
    """A group lead approves: the applicant becomes a member (listed in the directory if they agreed),
    blank profile fields are filled from the application, and the applicant is told (with the note).

    Approving twice changes nothing. Raises PermissionDenied for anyone but a group lead, and
    ApplicationClosed if the application was declined or withdrawn.
    """
    decided = _decide(application=application, by=by, status=ApplicationStatus.APPROVED, note=note)
    user = application.user
    membership, _created = Membership.objects.get_or_create(
        user=user,
        defaults={"listed_in_directory": application.consent_to_be_listed, "application": application},
    )
    if decided:
        _profile_fill_blanks(user=user, application=application)
        _forget_membership_cache(user)
        _tell_applicant(
            application=application, by=by, message="Welcome: your application to join the community was approved."
        )
    return membership


@transaction.atomic
def application_decline(*, application: MembershipApplication, by: User, note: str = "") -> MembershipApplication:
    """A group lead declines, and the applicant is told (with the note, which should say why).

    Declining twice changes nothing. Raises PermissionDenied for anyone but a group lead, and
    ApplicationClosed if the application was approved or withdrawn.
    """
    if _decide(application=application, by=by, status=ApplicationStatus.DECLINED, note=note):
        _tell_applicant(
            application=application, by=by, message="Your application to join the community was not approved."
        )
    return application


@transaction.atomic
def membership_listing_set(*, user: User, listed: bool) -> Membership:
    """A member opts in to (or out of) the members' directory. Only their own listing; raises
    Membership.DoesNotExist if they are not a member."""
    membership = Membership.objects.select_for_update().get(user=user)
    if membership.listed_in_directory != listed:
        membership.listed_in_directory = listed
        membership.save(update_fields=["listed_in_directory"])
    return membership
