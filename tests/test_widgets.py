"""Widgets and figures: the functions a widget calls, tested without a browser."""

import base64

import ipywidgets
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from convlessons import plotting, widgets
from convlessons.signals import output_length, output_sample_terms


@pytest.fixture
def recorded_draws(record_drawing):
    return record_drawing(plotting, "draw_slide")


def test_slide_explorer_redraws_for_every_control(recorded_draws):
    f, g = [10, 9, 10, 9, 10, 1, 10, 9, 10, 8], [1 / 3, 1 / 3, 1 / 3]
    explorer = widgets.slide_explorer(f, g)
    index, mode, operation = explorer.children[:3]
    assert index.max == 11 and recorded_draws[-1][2:] == (0, "full", "convolution")

    index.value = 5
    assert recorded_draws[-1][2:] == (5, "full", "convolution")

    mode.value = "valid"  # the slider shrinks to the 8 valid outputs; k=5 still fits
    assert index.max == 7
    assert recorded_draws[-1][2:] == (5, "valid", "convolution")

    index.value = 7
    mode.value = "same"
    assert index.max == 9
    operation.value = "correlation"
    assert recorded_draws[-1][2:] == (7, "same", "correlation")


def test_slide_explorer_clamps_the_index_when_the_output_shrinks(recorded_draws):
    explorer = widgets.slide_explorer([1, 2, 3, 4], [1, 1, 1])
    index, mode, _ = explorer.children[:3]
    index.value = 5
    mode.value = "valid"
    assert index.max == 1 and index.value == 1
    assert recorded_draws[-1][2:] == (1, "valid", "convolution")


def test_a_mode_change_that_clamps_the_index_draws_once(recorded_draws):
    explorer = widgets.slide_explorer([1, 2, 3, 4], [1, 1, 1])
    index, mode, _ = explorer.children[:3]
    index.value = 5
    drawn = len(recorded_draws)
    mode.value = "valid"  # k = 5 is clamped to 1: one figure, not two
    assert len(recorded_draws) == drawn + 1


@pytest.mark.parametrize("bad, message", [
    ({"mode": "wide"}, "mode must be one of"),
    ({"operation": "flip"}, "operation must be one of"),
    ({"f": [[1, 2]]}, "f must be 1-D"),
    ({"g": []}, "g must not be empty"),
])
def test_slide_explorer_bad_input(bad, message):
    arguments = {"f": [1, 2, 3], "g": [1, 1]} | bad
    with pytest.raises((ValueError, TypeError), match=message):
        widgets.slide_explorer(**arguments)


@pytest.mark.parametrize("f, g", [([1, 2, 3, 4, 5], [1, -1]), ([2.0], [1, 2, 3]),
                                  ([1, 2], [0.1, 0.1, 0.8, 0.0])])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("operation", ["convolution", "correlation"])
def test_draw_slide_at_both_ends_of_every_output(f, g, mode, operation):
    last = output_length(len(f), len(g), mode) - 1
    for k in {0, last}:
        figure = plotting.draw_slide(f, g, k, mode, operation)
        expected = plotting.format_sample(output_sample_terms(f, g, k, mode, operation))
        assert figure.axes[1].get_title() == expected
        oracle = np.convolve if operation == "convolution" else np.correlate
        value = float(expected.rsplit("= ", 1)[1])
        assert value == pytest.approx(oracle(f, g, mode)[k], abs=1e-3)


def test_draw_slide_rejects_an_index_past_the_end():
    with pytest.raises(ValueError, match="k must be below the output length 4"):
        plotting.draw_slide([1, 2, 3], [1, 1], 4)


def test_format_sample_writes_negative_and_fractional_numbers_readably():
    sample = output_sample_terms([2, -3], [1, 0.25], k=1)
    assert plotting.format_sample(sample) == "y[1] = 2×0.25 + (-3)×1 = -2.5"


def test_plot_helpers_reject_bad_input():
    with pytest.raises(TypeError, match="signals must be a non-empty dict"):
        plotting.plot_signals([1, 2, 3])
    with pytest.raises(ValueError, match=r"signals\['a'\] must be 1-D"):
        plotting.plot_signals({"a": [[1, 2]]})
    with pytest.raises(TypeError, match="signal must contain numbers"):
        plotting.plot_signal(["a", "b"])


# --- lesson 2 and 3 explorers ---------------------------------------------------------


@pytest.fixture
def recorded_kernels(record_drawing):
    return record_drawing(plotting, "draw_kernel_result", lambda image, kernel: np.array(kernel))


