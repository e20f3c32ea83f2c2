"""StreamField blocks shared by the site's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading (h2 or h3; the page title is the only h1)."""

    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", _("Section (h2)")), ("h3", _("Sub-section (h3)"))], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = _("A heading that starts a section of the page.")
        preview_value = {"text": "Why implementation matters", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    """A highlighted key point."""

    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "pick"
        template = "blocks/callout_block.html"
        description = _("A short highlighted message or key point.")
        preview_value = {
            "title": "Did you know?",
            "text": "<p>It takes an average of 17 years for research evidence to reach practice.</p>",
        }


class FeaturedPageBlock(blocks.StructBlock):
    """A card that points to another page of the site."""

    page = blocks.PageChooserBlock(label=_("Page"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, max_length=120, help_text=_("Leave blank to use the page's title.")
    )
    summary = blocks.TextBlock(label=_("Summary"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        template = "blocks/featured_page_block.html"
        description = _("A card linking to a page, with a short summary.")


class FeaturedPagesBlock(blocks.StructBlock):
    """A titled row of cards that feature other pages."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    intro = blocks.TextBlock(label=_("Introduction"), required=False, max_length=400)
    pages = blocks.ListBlock(FeaturedPageBlock(), min_num=1, max_num=6, label=_("Pages"))

    class Meta:
        icon = "list-ul"
        template = "blocks/featured_pages_block.html"
        description = _("A section of cards that feature up to six pages.")
        preview_value = {"heading": "Where to start", "intro": "Three ways into the Hub.", "pages": []}


class ImageWithCaptionBlock(blocks.StructBlock):
    """An image with alt text (required) and an optional caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = _("An image with alternative text and an optional caption.")


class QuoteBlock(blocks.StructBlock):
    """A quotation with who said it."""

    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = _("A quotation, for example from a member.")
        preview_value = {
            "quote": "The module fitted into a night-shift break and changed how we run our huddles.",
            "attribution": "PICU staff nurse",
        }


class BodyBlock(blocks.StreamBlock):
    """The body of standard pages and the sections of the home page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Text with links and lists."),
        preview_value="<p>Implementation science studies how to get proven care used at the bedside.</p>",
    )
    callout = CalloutBlock()
    featured_pages = FeaturedPagesBlock()
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()

    class Meta:
        template = "blocks/body_block.html"
