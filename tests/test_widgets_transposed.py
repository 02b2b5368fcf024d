"""Lesson 8 explorer and figures: overlap counts against a count by hand, every control redraws."""

import itertools

import numpy as np
import pytest

from convlessons.alt_text import figure_text
from convlessons.plotting import transposed as transposed_plots
from convlessons.widgets.transposed import RANGES, describe_transposed, transposed_explorer


def stamps_per_pixel(n, k, stride, padding, output_padding, dilation):
    """Along one axis: how many kernel taps land on each output sample, counted one by one."""
    length = (n - 1) * stride + dilation * (k - 1) + 1 + output_padding
    counts = np.zeros(length, dtype=int)
    for i in range(n):
        for a in range(k):
            counts[i * stride + a * dilation] += 1
    return counts[padding : length - padding]


SETTINGS = [
    (n, k, s, p, op, d)
    for n, k, s, p, op, d in itertools.product(range(1, 5), range(1, 5), range(1, 4), range(3),
                                               range(3), range(1, 3))
    if (op < s or op < d) and (n - 1) * s - 2 * p + d * (k - 1) + op + 1 >= 1
]


@pytest.mark.parametrize("settings", SETTINGS[::5])
def test_overlap_counts_are_the_product_of_the_counts_along_each_axis(settings):
    along = stamps_per_pixel(*settings)
    assert np.array_equal(transposed_plots.overlap_counts(*settings), np.outer(along, along))
    size = len(along)
    assert f"= {size} x {size} pixels" in describe_transposed(*settings)


@pytest.mark.parametrize("settings, reason", [
    ((3, 3, 2, 0, 2, 1), "output_padding 2 must be smaller than the stride 2 or the dilation 1"),
    ((1, 1, 1, 1, 0, 1), "no output is left"),
])
def test_invalid_settings_are_explained(settings, reason):
    last = describe_transposed(*settings).splitlines()[-1]
    assert last.startswith("Invalid settings:") and reason in last


def test_the_checkerboard_is_named_only_when_the_stride_does_not_divide_the_kernel():
    assert "checkerboard" in describe_transposed(3, 3, stride=2)
    assert "even away from the border" in describe_transposed(3, 4, stride=2)
    assert "even away from the border" in describe_transposed(3, 6, stride=3)
    assert "checkerboard" in describe_transposed(4, 6, stride=4)


def test_the_figure_writes_every_count_and_describes_them():
    figure = transposed_plots.draw_overlap_counts(2, 3, stride=2)
    counts = transposed_plots.overlap_counts(2, 3, stride=2)
    axes = figure.axes[0]
    assert [int(text.get_text()) for text in axes.texts] == counts.ravel().tolist()
    text = figure_text(figure)
    assert "1 to 4 stamps per pixel" in text.alt and "row 3: 2, 2, 4, 2, 2" in text.details


def test_the_stamp_figure_shows_each_stamp_and_the_sum():
    figure = transposed_plots.draw_stamps([1.0, 10.0, 100.0], [1.0, 2.0, 3.0], stride=2)
    written = [text.get_text() for text in figure.axes[0].texts]
    assert written[-7:] == ["1", "2", "13", "20", "130", "200", "300"]
    assert "[1, 2, 13, 20, 130, 200, 300]" in figure_text(figure).alt


@pytest.fixture
def recorded(record_drawing):
    return record_drawing(transposed_plots, "draw_overlap_counts")


def test_every_control_changes_the_text_and_redraws(recorded):
    explorer = transposed_explorer(input_size=3, kernel_size=4, stride=2, padding=1,
                                   output_padding=1, dilation=1)
    sliders, note = explorer.children[:6], explorer.children[6]
    assert recorded == [(3, 4, 2, 1, 1, 1)]
    for slider in sliders:
        before, drawn = note.value, len(recorded)
        slider.value = slider.value + 1 if slider.value < slider.max else slider.value - 1
        assert note.value != before, slider.description
        assert len(recorded) == drawn + 1 or "Invalid settings" in note.value


def test_invalid_settings_clear_the_figure(recorded):
    explorer = transposed_explorer(stride=2)
    figure_area = explorer.children[7]
    assert figure_area.outputs
    explorer.children[4].value = 2  # output padding 2 with stride 2 and dilation 1
    assert "Invalid settings" in explorer.children[6].value and not figure_area.outputs


def test_every_corner_of_the_sliders_gives_a_text_and_never_raises():
    for corner in itertools.product(*RANGES.values()):
        text = describe_transposed(*corner)
        assert text.startswith("settings:") and len(text.splitlines()) >= 5


def test_out_of_range_starting_values_are_refused():
    with pytest.raises(ValueError, match="stride must be at most 4"):
        transposed_explorer(stride=5)
    with pytest.raises(ValueError, match="input_size must be at least 1"):
        transposed_explorer(input_size=0)
