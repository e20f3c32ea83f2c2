"""Reads for proposal versions: what a frozen copy holds, the list of them, and comparing two.

A version's `content` is a plain dict (see `proposal_content`), so the current draft can be compared
with a version exactly as two versions are compared.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from grants.diff import TextDiff, diff_words
from grants.models import BudgetCategory, Comment, Proposal, ProposalVersion
from grants.sections import COMMENTABLE_CHOICES, SECTION_KEYS, TEXT_SECTIONS, Section, word_count
from implementation.selectors.documents import plan_document_readable, plan_documents_compare
from implementation.selectors.plans import plan_full_queryset
from implementation.serialise import plan_to_dict


def proposal_content(*, proposal: Proposal) -> dict:
    """Everything in `proposal` now, as a version stores it (a fixed number of queries).

    {"title", "call", "topics": [...], "sections": {key: text}, "budget": [{category, category_label,
    description, cost, justification}], "budget_total", "implementation_plan": the plan's document
    (implementation.serialise.plan_to_dict), or {} when the proposal has no plan}; amounts as strings.
    """
    stored = dict(proposal.sections.values_list("key", "text"))
    plan = plan_full_queryset().filter(proposal=proposal).first()
    lines = list(proposal.budget_lines.all())
    total = sum((line.cost for line in lines), Decimal("0.00"))
    return {
        "title": proposal.title,
        "call": proposal.call.title if proposal.call_id and proposal.call else "",
        "topics": sorted(proposal.topics.names(), key=str.lower),
        "sections": {key: stored.get(key, "") for key in SECTION_KEYS},
        "budget": [
            {
                "category": line.category,
                "category_label": str(line.get_category_display()),
                "description": line.description,
                "cost": f"{Decimal(line.cost):.2f}",
                "justification": line.justification,
            }
            for line in lines
        ],
        "budget_total": f"{total:.2f}",
        "implementation_plan": plan_to_dict(plan) if plan else {},
    }


def proposal_versions(*, proposal: Proposal) -> QuerySet[ProposalVersion]:
    """The versions of `proposal`, newest first, with who froze each (their content left unread)."""
    return proposal.versions.select_related("created_by").defer("content").order_by("-number")


def version_get(*, proposal: Proposal, number: int) -> ProposalVersion | None:
    """Version `number` of `proposal`, or None."""
    return proposal.versions.select_related("created_by").filter(number=number).first()


# Reading one version -----------------------------------------------------------------------


@dataclass(frozen=True)
class VersionSection:
    """A text section as a version holds it."""

    section: Section
    text: str

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def words(self) -> int:
        return word_count(self.text)


def _money(value) -> Decimal:
    try:
        return Decimal(str(value or "0"))
    except InvalidOperation:
        return Decimal("0")


def content_sections(content: dict) -> list[VersionSection]:
    """The text sections of a version's (or the draft's) content, in the proposal's order."""
    texts = content.get("sections", {})
    return [VersionSection(section=s, text=texts.get(s.key, "")) for s in TEXT_SECTIONS]


def content_budget(content: dict) -> list[dict]:
    """The budget lines of a content dict, each with `cost` as a Decimal and a readable category."""
    labels = dict(BudgetCategory.choices)
    return [
        {
            **line,
            "cost": _money(line.get("cost")),
            "category_label": line.get("category_label") or str(labels.get(line.get("category"), "")),
        }
        for line in content.get("budget", [])
    ]


_PART_ORDER = {key: index for index, (key, _label) in enumerate(COMMENTABLE_CHOICES)}
_PART_LABELS = dict(COMMENTABLE_CHOICES)


@dataclass
class CommentGroup:
    """The comments about one part of the proposal (a section, the budget or the plan)."""

    key: str
    label: str
    comments: list = field(default_factory=list)


def _grouped(comments) -> list[CommentGroup]:
    groups: dict[str, CommentGroup] = {}
    for comment in comments:
        group = groups.setdefault(
            comment.section, CommentGroup(key=comment.section, label=str(_PART_LABELS.get(comment.section, "")))
        )
        group.comments.append(comment)
    return sorted(groups.values(), key=lambda g: _PART_ORDER.get(g.key, len(_PART_ORDER)))


def comments_answered_by(*, version: ProposalVersion) -> list[CommentGroup]:
    """The comments `version` answered (marked addressed before it was frozen), grouped by section."""
    comments = Comment.objects.filter(addressed_in=version).select_related("author", "addressed_by", "version")
    return _grouped(comments)


def comments_awaiting_version(*, proposal: Proposal) -> list[CommentGroup]:
    """Comments marked addressed since the last version: the next version will answer them."""
    comments = Comment.objects.filter(
        proposal=proposal, addressed_at__isnull=False, addressed_in__isnull=True
    ).select_related("author", "addressed_by", "version")
    return _grouped(comments)


