"""Forms for joining the community, deciding applications and searching the directories."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, OrganisationKind, ProfessionalGroup, Region, User
from community.models import MembershipApplication

REASON_MAX = MembershipApplication._meta.get_field("reason").max_length
NOTE_MAX = MembershipApplication._meta.get_field("decision_note").max_length


class ApplicationForm(forms.Form):
    """An application to join: who the applicant is, where they work, why, and whether to list them."""

    professional_group = forms.ChoiceField(
        label=_("Professional group"),
        choices=[("", _("Choose…")), *ProfessionalGroup.choices],
        error_messages={"required": _("Choose your professional group.")},
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("Your hospital, unit, university or network. Choose one from the list or type its full name."),
        widget=forms.TextInput(attrs={"list": "organisation-options", "autocomplete": "organization"}),
        error_messages={"required": _("Enter the organisation you work for.")},
    )
    job_title = forms.CharField(
        label=_("Job title"),
        max_length=150,
        help_text=_("For example: Senior staff nurse, PICU consultant, ward clerk."),
        error_messages={"required": _("Enter your job title.")},
    )
    reason = forms.CharField(
        label=_("Why would you like to join?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences: what you hope to share or learn. At most %(max)s characters.")
        % {"max": REASON_MAX},
        error_messages={
            "required": _("Tell the group leads why you would like to join."),
            "max_length": _("Keep this to %(limit_value)d characters or fewer (it has %(show_value)d)."),
        },
    )
    consent_to_be_listed = forms.BooleanField(
        label=_("List me in the members' directory"),
        required=False,
        help_text=_(
            "Other members will see your name, job title, organisation, professional group and interests "
            "(never your e-mail address). You can change this at any time."
        ),
    )

    def __init__(self, *args, user: User, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("professional_group", user.professional_group)
        initial.setdefault("organisation", user.organisation.name if user.organisation_id else "")
        initial.setdefault("job_title", user.job_title)
        super().__init__(*args, **kwargs)

    def clean_organisation(self) -> str:
        name = " ".join(self.cleaned_data["organisation"].split())
        if len(name) < 3:
            raise forms.ValidationError(_("Enter the full name of your organisation."))
        return name


class DecisionForm(forms.Form):
    """A group lead's note with a decision (optional; sent to the applicant)."""

    note = forms.CharField(
        label=_("Note to the applicant (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the decision. When declining, say why and what they could do instead."),
        error_messages={
            "max_length": _("Keep the note to %(limit_value)d characters or fewer (it has %(show_value)d).")
        },
    )


class ListingForm(forms.Form):
    """A member's choice to be listed in the members' directory."""

    listed = forms.BooleanField(
        label=_("List me in the members' directory"),
        required=False,
        help_text=_("Other members see your name, job title, organisation, professional group and interests."),
    )


class _FilterForm(forms.Form):
    """A GET filter: invalid values are ignored field by field, so a stale link still shows a list."""

    def filters(self) -> dict:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned.get(name) or ("" if not isinstance(field, forms.ModelChoiceField) else None)
            for name, field in self.fields.items()
        }

    def query_string(self) -> str:
        """The filter as it appears in page links: only the fields chosen."""
        from django.utils.http import urlencode

        values = {}
        for name, value in self.filters().items():
            if isinstance(value, Organisation):
                value = value.pk
            if value:
                values[name] = value
        return urlencode(values)


class OrganisationFilterForm(_FilterForm):
    """Search and filter the organisations directory."""

    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("Any region")), *Region.choices])
    kind = forms.ChoiceField(
        label=_("Kind of organisation"), required=False, choices=[("", _("Any kind")), *OrganisationKind.choices]
    )


class MemberFilterForm(_FilterForm):
    """Search and filter the members' directory (choices only from what listed members have)."""

    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=Organisation.objects.none(), empty_label=_("Any organisation")
    )
    professional_group = forms.ChoiceField(
        label=_("Professional group"), required=False, choices=[("", _("Any group")), *ProfessionalGroup.choices]
    )
    interest = forms.ChoiceField(label=_("Interest"), required=False)

    def __init__(self, *args, organisations, interests: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["interest"].choices = [("", _("Any interest")), *interests]
