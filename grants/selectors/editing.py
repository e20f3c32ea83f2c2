"""Reads for writing a proposal: one section with its neighbours, the budget with its totals, the files."""

from dataclasses import dataclass
from decimal import Decimal

from grants.attachments import KINDS_BY_EXTENSION
from grants.models import BudgetCategory, BudgetLine, Proposal, ProposalAttachment
from grants.sections import Section
from grants.selectors.proposals import SectionView, proposal_sections

_KIND_LABELS = {kind.content_type: kind.label for kind in KINDS_BY_EXTENSION.values()}


@dataclass(frozen=True)
class SectionEdit:
    """A section as its edit page shows it, with the sections before and after it."""

    current: SectionView
    previous: Section | None
    next: Section | None
    position: int
    count: int


def section_for_edit(*, proposal: Proposal, key: str) -> SectionEdit | None:
    """Section `key` of `proposal` with its text, revision, word count and limit; None for an unknown key.

    One query (every section is read at once, which also gives the neighbours).
    """
    views = proposal_sections(proposal=proposal)
    keys = [view.key for view in views]
    if key not in keys:
        return None
    index = keys.index(key)
    return SectionEdit(
        current=views[index],
        previous=views[index - 1].section if index > 0 else None,
        next=views[index + 1].section if index + 1 < len(views) else None,
        position=index + 1,
        count=len(views),
    )


@dataclass(frozen=True)
class CategoryTotal:
    """What the budget spends under one category: its lines and their total."""

    category: str
    label: str
    items: list[BudgetLine]
    total: Decimal

    @property
    def lines(self) -> int:
        return len(self.items)

    @property
    def subtotal(self) -> Decimal:
        return self.total


@dataclass(frozen=True)
class BudgetSummary:
    """A proposal's budget: its lines in order, the total of each category used, and the grand total."""

    lines: list[BudgetLine]
    categories: list[CategoryTotal]
    total: Decimal
    revision: int


def budget_summary(*, proposal: Proposal) -> BudgetSummary:
    """The budget of `proposal`, totalled in Python from one query, so the cost is the same for any number of lines.

    Categories come in the usual order, empty ones left out; a category no longer offered is still
    listed (after the others), so the categories always add up to the total.
    """
    lines = list(BudgetLine.objects.filter(proposal=proposal).order_by("sort_order", "pk"))
    by_category: dict[str, list[BudgetLine]] = {}
    for line in lines:
        by_category.setdefault(line.category, []).append(line)
    labels = dict(BudgetCategory.choices)
    order = [value for value in labels if value in by_category] + [v for v in by_category if v not in labels]
    categories = [
        CategoryTotal(
            category=value,
            label=str(labels.get(value, value)),
            items=by_category[value],
            total=sum((line.cost for line in by_category[value]), Decimal("0.00")),
        )
        for value in order
    ]
    return BudgetSummary(
        lines=lines,
        categories=categories,
        total=sum((category.total for category in categories), Decimal("0.00")),
        revision=proposal.budget_revision,
    )


def budget_initial(*, summary: BudgetSummary) -> list[dict]:
    """The budget's lines as the budget form's initial data."""
    return [
        {
            "category": line.category,
            "description": line.description,
            "cost": line.cost,
            "justification": line.justification,
        }
        for line in summary.lines
    ]


def proposal_attachments(*, proposal: Proposal) -> list[ProposalAttachment]:
    """The files attached to `proposal`, oldest first, with who attached each (one query).

    Each carries `kind_label` ("PDF", "Word document", "Excel spreadsheet") for the list.
    """
    attachments = list(proposal.attachments.select_related("uploaded_by"))
    for attachment in attachments:
        attachment.kind_label = _KIND_LABELS.get(attachment.content_type, "")
    return attachments


def attachment_get(*, proposal: Proposal, attachment_id: int) -> ProposalAttachment | None:
    """One of `proposal`'s files; None if there is no such file on this proposal."""
    return proposal.attachments.select_related("uploaded_by").filter(pk=attachment_id).first()


def overview_context(*, user, proposal) -> dict:
    """What the proposal's overview page needs from this concern (merged into proposal_overview).

    `attachment_count`: how many files are attached (one query).
    """
    return {"attachment_count": proposal.attachments.count()}