def version_detail(*, proposal: Proposal, version: ProposalVersion) -> dict:
    """A version's page: its sections, budget and plan as frozen, and the comments it answered, by section."""
    content = version.content or {}
    return {
        "plan_parts": plan_document_readable(content.get("implementation_plan")),
        "version": version,
        "content": content,
        "sections": content_sections(content),
        "budget": content_budget(content),
        "budget_total": _money(content.get("budget_total")),
        "answered": comments_answered_by(version=version),
    }


# Comparing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionChange:
    """One section compared between two versions."""

    section: Section
    diff: TextDiff

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def changed(self) -> bool:
        return self.diff.changed


@dataclass(frozen=True)
class BudgetChange:
    """One budget line compared: `kind` is "added", "removed", "changed" or "same"."""

    kind: str
    category_label: str
    description: str
    old_cost: Decimal | None
    new_cost: Decimal | None
    justification_changed: bool = False

    @property
    def difference(self) -> Decimal | None:
        if self.old_cost is None or self.new_cost is None:
            return None
        return self.new_cost - self.old_cost


@dataclass(frozen=True)
class BudgetComparison:
    """Two budgets compared line by line (matched on category and item), with their totals."""

    lines: list[BudgetChange]
    old_total: Decimal
    new_total: Decimal

    @property
    def changes(self) -> list[BudgetChange]:
        return [line for line in self.lines if line.kind != "same"]

    @property
    def counts(self) -> Counter:
        return Counter(line.kind for line in self.lines)

    @property
    def total_difference(self) -> Decimal:
        return self.new_total - self.old_total

    @property
    def changed(self) -> bool:
        return bool(self.changes) or self.old_total != self.new_total


def _total(content: dict, lines: list[dict]) -> Decimal:
    if "budget_total" in content:
        return _money(content["budget_total"])
    return sum((line["cost"] for line in lines), Decimal("0.00"))


def budget_compare(old: dict, new: dict) -> BudgetComparison:
    """Compare the budgets of two content dicts.

    Lines are matched on (category, item); several lines with the same pair are matched in order.
    A renamed item shows as one line removed and one added, which is what a reader sees anyway.
    """
    old_lines, new_lines = content_budget(old), content_budget(new)
    pending: dict[tuple, list[dict]] = {}
    for line in old_lines:
        pending.setdefault((line["category"], line["description"].strip().lower()), []).append(line)
    changes = []
    for line in new_lines:
        matches = pending.get((line["category"], line["description"].strip().lower()))
        before = matches.pop(0) if matches else None
        if before is None:
            changes.append(BudgetChange("added", line["category_label"], line["description"], None, line["cost"]))
            continue
        justification_changed = (before.get("justification") or "").strip() != (line.get("justification") or "").strip()
        same = before["cost"] == line["cost"] and not justification_changed
        changes.append(
            BudgetChange(
                "same" if same else "changed",
                line["category_label"],
                line["description"],
                before["cost"],
                line["cost"],
                justification_changed=justification_changed,
            )
        )
    for remaining in pending.values():
        for line in remaining:
            changes.append(BudgetChange("removed", line["category_label"], line["description"], line["cost"], None))
    return BudgetComparison(
        lines=changes,
        old_total=_total(old, old_lines),
        new_total=_total(new, new_lines),
    )


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a version, or the current draft (version None)."""

    version: ProposalVersion | None
    content: dict

    @property
    def is_current(self) -> bool:
        return self.version is None

    @property
    def label(self) -> str:
        if self.version is None:
            return _("the current draft")
        return _("version %(number)s") % {"number": self.version.number}

    @property
    def created_at(self) -> datetime.datetime | None:
        return self.version.created_at if self.version else None


def proposal_compare(*, proposal: Proposal, old: Side, new: Side) -> dict:
    """Compare two sides section by section, the budget line by line, and list the comments `new` answered.

    `changes` holds every text section (unchanged ones say so), `changed_count` how many changed.
    When `new` is the current draft, `answered` lists the comments marked addressed since the
    last version (the next version will answer them).
    """
    changes = [
        SectionChange(section=s, diff=diff_words(old.content.get("sections", {}).get(s.key, ""), text))
        for s, text in ((vs.section, vs.text) for vs in content_sections(new.content))
    ]
    if new.version is None:
        answered = comments_awaiting_version(proposal=proposal)
    else:
        answered = comments_answered_by(version=new.version)
    old_topics, new_topics = set(old.content.get("topics", [])), set(new.content.get("topics", []))
    return {
        "old": old,
        "new": new,
        "changes": changes,
        "changed_count": sum(1 for change in changes if change.changed),
        "budget": budget_compare(old.content, new.content),
        "plan": plan_documents_compare(old.content.get("implementation_plan"), new.content.get("implementation_plan")),
        "topics_added": sorted(new_topics - old_topics, key=str.lower),
        "topics_removed": sorted(old_topics - new_topics, key=str.lower),
        "answered": answered,
    }
