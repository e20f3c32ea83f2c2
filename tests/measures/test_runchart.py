"""The run chart rules on series worked by hand."""

import pytest

from measures.runchart import analyse, baseline_median, runs_count, runs_limits, shift_points, trend_points


def test_baseline_median_uses_the_first_twelve_points():
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 100, 100, 100]
    assert baseline_median(values) == (6.5, 12)


def test_baseline_median_uses_all_points_when_fewer_than_twelve():
    assert baseline_median([5, 1, 3]) == (3.0, 3)
    assert baseline_median([]) == (None, 0)


def test_six_points_above_the_median_are_a_shift():
    # Median 10: points 3..8 are all above.
    values = [9, 8, 10, 11, 12, 11, 13, 12, 11, 9]
    assert shift_points(values, 10) == [[3, 4, 5, 6, 7, 8]]


def test_five_points_on_one_side_are_not_a_shift():
    assert shift_points([9, 11, 12, 11, 13, 12, 9], 10) == []


def test_points_on_the_median_neither_break_nor_count():
    # Five above, one on the median, one above: six useful points above, the one on the median left out.
    values = [11, 12, 11, 13, 12, 10, 11]
    assert shift_points(values, 10) == [[0, 1, 2, 3, 4, 6]]
    # Five above with two on the median: still only five, no shift.
    assert shift_points([11, 12, 10, 11, 10, 13, 12], 10) == []


def test_shift_below_the_median_and_two_shifts():
    values = [1, 2, 1, 2, 1, 2, 9, 8, 9, 8, 9, 8]
    assert shift_points(values, 5) == [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]]


def test_five_points_going_up_are_a_trend():
    assert trend_points([3, 1, 2, 3, 4, 5, 4]) == [[1, 2, 3, 4, 5]]


def test_four_points_going_down_are_not_a_trend():
    assert trend_points([9, 8, 7, 6, 7, 8]) == []


def test_equal_neighbours_neither_break_nor_count_in_a_trend():
    # 1, 2, 2, 3, 4: the repeated 2 is ignored, so only four points going up: no trend.
    assert trend_points([1, 2, 2, 3, 4]) == []
    # 1, 2, 2, 3, 4, 5: five going up once the repeat is ignored; the repeat (index 2) is left out.
    assert trend_points([1, 2, 2, 3, 4, 5]) == [[0, 1, 3, 4, 5]]


def test_trends_down_then_up_share_the_turning_point():
    values = [9, 8, 7, 6, 5, 6, 7, 8, 9]
    assert trend_points(values) == [[0, 1, 2, 3, 4], [4, 5, 6, 7, 8]]


def test_runs_are_counted_over_useful_observations():
    # Above, above, below, on, below, above: sides + + - - + → 3 runs, 5 useful observations.
    assert runs_count([6, 7, 3, 5, 4, 8], 5) == (3, 5)


@pytest.mark.parametrize(
    ("useful", "limits"),
    [
        # Worked by hand from Swed and Eisenhart with five above and five below (252 arrangements):
        # P(2 runs) = 2/252, P(3 runs) = 8/252, so fewer than 3 runs is below 2.5%, fewer than 4 is not.
        (10, (3, 9)),
        # Six and six (924 arrangements): P(2) + P(3) = 12/924 = 1.3%, adding P(4) = 50/924 passes 2.5%.
        (12, (4, 10)),
        # Rows where Perla, Provost and Murray's Table 1 gives the same limits.
        (30, (11, 21)),
        (60, (24, 38)),
    ],
)
def test_runs_limits(useful, limits):
    assert runs_limits(useful) == limits


def test_no_runs_test_below_ten_useful_observations():
    assert runs_limits(9) is None


def test_runs_limits_widen_with_more_observations():
    previous = runs_limits(10)
    for useful in range(11, 61):
        lower, upper = runs_limits(useful)
        assert lower >= previous[0] and upper >= previous[1]
        assert lower < useful / 2 + 1 < upper
        previous = (lower, upper)


def test_analyse_a_clear_improvement():
    # A stable first year about 50, then a step change to about 80.
    before = [50, 52, 48, 51, 49, 50, 53, 47, 50, 51, 49, 50]
    after = [78, 80, 82, 79, 81, 80]
    analysis = analyse(before + after)
    assert analysis.median == 50.0 and analysis.baseline_points == 12
    assert analysis.shifts == [[12, 13, 14, 15, 16, 17]]
    assert analysis.has_signal


def test_analyse_too_few_runs():
    # Six below then fourteen above the baseline median of 5: 2 runs where at least 7 are expected for 20.
    values = [1, 2, 1, 2, 1, 2] + [8, 9] * 7
    analysis = analyse(values)
    assert analysis.median == 5.0
    assert (analysis.runs, analysis.useful, analysis.runs_limits) == (2, 20, (7, 15))
    assert analysis.too_few_runs


def test_analyse_too_many_runs():
    values = [1, 9] * 8
    analysis = analyse(values)
    assert analysis.runs == 16 and analysis.useful == 16
    assert analysis.too_many_runs


def test_analyse_skips_months_without_a_value_and_keeps_positions():
    values = [10, None, 11, 12, None, 13, 14, 15]
    analysis = analyse(values)
    assert analysis.trends == [[0, 2, 3, 5, 6, 7]]
    assert analyse([None, None]).median is None


def test_random_looking_series_has_no_signal():
    values = [50, 55, 53, 48, 47, 52, 56, 49, 46, 51, 54, 45]
    analysis = analyse(values)
    assert not analysis.shifts and not analysis.trends
    # Median 50.5; sides - + + - - + + - - + + -: 7 runs, within 4 to 10 for 12 observations.
    assert analysis.runs == 7
    assert not analysis.too_few_runs and not analysis.too_many_runs
