"""The plan's implementation research logic model, and its drawing as an inline SVG.

After Smith JD, Li DH, Rafferty MR. The Implementation Research Logic Model: a method for planning,
executing, reporting, and synthesizing implementation projects. Implement Sci. 2020;15:84.
doi:10.1186/s13012-020-01041-8.

Four columns, read left to right: determinants (the plan's barriers and facilitators, coded to CFIR 2.0)
→ strategies (ERIC or the team's own) → mechanisms (how each strategy is expected to work) → outcomes
(the implementation outcomes the strategies affect, and the outcomes the plan measures). Arrows join
each determinant to the strategies that address it, each strategy to its mechanism, and each mechanism
to the outcome its strategy affects.

Everything is computed from a plan loaded by `implementation.selectors.plans.plan_full` (no queries here),
and the drawing is plain SVG built on the server: no script, no fonts or images to fetch, the same bytes
for the same plan, so it shows the same on the page, at 320 px (inside a scrolling region) and in a PDF.
"""

import textwrap
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from implementation.models import (
    Determinant,
    DeterminantKind,
    ImplementationOutcome,
    ImplementationPlan,
    OutcomeKind,
    PlanOutcome,
    PlanStrategy,
)

CITATION = (
    "Smith JD, Li DH, Rafferty MR. The Implementation Research Logic Model: a method for planning, executing, "
    "reporting, and synthesizing implementation projects. Implement Sci. 2020;15:84."
)
DOI = "10.1186/s13012-020-01041-8"

DETERMINANTS = "determinants"
STRATEGIES = "strategies"
MECHANISMS = "mechanisms"
OUTCOMES = "outcomes"

#: (key, heading, what the column holds), left to right.
COLUMNS = (
    (DETERMINANTS, "Determinants", "Barriers and facilitators (CFIR 2.0)"),
    (STRATEGIES, "Strategies", "What the team will do (ERIC or own)"),
    (MECHANISMS, "Mechanisms", "How each strategy should work"),
    (OUTCOMES, "Outcomes", "What should change"),
)

NO_MECHANISM = "Mechanism not stated yet"


@dataclass(frozen=True)
class Node:
    """One box of the diagram: a determinant, a strategy, a mechanism or an outcome."""

    key: str
    column: str
    title: str
    label: str = ""
    #: A kind of box (e.g. "barrier", "facilitator", "placeholder") that picks its colours and border.
    style: str = ""


@dataclass(frozen=True)
class Edge:
    """An arrow from one box to another (by their keys)."""

    source: str
    target: str


@dataclass(frozen=True)
class StrategyLinks:
    """One strategy as the text alternative tells it: what it addresses, how it works, what it affects."""

    strategy: PlanStrategy
    determinants: list[Determinant]
    mechanism: str
    outcome: ImplementationOutcome | None
    #: The plan's outcomes that measure `outcome`.
    measures: list[PlanOutcome]


@dataclass
class LogicModel:
    """The plan's logic model: boxes by column, arrows, and the same links as text."""

    columns: dict[str, list[Node]]
    edges: list[Edge]
    strategies: list[StrategyLinks]
    #: Barriers that no strategy addresses yet (the planner flags these).
    unaddressed_barriers: list[Determinant]
    #: Facilitators that no strategy builds on (shown, not flagged).
    unused_facilitators: list[Determinant]
    #: The plan's outcomes not tied to an implementation outcome a strategy affects (service, patient, RE-AIM…).
    other_outcomes: list[PlanOutcome]
    determinants: list[Determinant] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(self.columns.values())

    def nodes(self) -> list[Node]:
        return [node for key, _heading, _about in COLUMNS for node in self.columns[key]]


def _determinant_order(determinant: Determinant) -> tuple:
    construct = determinant.construct
    domain = construct.domain
    barrier_first = 0 if determinant.kind == DeterminantKind.BARRIER else 1
    return (
        domain.sort_order,
        domain.code,
        construct.sort_order,
        construct.code,
        barrier_first,
        determinant.sort_order,
        determinant.pk,
    )


