"""The plan's milestones by EPIS phase, and their drawing as a simple Gantt-style SVG chart.

Months run along the bottom; each phase has a heading row with its name, and each milestone a bar in the
phase's colour with its months written beside it, so the phase is always said in words as well as colour.
A table with the same rows goes next to the chart. Computed from a plan loaded by `plan_full` (no queries).
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from implementation.logic_model import FONT_FAMILY, MUTED_COLOUR, TEXT_COLOUR, wrap_text
from implementation.models import EPISPhase, ImplementationPlan, Milestone

#: At least a year is drawn, so a short plan does not look stretched.
MIN_MONTHS = 12

#: Dark enough for white text on them and for 3:1 against the white page (WCAG 1.4.11).
PHASE_COLOURS = {
    "exploration": "#0b5c6b",
    "preparation": "#5b3f8c",
    "implementation": "#8a4b08",
    "sustainment": "#2f6b2f",
}
FALLBACK_COLOURS = ("#0b5c6b", "#5b3f8c", "#8a4b08", "#2f6b2f", "#1d4f91", "#7a1f4d")


@dataclass(frozen=True)
class PhaseGroup:
    """One EPIS phase and its milestones, in month order."""

    phase: EPISPhase
    colour: str
    milestones: list[Milestone]


@dataclass(frozen=True)
class Timeline:
    """The plan's milestones grouped by phase (in EPIS order), and how many months the chart shows."""

    groups: list[PhaseGroup]
    months: int

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def last_month(self) -> int:
        return max((m.end_month for group in self.groups for m in group.milestones), default=0)


def milestone_end(milestone: Milestone) -> int:
    """The month a milestone ends (never before it starts)."""
    return max(milestone.start_month, milestone.end_month)


def timeline_build(*, plan: ImplementationPlan) -> Timeline:
    """The timeline of `plan` (loaded with `plan_full`: this makes no queries)."""
    by_phase: dict[int, tuple[EPISPhase, list[Milestone]]] = {}
    for milestone in plan.milestones.all():
        by_phase.setdefault(milestone.phase_id, (milestone.phase, []))[1].append(milestone)
    phases = sorted((phase for phase, _milestones in by_phase.values()), key=lambda p: (p.sort_order, p.pk))
    groups = []
    for index, phase in enumerate(phases):
        milestones = sorted(by_phase[phase.pk][1], key=lambda m: (m.start_month, milestone_end(m), m.pk))
        colour = PHASE_COLOURS.get(phase.key, FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)])
        groups.append(PhaseGroup(phase=phase, colour=colour, milestones=milestones))
    last = max((milestone_end(m) for group in groups for m in group.milestones), default=0)
    return Timeline(groups=groups, months=max(MIN_MONTHS, last))


def months_label(milestone: Milestone) -> str:
    """ "Month 3" or "Months 3–6"."""
    end = milestone_end(milestone)
    return f"Month {milestone.start_month}" if end == milestone.start_month else f"Months {milestone.start_month}–{end}"


# Drawing ---------------------------------------------------------------------------------------------

LABEL_WIDTH = 210
LABEL_CHARS = 30
CHART_WIDTH = 600
MARGIN = 8
PHASE_ROW = 30
ROW = 24
ROW_LINE = 14
BAR = 14
AXIS = 40
FONT = 12
SMALL = 10.5
#: Roughly how wide one character of the small text is, to decide where a bar's label fits.
SMALL_CHAR = 6.2


def _tick_step(months: int) -> int:
    for limit, step in ((12, 1), (24, 2), (36, 3), (60, 6)):
        if months <= limit:
            return step
    return 12


def _text(x: float, y: float, text: str, *, size: float = FONT, colour: str = TEXT_COLOUR, extra: str = "") -> str:
    return f'<text x="{x:g}" y="{y:g}" font-size="{size:g}" fill="{colour}"{extra}>{escape(text)}</text>'


