"""Build the demo survey from `community.demo.surveys_content`: the Paediatric Sepsis network's priorities.

Idempotent: the survey is created once (editors' changes are kept); responses are given through the
service by demo members who have not answered yet, each with their own set of answers, so a second run
changes nothing.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from community.demo import surveys_content as content
from community.models import CommunityPage, SurveyField, SurveyPage, SurveySubmission
from community.permissions.membership import user_is_community_member
from community.services.surveys import survey_response_create
from home.demo import local_datetime
from home.demo_content import ACCOUNTS


def survey_ensure(*, community: CommunityPage) -> SurveyPage:
    """The demo survey under `community` (created and published once, never overwritten)."""
    data = content.SURVEY
    survey = SurveyPage.objects.child_of(community).filter(slug=data["slug"]).first()
    if survey is not None:
        return survey
    closes_on = timezone.localdate() + datetime.timedelta(days=data["closes_in_days"])
    survey = SurveyPage(
        title=data["title"],
        slug=data["slug"],
        intro=data["intro"],
        thank_you_text=data["thank_you_text"],
        members_only=True,
        one_response_per_member=True,
        closes_at=local_datetime(closes_on, data["closes_at"]),
        form_fields=[
            SurveyField(
                sort_order=order,
                label=question["label"],
                field_type=question["field_type"],
                choices=question["choices"],
                required=question["required"],
                help_text=question["help_text"],
            )
            for order, question in enumerate(content.QUESTIONS)
        ],
    )
    community.add_child(instance=survey)
    survey.save_revision().publish()
    return survey


def survey_respondents() -> list[User]:
    """Demo members who may answer, in a stable order: the role accounts first, then the other demo members."""
    role_emails = [account["email"] for account in ACCOUNTS]
    candidates = User.objects.filter(
        Q(email__in=role_emails) | Q(membership__isnull=False, email__endswith=content.DEMO_EMAIL_DOMAIN)
    ).distinct()
    ordered = sorted(
        candidates,
        key=lambda user: (0, role_emails.index(user.email)) if user.email in role_emails else (1, user.email),
    )
    return [user for user in ordered if user_is_community_member(user)]


def survey_responses_ensure(*, survey: SurveyPage) -> None:
    """One response from each of the first demo members (as many as there are answer sets), once each."""
    answered = set(SurveySubmission.objects.filter(page=survey, user__isnull=False).values_list("user_id", flat=True))
    questions = list(survey.get_form_fields())
    now = timezone.now()
    for user, response in zip(survey_respondents(), content.RESPONSES, strict=False):
        if user.pk in answered:
            continue
        data = {question.clean_name: answer for question, answer in zip(questions, response["answers"], strict=False)}
        form = survey.get_form(data, page=survey, user=user)
        submission = survey_response_create(survey=survey, user=user, form=form)
        # Spread the dates over the weeks the survey has been open (submit_time is set on creation).
        SurveySubmission.objects.filter(pk=submission.pk).update(
            submit_time=now - datetime.timedelta(days=response["days_ago"])
        )


def surveys_demo_load(*, home, with_activity: bool) -> None:
    """The demo survey under the Paediatric Sepsis community (skipped if absent), with responses if `with_activity`."""
    community = CommunityPage.objects.descendant_of(home).filter(slug=content.COMMUNITY_SLUG).first()
    if community is None:
        return
    survey = survey_ensure(community=community)
    if with_activity:
        survey_responses_ensure(survey=survey)