def _outcome_label(outcome: PlanOutcome) -> str:
    if outcome.kind == OutcomeKind.REAIM and outcome.reaim_dimension:
        return f"RE-AIM: {outcome.get_reaim_dimension_display()}"
    if outcome.kind == OutcomeKind.IMPLEMENTATION and outcome.implementation_outcome_id:
        return f"Implementation outcome: {outcome.implementation_outcome.name}"
    return outcome.get_kind_display()


def logic_model_build(*, plan: ImplementationPlan) -> LogicModel:
    """The logic model of `plan` (loaded with `plan_full`: this makes no queries)."""
    determinants = sorted(plan.determinants.all(), key=_determinant_order)
    determinant_index = {determinant.pk: index for index, determinant in enumerate(determinants)}
    by_pk = {determinant.pk: determinant for determinant in determinants}

    # Strategies sit level with the determinants they address (the mean of their rows), so arrows cross less.
    def strategy_order(strategy: PlanStrategy) -> tuple:
        rows = sorted(determinant_index[d.pk] for d in strategy.determinants.all() if d.pk in determinant_index)
        centre = sum(rows) / len(rows) if rows else float("inf")
        return (centre, strategy.sort_order, strategy.pk)

    strategies = sorted(plan.strategies.all(), key=strategy_order)
    plan_outcomes = list(plan.outcomes.all())
    measures_of: dict[int, list[PlanOutcome]] = {}
    for outcome in plan_outcomes:
        if outcome.kind == OutcomeKind.IMPLEMENTATION and outcome.implementation_outcome_id:
            measures_of.setdefault(outcome.implementation_outcome_id, []).append(outcome)

    columns: dict[str, list[Node]] = {key: [] for key, _heading, _about in COLUMNS}
    edges: list[Edge] = []
    links: list[StrategyLinks] = []
    addressed: set[int] = set()
    outcome_nodes: dict[int, Node] = {}

    for determinant in determinants:
        construct = determinant.construct
        columns[DETERMINANTS].append(
            Node(
                key=f"d{determinant.pk}",
                column=DETERMINANTS,
                title=determinant.description,
                label=f"{determinant.get_kind_display()} · {construct.code} {construct.name}",
                style=determinant.kind,
            )
        )

    for strategy in strategies:
        linked = sorted(
            (by_pk[d.pk] for d in strategy.determinants.all() if d.pk in by_pk),
            key=lambda d: determinant_index[d.pk],
        )
        addressed.update(d.pk for d in linked)
        strategy_key = f"s{strategy.pk}"
        columns[STRATEGIES].append(
            Node(
                key=strategy_key,
                column=STRATEGIES,
                title=strategy.name,
                label=f"ERIC strategy {strategy.strategy.number}" if strategy.strategy_id else "Own strategy",
                style="strategy",
            )
        )
        edges.extend(Edge(f"d{d.pk}", strategy_key) for d in linked)
        mechanism = strategy.mechanism.strip()
        mechanism_key = f"m{strategy.pk}"
        # A strategy without a mechanism still gets its box, so the gap shows and the rows stay level.
        columns[MECHANISMS].append(
            Node(
                key=mechanism_key,
                column=MECHANISMS,
                title=mechanism or NO_MECHANISM,
                label=f"How “{_shorten(strategy.name, 40)}” works",
                style="mechanism" if mechanism else "placeholder",
            )
        )
        edges.append(Edge(strategy_key, mechanism_key))
        outcome = strategy.outcome if strategy.outcome_id else None
        if outcome is not None:
            node = outcome_nodes.get(outcome.pk)
            if node is None:
                node = outcome_nodes[outcome.pk] = _implementation_outcome_node(outcome, measures_of.get(outcome.pk))
                columns[OUTCOMES].append(node)
            edges.append(Edge(mechanism_key, node.key))
        links.append(
            StrategyLinks(
                strategy=strategy,
                determinants=linked,
                mechanism=mechanism,
                outcome=outcome,
                measures=measures_of.get(outcome.pk, []) if outcome else [],
            )
        )

    # The plan's measured implementation outcomes that no strategy affects yet, then everything else it measures.
    other_outcomes = []
    for outcome in plan_outcomes:
        if outcome.kind == OutcomeKind.IMPLEMENTATION and outcome.implementation_outcome_id:
            if outcome.implementation_outcome_id not in outcome_nodes:
                proctor = outcome.implementation_outcome
                node = outcome_nodes[proctor.pk] = _implementation_outcome_node(proctor, measures_of[proctor.pk])
                columns[OUTCOMES].append(node)
            continue
        other_outcomes.append(outcome)
        columns[OUTCOMES].append(
            Node(
                key=f"o{outcome.pk}", column=OUTCOMES, title=outcome.name, label=_outcome_label(outcome), style="other"
            )
        )
    # Measured Proctor outcomes that no strategy names also belong with the "other" outcomes in the text version.
    affected = {link.outcome.pk for link in links if link.outcome}
    for proctor_pk, measures in measures_of.items():
        if proctor_pk not in affected:
            other_outcomes.extend(measures)
    other_outcomes.sort(key=lambda o: (o.sort_order, o.pk))

    return LogicModel(
        columns=columns,
        edges=edges,
        strategies=links,
        unaddressed_barriers=[d for d in determinants if d.kind == DeterminantKind.BARRIER and d.pk not in addressed],
        unused_facilitators=[
            d for d in determinants if d.kind == DeterminantKind.FACILITATOR and d.pk not in addressed
        ],
        other_outcomes=other_outcomes,
        determinants=determinants,
    )


