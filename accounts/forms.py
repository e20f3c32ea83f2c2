"""Forms for members' profiles."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import roles
from accounts.models import ProfessionalGroup, ResearchExperience, User
from accounts.permissions import user_in_any_role


def _split_tags(value: str) -> list[str]:
    """Comma-separated tags, trimmed, blanks and repeats (any case) dropped, order kept."""
    seen: dict[str, str] = {}
    for raw in value.split(","):
        tag = " ".join(raw.split())
        if tag and tag.lower() not in seen:
            seen[tag.lower()] = tag[:100]
    return list(seen.values())


class ProfileForm(forms.Form):
    """A member's profile: who they are, where they work, what they are interested in."""

    BEDSIDE_CHOICES = [("", _("Choose…")), ("yes", _("Yes")), ("no", _("No"))]

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    professional_group = forms.ChoiceField(
        label=_("Professional group"),
        choices=[("", _("Choose…")), *ProfessionalGroup.choices],
        help_text=_("Membership is open to every paediatric critical-care professional."),
    )
    job_title = forms.CharField(
        label=_("Job title"),
        max_length=150,
        help_text=_("For example: Senior staff nurse, PICU consultant, research coordinator."),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("Your hospital, unit, university or network. Start typing to pick one."),
        widget=forms.TextInput(attrs={"list": "organisation-options", "autocomplete": "organization"}),
    )
    works_at_bedside = forms.ChoiceField(label=_("Do you care for patients at the bedside?"), choices=BEDSIDE_CHOICES)
    research_experience = forms.ChoiceField(
        label=_("Research experience"),
        choices=[("", _("Choose…")), *ResearchExperience.choices],
        help_text=_("There is no wrong answer: it helps us suggest where to start."),
    )
    interests = forms.CharField(
        label=_("Interests"),
        required=False,
        max_length=500,
        help_text=_("Topics you care about, separated by commas, e.g. sepsis, sedation, family care."),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("first_name", user.first_name)
        initial.setdefault("last_name", user.last_name)
        initial.setdefault("professional_group", user.professional_group)
        initial.setdefault("job_title", user.job_title)
        initial.setdefault("organisation", user.organisation.name if user.organisation else "")
        bedside = {True: "yes", False: "no"}.get(user.works_at_bedside, "")
        initial.setdefault("works_at_bedside", bedside)
        initial.setdefault("research_experience", user.research_experience)
        if user.pk:
            initial.setdefault("interests", ", ".join(t.name for t in user.interests.all()))
        super().__init__(*args, **kwargs)
        if user_in_any_role(user, roles.MENTOR):
            self.fields["expertise"] = forms.CharField(
                label=_("Mentoring expertise"),
                required=False,
                max_length=500,
                help_text=_("What you can advise on, separated by commas, e.g. trial design, CFIR."),
                initial=", ".join(t.name for t in user.expertise.all()),
            )
            self.fields["mentoring_capacity"] = forms.IntegerField(
                label=_("How many proposals can you mentor at the same time?"),
                required=False,
                min_value=0,
                max_value=20,
                initial=user.mentoring_capacity,
                help_text=_(
                    "Group leads see this when they choose a mentor. Enter 0 while you cannot take on any more."
                ),
                error_messages={
                    "invalid": _("Enter a whole number, such as 3."),
                    "min_value": _("Enter 0 or more."),
                    "max_value": _("Enter 20 or fewer."),
                },
            )

    def clean_organisation(self) -> str:
        name = " ".join(self.cleaned_data["organisation"].split())
        if len(name) < 3:
            raise forms.ValidationError(_("Enter the full name of your organisation."))
        return name

    def clean_works_at_bedside(self) -> bool:
        return self.cleaned_data["works_at_bedside"] == "yes"

    def clean_interests(self) -> list[str]:
        return _split_tags(self.cleaned_data.get("interests", ""))

    def clean_expertise(self) -> list[str]:
        return _split_tags(self.cleaned_data.get("expertise", ""))


class NotificationSettingsForm(forms.Form):
    """Which notifications a member wants by e-mail: a box per kind they may switch off, ticked when wanted."""

    #: Why each essential kind is always e-mailed, shown on the settings page.
    ESSENTIAL_REASONS = {
        "invitation": _(
            "Always sent: an invitation may go to someone who is not a member yet and has nowhere else to see it."
        ),
    }

    emailed_kinds = forms.MultipleChoiceField(
        label=_("E-mail me about"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick what you would rather not get by e-mail."),
    )

    def __init__(self, *args, user: User, **kwargs):
        from accounts.notifications import OPTIONAL_NOTIFICATION_KINDS

        self.user = user
        muted = set(user.email_muted_kinds or [])
        kwargs.setdefault("initial", {}).setdefault(
            "emailed_kinds", [str(kind) for kind in OPTIONAL_NOTIFICATION_KINDS if kind not in muted]
        )
        super().__init__(*args, **kwargs)
        self.fields["emailed_kinds"].choices = [(str(kind), kind.label) for kind in OPTIONAL_NOTIFICATION_KINDS]

    @property
    def essential_kinds(self) -> list[tuple[str, str]]:
        """(label, reason) for each kind that is always e-mailed."""
        from accounts.models import ESSENTIAL_NOTIFICATION_KINDS, NotificationKind

        reasons = self.ESSENTIAL_REASONS
        return [
            (kind.label, reasons.get(kind, "")) for kind in NotificationKind if kind in ESSENTIAL_NOTIFICATION_KINDS
        ]

    def muted_kinds(self) -> list[str]:
        """The kinds left unticked: the ones to stop e-mailing (call after is_valid)."""
        wanted = set(self.cleaned_data["emailed_kinds"])
        return [value for value, _label in self.fields["emailed_kinds"].choices if value not in wanted]
