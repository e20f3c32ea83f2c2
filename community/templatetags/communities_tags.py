"""Template helpers for communities and care bundles."""

from django import template

from community.blocks import EvidenceLevel

register = template.Library()

_EVIDENCE_LABELS = dict(EvidenceLevel.CHOICES)


@register.filter
def evidence_level_label(value: str) -> str:
    """The words for a care-bundle intervention's level of evidence (e.g. "Randomised trial")."""
    return str(_EVIDENCE_LABELS.get(value, ""))
