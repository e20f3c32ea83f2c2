"""The monthly return form: a month and a figure (or two) for each of the campaign's measures.

The form only parses what was typed; every rule about the figures lives in measures.services, whose
errors the view puts back next to the fields they are about.
"""

import datetime
import uuid

from django import forms

from measures.models import Measure
from measures.services import REASON_REQUIRED, field_name


class MonthField(forms.DateField):
    """A month typed as YYYY-MM (the browser's month picker), as the first day of that month."""

    input_formats = ["%Y-%m", "%Y-%m-%d"]
    widget = forms.DateInput(attrs={"type": "month", "placeholder": "YYYY-MM"}, format="%Y-%m")

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if isinstance(day, datetime.date) else day

    default_error_messages = {"invalid": "Enter the month as year and month, for example 2026-03."}


class ReturnForm(forms.Form):
    """A site's figures for one month; `correction=True` adds the reason and the revision being corrected."""

    month = MonthField(label="Month", help_text="The month the figures are for.")
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, measures: list[Measure], correction: bool = False, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("submission_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.measures = measures
        self.correction = correction
        self.measure_fields: list[tuple[Measure, list[str]]] = []
        for measure in measures:
            names = []
            if measure.is_proportion:
                for part, label in (
                    ("numerator", measure.numerator_label or "Numerator"),
                    ("denominator", measure.denominator_label or "Denominator"),
                ):
                    name = field_name(measure, part)
                    self.fields[name] = forms.IntegerField(label=label, required=False, min_value=0)
                    names.append(name)
            else:
                name = field_name(measure, "value")
                label = f"Value ({measure.unit})" if measure.unit else "Value"
                self.fields[name] = forms.DecimalField(
                    label=label, required=False, min_value=0, max_digits=12, decimal_places=2
                )
                names.append(name)
            for name in names:
                self.fields[name].widget.attrs["inputmode"] = "numeric" if measure.is_proportion else "decimal"
            self.measure_fields.append((measure, names))
        if correction:
            self.fields["month"].disabled = True
            self.fields["revision"] = forms.IntegerField(widget=forms.HiddenInput)
            self.fields["reason"] = forms.CharField(
                label="Reason for the correction",
                help_text="Kept in the return's history with the figures as they were before.",
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=1000,
                error_messages={"required": REASON_REQUIRED},
            )

    def bound_measures(self):
        """For the template: each measure with its bound fields."""
        return [(measure, [self[name] for name in names]) for measure, names in self.measure_fields]

    def figures(self) -> dict[int, dict]:
        """The cleaned figures in the shape the services take."""
        figures = {}
        for measure in self.measures:
            if measure.is_proportion:
                figures[measure.pk] = {
                    "numerator": self.cleaned_data.get(field_name(measure, "numerator")),
                    "denominator": self.cleaned_data.get(field_name(measure, "denominator")),
                }
            else:
                figures[measure.pk] = {"value": self.cleaned_data.get(field_name(measure, "value"))}
        return figures

    @staticmethod
    def initial_from(figures: dict[int, dict], measures: list[Measure]) -> dict:
        initial = {}
        for measure in measures:
            figure = figures.get(measure.pk, {})
            if measure.is_proportion:
                initial[field_name(measure, "numerator")] = figure.get("numerator")
                initial[field_name(measure, "denominator")] = figure.get("denominator")
            else:
                initial[field_name(measure, "value")] = figure.get("value")
        return initial
