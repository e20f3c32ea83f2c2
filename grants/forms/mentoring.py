"""Forms for mentoring: asking for a mentor, and a group lead choosing one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class MentoringRequestForm(forms.Form):
    """The lead applicant asks for a mentor, optionally saying what they would like help with."""

    note = forms.CharField(
        label=_("What would you like help with? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: my first grant, the sample size, or involving families. Up to 500 characters."),
    )


class MentorChoiceField(forms.ModelChoiceField):
    """Mentors listed by name, with how many proposals they mentor against what they can take."""

    def label_from_instance(self, obj: User) -> str:
        load = getattr(obj, "load", None)
        if load is None:
            return str(obj)
        label = _("%(name)s (mentoring %(load)s of %(capacity)s)") % {
            "name": obj,
            "load": load,
            "capacity": obj.mentoring_capacity,
        }
        if load >= obj.mentoring_capacity:
            label = f"{label} – {_('at capacity')}"
        return label


class MentorAssignForm(forms.Form):
    """A group lead chooses a mentor for a proposal (from the suggestions or the full list).

    `options` are the grants.selectors.mentoring.MentorOption rows offered; any other member
    posted is refused here, and the service refuses non-mentors and applicants again.
    """

    mentor = MentorChoiceField(
        label=_("Any other mentor"),
        queryset=User.objects.none(),
        empty_label=_("Choose a mentor…"),
        error_messages={
            "required": _("Choose a mentor to assign."),
            "invalid_choice": _("That member cannot be assigned to this proposal. Choose a mentor from the list."),
        },
    )

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        mentors = [option.mentor for option in options]
        field = self.fields["mentor"]
        field.queryset = User.objects.filter(pk__in=[m.pk for m in mentors])
        # Offer the rows already loaded, with their annotated load, rather than querying again.
        field.choices = [("", field.empty_label), *((m.pk, field.label_from_instance(m)) for m in mentors)]
