"""Fixtures shared by every test."""

import pytest
from django.core.cache import cache

from home.demo import home_page_ensure, organisations_ensure, site_settings_ensure, standard_pages_ensure
from tests.accounts import factories as account_factories


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_pages(db):
    """The home page and the standard pages, as in the demo (pages only, no accounts)."""
    from accounts.roles import roles_sync

    roles_sync()
    organisations_ensure()
    home = home_page_ensure()
    pages = standard_pages_ensure(home=home)
    site_settings_ensure()
    return {"home": home, **pages}


@pytest.fixture
def password():
    return account_factories.PASSWORD


@pytest.fixture
def learner(db):
    return account_factories.LearnerFactory()


@pytest.fixture
def mentor(db):
    return account_factories.MentorFactory()


@pytest.fixture
def group_lead(db):
    return account_factories.GroupLeadFactory()


@pytest.fixture
def editor(db):
    return account_factories.EditorFactory()


@pytest.fixture
def moderator(db):
    return account_factories.ModeratorFactory()


@pytest.fixture
def superuser(db):
    return account_factories.SuperuserFactory()


@pytest.fixture
def course_index(site_pages):
    """The course index page under the home page."""
    from tests.courses.factories import CourseIndexPageFactory

    return CourseIndexPageFactory(parent=site_pages["home"])


@pytest.fixture
def course(course_index):
    """A live course with three lessons and a three-question knowledge check (q1 single, q2 multiple, q3 true/false).

    Right answers: q1 -> q1-o0; q2 -> q2-o0 and q2-o2; q3 -> q3-o0.
    """
    from tests.courses.factories import course_with_lessons

    return course_with_lessons(parent=course_index)


@pytest.fixture
def proposal_people(db):
    """A draft proposal and one member in each role towards it, for permission matrices.

    Keys: proposal, lead, co_applicant, mentor (assigned), other_mentor, group_lead, other_member,
    editor, and anonymous (None).
    """
    from tests.grants.factories import co_applicant_add, mentor_assign, proposal_make

    lead = account_factories.LearnerFactory()
    proposal = proposal_make(lead=lead, complete=True)
    return {
        "proposal": proposal,
        "lead": lead,
        "co_applicant": co_applicant_add(proposal=proposal),
        "mentor": mentor_assign(proposal=proposal),
        "other_mentor": account_factories.MentorFactory(),
        "group_lead": account_factories.GroupLeadFactory(),
        "other_member": account_factories.LearnerFactory(),
        "editor": account_factories.EditorFactory(),
        "anonymous": None,
    }
