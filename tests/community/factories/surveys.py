"""Factories for surveys: a survey page with questions of each kind, and responses made directly."""

import factory
import wagtail_factories

from community.models import SurveyField, SurveyPage, SurveySubmission
from tests.accounts.factories import LearnerFactory

#: The questions of SurveyPageFactory: one of each kind the summary treats differently.
QUESTIONS = [
    {"label": "Stage to work on next", "field_type": "radio", "choices": "Recognition\nEscalation\nTreatment"},
    {"label": "Barriers", "field_type": "checkboxes", "choices": "Staffing\nTraining\nEquipment", "required": False},
    {"label": "Usefulness", "field_type": "dropdown", "choices": "1\n2\n3\n4\n5"},
    {"label": "Units in your network", "field_type": "number", "required": False},
    {"label": "Anything else", "field_type": "multiline", "required": False},
]


class SurveyPageFactory(wagtail_factories.PageFactory):
    """A live survey (members only, once per member, no closing time) with the QUESTIONS, under `parent`."""

    class Meta:
        model = SurveyPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Survey {n}")
    intro = "<p>Help us choose what to work on next.</p>"
    thank_you_text = "<p>We will share the results at the next meeting.</p>"
    members_only = True
    one_response_per_member = True
    closes_at = None

    @factory.post_generation
    def questions(obj, create, extracted, **kwargs):
        if not create:
            return
        for order, data in enumerate(QUESTIONS if extracted is None else extracted):
            SurveyField.objects.create(page=obj, sort_order=order, **{"required": True, **data})


class SurveySubmissionFactory(factory.django.DjangoModelFactory):
    """A response made directly (the service is tested through its own calls)."""

    class Meta:
        model = SurveySubmission

    page = factory.SubFactory(SurveyPageFactory)
    user = factory.SubFactory(LearnerFactory)
    form_data = factory.LazyFunction(dict)
