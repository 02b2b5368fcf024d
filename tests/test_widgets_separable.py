"""Lesson 9 explorer and figures: costs against real layers, every control redraws."""

import numpy as np
import pytest

from convlessons.alt_text import figure_text
from convlessons.layers import Conv2D, conv2d
from convlessons.plotting import separable as separable_plots
from convlessons.separable import (
    conv_cost,
    gradient_footprint,
    layer_costs,
    receptive_window,
    separable_block,
    separable_cost,
    separable_ratio,
)
from convlessons.widgets import separable as separable_widgets
from convlessons.widgets.separable import RANGES, describe_stack, stack_costs, stack_explorer


@pytest.mark.parametrize("c_in, c_out, k, side, groups", [(32, 64, 3, 8, 1), (8, 8, 3, 5, 8),
                                                          (12, 6, 5, 4, 3), (3, 1, 1, 7, 1)])
def test_conv_cost_counts_what_a_real_layer_holds_and_multiplies(c_in, c_out, k, side, groups):
    layer = Conv2D(c_in, c_out, k, padding=k // 2, seed=0, groups=groups)
    parameters, multiplications = conv_cost(c_in, c_out, k, side, groups=groups)
    assert parameters == layer.parameter_count()
    # Count the products a loop would do: each output value, one per weight of its filter.
    out = conv2d(np.zeros((c_in, side, side)), layer.weight, groups=groups, padding=k // 2)
    assert multiplications == out.size * (c_in // groups) * k * k


def test_the_separable_ratio_is_the_ratio_of_the_counts():
    for c_in, c_out, k in [(32, 64, 3), (16, 16, 5), (3, 128, 7)]:
        full, separable = conv_cost(c_in, c_out, k, 9, bias=False), separable_cost(
            c_in, c_out, k, 9, bias=False)
        assert separable[1] / full[1] == pytest.approx(separable_ratio(c_out, k))
        assert separable[0] / full[0] == pytest.approx(separable_ratio(c_out, k))


def test_the_block_has_the_costs_of_its_two_halves():
    rows = layer_costs(separable_block(32, 64, seed=0), (32, 8, 8))
    assert [row[2] for row in rows] == [320, 0, 2112, 0]
    assert sum(row[3] for row in rows) == separable_cost(32, 64, 3, 8)[1]


@pytest.mark.parametrize("settings, position", [
    ([(3, 1, 1, 1), (3, 2, 1, 0)], (3, 3)),
    ([(5, 2, 1, 2), (3, 1, 2, 2)], (2, 4)),
    ([(3, 1, 3, 3), (1, 1, 1, 0), (3, 2, 1, 1)], (1, 2)),
])
def test_the_window_is_where_the_gradient_goes(settings, position):
    layers = [Conv2D(1, 1, k, stride=s, padding=p, dilation=d, seed=0) for k, s, d, p in settings]
    seen = gradient_footprint(layers, (1, 24, 24), position)
    rows, cols = np.flatnonzero(seen.any(axis=1)), np.flatnonzero(seen.any(axis=0))
    first, last = receptive_window(settings, position[0])
    assert (rows.min(), rows.max()) == (max(first, 0), min(last, 23))
    first, last = receptive_window(settings, position[1])
    assert (cols.min(), cols.max()) == (max(first, 0), min(last, 23))


def test_group_connections_and_their_figure():
    seen = separable_plots.group_connections(6, 4, 2)
    assert seen.tolist() == [[1, 1, 1, 0, 0, 0], [1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1],
                             [0, 0, 0, 1, 1, 1]]
    text = figure_text(separable_plots.draw_group_connections(6, 4, 2))
    assert "12 of 24 pairs connected" in text.alt and "3 input channels" in text.alt
    with pytest.raises(ValueError, match="groups"):
        separable_plots.group_connections(6, 4, 4)


def test_the_receptive_field_figure_names_rows_columns_and_window():
    seen = np.zeros((6, 6), dtype=bool)
    seen[1:4, 2:5] = True
    text = figure_text(separable_plots.draw_receptive_field(seen, window=(1, 3)))
    assert "rows 1-3, columns 2-4" in text.alt and "1 to 3" in text.alt


def test_stack_costs_add_up_layer_by_layer():
    rows = stack_costs(3, 16, 5, stride=2, dilation=1, image_size=32)
    assert [row["size"] for row in rows] == [16, 8, 4]
    assert [row["field"] for row in rows] == [5, 13, 29]  # + 4, + 4 * 2, + 4 * 4
    assert rows[1]["full"] == conv_cost(16, 16, 5, 8)
    text = describe_stack(3, 16, 5, stride=2, image_size=32)
    assert "layer 3: 4 x 4 out, receptive field 29" in text
    with pytest.raises(ValueError, match="odd"):
        stack_costs(1, 8, 4)


@pytest.fixture
def recorded(record_drawing):
    return record_drawing(separable_widgets, "_draw_stack")


def test_every_control_changes_the_text_and_redraws(recorded):
    explorer = stack_explorer(layers=2, channels=16, kernel_size=3, stride=1, dilation=1,
                              image_size=16)
    sliders, note = explorer.children[:6], explorer.children[6]
    assert recorded == [(2, 16, 3, 1, 1, 16)]
    for slider in sliders:
        before, drawn = note.value, len(recorded)
        slider.value = slider.value + slider.step if slider.value < slider.max else slider.min
        assert note.value != before, slider.description
        assert len(recorded) == drawn + 1


def test_every_corner_of_the_sliders_gives_a_text():
    for layers in (1, 4):
        for channels in (8, 128):
            for kernel in (1, 7):
                for stride in (1, 2):
                    for dilation in (1, 3):
                        for size in (8, 64):
                            text = describe_stack(layers, channels, kernel, stride, dilation, size)
                            assert text.count("\n") == layers + 2


def test_out_of_range_starting_values_are_refused():
    assert set(RANGES) == {"layers", "channels", "kernel_size", "stride", "dilation",
                           "image_size"}
    with pytest.raises(ValueError, match="kernel_size must be one of"):
        stack_explorer(kernel_size=4)


def test_the_picture_names_every_setting_and_the_receptive_field():
    figure = separable_widgets._draw_stack(2, 16, 3, 1, 2, 24)
    assert figure._suptitle.get_text() == ("2 x (16 -> 16, kernel 3, stride 1, dilation 2) on "
                                           "24 x 24: receptive field 9 pixels")
