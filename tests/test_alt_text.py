"""Text alternatives of the figures: each names the data its figure drew, and follows it.

The expected numbers are worked out by hand from the inputs (sums of small
windows, maxima of blocks, output sizes), never copied from the code.
"""

from __future__ import annotations

import html
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest

from convlessons import alt_text, plotting
from convlessons.alt_text import FigureText, figure_text

BOX = np.ones((3, 3)) / 9
SHIFT = [[0, 0, 0], [0, 0, 1], [0, 0, 0]]
RAMP = np.arange(25.0).reshape(5, 5)
DIGITS = np.zeros((2, 8, 8))
DIGITS[0, 2:6, 3] = 1  # a "1"
DIGITS[1, 2, 2:6] = 1  # a bar


def _model():
    from convlessons.layers import Conv2D, Dense, Flatten, ReLU
    from convlessons.training import Sequential

    return Sequential([Conv2D(1, 2, 3, padding=1, seed=0), ReLU(), Flatten(),
                       Dense(2 * 8 * 8, 10, seed=0)])


# name: (call with data A, call with data B, what the text of A must name)
CASES = {
    "plot_signal": (lambda: plotting.plot_signal([3, 1, 4], label="x"),
                    lambda: plotting.plot_signal([2, 7], label="x"),
                    ["[3, 1, 4]", "'x'"]),
    "plot_signals": (lambda: plotting.plot_signals({"a": [1, 2, 3], "b": [5, 5]}),
                     lambda: plotting.plot_signals({"a": [1, 2, 4], "b": [5, 5]}),
                     ["'a'", "[1, 2, 3]", "[5, 5]"]),
    # y[2] = 4*1 + 1*2 + 3*3 = 15; y[0] = 3, y[1] = 1*1 + 3*2 = 7; flipped kernel [3, 2, 1].
    "draw_slide": (lambda: plotting.draw_slide([3, 1, 4, 1, 5], [1, 2, 3], 2),
                   lambda: plotting.draw_slide([3, 1, 4, 1, 5], [1, 2, 3], 3),
                   ["[3, 1, 4, 1, 5]", "[3, 2, 1]", "[3, 7]", "= 15"]),
    "show_image": (lambda: plotting.show_image([[0, -2], [3, 0]]),
                   lambda: plotting.show_image([[0, -2], [4, 0]]),
                   ["2 x 2", "-2 to 3"]),
    "show_kernel": (lambda: plotting.show_kernel([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]),
                    lambda: plotting.show_kernel([[0, -1, 0], [-1, 4, -1], [0, -1, 0]]),
                    ["sum = 1", "0, -1, 0; -1, 5, -1; 0, -1, 0"]),
    "draw_kernel_result": (lambda: plotting.draw_kernel_result(np.eye(6), BOX),
                           lambda: plotting.draw_kernel_result(np.eye(6), SHIFT),
                           ["6 x 6", "0.11, 0.11, 0.11", "sum 1"]),
    # The flipped shift kernel picks the pixel left of the centre: y[2, 2] = x[2, 1] = 11.
    "draw_patch_product": (lambda: plotting.draw_patch_product(RAMP, SHIFT, 2, 2),
                           lambda: plotting.draw_patch_product(RAMP, SHIFT, 2, 3),
                           ["(2, 2)", "6, 7, 8; 11, 12, 13; 16, 17, 18", "sums to 11"]),
    # 4 + 2 * 2 = 8 per axis; a 3 x 3 kernel on 8 gives 8 - 3 + 1 = 6.
    "draw_padding": (lambda: plotting.draw_padding(np.ones((4, 4)), 2, "zeros"),
                     lambda: plotting.draw_padding(np.ones((4, 4)), 1, "zeros"),
                     ["4 x 4", "8 x 8", "zeros", "6 x 6"]),
    # floor((10 - 3) / 2) + 1 = 4 positions covering samples 0..8: sample 9 is missed.
    "draw_window_positions": (lambda: plotting.draw_window_positions(10, 3, stride=2),
                              lambda: plotting.draw_window_positions(10, 3, stride=1),
                              ["4 positions", "samples 0 to 2", "sample 9"]),
    "draw_axis_positions": (lambda: plotting.draw_axis_positions(10, 3, stride=2),
                            lambda: plotting.draw_axis_positions(10, 3, stride=1),
                            ["4 positions", "sample 9", "stride 2"]),
    # floor((13 - 3) / 2) + 1 = 6.
    "draw_layer_grid": (lambda: plotting.draw_layer_grid(13, 3, stride=2),
                        lambda: plotting.draw_layer_grid(13, 3, stride=1),
                        ["13 x 13", "6 x 6"]),
    "show_channels": (lambda: plotting.show_channels(np.arange(12.0).reshape(3, 2, 2),
                                                      names=["R", "G", "B"]),
                      lambda: plotting.show_channels(np.zeros((3, 2, 2)),
                                                     names=["R", "G", "B"]),
                      ["R", "G", "B", "0 to 3", "4 to 7", "8 to 11"]),
    # Channel 0's first window 0+1+3+4 = 8, channel 1's 9+10+12+13 = 44; + bias 1 = 53.
    "draw_filter_sum": (lambda: plotting.draw_filter_sum(np.arange(18.0).reshape(2, 3, 3),
                                                         np.ones((2, 2, 2)), bias=1),
                        lambda: plotting.draw_filter_sum(np.arange(18.0).reshape(2, 3, 3),
                                                         np.ones((2, 2, 2)), bias=2),
                        ["8, 12; 20, 24", "44, 48; 56, 60", "53, 61; 77, 85"]),
    # 4 * (3 * 3 * 3 + 1) = 112 parameters; 8 - 3 + 1 = 6.
    "draw_volumes": (lambda: plotting.draw_volumes((3, 8, 8), 4, 3, position=(2, 3)),
                     lambda: plotting.draw_volumes((3, 8, 8), 5, 3, position=(2, 3)),
                     ["3 x 8 x 8", "4 x 6 x 6", "(2, 3)", "112 parameters"]),
    # The maxima of the four 2 x 2 blocks of 0..15.
    "draw_pooling": (lambda: plotting.draw_pooling(np.arange(16.0).reshape(4, 4), 2),
                     lambda: plotting.draw_pooling(np.arange(16.0).reshape(4, 4), 2, mode="avg"),
                     ["4 x 4", "2 x 2", "[5, 7, 13, 15]"]),
    "draw_pooled_pair": (lambda: plotting.draw_pooled_pair(DIGITS[0], DIGITS[1], SHIFT),
                         lambda: plotting.draw_pooled_pair(DIGITS[0], DIGITS[0], SHIFT),
                         ["8 x 8", "4 x 4", "change"]),
    # The whole gradient goes to the window's maximum, 4, at flat index 2.
    "draw_pool_gradient": (lambda: plotting.draw_pool_gradient([[1, 3], [4, 2]], [[10]], 2),
                           lambda: plotting.draw_pool_gradient([[1, 3], [2, 4]], [[10]], 2),
                           ["[10]", "[0, 0, 10, 0]"]),
    # A 3 x 3 kernel on 4 x 4: 2 x 2 = 4 outputs (rows), 16 inputs (columns), 9 weights.
    "draw_conv_matrix": (lambda: plotting.draw_conv_matrix(np.arange(1, 10).reshape(3, 3),
                                                           (4, 4)),
                         lambda: plotting.draw_conv_matrix(np.arange(1, 10).reshape(3, 3),
                                                           (5, 5)),
                         ["4 x 16", "9 distinct"]),
    # Sums of the 3 x 3 windows of 0..15 at (0, 0) and (1, 1): 45 and 90.
    "draw_two_neurons": (lambda: plotting.draw_two_neurons(np.arange(16).reshape(4, 4),
                                                           np.ones((3, 3)), (0, 0), (1, 1)),
                         lambda: plotting.draw_two_neurons(np.arange(16).reshape(4, 4),
                                                           np.ones((3, 3)), (0, 0), (0, 1)),
                         ["45", "90"]),
    # Row 3 of the 4 x 3 output, column 2: x[3, 2] - x[3, 3] = 14 - 15 = -1.
    "draw_shared_position": (lambda: plotting.draw_shared_position(
                                 np.arange(16).reshape(4, 4), [[1, -1]], 3, 2),
                             lambda: plotting.draw_shared_position(
                                 np.arange(16).reshape(4, 4), [[2, -1]], 3, 2),
                             ["y[3, 2] = -1", "12 x 16"]),
    "show_digits": (lambda: plotting.show_digits(DIGITS, titles=["one", "bar"]),
                    lambda: plotting.show_digits(DIGITS[::-1], titles=["bar", "one"]),
                    ["one", "bar", "8 x 8"]),
    "draw_training_curves": (
        lambda: plotting.draw_training_curves(
            {"net": {"loss": [2.0, 0.5, 0.1], "accuracy": [0.5, 0.8, 0.9]}}),
        lambda: plotting.draw_training_curves(
            {"net": {"loss": [2.0, 0.5, 0.2], "accuracy": [0.5, 0.8, 0.7]}}),
        ["'net'", "[2, 0.5, 0.1]", "[0.5, 0.8, 0.9]"]),
    "draw_kernel_matches": (
        lambda: plotting.draw_kernel_matches(np.stack([np.eye(3), np.ones((3, 3))]),
                                             {"blur": BOX}),
        lambda: plotting.draw_kernel_matches(np.stack([np.eye(3), -np.ones((3, 3))]),
                                             {"blur": BOX}),
        ["blur", "0.11, 0.11, 0.11"]),
    "show_kernel_grid": (lambda: plotting.show_kernel_grid(np.stack([np.eye(3), -np.eye(3)])),
                         lambda: plotting.show_kernel_grid(np.stack([np.eye(3), np.eye(3)])),
                         ["-1 to 0", "0 to 1"]),
    "draw_feature_maps": (lambda: plotting.draw_feature_maps(_model(), DIGITS[0], label=3),
                          lambda: plotting.draw_feature_maps(_model(), DIGITS[0], label=4),
                          ["true 3", "8 x 8"]),
    # Stamps [1, 2] and [10, 20], 1 apart: 1, 2 + 10, 20.
    "draw_stamps": (lambda: plotting.draw_stamps([1, 10], [1, 2], stride=1),
                    lambda: plotting.draw_stamps([1, 10], [1, 2], stride=2),
                    ["[1, 12, 20]", "kernel [1, 2]"]),
    # Two 3-wide stamps 2 apart overlap on index 2 of each axis: 2 x 2 = 4 at the centre.
    "draw_overlap_counts": (lambda: plotting.draw_overlap_counts(2, 3, stride=2),
                            lambda: plotting.draw_overlap_counts(2, 4, stride=2),
                            ["row 3: 2, 2, 4, 2, 2", "5 x 5 output"]),
    # 2 groups of 2 channels, one filter each: 2 x 2 of the 4 x 2 pairs.
    "draw_group_connections": (lambda: plotting.draw_group_connections(4, 2, 2),
                               lambda: plotting.draw_group_connections(4, 2, 1),
                               ["4 of 8 pairs connected", "2 input channels"]),
    "draw_costs": (lambda: plotting.draw_costs({"full": (10, 900), "separable": (2, 150)}),
                   lambda: plotting.draw_costs({"full": (10, 900), "separable": (2, 160)}),
                   ["full 900", "separable 150"]),
    "draw_receptive_field": (lambda: plotting.draw_receptive_field(np.pad(np.ones((3, 3)), 1)),
                             lambda: plotting.draw_receptive_field(np.pad(np.ones((2, 2)), 1)),
                             ["9 input pixels", "rows 1-3, columns 1-3"]),
    # Output pixel (1, 2) of a 4 x 4 ramp under a 2 x 2 window is row 1 * 3 + 2 = 5 of the
    # 9 x 4 matrix: rows 1-2, columns 2-3 of the image, [6, 7, 10, 11].
    "draw_im2col": (lambda: plotting.draw_im2col(np.arange(16.0).reshape(4, 4), (2, 2), (1, 2)),
                    lambda: plotting.draw_im2col(np.arange(16.0).reshape(4, 4), (2, 2), (0, 0)),
                    ["4 x 4", "row 5", "[6, 7, 10, 11]", "9 rows by 4 columns"]),
    "draw_method_times": (lambda: plotting.draw_method_times([3, 5], {"fft": [2e-3, 4e-3]}, 64),
                          lambda: plotting.draw_method_times([3, 5], {"fft": [2e-3, 5e-3]}, 64),
                          ["64 x 64", "FFT", "2 ms at k = 3", "4 ms at k = 5"]),
    # Direct: (256 - 3 + 1)^2 * 9 = 254^2 * 9 = 580,644 products.
    "draw_multiplications": (lambda: plotting.draw_multiplications([3], 256),
                             lambda: plotting.draw_multiplications([5], 256),
                             ["256 x 256", "k = 3: 580,644 direct"]),
}

