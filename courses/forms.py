"""Forms for the learner's pages. They validate and clean; the views hand the data to services."""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CPDEntry, CPDTarget, Reflection
from courses.selectors_dashboard import Period, certificate_code_normalise, cpd_period_default, years_before


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # ISO dates are what a date picker sends and shows; typed values are redisplayed as typed.
        super().__init__(attrs=attrs, format="%Y-%m-%d")


DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %m %Y"]


class PeriodForm(forms.Form):
    """The dates to count CPD between; both ends included. Defaults to the last 12 months."""

    date_from = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a real date, for example 31/01/2026.")},
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": _("Enter a real date, for example 31/01/2026.")},
    )

    def __init__(self, data=None, *, today: date | None = None, **kwargs):
        self.today = today or timezone.localdate()
        default = cpd_period_default(today=self.today)
        # An empty query string means "the default period", shown in the boxes.
        if data is not None and not any(data.get(name) for name in ("date_from", "date_to")):
            data = None
        super().__init__(data, initial={"date_from": default.start, "date_to": default.end}, **kwargs)
        self.default = default

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        # One end alone: "from" runs to today, "to" looks back a year.
        if end is None:
            end = max(self.today, start) if start else self.default.end
        if start is None:
            start = years_before(end, 1)
        if end < start:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        else:
            cleaned["period"] = Period(start=start, end=end)
        return cleaned

    @property
    def period(self) -> Period | None:
        """The chosen period; the default when nothing was chosen; None while the dates are wrong."""
        if not self.is_bound:
            return self.default
        return self.cleaned_data.get("period") if self.is_valid() else None

    def query_string(self) -> str:
        """The period as it appears in links (exports), or "" for the default."""
        if not self.is_bound:
            return ""
        period = self.period
        if period is None:
            return self.data.urlencode() if hasattr(self.data, "urlencode") else ""
        return f"date_from={period.start.isoformat()}&date_to={period.end.isoformat()}"


class CPDEntryForm(forms.ModelForm):
    """A CPD entry the member records themselves."""

    class Meta:
        model = CPDEntry
        fields = ["date", "title", "method", "hours", "participatory", "topic", "notes"]
        widgets = {
            "date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "hours": _("In hours, e.g. 1.5 for an hour and a half."),
            "topic": _("For example: sepsis, family-centred care, implementation science."),
            "notes": _("Optional: what you did and where the evidence is kept."),
        }
        error_messages = {
            "date": {"required": _("Enter the date of the learning."), "invalid": _("Enter a real date.")},
            "title": {"required": _("Enter a title, for example the name of the study day.")},
            "method": {"required": _("Choose how you learnt.")},
            "hours": {"required": _("Enter the number of hours."), "invalid": _("Enter a number, e.g. 1.5.")},
        }

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["date"].input_formats = DATE_FORMATS
        self.fields["date"].widget.attrs["max"] = self.today.isoformat()
        self.fields["hours"].widget.attrs.update({"min": "0.25", "step": "0.25", "inputmode": "decimal"})

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value

    def clean_hours(self):
        value = self.cleaned_data["hours"]
        if value is not None and value <= Decimal("0"):
            raise forms.ValidationError(_("Enter a number of hours greater than 0."))
        if value is not None and value < Decimal("0.25"):
            raise forms.ValidationError(_("The smallest amount to record is 0.25 hours (15 minutes)."))
        return value

    def clean_title(self):
        value = self.cleaned_data["title"].strip()
        if not value:
            raise forms.ValidationError(_("Enter a title, for example the name of the study day."))
        return value


class CPDTargetForm(forms.ModelForm):
    """The member's own yearly hours target."""

    class Meta:
        model = CPDTarget
        fields = ["yearly_hours"]
        help_texts = {"yearly_hours": _("For example 12 hours a year. Leave the NMC minimum in mind: 35 in 3 years.")}
        error_messages = {"yearly_hours": {"required": _("Enter a number of hours, or clear your target.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["yearly_hours"].widget.attrs.update({"min": "1", "max": "500", "step": "0.5"})


class ReflectionForm(forms.ModelForm):
    """A private reflective account under the NMC headings (the labels come from the model)."""

    class Meta:
        model = Reflection
        fields = ["activity", "learnt", "practice_change", "code_relation"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}
        help_texts = {
            "code_relation": _(
                "The Code's themes: prioritise people, practise effectively, preserve safety, "
                "promote professionalism and trust."
            ),
        }


class CertificateLookupForm(forms.Form):
    """A certificate code typed in by someone checking a certificate."""

    code = forms.CharField(
        label=_("Certificate code"),
        max_length=40,
        help_text=_("12 letters and numbers, as printed on the certificate, e.g. ABCD-EFGH-JKMN."),
        error_messages={"required": _("Enter the certificate code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )

    def clean_code(self):
        code = certificate_code_normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("Enter the code as printed on the certificate: 12 letters and numbers, e.g. ABCD-EFGH-JKMN.")
            )
        return code
