"""Lesson 5 explorers and figures: the functions the widgets call, at the edges of their range."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy import signal

from convlessons.kernels import sobel_y
from convlessons.plotting import pooling as pooling_plots
from convlessons.plotting.images import _format_entry
from convlessons.pooling import avg_pool2d, max_pool2d, pool2d_backward, sum_pool2d
from convlessons.widgets.pooling import MARGIN, MAX_SHIFT, pooling_explorer, shift_explorer

POOLS = {"max": max_pool2d, "avg": avg_pool2d, "sum": sum_pool2d}
RNG = np.random.default_rng(5)
IMAGE = RNG.integers(0, 10, size=(8, 8)).astype(float)


def written_numbers(ax):
    return [text.get_text() for text in ax.texts]


def formatted(values):
    return [_format_entry(round(float(v), 2)) for v in np.ravel(values)]


def window_outlines(ax):
    return [p for p in ax.patches if isinstance(p, plt.Rectangle) and not p.get_fill()]


# --- the figure the first explorer draws ----------------------------------------------


@pytest.mark.parametrize("mode", ["max", "avg", "sum"])
@pytest.mark.parametrize("kernel, stride, out", [
    (1, 1, 8),   # kernel 1: every pixel is its own window, the output is the input
    (2, 3, 3),   # stride larger than the window: gaps between windows
    (3, 4, 2),   # windows at 0 and 4 cover 0-2 and 4-6: pixels 3 and 7 are skipped
    (8, 1, 1),   # the window is the whole image: one number
    (8, 8, 1),
    (3, 1, 6),   # overlapping windows
])
def test_draw_pooling_writes_the_pooled_numbers_at_the_edges(mode, kernel, stride, out):
    figure = pooling_plots.draw_pooling(IMAGE, kernel, stride, mode)
    expected = POOLS[mode](IMAGE[None], kernel, stride)[0]
    assert expected.shape == (out, out)
    assert written_numbers(figure.axes[1]) == formatted(expected)
    assert written_numbers(figure.axes[0]) == formatted(IMAGE)
    assert len(window_outlines(figure.axes[0])) == out * out
    assert figure.axes[1].get_title().endswith(f"pooling: output {out} x {out}")
    size = f"floor((8 - {kernel}) / {stride}) + 1 = {out}"
    assert figure._suptitle.get_text() == f"output size: {size} rows, {size} columns"


def test_kernel_one_is_the_identity_and_the_whole_image_is_the_global_maximum():
    identity = pooling_plots.draw_pooling(IMAGE, 1, mode="max")
    assert written_numbers(identity.axes[1]) == formatted(IMAGE)
    whole = pooling_plots.draw_pooling(IMAGE, 8, mode="max")
    assert written_numbers(whole.axes[1]) == formatted([IMAGE.max()])
    assert "never covered" not in whole.axes[0].get_title()


@pytest.mark.parametrize("kernel, stride, missed", [
    (2, 3, "rows 2, 5 and columns 2, 5 never covered"),
    (3, 4, "rows 3, 7 and columns 3, 7 never covered"),
    (3, 2, "row 7 and column 7 never covered"),  # floor drops the last row and column
    (1, 8, "rows 1, 2, 3, 4, 5, 6, 7 and columns 1, 2, 3, 4, 5, 6, 7 never covered"),
])
def test_draw_pooling_names_the_pixels_no_window_covers(kernel, stride, missed):
    figure = pooling_plots.draw_pooling(IMAGE, kernel, stride)
    assert figure.axes[0].get_title().splitlines()[1] == missed


def test_draw_pooling_on_a_rectangle_and_with_one_window_highlighted():
    wide = np.arange(12.0).reshape(3, 4)
    figure = pooling_plots.draw_pooling(wide, (3, 2), position=(0, 1))
    assert written_numbers(figure.axes[1]) == ["9", "11"]
    assert len(window_outlines(figure.axes[0])) == 1
    circles = [p for p in figure.axes[0].patches if isinstance(p, plt.Circle)]
    assert [c.center for c in circles] == [(3, 2)]  # the 11, at row 2, column 3
    assert figure._suptitle.get_text() == (
        "output size: floor((3 - 3) / 3) + 1 = 1 rows, floor((4 - 2) / 2) + 1 = 2 columns")


def test_max_mode_circles_the_first_maximum_of_each_window_on_ties():
    figure = pooling_plots.draw_pooling(np.ones((4, 4)), 2)
    circles = [p.center for p in figure.axes[0].patches if isinstance(p, plt.Circle)]
    assert circles == [(0, 0), (2, 0), (0, 2), (2, 2)]
    assert not [p for p in pooling_plots.draw_pooling(np.ones((4, 4)), 2, mode="avg")
                .axes[0].patches if isinstance(p, plt.Circle)]


@pytest.mark.parametrize("bad, error, message", [
    ({"kernel_size": 9}, ValueError, "kernel spans 9"),
    ({"kernel_size": 0}, ValueError, "kernel_size must be at least 1"),
    ({"stride": 0}, ValueError, "stride must be at least 1"),
    ({"mode": "median"}, ValueError, "mode must be one of"),
    ({"x": np.ones((2, 4, 4))}, ValueError, "x must be 2-D"),
    ({"position": (2, 0)}, ValueError, "position must be an output cell"),
])
def test_draw_pooling_bad_input(bad, error, message):
    arguments = {"x": IMAGE, "kernel_size": 4} | bad
    with pytest.raises(error, match=message):
        pooling_plots.draw_pooling(**arguments)


@pytest.mark.parametrize("value, end", [(9.0, 1.0), (-2.0, 0.0), (0.0, 0.0)])
def test_equal_values_are_coloured_from_zero_not_drawn_palest(value, end):
    # 3 x 3 windows with stride 2 on a 5 x 5 array of one value: every pooled cell is that
    # value. The colour scale runs from 0, so 9 takes the dark end and 0 or -2 the pale one.
    figure = pooling_plots.draw_pooling(np.full((5, 5), value), 3, stride=2)
    for ax in figure.axes:
        assert float(ax.images[0].norm(value)) == end
    assert figure.axes[1].get_title() == "max pooling: output 2 x 2"


def test_a_range_of_values_still_spans_the_whole_colour_scale():
    figure = pooling_plots.draw_pooling(IMAGE, 2)
    assert figure.axes[0].images[0].get_clim() == (IMAGE.min(), IMAGE.max())


def test_draw_pooling_does_not_change_its_input():
    before = IMAGE.copy()
    pooling_plots.draw_pooling(IMAGE, 3, 1)
    assert np.array_equal(IMAGE, before)


# --- the figure the second explorer draws ---------------------------------------------


def oracle_change(first, second, kernel_size, stride):
    """The relative changes, computed with SciPy and a reshape instead of the package."""

    def features(image):
        feature = np.maximum(signal.correlate2d(image, sobel_y(), mode="same"), 0)
        if stride == kernel_size and feature.shape[0] % kernel_size == 0:
            n = feature.shape[0] // kernel_size
            pooled = feature.reshape(n, kernel_size, n, kernel_size).max(axis=(1, 3))
        else:
            n = (feature.shape[0] - kernel_size) // stride + 1
            pooled = np.array([[feature[i * stride : i * stride + kernel_size,
                                        j * stride : j * stride + kernel_size].max()
                                for j in range(n)] for i in range(n)])
        return feature, pooled

    (fa, pa), (fb, pb) = features(first), features(second)
    return (np.linalg.norm(fb - fa) / np.linalg.norm(fa),
            np.linalg.norm(pb - pa) / np.linalg.norm(pa))


@pytest.mark.parametrize("kernel_size, stride, shift", [
    (1, 1, (1, 0)), (2, 2, (1, 0)), (2, 2, (-1, 0)), (2, 2, (0, 2)), (3, 2, (-2, -2)),
    (2, 5, (1, 1)), (16, 16, (-3, 3)),
])
def test_draw_pooled_pair_titles_the_true_relative_changes(kernel_size, stride, shift):
    from convlessons.data import load_digits

    canvas = np.pad(load_digits()[0][2], MARGIN)
    moved = np.roll(canvas, shift, axis=(0, 1))
    figure = pooling_plots.draw_pooled_pair(canvas, moved, sobel_y(), kernel_size, stride)
    raw, pooled = oracle_change(canvas, moved, kernel_size, stride)
    titles = [ax.get_title() for ax in figure.axes[6:9]]
    assert titles[1] == f"feature maps: {raw:.0%} change"
    assert titles[2] == f"pooled: {pooled:.0%} change"
    if kernel_size == 1:  # pooling with a 1 x 1 window changes nothing
        assert titles[1].split(": ")[1] == titles[2].split(": ")[1]
    if kernel_size == 16:  # one window over everything: the global maximum, kept by any shift
        assert titles[2] == "pooled: 0% change"


def test_draw_pooled_pair_has_colour_bars_for_the_maps_and_the_differences():
    from convlessons.data import load_digits

    canvas = np.pad(load_digits()[0][2], MARGIN)
    moved = np.roll(canvas, 1, axis=0)
    figure = pooling_plots.draw_pooled_pair(canvas, moved, sobel_y(), labels=("a", "b"))
    top = max(np.maximum(signal.correlate2d(image, sobel_y(), mode="same"), 0).max()
              for image in (canvas, moved))
    with_bars = {index: image.get_clim() for index, ax in enumerate(figure.axes[:9])
                 for image in ax.images if image.colorbar is not None}
    # The feature maps (one scale for rows 1-2), the image difference, the map differences.
    assert with_bars.keys() == {4, 6, 8}
    np.testing.assert_allclose(with_bars[4], (0, top))
    np.testing.assert_allclose(with_bars[6], (-1, 1))
    np.testing.assert_allclose(with_bars[8], (-top, top))
    labels = [ax.get_xlabel() or ax.get_ylabel() for ax in figure.axes[9:]]
    assert labels == ["edge response", "brightness difference", "b minus a, edge response"]


def test_draw_pooled_pair_of_identical_images_reports_no_change():
    image = np.pad(np.eye(4), 2)
    figure = pooling_plots.draw_pooled_pair(image, image, sobel_y(), labels=("a", "b"))
    assert [ax.get_title() for ax in figure.axes[6:9]] == [
        "difference of the images", "feature maps: 0% change", "pooled: 0% change"]
    assert figure.axes[3].get_title() == "b"


def test_draw_pooled_pair_bad_input():
    with pytest.raises(ValueError, match="same shape"):
        pooling_plots.draw_pooled_pair(np.ones((4, 4)), np.ones((5, 5)), sobel_y())
    with pytest.raises(ValueError, match="kernel must be 2-D"):
        pooling_plots.draw_pooled_pair(np.ones((4, 4)), np.ones((4, 4)), [1, 2])


def test_a_blank_first_image_gives_nan_not_a_crash():
    figure = pooling_plots.draw_pooled_pair(np.zeros((4, 4)), np.eye(4), sobel_y())
    assert figure.axes[7].get_title() == "feature maps: nan% change"


# --- the gradient figure --------------------------------------------------------------


@pytest.mark.parametrize("mode", ["max", "avg", "sum"])
@pytest.mark.parametrize("kernel, stride", [(1, 1), (2, 2), (3, 1), (2, 3), (8, 8)])
def test_draw_pool_gradient_writes_pool2d_backward(mode, kernel, stride):
    out = (8 - kernel) // stride + 1
    grad = RNG.integers(1, 5, size=(out, out)).astype(float)
    figure = pooling_plots.draw_pool_gradient(IMAGE, grad, kernel, stride, mode)
    expected = pool2d_backward(IMAGE[None], grad[None], kernel, stride, mode=mode)[0]
    assert written_numbers(figure.axes[2]) == formatted(expected)
    share = kernel * kernel if mode == "sum" else 1
    assert figure.axes[2].get_title() == (
        f"gradient to the input, sum = {_format_entry(round(share * grad.sum(), 3))}")


def test_draw_pool_gradient_on_a_tie_and_a_wrong_gradient_shape():
    figure = pooling_plots.draw_pool_gradient([[2, 2], [1, 2]], [[5]], 2)
    assert written_numbers(figure.axes[2]) == ["5", "0", "0", "0"]
    with pytest.raises(ValueError, match=r"grad_out must have the output's shape \(2, 2\)"):
        pooling_plots.draw_pool_gradient(IMAGE, np.ones((3, 3)), 4)


# --- the explorers redraw with the new values -----------------------------------------


@pytest.fixture
def recorded_pooling(record_drawing):
    return record_drawing(pooling_plots, "draw_pooling")


def test_pooling_explorer_redraws_with_each_control(recorded_pooling):
    explorer = pooling_explorer(IMAGE, mode="max", kernel_size=2, stride=2)
    mode, kernel, stride = explorer.children[:3]
    assert recorded_pooling[-1][1:] == (2, 2, "max")
    assert kernel.max == 8 and stride.max == 8
    mode.value = "sum"
    assert recorded_pooling[-1][1:] == (2, 2, "sum")
    kernel.value = 8
    assert recorded_pooling[-1][1:] == (8, 2, "sum")
    kernel.value = 1
    stride.value = 8
    assert recorded_pooling[-1][1:] == (1, 8, "sum")
    assert recorded_pooling[-1][0] is not None and np.array_equal(recorded_pooling[-1][0], IMAGE)


def test_pooling_explorer_defaults_to_a_digit(recorded_pooling):
    from convlessons.data import load_digits

    explorer = pooling_explorer()
    assert np.array_equal(recorded_pooling[-1][0], load_digits()[0][2])
    assert explorer.children[1].max == 8


def test_every_setting_of_the_pooling_explorer_can_be_drawn():
    image = np.arange(15.0).reshape(3, 5)
    explorer = pooling_explorer(image, kernel_size=1, stride=1)
    mode, kernel, stride = explorer.children[:3]
    for value in ("max", "avg", "sum"):
        mode.value = value
        for k, s in [(kernel.max, 1), (kernel.max, stride.max), (1, stride.max), (1, 1)]:
            kernel.value, stride.value = k, s
            plt.close("all")


@pytest.mark.parametrize("bad, message", [
    ({"mode": "median"}, "mode must be one of"),
    ({"kernel_size": 9}, "at most 8"),
    ({"stride": 0}, "stride must be at least 1"),
    ({"image": np.ones(5)}, "image must be 2-D"),
])
def test_pooling_explorer_bad_input(bad, message):
    arguments = {"image": IMAGE} | bad
    with pytest.raises((ValueError, TypeError), match=message):
        pooling_explorer(**arguments)


@pytest.fixture
def recorded_pairs(record_drawing):
    def keep(first, second, kernel, kernel_size, stride, labels):
        return first, second, kernel_size, stride, labels

    return record_drawing(pooling_plots, "draw_pooled_pair", keep)


def test_shift_explorer_moves_the_digit_with_zeros_entering(recorded_pairs):
    digit = np.arange(1.0, 17.0).reshape(4, 4)
    explorer = shift_explorer(digit, rows=1, cols=0)
    down, right, kernel, stride = explorer.children[:4]
    canvas, moved, k, s, labels = recorded_pairs[-1]
    assert canvas.shape == (4 + 2 * MARGIN,) * 2 and (k, s) == (2, 2)
    assert np.array_equal(moved[MARGIN + 1 : MARGIN + 5, MARGIN : MARGIN + 4], digit)
    assert labels == ("original", "moved (1, 0)")
    down.value, right.value = -MAX_SHIFT, MAX_SHIFT  # the extreme corner: nothing wraps
    canvas, moved, *_ = recorded_pairs[-1]
    corner = MARGIN - MAX_SHIFT  # zeros left between the moved digit and the edge
    assert np.array_equal(moved[corner : corner + 4, -corner - 4 : -corner], digit)
    assert moved.sum() == digit.sum()
    kernel.value = 8
    stride.value = 1
    assert recorded_pairs[-1][2:4] == (8, 1)
    assert recorded_pairs[-1][4] == ("original", f"moved ({-MAX_SHIFT}, {MAX_SHIFT})")


def test_shift_explorer_draws_at_every_extreme():
    explorer = shift_explorer(rows=0, kernel_size=1)
    down, right, kernel, stride = explorer.children[:4]
    assert kernel.max == 16
    for k, s, shift in [(16, 16, -MAX_SHIFT), (2, 16, MAX_SHIFT), (16, 1, MAX_SHIFT)]:
        kernel.value, stride.value = k, s
        down.value = right.value = shift
        plt.close("all")


@pytest.mark.parametrize("bad, message", [
    ({"rows": MAX_SHIFT + 1}, "between"),
    ({"cols": -MAX_SHIFT - 1}, "between"),
    ({"kernel_size": 17}, "at most 16"),
    ({"stride": 0}, "stride must be at least 1"),
    ({"digit": "two"}, "digit must be an array"),
])
def test_shift_explorer_bad_input(bad, message):
    with pytest.raises((ValueError, TypeError), match=message):
        shift_explorer(**bad)


def test_the_margin_is_wide_enough_for_every_shift_to_move_the_features_exactly():
    from convlessons.data import load_digits
    from convlessons.images import correlate2d

    images, _ = load_digits()
    for digit in images[:20]:
        canvas = np.pad(digit, MARGIN)
        feature = correlate2d(canvas, sobel_y(), mode="same")
        for shift in [(-MAX_SHIFT, MAX_SHIFT), (MAX_SHIFT, -MAX_SHIFT), (MAX_SHIFT, MAX_SHIFT)]:
            moved = np.roll(canvas, shift, axis=(0, 1))
            assert moved.sum() == pytest.approx(digit.sum())  # no ink wrapped around
            np.testing.assert_allclose(correlate2d(moved, sobel_y(), mode="same"),
                                       np.roll(feature, shift, axis=(0, 1)), atol=1e-12)
