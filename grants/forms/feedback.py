"""Forms for feedback: a comment on a section, a reply, and a structured review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.models import Recommendation, ReviewCriterion
from grants.models.feedback import SCORE_CHOICES
from grants.sections import COMMENTABLE_CHOICES
from grants.services.feedback import review_missing


class CommentForm(forms.Form):
    """A mentor's comment on one section of the version under review."""

    section = forms.ChoiceField(
        label=_("Section"),
        choices=[("", _("Choose a section…")), *COMMENTABLE_CHOICES],
        error_messages={"required": _("Choose the section your comment is about.")},
    )
    quote = forms.CharField(
        label=_("Words you are commenting on (optional)"),
        required=False,
        max_length=500,
        help_text=_("Copy a phrase from the section, so the applicants know exactly which part you mean."),
    )
    body = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        error_messages={"required": _("Write your comment before you send it.")},
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write your comment before you send it."))
        return body


class ReplyForm(forms.Form):
    """A reply in a comment thread."""

    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10000,
        error_messages={"required": _("Write your reply before you send it.")},
    )


def score_field_name(criterion: str) -> str:
    return f"score_{criterion}"


def text_field_name(criterion: str) -> str:
    return f"text_{criterion}"


class ReviewForm(forms.Form):
    """A mentor's structured review: for each criterion a score from 1 to 5 and a comment; then an overall view.

    A draft may be saved with anything missing. With `submitting=True` every score and the
    recommendation are required, each error shown next to its question.
    """

    recommendation = forms.ChoiceField(
        label=_("Overall recommendation"),
        choices=Recommendation.choices,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    summary = forms.CharField(
        label=_("Summary for the applicants"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control"}),
        help_text=_("The main strengths, and the changes that would most improve the proposal."),
    )

    def __init__(self, *args, submitting: bool = False, **kwargs):
        self.submitting = submitting
        super().__init__(*args, **kwargs)
        for criterion in ReviewCriterion:
            self.fields[score_field_name(criterion.value)] = forms.TypedChoiceField(
                label=criterion.label,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[text_field_name(criterion.value)] = forms.CharField(
                label=_("Your comments on %(criterion)s") % {"criterion": str(criterion.label).lower()},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
            )

    def criteria(self) -> list[dict]:
        """Each criterion with its score and comment fields (bound), in order, for the template."""
        return [
            {
                "key": criterion.value,
                "label": criterion.label,
                "score": self[score_field_name(criterion.value)],
                "text": self[text_field_name(criterion.value)],
            }
            for criterion in ReviewCriterion
        ]

    def scores(self) -> dict[str, tuple[int | None, str]]:
        """The cleaned scores and comments, as grants.services.feedback.review_save takes them."""
        return {
            criterion.value: (
                self.cleaned_data.get(score_field_name(criterion.value)),
                self.cleaned_data.get(text_field_name(criterion.value), ""),
            )
            for criterion in ReviewCriterion
        }

    def error_links(self) -> list[tuple[str, str]]:
        """Every field error as (the id of the control to fix, message), in the order of the page."""
        links = []
        for name in [
            *(n for c in ReviewCriterion for n in (score_field_name(c.value), text_field_name(c.value))),
            "recommendation",
            "summary",
        ]:
            bound = self[name]
            target = f"{bound.auto_id}_0" if isinstance(bound.field.widget, forms.RadioSelect) else bound.auto_id
            links.extend((target, error) for error in bound.errors)
        return links

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            missing = review_missing(scores=self.scores(), recommendation=cleaned.get("recommendation", ""))
            for name, message in missing.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned


def review_initial(review) -> dict:
    """A saved review as the form's initial values."""
    if review is None:
        return {}
    initial = {"recommendation": review.recommendation, "summary": review.summary}
    for score in review.scores.all():
        initial[score_field_name(score.criterion)] = score.score or None
        initial[text_field_name(score.criterion)] = score.text
    return initial