def _implementation_outcome_node(outcome: ImplementationOutcome, measures: list[PlanOutcome] | None) -> Node:
    if measures:
        label = "Measured: " + "; ".join(f"{m.measure}, {m.timepoint}".strip(", ") for m in measures)
    else:
        label = "Implementation outcome (no measure yet)"
    return Node(key=f"io{outcome.pk}", column=OUTCOMES, title=outcome.name, label=label, style="outcome")


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# Drawing ---------------------------------------------------------------------------------------------

#: Fill, border and whether the border is dashed, per kind of box. The text in and beside each box says
#: what it is ("Barrier", "Facilitator", "Mechanism not stated yet"), so colour never carries meaning alone.
BOX_STYLES = {
    "barrier": ("#fdf1e7", "#8a4b08", False),
    "facilitator": ("#eaf5ea", "#2f6b2f", False),
    "strategy": ("#e6f0f2", "#0b5c6b", False),
    "mechanism": ("#f3eef8", "#5b3f8c", False),
    "placeholder": ("#ffffff", "#5d6873", True),
    "outcome": ("#fff8e1", "#7a5c00", False),
    "other": ("#f3f6f8", "#3d4650", False),
}
TEXT_COLOUR = "#1b1f24"
MUTED_COLOUR = "#3d4650"
ARROW_COLOUR = "#3d4650"
FONT_FAMILY = "'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class Layout:
    """Sizes of the drawing, in SVG user units (pixels at 100%)."""

    column_width: int = 200
    gap: int = 52
    margin: int = 8
    header_height: int = 50
    box_gap: int = 14
    pad_x: int = 9
    pad_y: int = 8
    title_size: float = 12.5
    title_line: int = 16
    title_chars: int = 24
    title_lines: int = 5
    label_size: float = 10.5
    label_line: int = 14
    label_chars: int = 30
    label_lines: int = 2


FULL = Layout()
#: The overview's smaller drawing: narrower columns, shorter text, no small print under the titles.
COMPACT = Layout(column_width=160, gap=40, title_size=11.5, title_line=15, title_chars=20, title_lines=3, label_lines=0)


