"""Joining the community of practice: applications decided by group leads, and the members they make."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, ProfessionalGroup


class ApplicationStatus(models.TextChoices):
    """Where an application to join stands."""

    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MembershipApplication(models.Model):
    """A request to join the community: who the applicant is, where they work and why; a group lead decides."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership_applications")
    professional_group = models.CharField(_("professional group"), max_length=20, choices=ProfessionalGroup.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="membership_applications",
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    reason = models.TextField(_("why you would like to join"), max_length=2000)
    consent_to_be_listed = models.BooleanField(
        _("list me in the members' directory"),
        default=False,
        help_text=_("Other members can see your name, organisation, professional group and interests."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    created_at = models.DateTimeField(_("applied at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(
        _("note to the applicant"), max_length=2000, blank=True, help_text=_("Sent with the decision.")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("membership application")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="pending"), name="community_one_pending_application"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"


class Membership(models.Model):
    """A member of the community of practice, made by an approved application (or by a group lead)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)
    listed_in_directory = models.BooleanField(
        _("listed in the members' directory"),
        default=False,
        help_text=_("Opt-in: only members who agree are shown to other members."),
    )
    application = models.ForeignKey(
        MembershipApplication, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-joined_at", "-pk"]
        verbose_name = _("community member")
        verbose_name_plural = _("community members")

    def __str__(self) -> str:
        return str(self.user)
