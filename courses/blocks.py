"""StreamField blocks for lessons and knowledge checks."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from home.blocks import CalloutBlock, HeadingBlock


class LessonImageBlock(blocks.StructBlock):
    """An image whose alternative text is required."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "courses/blocks/lesson_image_block.html"
        description = _("An image with required alternative text.")


class VideoBlock(blocks.StructBlock):
    """An embedded video with a required transcript."""

    video = EmbedBlock(label=_("Video URL"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=["bold", "italic", "ol", "ul"],
        help_text=_("Required: for learners who cannot hear or play the video on the ward."),
    )

    class Meta:
        icon = "media"
        template = "courses/blocks/video_block.html"
        description = _("A video embed with a transcript.")


class EvidenceReferenceBlock(blocks.StructBlock):
    """A citation to the evidence behind a point."""

    authors = blocks.CharBlock(label=_("Authors"), max_length=300)
    title = blocks.CharBlock(label=_("Title"), max_length=300)
    journal = blocks.CharBlock(label=_("Journal"), max_length=200)
    year = blocks.IntegerBlock(label=_("Year"), min_value=1900, max_value=2100)
    doi = blocks.CharBlock(
        label=_("DOI"), max_length=200, required=False, help_text=_("For example 10.1186/s13012-015-0209-1")
    )

    class Meta:
        icon = "openquote"
        template = "courses/blocks/evidence_reference_block.html"
        description = _("A reference to a paper, with a DOI link.")
        preview_value = {
            "authors": "Damschroder LJ, Reardon CM, Widerquist MAO, Lowery J",
            "title": "The updated Consolidated Framework for Implementation Research based on user feedback",
            "journal": "Implementation Science",
            "year": 2022,
            "doi": "10.1186/s13012-022-01245-0",
        }

    def clean(self, value):
        value = super().clean(value)
        doi = (value.get("doi") or "").strip()
        for prefix in ("https://doi.org/", "http://doi.org/", "doi:"):
            if doi.lower().startswith(prefix):
                doi = doi[len(prefix) :]
        if doi and not doi.startswith("10."):
            raise StructBlockValidationError({"doi": ValidationError(_("A DOI starts with “10.”."))})
        value["doi"] = doi
        return value


class DocumentBlock(blocks.StructBlock):
    """A downloadable document, such as a bundle checklist."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=150, required=False)

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/document_block.html"
        description = _("A file learners can download.")


class ReflectionPromptBlock(blocks.StructBlock):
    """A question for the learner to reflect on (answered in their private notes)."""

    prompt = blocks.TextBlock(label=_("Prompt"), max_length=500)

    class Meta:
        icon = "help"
        template = "courses/blocks/reflection_prompt_block.html"
        description = _("A question to think about, with a link to the learner's private reflection.")
        preview_value = {"prompt": "Which barrier on your unit would CFIR's inner setting domain help you name?"}


class OptionBlock(blocks.StructBlock):
    """One answer option with its feedback."""

    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    is_correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.TextBlock(label=_("Feedback"), required=False, max_length=500)

    class Meta:
        icon = "radio-full"


class QuestionKind:
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    CHOICES = [
        (SINGLE, _("Single choice (one right answer)")),
        (MULTIPLE, _("Multiple choice (tick all that apply)")),
        (TRUE_FALSE, _("True or false")),
    ]


class QuestionBlock(blocks.StructBlock):
    """A knowledge-check question: options with feedback and an explanation."""

    kind = blocks.ChoiceBlock(label=_("Type"), choices=QuestionKind.CHOICES, default=QuestionKind.SINGLE)
    question = blocks.TextBlock(label=_("Question"), max_length=600)
    options = blocks.ListBlock(OptionBlock(), min_num=2, max_num=8, label=_("Options"))
    explanation = blocks.TextBlock(
        label=_("Explanation"), max_length=1000, help_text=_("Shown after the learner submits.")
    )

    class Meta:
        icon = "help"
        template = "courses/blocks/question_block.html"
        description = _("A question with options, feedback and an explanation.")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["is_correct"])
        kind = value["kind"]
        errors = {}
        if kind == QuestionKind.TRUE_FALSE and len(value["options"]) != 2:
            errors["options"] = ValidationError(_("A true-or-false question has exactly two options."))
        elif correct == 0:
            errors["options"] = ValidationError(_("Mark at least one option as correct."))
        elif kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and correct != 1:
            errors["options"] = ValidationError(_("A single-choice question has exactly one correct option."))
        if errors:
            raise StructBlockValidationError(errors)
        return value


class CheckUnderstandingBlock(QuestionBlock):
    """An in-lesson question, answered on the page and not scored."""

    class Meta:
        icon = "tick"
        template = "courses/blocks/check_understanding_block.html"
        description = _("A quick question inside a lesson; not scored.")


class LessonBodyBlock(blocks.StreamBlock):
    """The body of a lesson."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Text with links and lists."),
    )
    image = LessonImageBlock()
    video = VideoBlock()
    key_point = CalloutBlock(label=_("Key point"))
    evidence = EvidenceReferenceBlock()
    document = DocumentBlock()
    reflection_prompt = ReflectionPromptBlock()
    check_understanding = CheckUnderstandingBlock()


class KnowledgeCheckBlock(blocks.StreamBlock):
    """The questions of a knowledge check."""

    question = QuestionBlock()

    class Meta:
        min_num = 1
