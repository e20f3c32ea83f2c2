"""Forms for the plan editor: one per part of the plan (and per item for determinants, strategies, outcomes).

Every form carries `base_revision`, the plan's revision when the form was opened, so the service can refuse a
save that would overwrite someone else's change. Reference choices (constructs, strategies, …) are passed in,
built once per page, so a formset of many rows costs no extra queries.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from implementation.models import DeterminantKind, Level, OutcomeKind, REAIMDimension, Strength
from implementation.services.editing import (
    MONTH_MAX,
    MONTH_MIN,
    DeterminantData,
    MilestoneData,
    OutcomeData,
    SiteData,
    StakeholderData,
    StrategyData,
    doi_normalise,
    milestone_month_problems,
    outcome_kind_problems,
)

TEXTAREA = {"rows": 4}


class PlanRevisionForm(forms.Form):
    """The plan's revision the change was made on top of (hidden)."""

    base_revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


def _int_or_none(value) -> int | None:
    return int(value) if value not in (None, "") else None


# The intervention -------------------------------------------------------------------------------------------


class InterventionForm(PlanRevisionForm):
    """The intervention: its name, the trial and evidence behind it, and which parts are core or adaptable."""

    intervention_name = forms.CharField(
        label=_("Name of the intervention"),
        max_length=200,
        required=False,
        help_text=_("e.g. “Paediatric sepsis recognition bundle”."),
    )
    evidence_citation = forms.CharField(
        label=_("The trial and evidence behind it"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("The trial that showed it works, cited in full, and any other evidence you rely on."),
    )
    evidence_doi = forms.CharField(
        label=_("DOI of the main trial paper (optional)"),
        max_length=200,
        required=False,
        help_text=_("e.g. 10.1186/s13012-015-0209-1, or paste its link from doi.org."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    core_components = forms.CharField(
        label=_("Core components"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("The parts that must stay the same at every site for the intervention to work."),
    )
    adaptable_components = forms.CharField(
        label=_("Adaptable parts"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("The parts each site may change to fit how it works, e.g. who does a step, or the paperwork."),
    )

    def clean_evidence_doi(self) -> str:
        return doi_normalise(self.cleaned_data["evidence_doi"])


# Setting and people -----------------------------------------------------------------------------------------


class SettingForm(PlanRevisionForm):
    """The population the intervention is for (the sites and stakeholders are formsets beside it)."""

    population = forms.CharField(
        label=_("Population"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Who the intervention is for, e.g. “Children aged 0–16 admitted to PICU with suspected sepsis”."),
    )


class SiteForm(forms.Form):
    """One site: a member organisation, or a name typed in, and notes."""

    organisation = forms.TypedChoiceField(
        label=_("Member organisation"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Choose it if the site is listed; otherwise type its name below."),
    )
    name = forms.CharField(
        label=_("Site name"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the organisation’s name."),
    )
    notes = forms.CharField(
        label=_("Notes"), max_length=300, required=False, help_text=_("e.g. “12 beds, cardiac and general PICU”.")
    )

    def __init__(self, *args, organisations: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("Not listed: type the name below")), *(organisations or [])]

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not (data.get("name") or "").strip() and not self.has_error("organisation"):
            self.add_error("name", _("Choose a member organisation or type the site’s name."))
        return data

    def site(self) -> SiteData:
        data = self.cleaned_data
        return SiteData(name=data["name"], organisation_id=data["organisation"], notes=data["notes"])


class StakeholderForm(forms.Form):
    """One row of the stakeholder map."""

    role = forms.CharField(
        label=_("Stakeholder group"),
        max_length=200,
        help_text=_("e.g. Bedside nurses, PICU consultants, parents."),
        error_messages={"required": _("Say which group of people this is.")},
    )
    influence = forms.ChoiceField(
        label=_("Influence on the implementation"),
        choices=Level.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how much influence they have.")},
    )
    interest = forms.ChoiceField(
        label=_("Interest in it"),
        choices=Level.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how interested they are.")},
    )
    engagement = forms.CharField(
        label=_("How they will be engaged"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def stakeholder(self) -> StakeholderData:
        data = self.cleaned_data
        return StakeholderData(
            role=data["role"], influence=data["influence"], interest=data["interest"], engagement=data["engagement"]
        )


class RowsFormSet(forms.BaseFormSet):
    """Rows edited together: blank extra rows are ignored, ticked rows removed; `choices` passed to every row."""

    deletion_widget = forms.CheckboxInput
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "missing_management_form": _("The form was incomplete. Reload the page and try again."),
    }
    row_method = ""

    def __init__(self, *args, row_kwargs: dict | None = None, **kwargs):
        self.row_kwargs = row_kwargs or {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), **self.row_kwargs}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")

    def rows(self) -> list:
        """The data of every filled-in row not marked for removal, in order."""
        kept = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            if not form.has_changed() and form.empty_permitted:
                continue
            kept.append(getattr(form, self.row_method)())
        return kept


class SiteFormSetBase(RowsFormSet):
    row_method = "site"


class StakeholderFormSetBase(RowsFormSet):
    row_method = "stakeholder"


SiteFormSet = forms.formset_factory(
    SiteForm, formset=SiteFormSetBase, extra=2, can_delete=True, can_delete_extra=False, max_num=100, validate_max=True
)
StakeholderFormSet = forms.formset_factory(
    StakeholderForm,
    formset=StakeholderFormSetBase,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
    max_num=100,
    validate_max=True,
)


# Barriers and facilitators ----------------------------------------------------------------------------------


class ConstructSelect(forms.Select):
    """A <select> of CFIR constructs whose options carry their definition, for the page's script to show."""

    def __init__(self, *args, definitions: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.definitions = definitions or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        definition = self.definitions.get(_int_or_none(getattr(value, "value", value)))
        if definition:
            option["attrs"]["data-definition"] = definition
        return option


class DeterminantForm(PlanRevisionForm):
    """A barrier or facilitator: its CFIR construct, what it is, how strong, and the evidence for it."""

    kind = forms.ChoiceField(
        label=_("Is it a barrier or a facilitator?"),
        choices=DeterminantKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether this gets in the way (barrier) or helps (facilitator).")},
    )
    construct = forms.TypedChoiceField(
        label=_("CFIR construct"),
        coerce=int,
        help_text=_("Where it sits in CFIR 2.0. Sub-constructs are indented under their construct."),
        error_messages={"required": _("Choose the CFIR construct that fits best.")},
    )
    description = forms.CharField(
        label=_("What it is"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In a sentence or two, e.g. “Night staff are not confident escalating to the registrar”."),
        error_messages={"required": _("Describe the barrier or facilitator in a sentence or two.")},
    )
    strength = forms.TypedChoiceField(
        label=_("How strong is it?"),
        choices=Strength.choices,
        coerce=int,
        initial=Strength.MODERATE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how strong it is.")},
    )
    evidence = forms.CharField(
        label=_("Evidence for it"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("e.g. a staff survey, an audit, interviews, the trial’s process evaluation."),
    )

    def __init__(self, *args, constructs, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["construct"]
        field.choices = [("", _("Choose a construct…")), *constructs.choices]
        field.widget = ConstructSelect(definitions=constructs.definitions, attrs={"data-construct-select": ""})
        field.widget.choices = field.choices
        self.constructs = constructs

    def chosen_construct(self):
        """The construct currently chosen in the form (typed or saved), to show its definition beside it."""
        try:
            return self.constructs.by_pk.get(int(self["construct"].value()))
        except (TypeError, ValueError):
            return None

    def determinant(self) -> DeterminantData:
        data = self.cleaned_data
        return DeterminantData(
            kind=data["kind"],
            construct_id=data["construct"],
            description=data["description"],
            strength=data["strength"],
            evidence=data["evidence"],
        )


# Strategies ---------------------------------------------------------------------------------------------------


class PlanStrategyForm(PlanRevisionForm):
    """A strategy, from ERIC or the applicant's own, specified as Proctor et al. (2013) recommend."""

    strategy = forms.TypedChoiceField(
        label=_("ERIC strategy"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("The 73 strategies of the ERIC compilation, grouped by cluster."),
    )
    custom_name = forms.CharField(
        label=_("Or a strategy of your own"),
        max_length=200,
        required=False,
        help_text=_("Only if none of the ERIC strategies fits."),
    )
    actor = forms.CharField(
        label=_("Actor: who delivers it"),
        max_length=300,
        required=False,
        help_text=_("e.g. “The unit’s practice educator, with two sepsis champions per shift”."),
    )
    action = forms.CharField(
        label=_("Action: what they do"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    action_target = forms.CharField(
        label=_("Action target: who or what it aims to change"),
        max_length=300,
        required=False,
        help_text=_("e.g. “Nurses’ confidence to escalate a high sepsis score”."),
    )
    temporality = forms.CharField(
        label=_("Temporality: when"),
        max_length=300,
        required=False,
        help_text=_("e.g. “In the month before go-live, then at each induction”."),
    )
    dose = forms.CharField(
        label=_("Dose: how often and how much"),
        max_length=300,
        required=False,
        help_text=_("e.g. “A 20-minute huddle session, twice a week for 6 weeks”."),
    )
    outcome = forms.TypedChoiceField(
        label=_("Implementation outcome it affects"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Which of Proctor’s implementation outcomes you expect it to change."),
    )
    justification = forms.CharField(
        label=_("Justification: why this strategy"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The evidence or theory for choosing it, and why it suits these barriers."),
    )
    mechanism = forms.CharField(
        label=_("Mechanism: how it is expected to work"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown in the logic model, e.g. “Builds nurses’ confidence and a shared language”."),
    )
    determinants = forms.TypedMultipleChoiceField(
        label=_("The barriers and facilitators it addresses"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, strategies: list, outcomes: list, determinants: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategy"].choices = [("", _("None: I name my own below")), *strategies]
        self.fields["outcome"].choices = [("", _("Not chosen yet")), *outcomes]
        self.fields["determinants"].choices = [
            (item.pk, f"{item.get_kind_display()}: {item.description} ({item.construct})") for item in determinants
        ]

    def clean(self):
        data = super().clean()
        has_eric = bool(data.get("strategy"))
        has_own = bool((data.get("custom_name") or "").strip())
        if has_eric and has_own:
            self.add_error("custom_name", _("Choose an ERIC strategy or name your own, not both."))
        elif not has_eric and not has_own and not self.has_error("strategy"):
            self.add_error("strategy", _("Choose a strategy from the ERIC list, or name your own below."))
        return data

    def strategy_data(self) -> StrategyData:
        data = self.cleaned_data
        return StrategyData(
            strategy_id=data["strategy"],
            custom_name=data["custom_name"],
            actor=data["actor"],
            action=data["action"],
            action_target=data["action_target"],
            temporality=data["temporality"],
            dose=data["dose"],
            outcome_id=data["outcome"],
            justification=data["justification"],
            mechanism=data["mechanism"],
            determinant_ids=list(data["determinants"]),
        )


class UseSuggestionForm(PlanRevisionForm):
    """“Use this strategy”: the suggested ERIC strategy to add to the plan."""

    strategy = forms.IntegerField(widget=forms.HiddenInput)


# Outcomes -------------------------------------------------------------------------------------------------------


class PlanOutcomeForm(PlanRevisionForm):
    """An outcome the plan will measure: its kind, what, with which measure, when, and the target."""

    kind = forms.ChoiceField(
        label=_("Kind of outcome"),
        choices=OutcomeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of outcome this is.")},
    )
    implementation_outcome = forms.TypedChoiceField(
        label=_("Which implementation outcome"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("One of Proctor’s eight; only for an implementation outcome."),
    )
    reaim_dimension = forms.ChoiceField(
        label=_("Which RE-AIM dimension"),
        choices=[("", _("Not a RE-AIM outcome")), *REAIMDimension.choices],
        required=False,
        help_text=_("Only for a RE-AIM dimension."),
    )
    name = forms.CharField(
        label=_("Outcome"),
        max_length=200,
        help_text=_("e.g. “Sepsis screening completed within an hour of admission”."),
        error_messages={"required": _("Name the outcome.")},
    )
    measure = forms.CharField(
        label=_("Measure or instrument"),
        max_length=300,
        help_text=_("e.g. “Monthly audit of 20 admissions”, “AIM, IAM and FIM questionnaires”."),
        error_messages={"required": _("Say how it will be measured.")},
    )
    timepoint = forms.CharField(
        label=_("Time point"),
        max_length=200,
        help_text=_("e.g. “Baseline, 6 and 12 months after go-live”."),
        error_messages={"required": _("Say when it will be measured.")},
    )
    target = forms.CharField(
        label=_("Target (optional)"), max_length=200, required=False, help_text=_("e.g. “80% of admissions”.")
    )

    def __init__(self, *args, outcomes: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["implementation_outcome"].choices = [("", _("Not an implementation outcome")), *outcomes]

    def clean(self):
        data = super().clean()
        if "kind" in data:
            problems = outcome_kind_problems(
                kind=data["kind"],
                implementation_outcome_id=data.get("implementation_outcome"),
                reaim_dimension=data.get("reaim_dimension") or "",
            )
            for name, message in problems.items():
                if not self.has_error(name):
                    self.add_error(name, message)
        return data

    def outcome(self) -> OutcomeData:
        data = self.cleaned_data
        return OutcomeData(
            kind=data["kind"],
            implementation_outcome_id=data["implementation_outcome"],
            reaim_dimension=data["reaim_dimension"],
            name=data["name"],
            measure=data["measure"],
            timepoint=data["timepoint"],
            target=data["target"],
        )


# Fidelity and adaptation ----------------------------------------------------------------------------------------


class FidelityForm(PlanRevisionForm):
    """What will be monitored for fidelity, and how adaptations will be logged."""

    fidelity_monitoring = forms.CharField(
        label=_("What will be monitored for fidelity, and how"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Which core components you will check are delivered as intended, by whom, how and how often."),
    )
    adaptation_logging = forms.CharField(
        label=_("How changes to the intervention will be logged"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("How sites record what they change, why, and who agreed it (e.g. a shared adaptation log)."),
    )


# Timeline -------------------------------------------------------------------------------------------------------


class MilestoneForm(forms.Form):
    """One milestone: its EPIS phase, what it is, and the months it starts and ends in."""

    phase = forms.TypedChoiceField(
        label=_("EPIS phase"), coerce=int, error_messages={"required": _("Choose the phase this milestone is in.")}
    )
    title = forms.CharField(
        label=_("Milestone"),
        max_length=200,
        help_text=_("e.g. “Train sepsis champions at all three sites”."),
        error_messages={"required": _("Say what the milestone is.")},
    )
    month_errors = {
        "required": _("Enter a month number, e.g. 3."),
        "invalid": _("Enter a whole month number, e.g. 3."),
        "min_value": _("The month must be between %(min)s and %(max)s.") % {"min": MONTH_MIN, "max": MONTH_MAX},
        "max_value": _("The month must be between %(min)s and %(max)s.") % {"min": MONTH_MIN, "max": MONTH_MAX},
    }
    start_month = forms.IntegerField(
        label=_("Starts in month"),
        min_value=MONTH_MIN,
        max_value=MONTH_MAX,
        error_messages=month_errors,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    end_month = forms.IntegerField(
        label=_("Ends in month"),
        min_value=MONTH_MIN,
        max_value=MONTH_MAX,
        error_messages=month_errors,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, phases: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("Choose a phase…")), *(phases or [])]

    def clean(self):
        data = super().clean()
        problems = milestone_month_problems(start_month=data.get("start_month"), end_month=data.get("end_month"))
        for name, message in problems.items():
            if not self.has_error(name):
                self.add_error(name, message)
        return data

    def milestone(self) -> MilestoneData:
        data = self.cleaned_data
        return MilestoneData(
            phase_id=data["phase"], title=data["title"], start_month=data["start_month"], end_month=data["end_month"]
        )


class MilestoneFormSetBase(RowsFormSet):
    row_method = "milestone"


MilestoneFormSet = forms.formset_factory(
    MilestoneForm,
    formset=MilestoneFormSetBase,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
    max_num=200,
    validate_max=True,
)
