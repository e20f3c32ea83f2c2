"""Reading plan documents (see `implementation.serialise`) as people read them, and comparing two.

A frozen version of a proposal and a template snapshot hold a plan as a document, not as rows, so the
version page, the version comparison and "what you changed from the template" all work from
documents. Reference data is shown by name, looked up in a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grants.diff import TextDiff, diff_words
from implementation.models import (
    CFIRConstruct,
    Determinant,
    DeterminantKind,
    EPISPhase,
    ImplementationOutcome,
    ImplementationPlan,
    Level,
    Milestone,
    OutcomeKind,
    PlanOutcome,
    PlanSite,
    PlanStrategy,
    REAIMDimension,
    Stakeholder,
    Strategy,
    Strength,
)
from implementation.serialise import document_is_empty

#: The plan's parts, keyed as comments are (grants.sections.PLAN_PARTS), with the headings shown here.
PART_LABELS = {
    "plan_intervention": gettext_lazy("The intervention"),
    "plan_setting": gettext_lazy("Setting and people"),
    "plan_determinants": gettext_lazy("Barriers and facilitators"),
    "plan_strategies": gettext_lazy("Strategies"),
    "plan_outcomes": gettext_lazy("Outcomes"),
    "plan_fidelity": gettext_lazy("Fidelity and adaptation"),
    "plan_timeline": gettext_lazy("Timeline"),
}


def _label(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _text(value) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


@dataclass
class ReferenceNames:
    """The reference data named in some documents, by natural key."""

    constructs: dict = field(default_factory=dict)
    strategies: dict = field(default_factory=dict)
    outcomes: dict = field(default_factory=dict)
    phases: dict = field(default_factory=dict)

    def construct(self, code) -> str:
        found = self.constructs.get(code)
        return f"{found.code} {found.name}" if found else _text(code)

    def strategy(self, number) -> str:
        found = self.strategies.get(number)
        return f"{found.name} (ERIC {found.number})" if found else f"ERIC {_text(number)}"

    def outcome(self, key) -> str:
        found = self.outcomes.get(key)
        return found.name if found else _text(key)

    def phase(self, key) -> str:
        found = self.phases.get(key)
        return found.name if found else _text(key)


def _items(document: dict, name: str) -> list[dict]:
    if name in ("sites", "stakeholders"):
        value = (document.get("setting") or {}).get(name)
    else:
        value = document.get(name)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def reference_names(*documents: dict) -> ReferenceNames:
    """The names of the reference data `documents` refer to: at most four queries, none for empty documents."""
    codes, numbers, keys, phases = set(), set(), set(), set()
    for document in documents:
        codes |= {d.get("construct") for d in _items(document, "determinants")}
        numbers |= {s.get("eric") for s in _items(document, "strategies")}
        keys |= {s.get("outcome") for s in _items(document, "strategies")}
        keys |= {o.get("implementation_outcome") for o in _items(document, "outcomes")}
        phases |= {m.get("phase") for m in _items(document, "milestones")}

    def fetch(model, name, values):
        values = {v for v in values if isinstance(v, str | int) and not isinstance(v, bool)}
        return {getattr(o, name): o for o in model.objects.filter(**{f"{name}__in": values})} if values else {}

    return ReferenceNames(
        constructs=fetch(CFIRConstruct, "code", codes),
        strategies=fetch(Strategy, "number", numbers),
        outcomes=fetch(ImplementationOutcome, "key", keys),
        phases=fetch(EPISPhase, "key", phases),
    )


# Reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """One labelled value of a plan or of an item; `long` values are paragraphs (compared word by word)."""

    label: str
    text: str
    long: bool = False


@dataclass(frozen=True)
class ReadableItem:
    """An item of a list (a site, a determinant, a strategy…) as a reader sees it."""

    title: str
    #: What identifies the item when two plans are compared (e.g. a strategy's ERIC number).
    key: str
    values: tuple[Value, ...]

    @property
    def filled_values(self) -> list[Value]:
        """The values to show: those with text, leaving out one that only repeats the title."""
        return [v for v in self.values if v.text.strip() and v.text.strip() != self.title]


@dataclass
class ItemGroup:
    """A list of items within a part, e.g. the sites of "Setting and people"."""

    key: str
    label: str
    items: list[ReadableItem]


@dataclass
class ReadablePart:
    """One part of the plan: its own text values and its lists of items."""

    key: str
    label: str
    values: list[Value]
    groups: list[ItemGroup]

    @property
    def filled_values(self) -> list[Value]:
        return [v for v in self.values if v.text.strip()]

    @property
    def is_empty(self) -> bool:
        return not any(v.text.strip() for v in self.values) and not any(g.items for g in self.groups)


def _choice_label(choices, value) -> str:
    return str(dict(choices.choices).get(value, _text(value)))


def _months(item: dict) -> str:
    start, end = item.get("start_month"), item.get("end_month")
    if start == end:
        return _("Month %(start)s") % {"start": start}
    return _("Months %(start)s to %(end)s") % {"start": start, "end": end}


def _determinant_title(item: dict) -> str:
    return Truncator(_text(item.get("description")).strip()).chars(90) or _("(no description)")


def _readable_groups(document: dict, names: ReferenceNames) -> dict[str, list[ReadableItem]]:
    determinants = _items(document, "determinants")
    by_ref = {str(d.get("ref")): _determinant_title(d) for d in determinants if d.get("ref") is not None}
    groups: dict[str, list[ReadableItem]] = {}
    groups["sites"] = [
        ReadableItem(
            title=_text(s.get("name")),
            key=_text(s.get("name")).strip().lower(),
            values=(
                Value(_("Organisation"), _text(s.get("organisation"))),
                Value(_label(PlanSite, "notes"), _text(s.get("notes"))),
            ),
        )
        for s in _items(document, "sites")
    ]
    groups["stakeholders"] = [
        ReadableItem(
            title=_text(s.get("role")),
            key=_text(s.get("role")).strip().lower(),
            values=(
                Value(_label(Stakeholder, "influence"), _choice_label(Level, s.get("influence"))),
                Value(_label(Stakeholder, "interest"), _choice_label(Level, s.get("interest"))),
                Value(_label(Stakeholder, "engagement"), _text(s.get("engagement")), long=True),
            ),
        )
        for s in _items(document, "stakeholders")
    ]
    groups["determinants"] = [
        ReadableItem(
            title=_determinant_title(d),
            key=f"{_text(d.get('kind'))}:{_text(d.get('construct'))}",
            values=(
                Value(_("Barrier or facilitator"), _choice_label(DeterminantKind, d.get("kind"))),
                Value(_label(Determinant, "construct"), names.construct(d.get("construct"))),
                Value(_label(Determinant, "description"), _text(d.get("description")), long=True),
                Value(_label(Determinant, "strength"), _choice_label(Strength, d.get("strength"))),
                Value(_label(Determinant, "evidence"), _text(d.get("evidence")), long=True),
            ),
        )
        for d in determinants
    ]
    strategies = []
    for s in _items(document, "strategies"):
        eric = s.get("eric")
        title = _text(s.get("custom_name")) or names.strategy(eric)
        addressed = [by_ref.get(str(ref), _text(ref)) for ref in (s.get("determinants") or []) if ref is not None]
        strategies.append(
            ReadableItem(
                title=title,
                key=f"eric:{eric}" if eric is not None else f"own:{title.strip().lower()}",
                values=(
                    Value(_label(PlanStrategy, "strategy"), names.strategy(eric) if eric is not None else ""),
                    Value(_label(PlanStrategy, "custom_name"), _text(s.get("custom_name"))),
                    *(
                        Value(_label(PlanStrategy, name), _text(s.get(name)), long=name in ("action",))
                        for name in ("actor", "action", "action_target", "temporality", "dose")
                    ),
                    Value(_label(PlanStrategy, "outcome"), names.outcome(s.get("outcome")) if s.get("outcome") else ""),
                    Value(_label(PlanStrategy, "justification"), _text(s.get("justification")), long=True),
                    Value(_label(PlanStrategy, "mechanism"), _text(s.get("mechanism")), long=True),
                    Value(_("Barriers and facilitators it addresses"), "; ".join(addressed)),
                ),
            )
        )
    groups["strategies"] = strategies
    groups["outcomes"] = [
        ReadableItem(
            title=_text(o.get("name")),
            key=_text(o.get("name")).strip().lower(),
            values=(
                Value(_label(PlanOutcome, "kind"), _choice_label(OutcomeKind, o.get("kind"))),
                Value(
                    _label(PlanOutcome, "implementation_outcome"),
                    names.outcome(o.get("implementation_outcome")) if o.get("implementation_outcome") else "",
                ),
                Value(
                    _label(PlanOutcome, "reaim_dimension"),
                    _choice_label(REAIMDimension, o.get("reaim_dimension")) if o.get("reaim_dimension") else "",
                ),
                *(Value(_label(PlanOutcome, name), _text(o.get(name))) for name in ("measure", "timepoint", "target")),
            ),
        )
        for o in _items(document, "outcomes")
    ]
    groups["milestones"] = [
        ReadableItem(
            title=_text(m.get("title")),
            key=_text(m.get("title")).strip().lower(),
            values=(
                Value(_label(Milestone, "phase"), names.phase(m.get("phase"))),
                Value(_("When"), _months(m)),
            ),
        )
        for m in _items(document, "milestones")
    ]
    return groups


def _readable(document: dict, names: ReferenceNames) -> list[ReadablePart]:
    groups = _readable_groups(document, names)
    intervention = document.get("intervention") if isinstance(document.get("intervention"), dict) else {}
    setting = document.get("setting") if isinstance(document.get("setting"), dict) else {}
    fidelity = document.get("fidelity") if isinstance(document.get("fidelity"), dict) else {}
    plan_label = _label  # the plan's own fields are labelled as on the plan's forms

    def group(key: str, label: str) -> ItemGroup:
        return ItemGroup(key=key, label=label, items=groups[key])

    return [
        ReadablePart(
            "plan_intervention",
            str(PART_LABELS["plan_intervention"]),
            [
                Value(plan_label(ImplementationPlan, "intervention_name"), _text(intervention.get("name"))),
                Value(
                    plan_label(ImplementationPlan, "evidence_citation"),
                    _text(intervention.get("evidence_citation")),
                    long=True,
                ),
                Value(plan_label(ImplementationPlan, "evidence_doi"), _text(intervention.get("evidence_doi"))),
                Value(
                    plan_label(ImplementationPlan, "core_components"), _text(intervention.get("core_components")), True
                ),
                Value(
                    plan_label(ImplementationPlan, "adaptable_components"),
                    _text(intervention.get("adaptable_components")),
                    True,
                ),
            ],
            [],
        ),
        ReadablePart(
            "plan_setting",
            str(PART_LABELS["plan_setting"]),
            [Value(plan_label(ImplementationPlan, "population"), _text(setting.get("population")), True)],
            [group("sites", _("Sites")), group("stakeholders", _("Stakeholders"))],
        ),
        ReadablePart(
            "plan_determinants",
            str(PART_LABELS["plan_determinants"]),
            [],
            [group("determinants", _("Barriers and facilitators"))],
        ),
        ReadablePart(
            "plan_strategies", str(PART_LABELS["plan_strategies"]), [], [group("strategies", _("Strategies"))]
        ),
        ReadablePart("plan_outcomes", str(PART_LABELS["plan_outcomes"]), [], [group("outcomes", _("Outcomes"))]),
        ReadablePart(
            "plan_fidelity",
            str(PART_LABELS["plan_fidelity"]),
            [
                Value(plan_label(ImplementationPlan, "fidelity_monitoring"), _text(fidelity.get("monitoring")), True),
                Value(
                    plan_label(ImplementationPlan, "adaptation_logging"),
                    _text(fidelity.get("adaptation_logging")),
                    True,
                ),
            ],
            [],
        ),
        ReadablePart("plan_timeline", str(PART_LABELS["plan_timeline"]), [], [group("milestones", _("Milestones"))]),
    ]


def plan_document_readable(document: dict | None) -> list[ReadablePart] | None:
    """A document's parts as a reader sees them (reference data by name), or None when it holds nothing."""
    if document_is_empty(document):
        return None
    return _readable(document, reference_names(document))


