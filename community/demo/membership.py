"""Build the demo community membership from `community.demo.membership_content`.

With activity: the six demo accounts and about fourteen illustrative people become members through
the services (an application, approved by the demo group lead), plus two applications waiting for a
decision and one declined. Idempotent: anyone who has applied before is left as they are.
Without activity there are no accounts, so nothing is made.
"""

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import Organisation, User
from accounts.services import organisation_get_or_suggest, profile_update
from community.demo import membership_content as content
from community.models import ApplicationStatus, Membership, MembershipApplication
from community.services.membership import application_approve, application_decline, application_submit
from home import demo_content as home_content


def _email(person: dict) -> str:
    return f"{person['first_name']}.{person['last_name']}@{content.DOMAIN}".lower()


def organisations_ensure() -> None:
    """The illustrative organisations (verified, as a group lead would have checked them)."""
    for name, kind, region in content.ORGANISATIONS:
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "region": region, "is_verified": True})


def person_ensure(person: dict) -> User:
    """An illustrative person who cannot sign in (no password), with a verified e-mail and a profile."""
    email = _email(person)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None)
        profile_update(
            user=user,
            first_name=person["first_name"],
            last_name=person["last_name"],
            professional_group=person["professional_group"],
            job_title=person["job_title"],
            organisation=organisation_get_or_suggest(name=person["organisation"]),
            works_at_bedside=person.get("works_at_bedside"),
            research_experience=person.get("research_experience", ""),
            interests=person.get("interests", []),
        )
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def _apply(*, user: User, reason: str, consent: bool) -> MembershipApplication:
    return application_submit(
        user=user,
        professional_group=user.professional_group or "other",
        organisation=user.organisation,
        job_title=user.job_title,
        reason=reason,
        consent_to_be_listed=consent,
    )


def member_ensure(*, user: User, reason: str, listed: bool, decider: User) -> None:
    """Make `user` a member through an application approved by `decider` (once)."""
    if Membership.objects.filter(user=user).exists():
        return
    application = _apply(user=user, reason=reason, consent=listed)
    application_approve(application=application, by=decider)


def _has_applied(user: User) -> bool:
    return MembershipApplication.objects.filter(user=user).exclude(status=ApplicationStatus.WITHDRAWN).exists()


@transaction.atomic
def membership_demo_load(*, home, with_activity: bool) -> None:
    """Members, pending and declined applications for the demo (nothing without activity)."""
    if not with_activity:
        return
    decider = User.objects.filter(email=content.DECIDER_EMAIL).first()
    if decider is None:  # the demo accounts were not made: nobody to decide
        return
    organisations_ensure()
    for account in home_content.ACCOUNTS:
        user = User.objects.filter(email=account["email"]).first()
        if user is not None:
            member_ensure(user=user, reason=content.ACCOUNT_REASONS[account["email"]], listed=True, decider=decider)
    for person in content.MEMBERS:
        member_ensure(user=person_ensure(person), reason=person["reason"], listed=person["listed"], decider=decider)
    for person in content.PENDING:
        user = person_ensure(person)
        if not _has_applied(user):
            _apply(user=user, reason=person["reason"], consent=person["consent"])
    for person in content.DECLINED:
        user = person_ensure(person)
        if not _has_applied(user):
            application = _apply(user=user, reason=person["reason"], consent=person["consent"])
            application_decline(application=application, by=decider, note=person["note"])
