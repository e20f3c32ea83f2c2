"""Forms for writing a proposal: one section, the budget lines, an attached file."""

import re
from decimal import Decimal

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from grants.attachments import ACCEPT, attachment_check
from grants.models import BudgetCategory
from grants.sections import Section
from grants.services.editing import SECTION_MAX_CHARS, BudgetLineData


class SectionForm(forms.Form):
    """The text of one section and the revision it was written on top of."""

    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, section: Section, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        attrs = {"spellcheck": "true", "class": "form-control proposal-editor-text"}
        if section.short:
            widget = forms.TextInput(attrs={**attrs, "autocomplete": "off"})
        else:
            widget = forms.Textarea(attrs={**attrs, "rows": 14})
        self.fields["text"] = forms.CharField(
            label=section.label,
            help_text=section.help_text,
            required=section.short,
            strip=section.short,
            max_length=300 if section.short else SECTION_MAX_CHARS,
            widget=widget,
            error_messages={
                "required": _("Give your proposal a title. A working title is fine."),
                "max_length": _("This is too long to save: %(show_value)s characters, at most %(limit_value)s."),
            },
        )
        self.order_fields(["text", "base_revision"])


class MoneyField(forms.DecimalField):
    """An amount in pounds that accepts what people type: "£1,200.50", "1200" or "1 200"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[£,\s]", "", value)
        return super().to_python(value)


class BudgetLineForm(forms.Form):
    """One costed line of the budget."""

    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("Choose a category")), *BudgetCategory.choices],
        error_messages={"required": _("Choose the category this cost falls under.")},
    )
    description = forms.CharField(
        label=_("Item"),
        max_length=200,
        error_messages={"required": _("Say what this cost is for.")},
    )
    cost = MoneyField(
        label=_("Cost (£)"),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("10000000"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": _("Enter the cost in pounds, e.g. 1200.50."),
            "invalid": _("Enter the cost in pounds as a number, e.g. 1200.50."),
            "min_value": _("The cost must be more than £0."),
            "max_value": _("The cost must be at most £10,000,000."),
            "max_decimal_places": _("Use at most 2 decimal places (pence)."),
            "max_digits": _("The cost must be at most £10,000,000."),
            "max_whole_digits": _("The cost must be at most £10,000,000."),
        },
    )
    justification = forms.CharField(
        label=_("Justification"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Explain why this cost is needed.")},
    )

    def line(self) -> BudgetLineData:
        data = self.cleaned_data
        return BudgetLineData(
            category=data["category"],
            description=" ".join(data["description"].split()),
            cost=data["cost"],
            justification=data["justification"].strip(),
        )


class BaseBudgetFormSet(forms.BaseFormSet):
    """The lines of the budget: existing ones first, then a few blank rows to add more."""

    deletion_widget = forms.CheckboxInput
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": _("A budget can have at most %(num)d lines. Combine some similar costs."),
        "missing_management_form": _("The form was incomplete. Reload the page and try again."),
    }

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this line")

    def lines(self) -> list[BudgetLineData]:
        """The lines to keep, in order: filled-in rows that are not marked for removal."""
        kept = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            if not form.has_changed() and form.empty_permitted:
                continue
            kept.append(form.line())
        return kept


BudgetFormSet = forms.formset_factory(
    BudgetLineForm,
    formset=BaseBudgetFormSet,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
    max_num=200,
    validate_max=True,
)


class BudgetRevisionForm(forms.Form):
    """The budget revision the lines were written on top of."""

    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class AttachmentForm(forms.Form):
    """A file to attach, with an optional description."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, Word (.docx) or Excel (.xlsx) file of up to 10 MB."),
        error_messages={"required": _("Choose a file to attach."), "empty": _("This file is empty.")},
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        max_length=200,
        required=False,
        help_text=_("What the file is, e.g. “Letter of support from the PICU matron”."),
    )

    def __init__(self, *args, max_bytes: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if max_bytes:
            self.fields["file"].help_text = _("A PDF, Word (.docx) or Excel (.xlsx) file of up to %(size)s.") % {
                "size": filesizeformat(max_bytes)
            }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        attachment_check(upload)  # raises ValidationError, shown next to the field
        return upload
