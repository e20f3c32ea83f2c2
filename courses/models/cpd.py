"""A CPD log shaped for NMC revalidation and appraisal, and private reflections."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: NMC revalidation: 35 hours over three years, 20 of them participatory.
NMC_HOURS = Decimal("35")
NMC_PARTICIPATORY_HOURS = Decimal("20")


class CPDMethod(models.TextChoices):
    ELEARNING = "elearning", _("E-learning")
    STUDY_DAY = "study_day", _("Study day or course")
    CONFERENCE = "conference", _("Conference")
    JOURNAL_CLUB = "journal_club", _("Journal club")
    SIMULATION = "simulation", _("Simulation")
    READING = "reading", _("Reading")
    TEACHING = "teaching", _("Teaching others")
    OTHER = "other", _("Other")


class CPDEntry(models.Model):
    """One piece of learning: from a course completed here, or added by the member."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_entries")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=255)
    method = models.CharField(_("method"), max_length=20, choices=CPDMethod.choices)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(200)],
    )
    participatory = models.BooleanField(
        _("participatory"), default=False, help_text=_("Learning with other people, in person or online.")
    )
    topic = models.CharField(_("topic"), max_length=150, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    enrolment = models.OneToOneField(
        "courses.Enrolment", null=True, blank=True, on_delete=models.SET_NULL, related_name="cpd_entry"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("CPD entry")
        verbose_name_plural = _("CPD entries")

    def __str__(self) -> str:
        return self.title


class CPDTarget(models.Model):
    """A member's own yearly target for appraisal."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_target")
    yearly_hours = models.DecimalField(
        _("yearly target (hours)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )


class Reflection(models.Model):
    """A private reflective account on a course, under the NMC headings."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    activity = models.TextField(_("What was the nature of the CPD activity?"), blank=True, max_length=4000)
    learnt = models.TextField(_("What did you learn from it?"), blank=True, max_length=4000)
    practice_change = models.TextField(
        _("How did you change or improve your practice as a result?"), blank=True, max_length=4000
    )
    code_relation = models.TextField(_("How is this relevant to the Code?"), blank=True, max_length=4000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="reflection_unique_user_course")]
        ordering = ["-updated_at"]


class CPDExport(models.Model):
    """A PDF of a member's CPD log and reflections for a period, built in the background."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_exports")
    date_from = models.DateField()
    date_to = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    pdf = models.FileField(upload_to="cpd-exports/", blank=True)
    built_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @property
    def is_ready(self) -> bool:
        return self.built_at is not None and bool(self.pdf)
