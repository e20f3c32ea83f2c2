"""Run chart rules: the median and the four signals of non-random variation, as pure functions.

The rules are those of Perla, Provost and Murray, "The run chart: a simple analytical tool for learning
from variation in healthcare processes", BMJ Quality & Safety 2011;20:46-51 (and Provost & Murray, *The
Health Care Data Guide*, 2011):

- **Centre line**: the median of a baseline, the first 12 points (or all of them if there are fewer).
- **Shift**: six or more consecutive points all above or all below the median. Points that fall *on* the
  median neither break a shift nor count towards it.
- **Trend**: five or more consecutive points all going up, or all going down. When neighbouring points
  are equal, the repeat is ignored: it neither breaks the trend nor counts towards it.
- **Runs**: a run is a series of points on the same side of the median; points on the median are not
  "useful observations" and are skipped. Too few or too many runs for the number of useful observations
  is a signal. The limits are computed here (`runs_limits`) from the exact distribution of the number of
  runs of Swed and Eisenhart (Ann Math Stat 1943;14:66-87), the distribution behind Perla et al.'s
  Table 1: a two-sided 5% risk (at most 2.5% in each tail), with the useful observations split as evenly
  as possible above and below the median. Perla et al. read their table from Swed and Eisenhart's printed
  tables, so at a few sizes their limit is one run wider (more conservative) than the exact one used
  here; both agree at, for example, 10 (3 and 9), 30 (11 and 21) and 60 (24 and 38) useful observations.
  The test is applied only with 10 or more useful observations, as in the paper.

Astronomical points are not flagged: they need a judgement about the process that a rule cannot make.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from math import comb
from statistics import median as _median

BASELINE_POINTS = 12
SHIFT_LENGTH = 6
TREND_LENGTH = 5
RUNS_MIN_USEFUL = 10
RUNS_TAIL = 0.025


def baseline_median(values: list[float]) -> tuple[float | None, int]:
    """The median of the first 12 values (or of all of them if fewer), and how many values it used."""
    baseline = values[:BASELINE_POINTS]
    if not baseline:
        return None, 0
    return float(_median(baseline)), len(baseline)


def _side(value: float, centre: float) -> int:
    return (value > centre) - (value < centre)


def shift_points(values: list[float], centre: float) -> list[list[int]]:
    """The shifts: each a list of the indices of 6+ consecutive useful points on one side of `centre`.

    Points on the centre line are skipped (they neither break nor count); they are not in the lists.
    """
    shifts: list[list[int]] = []
    current: list[int] = []
    current_side = 0
    for index, value in enumerate(values):
        side = _side(value, centre)
        if side == 0:
            continue
        if side != current_side:
            if len(current) >= SHIFT_LENGTH:
                shifts.append(current)
            current, current_side = [], side
        current.append(index)
    if len(current) >= SHIFT_LENGTH:
        shifts.append(current)
    return shifts


def trend_points(values: list[float]) -> list[list[int]]:
    """The trends: each a list of the indices of 5+ consecutive points all going up or all going down.

    A point equal to the one before it is ignored (neither breaks nor counts) and is left out of the list.
    Two trends may share their turning point.
    """
    # Drop repeats, keeping the index of the first of each group of equal neighbours.
    kept: list[int] = []
    for index, value in enumerate(values):
        if kept and values[kept[-1]] == value:
            continue
        kept.append(index)
    trends: list[list[int]] = []
    current: list[int] = kept[:1]
    direction = 0
    for index in kept[1:]:
        step = _side(values[index], values[current[-1]])
        if direction == 0 or step == direction:
            direction = step
            current.append(index)
            continue
        if len(current) >= TREND_LENGTH:
            trends.append(current)
        current, direction = [current[-1], index], step
    if len(current) >= TREND_LENGTH:
        trends.append(current)
    return trends


def runs_count(values: list[float], centre: float) -> tuple[int, int]:
    """The number of runs about `centre` and the number of useful observations (points not on it)."""
    sides = [side for side in (_side(value, centre) for value in values) if side != 0]
    if not sides:
        return 0, 0
    runs = 1 + sum(1 for before, after in zip(sides, sides[1:], strict=False) if before != after)
    return runs, len(sides)


def _runs_probability(runs: int, above: int, below: int) -> float:
    """Swed and Eisenhart: the probability of exactly `runs` runs with `above` and `below` points."""
    total = comb(above + below, above)
    if runs % 2 == 0:
        k = runs // 2
        ways = 2 * comb(above - 1, k - 1) * comb(below - 1, k - 1)
    else:
        k = (runs - 1) // 2
        ways = comb(above - 1, k - 1) * comb(below - 1, k) + comb(above - 1, k) * comb(below - 1, k - 1)
    return ways / total


@cache
def runs_limits(useful: int) -> tuple[int, int] | None:
    """The (lower, upper) limits for the number of runs with this many useful observations.

    Fewer runs than `lower`, or more than `upper`, is a signal. None below 10 useful observations.
    See the module's docstring for the source and how it compares with Perla et al.'s Table 1.
    """
    if useful < RUNS_MIN_USEFUL:
        return None
    below = useful // 2
    above = useful - below
    maximum = 2 * below + (1 if above > below else 0)
    probabilities = {runs: _runs_probability(runs, above, below) for runs in range(2, maximum + 1)}
    lower, cumulative = 2, 0.0
    for runs in range(2, maximum + 1):
        cumulative += probabilities[runs]
        if cumulative > RUNS_TAIL:
            lower = runs
            break
    upper, cumulative = maximum, 0.0
    for runs in range(maximum, 1, -1):
        cumulative += probabilities[runs]
        if cumulative > RUNS_TAIL:
            upper = runs
            break
    return lower, upper


@dataclass
class RunChartAnalysis:
    """The median and the signals found in a series of monthly values (None where a month has no value)."""

    values: list[float | None]
    median: float | None = None
    baseline_points: int = 0
    shifts: list[list[int]] = field(default_factory=list)
    trends: list[list[int]] = field(default_factory=list)
    runs: int = 0
    useful: int = 0
    runs_limits: tuple[int, int] | None = None

    @property
    def shift_indices(self) -> set[int]:
        return {index for shift in self.shifts for index in shift}

    @property
    def trend_indices(self) -> set[int]:
        return {index for trend in self.trends for index in trend}

    @property
    def too_few_runs(self) -> bool:
        return self.runs_limits is not None and self.runs < self.runs_limits[0]

    @property
    def too_many_runs(self) -> bool:
        return self.runs_limits is not None and self.runs > self.runs_limits[1]

    @property
    def has_signal(self) -> bool:
        return bool(self.shifts or self.trends or self.too_few_runs or self.too_many_runs)


def analyse(values: list[float | None]) -> RunChartAnalysis:
    """Apply the run chart rules to a series in time order; months without a value are skipped.

    Indices in the result refer to positions in `values` (gaps included), so they can mark the chart.
    """
    present = [(index, value) for index, value in enumerate(values) if value is not None]
    analysis = RunChartAnalysis(values=list(values))
    if not present:
        return analysis
    positions = [index for index, _ in present]
    series = [value for _, value in present]
    analysis.median, analysis.baseline_points = baseline_median(series)
    analysis.shifts = [[positions[i] for i in shift] for shift in shift_points(series, analysis.median)]
    analysis.trends = [[positions[i] for i in trend] for trend in trend_points(series)]
    analysis.runs, analysis.useful = runs_count(series, analysis.median)
    analysis.runs_limits = runs_limits(analysis.useful)
    return analysis
