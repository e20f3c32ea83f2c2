"""Writes on members and organisations. Views, the adapter and commands call these."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts import roles
from accounts.models import Organisation, OrganisationKind, User


@transaction.atomic
def member_role_add(*, user: User, role: str) -> None:
    """Put a member in a role's group (creating the group's row if a flush removed it)."""
    if role not in roles.ROLE_PERMISSIONS:
        raise ValueError(f"Unknown role: {role}")
    group, _ = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    if hasattr(user, "_role_names"):
        del user._role_names


def member_joined(*, user: User) -> None:
    """Every new member is a learner."""
    member_role_add(user=user, role=roles.LEARNER)


@transaction.atomic
def organisation_get_or_suggest(*, name: str) -> Organisation:
    """Find an organisation by name (any case), or add it unverified for a group lead to check."""
    name = " ".join(name.split())
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    return Organisation.objects.create(name=name, kind=OrganisationKind.OTHER, is_verified=False)


@transaction.atomic
def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    professional_group: str,
    job_title: str,
    organisation: Organisation | None,
    works_at_bedside: bool | None,
    research_experience: str,
    interests: list[str],
    expertise: list[str] | None = None,
    mentoring_capacity: int | None = None,
) -> User:
    """Save a member's profile; the first complete save marks the profile as done.

    `expertise` and `mentoring_capacity` are for mentors: None leaves them as they are.
    """
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.professional_group = professional_group
    user.job_title = job_title.strip()
    user.organisation = organisation
    user.works_at_bedside = works_at_bedside
    user.research_experience = research_experience
    if mentoring_capacity is not None:
        user.mentoring_capacity = mentoring_capacity
    if user.profile_completed_at is None:
        user.profile_completed_at = timezone.now()
    user.save()
    user.interests.set(interests, clear=True)
    if expertise is not None:
        user.expertise.set(expertise, clear=True)
    return user
