"""Mentor feedback: comments anchored to a section, and structured reviews against criteria."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grants.sections import COMMENTABLE_CHOICES


class Comment(models.Model):
    """A comment on one section of a proposal version, or a reply to one (one level of threading).

    A top-level comment is given on the version the mentor was reading; the applicants mark it
    addressed, and the next version records that it answered it.
    """

    proposal = models.ForeignKey("grants.Proposal", on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(
        "grants.ProposalVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="comments"
    )
    section = models.CharField(_("section"), max_length=40, choices=COMMENTABLE_CHOICES)
    #: The words of the section the comment is about, quoted by the mentor (optional).
    quote = models.CharField(_("quoted text"), max_length=500, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)
    addressed_at = models.DateTimeField(null=True, blank=True)
    addressed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The version frozen after the comment was marked addressed: the one that answers it.
    addressed_in = models.ForeignKey(
        "grants.ProposalVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="answered_comments"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_addressed(self) -> bool:
        return self.addressed_at is not None


class ReviewCriterion(models.TextChoices):
    """What a structured review scores, in the order a panel reads a proposal."""

    IMPORTANCE = "importance", _("Importance of the question")
    DESIGN = "design", _("Design and methods")
    FEASIBILITY = "feasibility", _("Feasibility")
    PPI = "ppi", _("Patient and public involvement")
    IMPLEMENTATION = "implementation", _("Implementation readiness")
    VALUE = "value", _("Value for money")


class Recommendation(models.TextChoices):
    """A mentor's overall view of a version."""

    READY = "ready", _("Ready to submit")
    MINOR = "minor", _("Minor revisions")
    MAJOR = "major", _("Major revisions")
    NOT_READY = "not_ready", _("Not ready for this call")


#: Scores run 1 (weak) to 5 (excellent), as on most UK funding panels' scales.
SCORE_CHOICES = [
    (1, _("1 – Poor")),
    (2, _("2 – Weak")),
    (3, _("3 – Adequate")),
    (4, _("4 – Good")),
    (5, _("5 – Excellent")),
]


class Review(models.Model):
    """A mentor's structured review of one version: a score and text per criterion, and a recommendation.

    Saved as a draft until the mentor submits it; the applicants see only submitted reviews.
    """

    proposal = models.ForeignKey("grants.Proposal", on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey("grants.ProposalVersion", on_delete=models.PROTECT, related_name="reviews")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recommendation = models.CharField(_("overall recommendation"), max_length=20, choices=Recommendation.choices)
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "mentor"], name="grants_review_one_per_mentor_version")
        ]
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review")

    def __str__(self) -> str:
        return f"Review of {self.version} by {self.mentor}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class ReviewScore(models.Model):
    """A review's score and comment on one criterion."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=20, choices=ReviewCriterion.choices)
    #: Empty while a draft review holds a comment on the criterion but no score yet.
    score = models.PositiveSmallIntegerField(choices=SCORE_CHOICES, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="grants_score_one_per_criterion")]
        ordering = ["pk"]
