"""The learning page tree: course index, courses, lessons and each course's knowledge check."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import KnowledgeCheckBlock, LessonBodyBlock


class CourseIndexPage(Page):
    """The list of courses, filterable by topic and length."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course index page")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_list_for_index

        context = super().get_context(request, *args, **kwargs)
        context.update(course_list_for_index(index=self, request=request))
        return context


class CourseTopic(TaggedItemBase):
    """A topic tag on a course."""

    content_object = ParentalKey("courses.CoursePage", on_delete=models.CASCADE, related_name="topic_items")


class CoursePage(Page):
    """A self-paced course: lessons in order, then a knowledge check."""

    summary = models.TextField(_("summary"), max_length=500)
    learning_outcomes = RichTextField(
        _("learning outcomes"), features=["ul", "ol", "bold", "italic"], help_text=_("By the end learners can…")
    )
    audience = models.CharField(_("audience"), max_length=250, help_text=_("Who the course is for."))
    estimated_minutes = models.PositiveIntegerField(
        _("estimated minutes"), validators=[MinValueValidator(1), MaxValueValidator(6000)]
    )
    cpd_hours = models.DecimalField(
        _("CPD hours"), max_digits=4, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(99)]
    )
    topics = ClusterTaggableManager(through=CourseTopic, blank=True, verbose_name=_("topics"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage",
        blank=True,
        related_name="required_by",
        verbose_name=_("prerequisites"),
        help_text=_("Courses a learner must complete before enrolling in this one."),
    )
    course_by = models.CharField(
        _("course by"), max_length=250, help_text=_("Who wrote the course, e.g. a name and role or a network.")
    )
    clinically_reviewed_by = models.CharField(_("clinically reviewed by"), max_length=250, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        FieldPanel("audience"),
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("cpd_hours")]),
        FieldPanel("topics"),
        FieldPanel("cover_image"),
        FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
        FieldPanel("course_by"),
        MultiFieldPanel(
            [
                FieldPanel("clinically_reviewed_by"),
                FieldRowPanel([FieldPanel("reviewed_on"), FieldPanel("next_review_due")]),
            ],
            heading=_("Clinical governance"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("learning_outcomes"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "courses.KnowledgeCheckPage"]

    class Meta:
        verbose_name = _("course")

    def clean(self):
        super().clean()
        if self.reviewed_on and self.next_review_due and self.next_review_due <= self.reviewed_on:
            raise ValidationError({"next_review_due": _("The next review must be after the last one.")})

    @property
    def is_overdue_for_review(self) -> bool:
        return bool(self.next_review_due and self.next_review_due < date.today())

    @cached_property
    def lessons(self):
        """Live lessons in tree order."""
        return list(LessonPage.objects.child_of(self).live().order_by("path"))

    @cached_property
    def knowledge_check(self):
        return KnowledgeCheckPage.objects.child_of(self).live().first()

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_detail_for_learner

        context = super().get_context(request, *args, **kwargs)
        context.update(course_detail_for_learner(course=self, user=request.user))
        return context


class LessonPage(Page):
    """One short lesson of a course."""

    summary = models.TextField(_("summary"), max_length=300, blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=5)
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("estimated_minutes"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def serve(self, request, *args, **kwargs):
        from courses.views.learning import lesson_serve

        return lesson_serve(request, lesson=self)


class KnowledgeCheckPage(Page):
    """The scored questions at the end of a course. Answers are checked on the server only."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle options"), default=False)
    questions = StreamField(KnowledgeCheckBlock(), verbose_name=_("questions"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]),
        FieldPanel("questions"),
    ]
    # Questions and answers are never indexed for search.
    search_fields = [*Page.search_fields]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("knowledge check")

    def serve(self, request, *args, **kwargs):
        from courses.views.learning import knowledge_check_serve

        return knowledge_check_serve(request, check=self)
