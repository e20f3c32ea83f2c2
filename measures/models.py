"""Multi-site data collection: measure sets for a campaign, sites and their monthly returns.

A campaign (for example a sepsis improvement collaborative) defines its measures; each taking part
site sends one return a month with a figure for every measure. Corrections keep every earlier version
as a numbered revision, with who changed it and why.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class Campaign(ClusterableModel):
    """A data collection campaign: a set of measures that several sites report every month."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The campaign's address: /data/<slug>/")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the campaign is for, in a few lines.")
    )
    community = models.ForeignKey(
        "community.CommunityPage",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The community of practice the campaign belongs to, if any."),
    )
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("campaign leads"),
        blank=True,
        related_name="measure_campaigns_led",
        help_text=_("Campaign leads see every site's returns and export them."),
    )
    starts_on = models.DateField(
        _("first month"),
        null=True,
        blank=True,
        help_text=_(
            "The first month returns are due for (the first day of that month). Leave empty for the last year."
        ),
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Sites can send returns to active campaigns."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("data campaign")
        verbose_name_plural = _("data campaigns")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.starts_on:
            self.starts_on = self.starts_on.replace(day=1)
        super().save(*args, **kwargs)


class MeasureKind(models.TextChoices):
    PROPORTION = "proportion", _("Proportion (numerator out of denominator)")
    COUNT = "count", _("Count")
    NUMBER = "number", _("Number (for example minutes)")


class Measure(Orderable):
    """One figure a campaign asks every site for each month, with its validation rules."""

    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="measures")
    code = models.CharField(_("code"), max_length=20, help_text=_("A short code such as M1, used in exports."))
    name = models.CharField(_("name"), max_length=200)
    help_text = models.TextField(_("help text"), blank=True, help_text=_("Shown under the measure on the form."))
    kind = models.CharField(_("kind"), max_length=20, choices=MeasureKind.choices, default=MeasureKind.PROPORTION)
    numerator_label = models.CharField(
        _("numerator label"), max_length=200, blank=True, help_text=_("Proportions: what is counted on top.")
    )
    denominator_label = models.CharField(
        _("denominator label"), max_length=200, blank=True, help_text=_("Proportions: what it is out of.")
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("Numbers: the unit, e.g. minutes."))
    min_value = models.DecimalField(
        _("lowest allowed value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For proportions, the lowest allowed denominator."),
    )
    max_value = models.DecimalField(
        _("highest allowed value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For proportions, the highest allowed denominator."),
    )
    required = models.BooleanField(_("required"), default=True, help_text=_("Every return must give this figure."))

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["campaign", "code"], name="measures_measure_code_unique")]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_proportion(self) -> bool:
        return self.kind == MeasureKind.PROPORTION


class Site(models.Model):
    """An organisation taking part in a campaign, with the members who send its data."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="sites")
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    display_name = models.CharField(
        _("display name"), max_length=200, help_text=_("The site's name on dashboards, e.g. the unit or ward.")
    )
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("data contributors"),
        blank=True,
        related_name="measure_sites",
        help_text=_("The named members who send this site's monthly returns."),
    )

    class Meta:
        ordering = ["campaign", "pk"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return self.display_name


class MonthlyReturn(models.Model):
    """A site's figures for one month (one per site and month); `revision` counts its versions."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="returns")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    revision = models.PositiveIntegerField(default=1)
    #: The form's one-time key, so a second press of the button finds the return the first one made.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["site", "month"]
        constraints = [models.UniqueConstraint(fields=["site", "month"], name="measures_return_site_month_unique")]

    def __str__(self) -> str:
        return f"{self.site} {self.month:%B %Y}"


class ReturnValue(models.Model):
    """One measure's figure in a monthly return: numerator and denominator, or a single value."""

    monthly_return = models.ForeignKey(MonthlyReturn, on_delete=models.CASCADE, related_name="values")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="+")
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["monthly_return", "measure"], name="measures_value_measure_unique")
        ]


class ReturnRevision(models.Model):
    """One version of a monthly return, kept for its history: the figures as they were and why they changed."""

    monthly_return = models.ForeignKey(MonthlyReturn, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    #: {measure code: {"numerator": n, "denominator": d, "value": "12.50"}} as saved in this revision.
    values = models.JSONField(default=dict)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["monthly_return", "number"]
        constraints = [
            models.UniqueConstraint(fields=["monthly_return", "number"], name="measures_revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.monthly_return} revision {self.number}"


def new_submission_key() -> uuid.UUID:
    """A fresh one-time key for a return form."""
    return uuid.uuid4()