# Comparing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One value that differs: its old and new text, and for paragraphs a word-by-word diff."""

    label: str
    old: str
    new: str
    diff: TextDiff | None = None


@dataclass
class ItemChange:
    """An item "added", "removed" or "changed" (with the values that changed)."""

    kind: str
    title: str
    old_title: str = ""
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class GroupChanges:
    """The items of one list compared."""

    key: str
    label: str
    changes: list[ItemChange]
    unchanged: int

    @property
    def counts(self) -> dict[str, int]:
        counts = {"added": 0, "removed": 0, "changed": 0}
        for change in self.changes:
            counts[change.kind] += 1
        return counts


@dataclass
class PartChanges:
    """One part of the plan compared: its changed text values and its lists."""

    key: str
    label: str
    fields: list[FieldChange]
    groups: list[GroupChanges]

    @property
    def changed(self) -> bool:
        return bool(self.fields) or any(g.changes for g in self.groups)

    @property
    def summary(self) -> str:
        """e.g. "2 added, 1 changed; 1 text changed"."""
        counts = {"added": 0, "removed": 0, "changed": 0}
        for group in self.groups:
            for kind, count in group.counts.items():
                counts[kind] += count
        words = []
        if counts["added"]:
            words.append(_("%(count)s added") % {"count": counts["added"]})
        if counts["removed"]:
            words.append(_("%(count)s removed") % {"count": counts["removed"]})
        if counts["changed"]:
            words.append(_("%(count)s changed") % {"count": counts["changed"]})
        if self.fields:
            words.append(_("%(count)s text changed") % {"count": len(self.fields)})
        return ", ".join(words)


