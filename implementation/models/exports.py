"""PDFs of a plan on its own, built in the background and kept privately (a proposal's PDF includes its plan)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from grants.models.proposals import private_storage


class PlanExport(models.Model):
    """A PDF of one implementation plan (a proposal's or a template), built in the background."""

    plan = models.ForeignKey("implementation.ImplementationPlan", on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    pdf = models.FileField(upload_to="plan-exports/", storage=private_storage, blank=True, max_length=300)
    built_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"PDF of plan {self.plan_id} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_ready(self) -> bool:
        return self.built_at is not None and bool(self.pdf)
