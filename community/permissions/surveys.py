"""Who may answer a survey and who may read its results. Predicates return bool."""

import datetime

from django.utils import timezone
from wagtail.contrib.forms.utils import get_forms_for_user

from accounts.permissions import user_is_member
from community.permissions.membership import user_is_community_member


def survey_is_closed(*, survey, now: datetime.datetime | None = None) -> bool:
    """The survey had a closing time and it has passed."""
    return survey.closes_at is not None and survey.closes_at <= (now or timezone.now())


def survey_requires_sign_in(*, survey) -> bool:
    """Answering needs an account: members-only surveys, and those answered once per member."""
    return survey.members_only or survey.one_response_per_member


def survey_answer_allowed(*, user, survey, now: datetime.datetime | None = None) -> bool:
    """The survey is open and `user` may answer it (members only: an approved member; once each: signed in).

    Whether they have already answered is a separate question (see selectors.surveys.survey_access).
    """
    if survey_is_closed(survey=survey, now=now):
        return False
    if survey.members_only and not user_is_community_member(user):
        return False
    return not (survey.one_response_per_member and not user_is_member(user))


def survey_results_visible(*, user, survey) -> bool:
    """Wagtail's own rule for form submissions: whoever may edit the page (and the forms hooks allow)."""
    if not user.is_authenticated:
        return False
    return get_forms_for_user(user).filter(pk=survey.pk).exists()