def wrap_text(text: str, width: int, max_lines: int) -> list[str]:
    """`text` in lines of about `width` characters, at most `max_lines` of them (the last ending "…" if cut)."""
    if max_lines <= 0 or not text.strip():
        return []
    lines = textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True, break_on_hyphens=True)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _shorten(lines[-1] + " …", width) if len(lines[-1]) >= width - 1 else lines[-1] + " …"
    return lines


@dataclass(frozen=True)
class _Box:
    node: Node
    x: int
    y: int
    height: int
    title_lines: list[str]
    label_lines: list[str]

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


def _box_height(layout: Layout, title_lines: list[str], label_lines: list[str]) -> int:
    height = layout.pad_y * 2 + len(title_lines) * layout.title_line
    if label_lines:
        height += 4 + len(label_lines) * layout.label_line
    return height


def _measure(layout: Layout, node: Node) -> tuple[list[str], list[str], int]:
    title_lines = wrap_text(node.title, layout.title_chars, layout.title_lines) or [" "]
    label_lines = wrap_text(node.label, layout.label_chars, layout.label_lines)
    return title_lines, label_lines, _box_height(layout, title_lines, label_lines)


def _place(layout: Layout, model: LogicModel) -> tuple[dict[str, _Box], int]:
    """Boxes stacked per column, each nudged level with the boxes that point to it; returns boxes and height."""
    top = layout.margin + layout.header_height
    x_of = {
        key: layout.margin + index * (layout.column_width + layout.gap)
        for index, (key, _heading, _about) in enumerate(COLUMNS)
    }
    boxes: dict[str, _Box] = {}
    incoming: dict[str, list[str]] = {}
    for edge in model.edges:
        incoming.setdefault(edge.target, []).append(edge.source)

    def stack(nodes: list[Node], heights: dict[str, int], bottom: int) -> None:
        for node in nodes:
            sources = [boxes[key] for key in incoming.get(node.key, []) if key in boxes]
            y = bottom
            if sources:
                wanted = round(sum(box.middle for box in sources) / len(sources) - heights[node.key] / 2)
                y = max(bottom, wanted)
            title_lines, label_lines, height = measured[node.key]
            boxes[node.key] = _Box(node, x_of[node.column], y, height, title_lines, label_lines)
            bottom = y + height + layout.box_gap

    measured = {node.key: _measure(layout, node) for node in model.nodes()}
    heights = {key: value[2] for key, value in measured.items()}
    stack(model.columns[DETERMINANTS], heights, top)

    # A strategy and its mechanism share a row, as tall as the taller of the two.
    bottom = top
    for strategy, mechanism in zip(model.columns[STRATEGIES], model.columns[MECHANISMS], strict=True):
        row_height = max(heights[strategy.key], heights[mechanism.key])
        sources = [boxes[key] for key in incoming.get(strategy.key, []) if key in boxes]
        y = bottom
        if sources:
            y = max(bottom, round(sum(box.middle for box in sources) / len(sources) - row_height / 2))
        for node in (strategy, mechanism):
            title_lines, label_lines, _height = measured[node.key]
            boxes[node.key] = _Box(node, x_of[node.column], y, row_height, title_lines, label_lines)
        bottom = y + row_height + layout.box_gap

    stack(model.columns[OUTCOMES], heights, top)
    height = max((box.y + box.height for box in boxes.values()), default=top) + layout.margin
    return boxes, height


def _text(x: float, y: float, text: str, *, size: float, weight: str = "", colour: str = TEXT_COLOUR, extra="") -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    return f'<text x="{x:g}" y="{y:g}" font-size="{size:g}"{bold} fill="{colour}"{extra}>{escape(text)}</text>'


