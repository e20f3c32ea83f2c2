"""Run charts drawn on the server as SVG: the geometry for templates/measures/includes/run_chart.html.

No JavaScript and no external library: the template draws the points, the median line and text labels
from the numbers here, and repeats every figure in a table. Points in a shift are drawn as squares and
points in a trend as triangles, so colour is never the only cue.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.formats import date_format

from measures.models import Measure, MeasureKind
from measures.runchart import RunChartAnalysis, analyse
from measures.selectors import Series

WIDTH = 640
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 20, 56


@dataclass
class ChartPoint:
    x: float
    y: float
    month: datetime.date
    month_label: str
    value: float
    value_label: str
    numerator: int | None
    denominator: int | None
    in_shift: bool
    in_trend: bool

    @property
    def triangle(self) -> str:
        return f"{self.x:.1f},{self.y - 6:.1f} {self.x - 6:.1f},{self.y + 5:.1f} {self.x + 6:.1f},{self.y + 5:.1f}"


@dataclass
class RunChart:
    """Everything the template needs to draw one measure's run chart and its table."""

    slug: str
    title: str
    description: str
    unit_label: str
    width: int = WIDTH
    height: int = HEIGHT
    points: list[ChartPoint] = field(default_factory=list)
    path: str = ""
    median_y: float | None = None
    median_label: str = ""
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    signals: list[str] = field(default_factory=list)
    analysis: RunChartAnalysis | None = None
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM


def _format(value: float, kind: str, unit: str) -> str:
    if kind == MeasureKind.PROPORTION:
        return f"{value:.1f}%"
    text = f"{value:g}"
    return f"{text} {unit}" if unit else text


def run_chart(*, measure: Measure, series: Series, slug: str, where: str) -> RunChart:
    """The run chart of one measure's series, with its median, signals and labels."""
    analysis = analyse(series.values)
    kind, unit = measure.kind, measure.unit
    present = [value for value in series.values if value is not None]
    if kind == MeasureKind.PROPORTION:
        top = 100.0
        unit_label = "Per cent"
    else:
        top = max(present, default=0) * 1.15 or 1.0
        unit_label = unit.capitalize() if unit else "Number"
    chart = RunChart(
        slug=slug,
        title=f"{measure.name}: {where}",
        description="",
        unit_label=unit_label,
        analysis=analysis,
    )
    plot_width = chart.plot_right - chart.plot_left
    plot_height = chart.plot_bottom - chart.plot_top
    count = len(series.months)
    step = plot_width / max(count - 1, 1)

    def x_of(index: int) -> float:
        return chart.plot_left + (index * step if count > 1 else plot_width / 2)

    def y_of(value: float) -> float:
        return chart.plot_bottom - plot_height * (value / top)

    shift, trend = analysis.shift_indices, analysis.trend_indices
    for index, value in enumerate(series.values):
        if value is None:
            continue
        month = series.months[index]
        chart.points.append(
            ChartPoint(
                x=x_of(index),
                y=y_of(value),
                month=month,
                month_label=date_format(month, "M Y"),
                value=value,
                value_label=_format(value, kind, unit),
                numerator=series.numerators[index],
                denominator=series.denominators[index],
                in_shift=index in shift,
                in_trend=index in trend,
            )
        )
    chart.path = " ".join(
        f"{'M' if i == 0 else 'L'}{point.x:.1f},{point.y:.1f}" for i, point in enumerate(chart.points)
    )
    chart.y_ticks = [(y_of(top * i / 4), _format(top * i / 4, kind, "")) for i in range(5)]
    every = 1 if count <= 12 else (2 if count <= 24 else 3)
    chart.x_ticks = [
        (x_of(index), date_format(month, "M y")) for index, month in enumerate(series.months) if index % every == 0
    ]
    if analysis.median is not None:
        chart.median_y = y_of(analysis.median)
        basis = (
            f"the first {analysis.baseline_points} months"
            if analysis.baseline_points == 12
            else f"all {analysis.baseline_points} months so far (fewer than 12)"
        )
        chart.median_label = f"Median {_format(analysis.median, kind, unit)}, from {basis}"
    chart.signals = _signals(analysis, chart.points)
    chart.description = _describe(chart, analysis)
    return chart


def _signals(analysis: RunChartAnalysis, points: list[ChartPoint]) -> list[str]:
    by_index = {}
    position = 0
    for index, value in enumerate(analysis.values):
        if value is not None:
            by_index[index] = points[position]
            position += 1
    signals = []
    for shift in analysis.shifts:
        side = "above" if analysis.values[shift[0]] > analysis.median else "below"
        signals.append(
            f"Shift: {len(shift)} points in a row {side} the median, "
            f"{by_index[shift[0]].month_label} to {by_index[shift[-1]].month_label} (shown as squares)."
        )
    for trend in analysis.trends:
        way = "up" if analysis.values[trend[-1]] > analysis.values[trend[0]] else "down"
        signals.append(
            f"Trend: {len(trend)} points in a row going {way}, "
            f"{by_index[trend[0]].month_label} to {by_index[trend[-1]].month_label} (shown as triangles)."
        )
    if analysis.runs_limits is not None:
        low, high = analysis.runs_limits
        if analysis.too_few_runs:
            signals.append(f"Too few runs: {analysis.runs}, where {low} to {high} are expected by chance.")
        elif analysis.too_many_runs:
            signals.append(f"Too many runs: {analysis.runs}, where {low} to {high} are expected by chance.")
    return signals


def _describe(chart: RunChart, analysis: RunChartAnalysis) -> str:
    if not chart.points:
        return "No data yet."
    first, last = chart.points[0], chart.points[-1]
    text = (
        f"Run chart of {len(chart.points)} months from {first.month_label} ({first.value_label}) "
        f"to {last.month_label} ({last.value_label}). {chart.median_label}."
    )
    if chart.signals:
        text += " " + " ".join(chart.signals)
    else:
        text += " No signal of non-random variation."
    if analysis.runs_limits is None:
        text += " Too few points to test the number of runs (10 needed off the median)."
    return text
