"""Roles are groups with exactly the permissions listed in accounts.roles."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from accounts.permissions import user_can_access_cms, user_is_group_lead, user_is_member, user_is_mentor
from tests.accounts import factories

PATHWAYS = {
    "courses.add_learningpathway",
    "courses.change_learningpathway",
    "courses.delete_learningpathway",
    "courses.view_learningpathway",
}

IMPLEMENTATION_REFERENCE = {
    f"implementation.{action}_{model}"
    for action in ("add", "change", "view")
    for model in (
        "referencesource",
        "cfirdomain",
        "cfirconstruct",
        "strategycluster",
        "strategy",
        "implementationoutcome",
        "episphase",
        "barrierstrategylink",
    )
}

EXPECTED = {
    "Learners": set(),
    "Mentors": {"accounts.mentor_proposals"},
    "Group leads": {
        "wagtailadmin.access_admin",
        "accounts.view_user",
        "accounts.manage_community",
        "accounts.assign_mentors",
        "accounts.add_organisation",
        "accounts.change_organisation",
        "accounts.view_organisation",
        *IMPLEMENTATION_REFERENCE,
        *{f"measures.{a}_{m}" for a in ("add", "change", "delete", "view") for m in ("campaign", "site")},
    },
    "Editors": {"wagtailadmin.access_admin", *PATHWAYS},
    "Moderators": {"wagtailadmin.access_admin", *PATHWAYS},
}


def _perms(group: Group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_migrations_create_each_role_with_exactly_its_permissions(name):
    assert _perms(Group.objects.get(name=name)) == EXPECTED[name]


@pytest.mark.django_db
def test_roles_sync_removes_permissions_added_by_hand_and_is_idempotent():
    from django.contrib.auth.models import Permission

    learners = Group.objects.get(name=roles.LEARNER)
    learners.permissions.add(Permission.objects.get(codename="delete_user"))
    roles.roles_sync()
    roles.roles_sync()
    assert _perms(learners) == set()
    assert Group.objects.filter(name__in=EXPECTED).count() == len(EXPECTED)


def test_role_table_matches_expectation():
    assert roles.ROLE_PERMISSIONS == EXPECTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "member", "mentor", "lead", "cms"),
    [
        (factories.LearnerFactory, True, False, False, False),
        (factories.MentorFactory, True, True, False, False),
        (factories.GroupLeadFactory, True, False, True, True),
        (factories.EditorFactory, True, False, False, True),
        (factories.ModeratorFactory, True, False, False, True),
        (factories.SuperuserFactory, True, True, True, True),
    ],
)
def test_role_predicates(factory, member, mentor, lead, cms):
    user = factory()
    assert (
        user_is_member(user),
        user_is_mentor(user),
        user_is_group_lead(user),
        user_can_access_cms(user),
    ) == (
        member,
        mentor,
        lead,
        cms,
    )


@pytest.mark.django_db
def test_predicates_are_false_for_anonymous_and_inactive_users():
    from django.contrib.auth.models import AnonymousUser

    inactive = factories.SuperuserFactory(is_active=False)
    for user in (AnonymousUser(), inactive):
        assert not user_is_member(user)
        assert not user_is_mentor(user)
        assert not user_is_group_lead(user)
        assert not user_can_access_cms(user)
