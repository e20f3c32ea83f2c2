"""Trial implementation plans: how an intervention proven in a trial will be put into practice.

A plan belongs to a proposal (one each), or is a template that group leads publish for members to
start from. Its parts: the intervention, setting and people, determinants coded to CFIR 2.0,
strategies chosen from ERIC and specified as Proctor et al. (2013) ask, outcomes, fidelity and
adaptation, and milestones by EPIS phase.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImplementationPlanQuerySet(models.QuerySet):
    def templates(self):
        return self.filter(is_template=True)

    def published_templates(self):
        return self.filter(is_template=True, template_published=True)


class ImplementationPlan(models.Model):
    """A proposal's implementation plan, or a plan template."""

    proposal = models.OneToOneField(
        "grants.Proposal", null=True, blank=True, on_delete=models.CASCADE, related_name="implementation_plan"
    )
    is_template = models.BooleanField(default=False)
    template_name = models.CharField(_("template name"), max_length=200, blank=True)
    template_description = models.TextField(_("what the template is for"), blank=True)
    template_published = models.BooleanField(_("published"), default=False)
    #: The template this plan was started from, and the template's content at that moment (to show what changed).
    template = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="plans_started")
    template_snapshot = models.JSONField(default=dict, blank=True)

    # The intervention
    intervention_name = models.CharField(_("intervention"), max_length=200, blank=True)
    evidence_citation = models.TextField(_("the trial and evidence behind it"), blank=True)
    evidence_doi = models.CharField(_("DOI"), max_length=200, blank=True)
    core_components = models.TextField(_("core components (kept the same everywhere)"), blank=True)
    adaptable_components = models.TextField(_("adaptable parts (may change to fit each site)"), blank=True)
    # Setting and people
    population = models.TextField(_("population"), blank=True)
    # Fidelity and adaptation
    fidelity_monitoring = models.TextField(_("what will be monitored for fidelity, and how"), blank=True)
    adaptation_logging = models.TextField(_("how changes to the intervention will be logged"), blank=True)

    #: Bumped on every change, so that two people editing the plan cannot overwrite each other.
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ImplementationPlanQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_template=True, proposal__isnull=True)
                | models.Q(is_template=False, proposal__isnull=False),
                name="impl_plan_template_xor_proposal",
            )
        ]
        verbose_name = _("implementation plan")

    def __str__(self) -> str:
        if self.is_template:
            return self.template_name or str(_("Plan template"))
        return self.intervention_name or str(_("Implementation plan"))


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class PlanSite(models.Model):
    """A site where the intervention will be implemented, linked to a member organisation when there is one."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="sites")
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("site"), max_length=200, help_text=_("As it should appear in the plan."))
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class Stakeholder(models.Model):
    """A group with a stake in the implementation: their influence, interest and how they will be engaged."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="stakeholders")
    role = models.CharField(_("stakeholder"), max_length=200, help_text=_("e.g. Bedside nurses, PICU consultants"))
    influence = models.CharField(_("influence"), max_length=10, choices=Level.choices)
    interest = models.CharField(_("interest"), max_length=10, choices=Level.choices)
    engagement = models.TextField(_("how they will be engaged"), blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.role


class DeterminantKind(models.TextChoices):
    BARRIER = "barrier", _("Barrier")
    FACILITATOR = "facilitator", _("Facilitator")


class Strength(models.IntegerChoices):
    WEAK = 1, _("Weak")
    MODERATE = 2, _("Moderate")
    STRONG = 3, _("Strong")


class Determinant(models.Model):
    """A barrier or facilitator, coded to a CFIR 2.0 construct, rated, with the evidence for it."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="determinants")
    kind = models.CharField(_("barrier or facilitator"), max_length=20, choices=DeterminantKind.choices)
    construct = models.ForeignKey(
        "implementation.CFIRConstruct", verbose_name=_("CFIR construct"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("what it is"))
    strength = models.PositiveSmallIntegerField(_("strength"), choices=Strength.choices, default=Strength.MODERATE)
    evidence = models.TextField(_("evidence for it"), blank=True, help_text=_("e.g. staff survey, audit, interviews"))
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class PlanStrategy(models.Model):
    """A strategy the plan uses, from ERIC or custom, specified as Proctor et al. (2013) recommend."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="strategies")
    strategy = models.ForeignKey(
        "implementation.Strategy",
        verbose_name=_("ERIC strategy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    custom_name = models.CharField(_("or a strategy of your own"), max_length=200, blank=True)
    actor = models.CharField(_("actor: who delivers it"), max_length=300, blank=True)
    action = models.TextField(_("action: what they do"), blank=True)
    action_target = models.CharField(_("action target: who or what it aims to change"), max_length=300, blank=True)
    temporality = models.CharField(_("temporality: when"), max_length=300, blank=True)
    dose = models.CharField(_("dose: how often and how much"), max_length=300, blank=True)
    outcome = models.ForeignKey(
        "implementation.ImplementationOutcome",
        verbose_name=_("implementation outcome affected"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    justification = models.TextField(_("justification"), blank=True)
    mechanism = models.TextField(
        _("mechanism: how it is expected to work"), blank=True, help_text=_("Shown in the logic model.")
    )
    determinants = models.ManyToManyField(Determinant, blank=True, related_name="strategies")
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(strategy__isnull=False) | ~models.Q(custom_name=""),
                name="impl_strategy_named",
            )
        ]

    def __str__(self) -> str:
        return self.custom_name or (self.strategy.name if self.strategy_id else "")

    @property
    def name(self) -> str:
        return str(self)


class OutcomeKind(models.TextChoices):
    IMPLEMENTATION = "implementation", _("Implementation outcome (Proctor)")
    REAIM = "reaim", _("RE-AIM dimension")
    SERVICE = "service", _("Service outcome")
    PATIENT = "patient", _("Patient outcome")


class REAIMDimension(models.TextChoices):
    """The five dimensions of RE-AIM (Glasgow et al., 1999)."""

    REACH = "reach", _("Reach")
    EFFECTIVENESS = "effectiveness", _("Effectiveness")
    ADOPTION = "adoption", _("Adoption")
    IMPLEMENTATION = "implementation", _("Implementation")
    MAINTENANCE = "maintenance", _("Maintenance")


class PlanOutcome(models.Model):
    """An outcome the plan will measure: what, with which measure or instrument, when, and the target."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("kind"), max_length=20, choices=OutcomeKind.choices)
    implementation_outcome = models.ForeignKey(
        "implementation.ImplementationOutcome",
        verbose_name=_("implementation outcome"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reaim_dimension = models.CharField(_("RE-AIM dimension"), max_length=20, choices=REAIMDimension.choices, blank=True)
    name = models.CharField(_("outcome"), max_length=200)
    measure = models.CharField(_("measure or instrument"), max_length=300)
    timepoint = models.CharField(_("time point"), max_length=200)
    target = models.CharField(_("target"), max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    """A milestone of the implementation, placed in an EPIS phase and a month of the study."""

    plan = models.ForeignKey(ImplementationPlan, on_delete=models.CASCADE, related_name="milestones")
    phase = models.ForeignKey("implementation.EPISPhase", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("milestone"), max_length=200)
    start_month = models.PositiveSmallIntegerField(_("starts in month"), default=1)
    end_month = models.PositiveSmallIntegerField(_("ends in month"), default=1)

    class Meta:
        ordering = ["start_month", "end_month", "pk"]

    def __str__(self) -> str:
        return self.title
