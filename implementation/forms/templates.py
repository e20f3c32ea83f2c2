"""Forms for plan templates and for importing a plan from a JSON file."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from implementation.models import ImplementationPlan
from implementation.services.transfer import IMPORT_MAX_BYTES, plan_file_read


class TemplateForm(forms.Form):
    """A template's name and what it is for."""

    name = forms.CharField(
        label=_("Template name"),
        max_length=200,
        help_text=_("e.g. “Implementing a bundle across PICUs”."),
        error_messages={"required": _("Give the template a name.")},
    )
    description = forms.CharField(
        label=_("What the template is for"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who should start from it, and what it already holds. Members read this before choosing it."),
        error_messages={"required": _("Say what the template is for, so members can choose it.")},
    )


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ImplementationPlan) -> str:
        return str(obj)


class StartFromTemplateForm(forms.Form):
    """Choose a published template; a plan that has content is only replaced once the member says so."""

    template = TemplateChoiceField(
        label=_("Template"),
        queryset=ImplementationPlan.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a template to start from."),
            "invalid_choice": _("That template is no longer published: choose another."),
        },
    )
    replace = forms.BooleanField(
        label=_("Replace everything in the plan with the template"),
        required=False,
        help_text=_("What you have written in the plan will be lost. Download it as JSON first to keep a copy."),
    )

    def __init__(self, *args, templates, plan_has_content: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        if plan_has_content:
            self.fields["replace"].required = True
            self.fields["replace"].error_messages["required"] = _(
                "Tick this box to replace what is in the plan, or go back to keep it."
            )
        else:
            del self.fields["replace"]


class PlanImportForm(forms.Form):
    """A plan file (.json) to replace the plan with, and the member's confirmation that it replaces everything."""

    file = forms.FileField(
        label=_("Plan file (.json)"),
        error_messages={"required": _("Choose the plan file to import."), "empty": _("This file is empty.")},
        widget=forms.FileInput(attrs={"accept": ".json,application/json"}),
    )
    confirm = forms.BooleanField(
        label=_("This replaces everything in the plan"),
        help_text=_("Tick to confirm: what the plan holds now will be replaced by the file’s content."),
        error_messages={"required": _("Tick this box to confirm that the file replaces everything in the plan.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A plan downloaded with “Download as JSON”, of up to %(size)s.") % {
            "size": filesizeformat(IMPORT_MAX_BYTES)
        }
        #: The plan document read from the file, once the form is valid.
        self.document: dict | None = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.document = plan_file_read(upload)  # a ValidationError is shown next to the field
        return upload
