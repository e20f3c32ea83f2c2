"""Learning pathways: courses to take in order."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


class LearningPathway(ClusterableModel):
    """An ordered set of courses, e.g. "Implementation science foundations"."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True, max_length=600)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        InlinePanel("steps", label=_("Courses")),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("learning pathway")

    def __str__(self) -> str:
        return self.title


class PathwayStep(Orderable):
    """A course at its place in a pathway."""

    pathway = ParentalKey(LearningPathway, on_delete=models.CASCADE, related_name="steps")
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["pathway", "course"], name="pathwaystep_unique_course")]
