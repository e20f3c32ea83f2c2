"""Forms for the proposal workflow and its versions: a note (and amount) with a transition; two versions to compare."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.workflow import Transition

#: In comparisons, the live draft rather than a frozen version.
CURRENT = "current"


class PoundsField(forms.DecimalField):
    """An amount in pounds, forgiving the way people type money: "£12,500", "12 500.00"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "").replace(" ", "")
        return super().to_python(value)


class TransitionForm(forms.Form):
    """An optional note for the timeline and notifications; the amount awarded when recording an award."""

    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the proposal's timeline and in the message to the team."),
    )

    def __init__(self, *args, transition: Transition, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition.asks_amount:
            self.fields["amount"] = PoundsField(
                label=_("Amount awarded (£)"),
                max_digits=12,
                decimal_places=2,
                min_value=0,
                help_text=_("The total the funder awarded, in pounds, e.g. 148500 or 148,500.00."),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.order_fields(["amount", "note"])


class VersionCompareForm(forms.Form):
    """Pick two versions of a proposal (or a version and the current draft) to compare."""

    from_ = forms.TypedChoiceField(label=_("Compare"), coerce=int)
    to = forms.ChoiceField(label=_("with"))

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        ordered = sorted(numbers, reverse=True)
        choices = [(str(n), _("Version %(number)s") % {"number": n}) for n in ordered]
        self.fields["from_"].choices = choices
        self.fields["to"].choices = [(CURRENT, _("The current draft")), *choices]

    def add_prefix(self, field_name):
        # The query string says ?from=1&to=2, but "from" is a Python keyword.
        return "from" if field_name == "from_" else super().add_prefix(field_name)

    def clean(self):
        data = super().clean()
        old, new = data.get("from_"), data.get("to")
        if old is not None and new is not None and str(old) == str(new):
            self.add_error("to", _("Choose two different versions to compare."))
        return data
