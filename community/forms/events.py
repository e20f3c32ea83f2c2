"""Forms for meetings: narrowing the meeting list to one community."""

from django import forms
from django.utils.translation import gettext_lazy as _


class EventFilterForm(forms.Form):
    """The community filter above the meeting list (GET). An unknown community is an error by the field."""

    community = forms.TypedChoiceField(
        label=_("Community"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Show only the meetings of one community."),
        error_messages={"invalid_choice": _("Choose a community from the list: all meetings are shown.")},
    )

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [("", _("All communities")), *((c.pk, c.title) for c in communities)]

    def community_id(self) -> int | None:
        """The chosen community's id, or None for all (also when the choice is not valid)."""
        return self.cleaned_data.get("community") if self.is_valid() else None
