"""Writes for surveys: recording a response."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.models import Page

from community.models import SurveyPage, SurveySubmission
from community.permissions.surveys import survey_answer_allowed, survey_is_closed
from community.selectors.surveys import survey_response_for


class SurveyUnavailable(Exception):
    """The survey cannot take this response (see the subclasses)."""


class SurveyClosed(SurveyUnavailable):
    """The survey is past its closing time."""

    def __init__(self, survey: SurveyPage):
        self.survey = survey
        super().__init__("This survey is closed.")


class SurveyAlreadyAnswered(SurveyUnavailable):
    """The member has answered this once-per-member survey already."""

    def __init__(self, response: SurveySubmission):
        self.response = response
        super().__init__("You have already answered this survey.")


@transaction.atomic
def survey_response_create(*, survey: SurveyPage, user, form) -> SurveySubmission:
    """Record `form`'s answers (a bound, valid form built by the survey) as `user`'s response.

    `user` may be a visitor (AnonymousUser or None) on an open survey; the response then has no user.
    The survey's page row is locked first, so a double-submitted form or two tabs make one response on
    a once-per-member survey: the second raises SurveyAlreadyAnswered. Raises SurveyClosed past the
    closing time, PermissionDenied for someone who may not answer (members only, or signing in
    required), and ValidationError for a form that is not valid.
    """
    if user is None:
        user = AnonymousUser()
    if not form.is_valid():
        raise ValidationError("The answers are not valid.")
    Page.objects.select_for_update().filter(pk=survey.pk).values_list("pk", flat=True).get()
    if survey_is_closed(survey=survey):
        raise SurveyClosed(survey)
    if not survey_answer_allowed(user=user, survey=survey):
        raise PermissionDenied
    if survey.one_response_per_member:
        earlier = survey_response_for(survey=survey, user=user)
        if earlier is not None:
            raise SurveyAlreadyAnswered(earlier)
    return SurveySubmission.objects.create(
        page=survey, user=user if user.is_authenticated else None, form_data=form.cleaned_data
    )
