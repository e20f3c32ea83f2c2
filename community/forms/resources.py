"""Forms for the resource library: a member's submission and a lead's decision."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from community.models import CommunityPage, ResourceType
from community.services.resources import RESOURCE_FILE_ACCEPT, RESOURCE_FILE_MAX_BYTES, resource_file_check

FILE_AGAIN = _("Choose your file again: a chosen file is not kept when the form is shown again.")


class ResourceSubmissionForm(forms.Form):
    """What a member tells us about a resource they offer: its details and a file or a link."""

    title = forms.CharField(label=_("Title"), max_length=255)
    resource_type = forms.ChoiceField(label=_("Type"), choices=[("", _("Choose a type")), *ResourceType.choices])
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What it is and who it is for, in a few sentences (up to 600 characters)."),
    )
    community = forms.ModelChoiceField(
        label=_("Community (optional)"),
        queryset=CommunityPage.objects.none(),
        required=False,
        empty_label=_("No particular community"),
        help_text=_("The community of practice it belongs to; its leads check it."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation of origin (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not from one organisation"),
        help_text=_("Where the resource was made."),
    )
    tags = forms.CharField(
        label=_("Tags (optional)"),
        max_length=255,
        required=False,
        help_text=_("Words that help others find it, separated by commas, e.g. “sepsis, escalation, PEWS”."),
    )
    review_date = forms.DateField(
        label=_("Review date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When it should be checked to see it is still current."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A PDF, Word, PowerPoint, Excel, PNG or JPEG file of up to %(size)s, or give a link below.")
        % {"size": filesizeformat(RESOURCE_FILE_MAX_BYTES)},
        widget=forms.ClearableFileInput(attrs={"accept": RESOURCE_FILE_ACCEPT}),
    )
    link = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Where the resource lives on another website, if you are not attaching a file."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = CommunityPage.objects.live().order_by("title")
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            resource_file_check(upload)  # raises ValidationError, shown next to the field
        return upload

    def clean(self):
        cleaned = super().clean()
        has_file = bool(cleaned.get("file")) or "file" in self.errors
        has_link = bool(cleaned.get("link")) or "link" in self.errors
        if not has_file and not has_link:
            self.add_error("file", _("Choose a file, or give a link to where the resource lives."))
        elif cleaned.get("file") and cleaned.get("link"):
            self.add_error("link", _("Give a file or a link, not both: remove the link or leave the file out."))
        return cleaned

    def full_clean(self):
        super().full_clean()
        # Browsers never re-fill a file input: say so next to it, so nobody thinks it was sent.
        if self.is_bound and self._errors and self.files.get("file") and "file" not in self._errors:
            self.add_error("file", FILE_AGAIN)


class ResourceDeclineForm(forms.Form):
    """A lead's note to the member saying why their resource is not published."""

    note = forms.CharField(
        label=_("Note to the member"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why it is not published, and what would help (they see this note)."),
    )
