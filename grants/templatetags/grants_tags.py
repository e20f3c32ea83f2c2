"""Template tags for proposal pages."""

from django import template
from django.urls import reverse

register = template.Library()

#: The proposal's pages after the overview, in tab order: (name, URL name, label).
PROPOSAL_PAGES = (
    ("budget", "grants:proposal_budget", "Budget"),
    ("files", "grants:proposal_attachments", "Files"),
    ("plan", "implementation:proposal_plan", "Plan"),
    ("team", "grants:proposal_team", "Team"),
    ("mentors", "grants:proposal_mentors", "Mentors"),
    ("feedback", "grants:proposal_feedback", "Feedback"),
    ("versions", "grants:proposal_versions", "Versions"),
    ("activity", "grants:proposal_activity", "Activity"),
)


@register.inclusion_tag("grants/proposal/_nav.html")
def proposal_nav(proposal, current: str):
    """The tabs of a proposal's pages, `current` marked as the page shown."""
    items = [
        {"name": name, "url": reverse(url_name, args=[proposal.pk]), "label": label}
        for name, url_name, label in PROPOSAL_PAGES
    ]
    return {"proposal": proposal, "proposal_nav": items, "current": current}


@register.filter
def words_label(count: int) -> str:
    return f"{count} word{'s' if count != 1 else ''}"
