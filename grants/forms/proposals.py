"""Forms for grant proposals: they validate and clean; the services do the work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.models import FundingCallPage


class ProposalCreateForm(forms.Form):
    """Start a proposal: a working title and, optionally, the call it is for."""

    title = forms.CharField(
        label=_("Working title"),
        max_length=300,
        help_text=_("You can change it at any time."),
    )
    call = forms.ModelChoiceField(
        label=_("Funding call"),
        queryset=FundingCallPage.objects.none(),
        required=False,
        empty_label=_("Not for a particular call yet"),
        help_text=_("Word limits follow the call's guidance when it sets them."),
    )
    topics = forms.CharField(
        label=_("Topics"),
        required=False,
        max_length=300,
        help_text=_(
            "What the proposal is about, separated by commas (e.g. sepsis, early warning scores): "
            "used to suggest mentors."
        ),
    )

    def __init__(self, *args, calls=None, **kwargs):
        super().__init__(*args, **kwargs)
        if calls is not None:
            self.fields["call"].queryset = calls

    def clean_topics(self) -> list[str]:
        raw = self.cleaned_data["topics"]
        return [topic.strip() for topic in raw.split(",") if topic.strip()][:10]