def logic_model_svg(model: LogicModel, *, id_prefix: str = "logic-model", compact: bool = False) -> SafeString:
    """The logic model as an accessible inline SVG (role="img", <title>, <desc>), sized in pixels.

    `id_prefix` keeps ids unique when a page shows more than one drawing.
    """
    layout = COMPACT if compact else FULL
    boxes, height = _place(layout, model)
    width = layout.margin * 2 + len(COLUMNS) * layout.column_width + (len(COLUMNS) - 1) * layout.gap
    counts = {key: len(nodes) for key, nodes in model.columns.items()}
    description = (
        f"{counts[DETERMINANTS]} determinant{'s' if counts[DETERMINANTS] != 1 else ''} lead to "
        f"{counts[STRATEGIES]} strateg{'ies' if counts[STRATEGIES] != 1 else 'y'}, each with its mechanism, "
        f"leading to {counts[OUTCOMES]} outcome{'s' if counts[OUTCOMES] != 1 else ''}. "
        f"{len(model.unaddressed_barriers)} barrier{'s' if len(model.unaddressed_barriers) != 1 else ''} "
        "not addressed by any strategy yet. The same links are listed as text next to the diagram."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="logic-model-svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        # Shrinks to fit a narrower column down to 85% of its size, then the region around it scrolls.
        f'style="width:100%;max-width:{width}px;min-width:{round(width * 0.85)}px;height:auto" '
        f'font-family="{FONT_FAMILY}">',
        f'<title id="{id_prefix}-title">Logic model: determinants, strategies, mechanisms and outcomes</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
        "<defs>",
        f'<marker id="{id_prefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{ARROW_COLOUR}"/></marker>',
        "</defs>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for index, (_key, heading, about) in enumerate(COLUMNS):
        x = layout.margin + index * (layout.column_width + layout.gap)
        parts.append(_text(x, layout.margin + 16, heading, size=layout.title_size + 2.5, weight="700"))
        if not compact:
            parts.append(_text(x, layout.margin + 34, about, size=layout.label_size, colour=MUTED_COLOUR))
    parts.append(f'<g fill="none" stroke="{ARROW_COLOUR}" stroke-width="1.4">')
    for edge in model.edges:
        source, target = boxes.get(edge.source), boxes.get(edge.target)
        if source is None or target is None:
            continue
        x1, y1 = source.x + layout.column_width, source.middle
        x2, y2 = target.x - 2, target.middle
        bend = (x2 - x1) / 2
        parts.append(
            f'<path d="M{x1:g},{y1:g} C{x1 + bend:g},{y1:g} {x2 - bend:g},{y2:g} {x2:g},{y2:g}" '
            f'marker-end="url(#{id_prefix}-arrow)"/>'
        )
    parts.append("</g>")
    for key, _heading, _about in COLUMNS:
        for node in model.columns[key]:
            parts.append(_box_svg(layout, boxes[node.key]))
    parts.append("</svg>")
    # Safe: every piece of text from the plan went through escape() above.
    return mark_safe("".join(parts))


def _box_svg(layout: Layout, box: _Box) -> str:
    fill, stroke, dashed = BOX_STYLES.get(box.node.style, BOX_STYLES["other"])
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    parts = [
        "<g>",
        f'<rect x="{box.x}" y="{box.y}" width="{layout.column_width}" height="{box.height}" rx="6" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"{dash}/>',
    ]
    x = box.x + layout.pad_x
    y = box.y + layout.pad_y + layout.title_size
    italic = ' font-style="italic"' if box.node.style == "placeholder" else ""
    for line in box.title_lines:
        weight = "" if box.node.column == MECHANISMS else "700"
        parts.append(_text(x, y, line, size=layout.title_size, weight=weight, extra=italic))
        y += layout.title_line
    if box.label_lines:
        y += 4 - layout.title_line + layout.label_line
        for line in box.label_lines:
            parts.append(_text(x, y, line, size=layout.label_size, colour=MUTED_COLOUR))
            y += layout.label_line
    parts.append("</g>")
    return "".join(parts)