def test_kernel_explorer_menu_fills_the_boxes_and_redraws(recorded_kernels):
    explorer = widgets.kernel_explorer(np.eye(6), kernel="identity")
    menu, grid = explorer.children[:2]
    assert np.array_equal(recorded_kernels[-1], np.eye(3)[[0, 1, 2]] * [[0], [1], [0]])
    menu.value = "sobel x (vertical edges)"
    assert np.array_equal(recorded_kernels[-1], [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    assert [box.value for box in grid.children] == [-1, 0, 1, -2, 0, 2, -1, 0, 1]
    # Filling nine boxes must redraw once, not nine times.
    before = len(recorded_kernels)
    menu.value = "laplacian (all edges)"
    assert len(recorded_kernels) == before + 1


def test_kernel_explorer_opens_on_a_blur_drawn_without_stretching(recorded_kernels):
    # The opening picture must not be stretched to a range beyond 0..1 (it looked washed out):
    # a box blur of an image in 0..1 stays in 0..1, which scipy confirms on random pixels.
    from scipy import signal

    explorer = widgets.kernel_explorer(np.eye(6))
    assert explorer.children[0].value == "box blur"
    opening = recorded_kernels[-1]
    np.testing.assert_allclose(opening, np.full((3, 3), 1 / 9))
    pixels = np.random.default_rng(0).random((20, 20))
    result = signal.convolve2d(pixels, opening, mode="same", boundary="symm")
    assert result.min() >= 0 and result.max() <= 1


def test_editing_a_box_switches_to_custom_and_uses_the_new_number(recorded_kernels):
    explorer = widgets.kernel_explorer(np.eye(6), kernel="box blur")
    menu, grid = explorer.children[:2]
    grid.children[4].value = 5.0
    assert menu.value == widgets.CUSTOM
    assert recorded_kernels[-1][1, 1] == 5.0
    assert recorded_kernels[-1][0, 0] == pytest.approx(1 / 9)
    menu.value = widgets.CUSTOM  # choosing "custom" itself keeps the numbers
    assert recorded_kernels[-1][1, 1] == 5.0


@pytest.mark.parametrize("name", list(widgets.NAMED_KERNELS))
def test_every_menu_entry_is_a_three_by_three_kernel_with_the_documented_sum(name):
    kernel = widgets.three_by_three(name)
    assert kernel.shape == (3, 3)
    expected = 0.0 if any(word in name for word in ("sobel", "laplacian", "diagonal")) else 1.0
    assert kernel.sum() == pytest.approx(expected)


def test_kernel_explorer_bad_input():
    with pytest.raises(ValueError, match="kernel must be one of"):
        widgets.kernel_explorer(np.eye(4), kernel="emboss")
    with pytest.raises(ValueError, match="image must be 2-D"):
        widgets.kernel_explorer(np.ones((4, 4, 3)))


@pytest.mark.parametrize("kernel", [np.zeros((3, 3)), np.full((3, 3), np.nan),
                                    [[1e6, 0, 0], [0, 0, 0], [0, 0, -1e6]]])
def test_draw_kernel_result_survives_extreme_kernels(kernel):
    figure = plotting.draw_kernel_result(np.eye(5), kernel)
    assert len(figure.axes) == 3


def test_border_explorer_redraws_with_each_control(record_drawing):
    calls = record_drawing(plotting, "draw_padding", lambda *args: args[1:])
    explorer = widgets.border_explorer()
    mode, width, kernel = explorer.children[:3]
    assert calls[-1] == (2, "zeros", 3)
    mode.value = "reflect"
    width.value = 10
    kernel.value = 9
    assert calls[-1] == (10, "reflect", 9)


@pytest.mark.parametrize("mode", ["zeros", "reflect", "symmetric", "replicate", "circular"])
@pytest.mark.parametrize("width, kernel_size, expected", [
    (0, 1, "10 x 10 -> 10 x 10; a 1 x 1 kernel gives 10 x 10"),
    (10, 9, "10 x 10 -> 30 x 30; a 9 x 9 kernel gives 22 x 22"),
    (0, 11, "a 11 x 11 kernel does not fit"),
])
def test_draw_padding_titles_at_the_extremes(mode, width, kernel_size, expected):
    from convlessons.data import tiny_image

    figure = plotting.draw_padding(tiny_image(), width, mode, kernel_size)
    assert figure.axes[0].get_title().endswith(expected)


def shown_png(output):
    """The PNG bytes an Output widget holds; it must hold exactly one picture, followed
    by the status message that announces it to screen readers."""
    shown, status = output.outputs
    assert shown["output_type"] == "display_data"
    assert status["data"]["text/plain"].startswith("Picture updated: ")
    assert 'role="status"' in status["data"]["text/html"]
    png = base64.b64decode(shown["data"]["image/png"])
    assert png.startswith(b"\x89PNG")
    return png


def test_explorer_figures_reach_the_page_only_through_their_output_widget():
    """Each redraw replaces the widget's one picture and leaves pyplot holding nothing.

    The inline backend shows every figure pyplot still holds after each widget
    message, outside the widget: a redraw that left its figure open, or drew
    with interactive mode on, would be shown twice.
    """
    open_before = plt.get_fignums()
    matplotlib.interactive(True)  # as in a notebook
    try:
        explorer = widgets.slide_explorer([1, 2, 3, 4], [1, 1])
        figure_area = explorer.children[-1]
        pictures = [shown_png(figure_area)]
        explorer.children[0].value = 3
        pictures.append(shown_png(figure_area))
        explorer.children[1].value = "valid"  # shrinks the slider too: clamps k to 2
        pictures.append(shown_png(figure_area))
        assert matplotlib.is_interactive()  # restored after each redraw
    finally:
        matplotlib.interactive(False)
    assert plt.get_fignums() == open_before
    assert len(set(pictures)) == 3


def test_an_error_while_drawing_leaves_no_figure_open_and_the_old_picture_shown():
    from convlessons.widgets import _common

    def drawn(*args):
        figure, _ = plt.subplots()
        return figure

    def half_drawn(*args):
        plt.subplots()
        raise RuntimeError("drawing failed")

    output = ipywidgets.Output()
    open_before = plt.get_fignums()
    _common.show_figure(output, drawn)
    before = shown_png(output)
    with pytest.raises(RuntimeError, match="drawing failed"):
        _common.show_figure(output, half_drawn)
    assert plt.get_fignums() == open_before
    assert shown_png(output) == before