@dataclass
class PlanComparison:
    """Two plan documents compared part by part."""

    parts: list[PartChanges]
    old_empty: bool
    new_empty: bool

    @property
    def changed(self) -> bool:
        return any(part.changed for part in self.parts)

    @property
    def changed_parts(self) -> list[PartChanges]:
        return [part for part in self.parts if part.changed]

    @property
    def both_empty(self) -> bool:
        return self.old_empty and self.new_empty


def _field_changes(old: tuple[Value, ...] | list[Value], new: tuple[Value, ...] | list[Value]) -> list[FieldChange]:
    before = {value.label: value for value in old}
    changes = []
    for value in new:
        previous = before.pop(value.label, Value(value.label, "", value.long))
        if previous.text.strip() == value.text.strip():
            continue
        diff = diff_words(previous.text, value.text) if value.long else None
        if diff is not None and not diff.changed:
            continue
        changes.append(FieldChange(label=value.label, old=previous.text, new=value.text, diff=diff))
    for value in before.values():
        if value.text.strip():
            changes.append(FieldChange(label=value.label, old=value.text, new="", diff=None))
    return changes


def _compare_items(old: list[ReadableItem], new: list[ReadableItem]) -> tuple[list[ItemChange], int]:
    """Pair items that are identical, then items with the same key (changed); the rest were added or removed."""
    remaining = list(old)
    paired: dict[int, ReadableItem] = {}
    for index, item in enumerate(new):
        match = next((o for o in remaining if o == item), None)
        if match is not None:
            remaining.remove(match)
            paired[index] = match
    changes: list[ItemChange] = []
    unchanged = len(paired)
    for index, item in enumerate(new):
        if index in paired:
            continue
        match = next((o for o in remaining if o.key == item.key), None)
        if match is None:
            changes.append(ItemChange(kind="added", title=item.title))
            continue
        remaining.remove(match)
        fields = _field_changes(match.values, item.values)
        if match.title != item.title and not fields:
            fields = [FieldChange(label=_("Name"), old=match.title, new=item.title)]
        changes.append(
            ItemChange(
                kind="changed",
                title=item.title,
                old_title=match.title if match.title != item.title else "",
                fields=fields,
            )
        )
    changes.extend(ItemChange(kind="removed", title=item.title) for item in remaining)
    return changes, unchanged


def plan_documents_compare(old: dict | None, new: dict | None) -> PlanComparison:
    """Compare two plan documents (either may be empty) part by part: text diffs, and items added, removed, changed.

    Items are matched first when identical, then by what identifies them (a site's or outcome's name, a
    stakeholder's role, a determinant's kind and CFIR construct, a strategy's ERIC number or own name,
    a milestone's title); whatever is left was added or removed. Costs at most four queries.
    """
    old, new = old or {}, new or {}
    names = reference_names(old, new)
    before, after = _readable(old, names), _readable(new, names)
    parts = []
    for old_part, new_part in zip(before, after, strict=True):
        groups = []
        for old_group, new_group in zip(old_part.groups, new_part.groups, strict=True):
            changes, unchanged = _compare_items(old_group.items, new_group.items)
            groups.append(GroupChanges(key=new_group.key, label=new_group.label, changes=changes, unchanged=unchanged))
        parts.append(
            PartChanges(
                key=new_part.key,
                label=new_part.label,
                fields=_field_changes(old_part.values, new_part.values),
                groups=groups,
            )
        )
    return PlanComparison(parts=parts, old_empty=document_is_empty(old), new_empty=document_is_empty(new))