DRAWING = sorted(name for name in plotting.__all__ if name.startswith(("draw_", "show_", "plot_")))


def _text(make) -> FigureText:
    plt.close("all")
    figure = make()
    text = figure_text(figure)
    plt.close("all")
    return text


def test_every_figure_function_has_a_case():
    assert sorted(CASES) == DRAWING


@pytest.mark.parametrize("name", sorted(CASES))
def test_alt_names_the_data_and_follows_it(name):
    first, second, named = CASES[name]
    text = _text(first)
    everything = f"{text.alt} {text.details}"
    missing = [item for item in named if item not in everything]
    assert not missing, f"{name}: {missing} not in {everything!r}"
    assert re.search(r"\w+ \w+ \w+.*\.", text.alt), "at least a sentence"
    assert "<Figure" not in text.alt and ".png" not in text.alt
    assert _text(second) != text, f"{name}: the text did not change with the data"


def test_a_figure_made_with_matplotlib_directly_is_read_from_its_axes():
    fig, (left, right) = plt.subplots(1, 2)
    fig.suptitle("raw and smoothed")
    left.plot([0, 1, 2], [4, 9, 2], label="raw")
    left.set_xlabel("time")
    right.imshow([[1, 2], [3, 8]], cmap="gray")
    right.set_title("a picture")
    text = figure_text(fig)
    plt.close(fig)
    assert text.alt.startswith("raw and smoothed. 2 panels.")
    for item in ("'raw'", "[4, 9, 2]", "time", "a picture", "2 x 2", "1 to 8"):
        assert item in text.alt
    assert "row 1: 1, 2; row 2: 3, 8." in text.details