def timeline_svg(timeline: Timeline, *, id_prefix: str = "timeline") -> SafeString:
    """The milestones as an SVG chart (role="img", <title>, <desc>); the table beside it says the same."""
    month_width = max(16, CHART_WIDTH // timeline.months)
    x0 = MARGIN + LABEL_WIDTH + 8
    right = x0 + timeline.months * month_width
    width = right + MARGIN + 4

    rows: list[str] = []
    y = MARGIN
    for group in timeline.groups:
        rows.append(
            f'<rect x="{MARGIN}" y="{y + 8}" width="14" height="14" fill="{group.colour}" rx="2"/>'
            + _text(MARGIN + 20, y + 20, f"{group.phase.name} phase", size=FONT + 1, extra=' font-weight="700"')
        )
        y += PHASE_ROW
        for milestone in group.milestones:
            title_lines = wrap_text(milestone.title, LABEL_CHARS, 2)
            row_height = max(ROW, len(title_lines) * ROW_LINE + 10)
            for index, line in enumerate(title_lines):
                rows.append(_text(MARGIN + 20, y + 15 + index * ROW_LINE, line))
            end = milestone_end(milestone)
            bar_x = x0 + (milestone.start_month - 1) * month_width
            bar_w = (end - milestone.start_month + 1) * month_width
            bar_y = y + (row_height - BAR) / 2
            rows.append(
                f'<rect x="{bar_x}" y="{bar_y:g}" width="{bar_w}" height="{BAR}" rx="3" fill="{group.colour}"/>'
            )
            label = f"{group.phase.name}: {months_label(milestone).lower()}"
            label_width = len(label) * SMALL_CHAR
            baseline = bar_y + BAR - 3
            if bar_x + bar_w + 6 + label_width <= right:
                rows.append(_text(bar_x + bar_w + 6, baseline, label, size=SMALL))
            elif bar_x - 6 - label_width >= x0:
                rows.append(_text(bar_x - 6, baseline, label, size=SMALL, extra=' text-anchor="end"'))
            else:
                rows.append(_text(bar_x + 4, baseline, label, size=SMALL, colour="#ffffff"))
            y += row_height
    chart_bottom = y + 4
    height = chart_bottom + AXIS

    grid = []
    step = _tick_step(timeline.months)
    for month in range(1, timeline.months + 1):
        x = x0 + (month - 1) * month_width
        grid.append(f'<line x1="{x}" y1="{MARGIN}" x2="{x}" y2="{chart_bottom}"/>')
        if month == 1 or month % step == 0:
            grid_label = _text(x + month_width / 2, chart_bottom + 16, str(month), size=SMALL, colour=MUTED_COLOUR)
            grid.append(grid_label.replace("<text ", '<text text-anchor="middle" ', 1))
    grid.append(f'<line x1="{right}" y1="{MARGIN}" x2="{right}" y2="{chart_bottom}"/>')

    count = sum(len(group.milestones) for group in timeline.groups)
    description = (
        f"{count} milestone{'s' if count != 1 else ''} in "
        f"{len(timeline.groups)} EPIS phase{'s' if len(timeline.groups) != 1 else ''} "
        f"({', '.join(group.phase.name for group in timeline.groups)}) over {timeline.last_month} months. "
        "The table next to the chart lists the same milestones."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        # Shrinks to fit a narrower column down to 85% of its size, then the region around it scrolls.
        f'style="width:100%;max-width:{width}px;min-width:{round(width * 0.85)}px;height:auto" '
        f'font-family="{FONT_FAMILY}">',
        f'<title id="{id_prefix}-title">Timeline: milestones by EPIS phase</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        '<g stroke="#d5dbe0" stroke-width="1">' + "".join(g for g in grid if g.startswith("<line")) + "</g>",
        *[g for g in grid if g.startswith("<text")],
        _text((x0 + right) / 2, height - 6, "Month of the study", size=SMALL, colour=MUTED_COLOUR).replace(
            "<text ", '<text text-anchor="middle" ', 1
        ),
        *rows,
        "</svg>",
    ]
    # Safe: every piece of text from the plan went through escape() above.
    return mark_safe("".join(parts))
