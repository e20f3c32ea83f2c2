"""What members do with courses: enrolments, progress, attempts, certificates."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CERTIFICATE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def certificate_code_new() -> str:
    """A code that is unguessable and easy to read aloud: XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(CERTIFICATE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class EnrolmentQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(completed_at__isnull=False)


class Enrolment(models.Model):
    """A member taking a course."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments")
    enrolled_at = models.DateTimeField(default=timezone.now)
    last_lesson = models.ForeignKey(
        "courses.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField(default=timezone.now)
    best_score = models.PositiveSmallIntegerField(null=True, blank=True)
    passed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="enrolment_unique_user_course")]
        indexes = [models.Index(fields=["course", "completed_at"])]
        ordering = ["-last_activity_at"]

    def __str__(self) -> str:
        return f"{self.user} in {self.course_id}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def certificate_or_none(self) -> "Certificate | None":
        """The certificate, from the cache when loaded with select_related("certificate")."""
        try:
            return self.certificate
        except Certificate.DoesNotExist:
            return None


class LessonProgress(models.Model):
    """A lesson a member has finished."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="lessonprogress_unique_enrolment_lesson")
        ]


class Attempt(models.Model):
    """One submitted try at a knowledge check, with the answers chosen and the score."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    knowledge_check = models.ForeignKey("courses.KnowledgeCheckPage", on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    score = models.PositiveSmallIntegerField(help_text=_("Percent correct."))
    passed = models.BooleanField()
    #: {question block id: [option ids chosen]}
    answers = models.JSONField(default=dict)
    #: {question block id: True/False}, kept so analytics survive later edits of the questions.
    results = models.JSONField(default=dict)

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["knowledge_check", "submitted_at"])]


class Certificate(models.Model):
    """Proof that a member completed a course, verifiable by its code."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(max_length=14, unique=True, default=certificate_code_new, editable=False)
    learner_name = models.CharField(max_length=300)
    course_title = models.CharField(max_length=255)
    cpd_hours = models.DecimalField(max_digits=4, decimal_places=2)
    completed_on = models.DateField()
    issued_at = models.DateTimeField(default=timezone.now)
    pdf = models.FileField(upload_to="certificates/", blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-completed_on"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