def test_ipython_displays_figures_with_alt_in_html_and_metadata():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats

    shell = InteractiveShell.instance()
    try:
        select_figure_formats(shell, {"png"})
        assert alt_text.install(shell)
        figure = plotting.show_kernel([[1, 2], [3, 4]])
        data, metadata = shell.display_formatter.format(figure)
        plt.close(figure)
    finally:
        # A shell left behind would make later tests behave as inside a kernel.
        InteractiveShell.clear_instance()
    alt = metadata["image/png"]["alt"]
    assert "1, 2; 3, 4" in alt
    assert f'alt="{html.escape(alt, quote=True)}"' in data["text/html"]
    assert data["image/png"] in data["text/html"]  # the same picture, not another one
    assert "<details" in data["text/html"] and "row 2: 3, 4." in data["text/html"]
    assert data["text/plain"].startswith("<Figure")


def test_explorer_pictures_carry_the_alt_and_follow_the_controls():
    from convlessons.widgets import slide_explorer

    explorer = slide_explorer([6, 2, 8], [1, 1])
    index, picture = explorer.children[0], explorer.children[-1]
    first = picture.outputs[0]
    assert "[6, 2, 8]" in first["metadata"]["image/png"]["alt"]
    assert first["metadata"]["image/png"]["alt"].startswith("Explorer picture")
    assert first["metadata"]["image/png"]["alt"] in html.unescape(first["data"]["text/html"])
    index.value = 2  # y[2] = 8 + 2 = 10
    second = picture.outputs[0]["metadata"]["image/png"]["alt"]
    assert "= 10" in second and second != first["metadata"]["image/png"]["alt"]


def test_describe_rejects_an_empty_alt():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="alt"):
        alt_text.describe(ax, "  ")
    plt.close(fig)
