"""StreamField blocks of the community's pages: the stages and interventions of a care bundle."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class EvidenceLevel:
    CHOICES = [
        ("guideline", _("National or international guideline")),
        ("systematic_review", _("Systematic review or meta-analysis")),
        ("trial", _("Randomised trial")),
        ("observational", _("Observational study")),
        ("consensus", _("Expert consensus")),
    ]


class InterventionBlock(blocks.StructBlock):
    """One standardised intervention of a stage, with the evidence behind it."""

    title = blocks.CharBlock(max_length=200, help_text=_('What is done, e.g. "Antibiotics within one hour".'))
    detail = blocks.RichTextBlock(features=["bold", "italic", "ul", "link"], required=False)
    evidence_level = blocks.ChoiceBlock(choices=EvidenceLevel.CHOICES, required=False)
    evidence = blocks.RichTextBlock(
        features=["bold", "italic", "link"], required=False, help_text=_("The sources, with links.")
    )

    class Meta:
        icon = "tick"
        template = "blocks/intervention_block.html"
        description = _("A standardised intervention and its evidence")
        preview_value = {
            "title": "Antibiotics within one hour of recognition",
            "evidence_level": "guideline",
        }


class BundleStageBlock(blocks.StructBlock):
    """A stage of the patient pathway (e.g. recognition), its interventions and linked resources."""

    name = blocks.CharBlock(max_length=120, help_text=_('E.g. "Recognition".'))
    description = blocks.RichTextBlock(features=["bold", "italic", "ul", "link"], required=False)
    interventions = blocks.ListBlock(InterventionBlock())
    resources = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="community.ResourcePage"),
        help_text=_("Resources from the library that support this stage."),
    )
    documents = blocks.ListBlock(DocumentChooserBlock(), help_text=_("Other documents for this stage."))

    class Meta:
        icon = "list-ol"
        template = "blocks/bundle_stage_block.html"
        description = _("A stage of the pathway with its interventions")
        preview_value = {"name": "Recognition"}
