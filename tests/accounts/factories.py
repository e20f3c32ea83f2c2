"""One factory per role, so permission tests read like a matrix."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from faker import Faker

from accounts import roles
from accounts.models import (
    Organisation,
    OrganisationKind,
    ProfessionalGroup,
    Region,
    ResearchExperience,
    User,
)

PASSWORD = "correct horse battery staple"
_faker = Faker("en_GB")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Test Children's Hospital {n}")
    kind = OrganisationKind.NHS_TRUST
    region = Region.LONDON
    is_verified = True


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a verified e-mail address and a completed profile, in no role."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    # Names without apostrophes, so that a test comparing a name with a page's HTML does not depend on
    # which random name it drew (O'Brien is escaped as O&#x27;Brien). Escaping itself is Django's job.
    first_name = factory.LazyFunction(lambda: _faker.first_name().replace("'", ""))
    last_name = factory.LazyFunction(lambda: _faker.last_name().replace("'", ""))
    professional_group = ProfessionalGroup.NURSE
    job_title = "Staff nurse"
    organisation = factory.SubFactory(OrganisationFactory)
    works_at_bedside = True
    research_experience = ResearchExperience.NONE
    profile_completed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)

    groups = factory.PostGeneration(lambda obj, create, extracted, **kwargs: _add_roles(obj, extracted or ()))


def _add_roles(user: User, names) -> None:
    for name in names:
        user.groups.add(Group.objects.get_or_create(name=name)[0])


def _with_roles(*names):
    """A post-generation hook that puts the user in these roles (or those passed in)."""
    return factory.PostGeneration(lambda obj, create, extracted, **kwargs: _add_roles(obj, extracted or names))


class NewMemberFactory(UserFactory):
    """Signed up and verified, but has not filled in the profile step."""

    professional_group = ""
    job_title = ""
    organisation = None
    works_at_bedside = None
    research_experience = ""
    profile_completed_at = None


class LearnerFactory(UserFactory):
    groups = _with_roles(roles.LEARNER)


class MentorFactory(UserFactory):
    groups = _with_roles(roles.LEARNER, roles.MENTOR)
    professional_group = ProfessionalGroup.RESEARCHER
    research_experience = ResearchExperience.EXPERIENCED


class GroupLeadFactory(UserFactory):
    groups = _with_roles(roles.LEARNER, roles.GROUP_LEAD)


class EditorFactory(UserFactory):
    groups = _with_roles(roles.LEARNER, roles.EDITOR)


class ModeratorFactory(UserFactory):
    groups = _with_roles(roles.LEARNER, roles.EDITOR, roles.MODERATOR)


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True
