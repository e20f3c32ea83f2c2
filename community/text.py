"""Members' own words as safe HTML: Markdown rendered by Python-Markdown, then cleaned by nh3.

Markdown alone is not a sanitiser (it passes raw HTML through and keeps any link address), so
two layers are used: raw HTML is switched off in the Markdown parser (it is shown as typed, as
text), and the HTML it produces goes through nh3 with a short allow-list, so whatever slips past
the first layer cannot carry a script, an event handler, an image or a javascript:/data: link.
"""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

#: The only tags that survive. Headings start at h3: a post sits under the page's h1 and the post's h2.
ALLOWED_TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
#: Links may only be web or e-mail addresses (relative links stay, as nh3 allows them).
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
#: Members' links are not endorsed by the site and must not reach back to the page that opened them.
LINK_REL = "nofollow noopener noreferrer"


class _DemoteHeadings(Treeprocessor):
    """# becomes h3 and every deeper heading h4, so a post never outranks the page's own headings."""

    def run(self, root):
        for element in root.iter():
            if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                element.tag = "h3" if element.tag == "h1" else "h4"


class _SafeMarkdown(Extension):
    def extendMarkdown(self, md):
        # Raw HTML (blocks and inline tags) is not passed through: it is escaped and shown as text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 0)


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_SafeMarkdown(), "fenced_code", "sane_lists"], output_format="html")


def markdown_safe(text: str) -> SafeString:
    """A member's Markdown as HTML that is safe to put in a page: only the allow-listed tags, links
    with rel="nofollow noopener noreferrer", no images, no raw HTML, no script or unsafe addresses."""
    html = _markdown().convert(text or "")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # cleaned by nh3 against the allow-list above
