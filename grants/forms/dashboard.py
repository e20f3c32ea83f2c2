"""Filters of the group lead's dashboard: which proposals to list, and which outcomes to count.

Both are GET forms: the query string is the filter, so a filtered list or a count can be bookmarked
and linked to (the pipeline's cells link to the list this way).
"""

from collections.abc import Iterable

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.forms import DATE_FORMATS, DateInput
from grants.models import FundingCallPage, ProposalState
from grants.selectors.dashboard import NO_CALL


def call_choices(calls: Iterable[FundingCallPage]) -> list[tuple[str, str]]:
    """The choices of a call filter: "all calls", "no call chosen", then each of `calls`."""
    return [
        ("", _("All calls")),
        (NO_CALL, _("No call chosen")),
        # The closing date tells apart yearly rounds of a call with the same name.
        *(
            (str(call.pk), f"{call.title} (closes {date_format(timezone.localtime(call.closes_at), 'M Y')})")
            for call in calls
        ),
    ]


class CallFilterForm(forms.Form):
    """A `call` field: all calls, proposals written for no call, or one call."""

    call = forms.ChoiceField(
        label=_("Funding call"), required=False, error_messages={"invalid_choice": _("Choose a call from the list.")}
    )

    def __init__(self, *args, calls: Iterable[FundingCallPage], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].choices = call_choices(calls)

    def clean_call(self) -> str:
        """Empty for every call, NO_CALL, or a call's id as text."""
        return self.cleaned_data.get("call") or ""


class ProposalFilterForm(CallFilterForm):
    """Which proposals the dashboard's list and CSV file show: by state and by call."""

    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any state")), *ProposalState.choices],
        error_messages={"invalid_choice": _("Choose a state from the list.")},
    )

    field_order = ["state", "call"]

    def filters(self) -> dict | None:
        """`state` and `call` for grants.selectors.dashboard.dashboard_proposals; None while the filter is wrong."""
        if not self.is_bound:
            return {"state": "", "call": ""}
        if not self.is_valid():
            return None
        return {"state": self.cleaned_data["state"], "call": self.cleaned_data["call"]}

    def query_string(self) -> str:
        """The valid filter as it appears in links (pages, the CSV file): only the fields chosen."""
        filters = self.filters() or {}
        return "&".join(f"{name}={value}" for name, value in filters.items() if value)


class OutcomesFilterForm(CallFilterForm):
    """Which proposals the outcomes count: those whose state changed between two dates (both optional), by call."""

    changed_from = forms.DateField(
        label=_("State changed from"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=_("Leave blank to count from the start."),
        error_messages={"invalid": _("Enter a real date, for example 01/04/2025.")},
    )
    changed_to = forms.DateField(
        label=_("State changed to"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=_("Included. Leave blank to count up to today."),
        error_messages={"invalid": _("Enter a real date, for example 31/03/2026.")},
    )

    field_order = ["changed_from", "changed_to", "call"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("changed_from"), cleaned.get("changed_to")
        if start and end and end < start:
            self.add_error("changed_to", _("The end date must be on or after the start date."))
        return cleaned

    def filters(self) -> dict | None:
        """`changed_from`, `changed_to` (dates or None) and `call`; None while the filter is wrong."""
        if not self.is_bound:
            return {"changed_from": None, "changed_to": None, "call": ""}
        if not self.is_valid():
            return None
        return {name: self.cleaned_data[name] for name in ("changed_from", "changed_to", "call")}

    @property
    def is_filtered(self) -> bool:
        filters = self.filters()
        return bool(filters) and any(filters.values())
