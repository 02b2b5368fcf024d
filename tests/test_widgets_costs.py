"""Lesson 10 explorer and figures: the functions the widget calls, at the edges of their range."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from convlessons.costs import METHODS, memory_bytes, multiplications
from convlessons.plotting.costs import draw_im2col, draw_method_times, draw_multiplications
from convlessons.widgets.costs import (
    LOOP_LIMIT,
    MEMORY_LIMIT,
    RANGES,
    cost_explorer,
    cost_table,
    runnable,
    seconds_per_multiplication,
)


def fake_timer(n, k, methods):
    """Seconds proportional to the count, so predicted and measured agree exactly."""
    return {method: multiplications(method, n, k) * 1e-9 for method in methods}


def test_rates_turn_counts_into_the_measured_seconds():
    rates = seconds_per_multiplication(fake_timer)
    assert rates == {method: pytest.approx(1e-9) for method in METHODS}


@pytest.mark.parametrize("n", range(RANGES["image_size"][0], RANGES["image_size"][1] + 1, 16))
def test_the_explorer_never_runs_what_would_be_too_slow_or_too_large(n):
    for k in range(1, min(n, 31) + 1, 2):
        for method in METHODS:
            reason = runnable(method, n, k)
            too_slow = method == "loops" and multiplications(method, n, k) > LOOP_LIMIT
            too_large = memory_bytes(method, n, k) > MEMORY_LIMIT
            assert (reason is None) == (not too_slow and not too_large)


def test_table_rows_name_every_method_with_its_counts():
    rates = seconds_per_multiplication(fake_timer)
    n, k = 256, 31
    measured = fake_timer(n, k, [m for m in METHODS if runnable(m, n, k) is None])
    text = cost_table(n, k, rates, measured)
    assert f"{multiplications('fft', n, k):,}" in text
    assert "im2col + product not run" in text and "393 MB" in text
    assert "loops not run" in text


def test_explorer_redraws_when_a_slider_moves_and_explains_a_kernel_larger_than_the_image():
    explorer = cost_explorer(32, 5, timer=fake_timer)
    image_size, kernel_size, table = explorer.children
    assert image_size.description and kernel_size.description  # accessible names
    before = table.value
    kernel_size.value = 7
    assert table.value != before and f"{multiplications('shift_add', 32, 7):,}" in table.value
    image_size.value = 16
    kernel_size.value = 31
    assert "larger than the image" in table.value


@pytest.mark.parametrize("arguments, words", [
    ({"image_size": 20}, "image_size must be one of 16, 32"),
    ({"kernel_size": 4}, "kernel_size must be one of 1, 3"),
    ({"kernel_size": 33}, "kernel_size must be one of"),
    ({"image_size": 8}, "image_size"),
])
def test_explorer_refuses_settings_outside_its_sliders(arguments, words):
    with pytest.raises(ValueError, match=words):
        cost_explorer(timer=fake_timer, **arguments)


def test_im2col_figure_outlines_the_window_and_its_row():
    image = np.arange(20.0).reshape(4, 5)
    fig = draw_im2col(image, (2, 3), pixel=(2, 1))
    left, right = fig.axes
    assert "row 2 * 3 + 1 = 7" in right.get_title()
    assert len(left.patches) == 6 and len(right.patches) == 6  # 2 x 3 window, 6 taps in a row
    with pytest.raises(ValueError, match="pixel must lie"):
        draw_im2col(image, (2, 3), pixel=(3, 0))
    plt.close(fig)


def test_time_and_count_figures_draw_one_line_per_method_given():
    fig = draw_method_times([3, 5, 9], {"fft": [1e-3] * 3, "im2col": [1e-3, 2e-3, 4e-3]}, 64)
    assert [line.get_label() for line in fig.axes[0].get_lines()] == ["im2col + product", "FFT"]
    np.testing.assert_allclose(fig.axes[0].get_lines()[1].get_ydata(), [1.0, 1.0, 1.0])  # ms
    counts = draw_multiplications([3, 31], 256).axes[0].get_lines()
    assert list(counts[0].get_ydata()) == [multiplications("im2col", 256, k) for k in (3, 31)]
    plt.close("all")
