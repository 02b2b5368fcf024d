"""Lesson 4: the shared-weight explorer and its figures, tested without a browser."""

import numpy as np
import pytest

from convlessons.images import correlate2d
from convlessons.plotting import sharing as figures
from convlessons.sharing import conv_matrix
from convlessons.widgets.sharing import sharing_explorer

PI = np.array([[3, 1, 4, 1, 5, 9],
               [2, 6, 5, 3, 5, 8],
               [9, 7, 9, 3, 2, 3],
               [8, 4, 6, 2, 6, 4],
               [3, 3, 8, 3, 2, 7],
               [9, 5, 0, 2, 8, 8]], dtype=float)
LEFT_MINUS_RIGHT = [[1, 0, -1], [1, 0, -1], [1, 0, -1]]


# --- the explorer ---------------------------------------------------------------------


@pytest.fixture
def recorded_positions(record_drawing):
    return record_drawing(figures, "draw_shared_position", lambda image, kernel, row, col: (
        np.array(image), np.array(kernel), row, col))


def test_sharing_explorer_redraws_with_each_slider(recorded_positions):
    explorer = sharing_explorer(PI, LEFT_MINUS_RIGHT, row=2, col=1)
    row, col = explorer.children[:2]
    assert (row.max, col.max) == (3, 3)
    assert recorded_positions[-1][2:] == (2, 1)
    assert np.array_equal(recorded_positions[-1][0], PI)
    assert np.array_equal(recorded_positions[-1][1], LEFT_MINUS_RIGHT)

    col.value = 3
    assert recorded_positions[-1][2:] == (2, 3)
    row.value = 0
    assert recorded_positions[-1][2:] == (0, 3)
    assert len(recorded_positions) == 3  # one drawing per change, no more


def test_sharing_explorer_defaults_and_clamping(recorded_positions):
    explorer = sharing_explorer(row=10, col=10)  # past the 4 x 4 output: clamped
    row, col = explorer.children[:2]
    assert (row.value, col.value) == (3, 3)
    assert recorded_positions[-1][2:] == (3, 3)
    assert np.array_equal(recorded_positions[-1][0], PI)


def test_sharing_explorer_with_a_kernel_as_large_as_the_image(recorded_positions):
    explorer = sharing_explorer(np.ones((3, 4)), np.ones((3, 4)))
    row, col = explorer.children[:2]
    assert (row.max, col.max, row.value, col.value) == (0, 0, 0, 0)
    assert recorded_positions[-1][2:] == (0, 0)


@pytest.mark.parametrize("bad, error, message", [
    ({"image": np.ones((4, 4, 3))}, ValueError, "image must be 2-D"),
    ({"kernel": np.ones((7, 3))}, ValueError, "must fit inside the image"),
    ({"kernel": "sobel"}, TypeError, "kernel must be an array of numbers"),
    ({"row": -1}, ValueError, "row must be at least 0"),
    ({"col": 1.5}, TypeError, "col must be an integer"),
])
def test_sharing_explorer_bad_input(bad, error, message):
    with pytest.raises(error, match=message):
        sharing_explorer(**({"image": PI} | bad))


def test_sharing_explorer_draws_for_real():
    explorer = sharing_explorer(PI, LEFT_MINUS_RIGHT)
    explorer.children[0].value = 3
    explorer.children[1].value = 3  # the last output pixel: no error


# --- the figure the explorer calls --------------------------------------------------------


@pytest.mark.parametrize("image_shape, kernel_shape", [
    ((6, 6), (3, 3)), ((4, 7), (2, 3)), ((5, 5), (1, 1)), ((3, 4), (3, 4)), ((1, 6), (1, 2)),
])
def test_draw_shared_position_at_every_corner_of_the_output(image_shape, kernel_shape):
    rng = np.random.default_rng(0)
    image = rng.integers(-5, 6, image_shape)
    kernel = rng.integers(-3, 4, kernel_shape)
    expected = correlate2d(image, kernel, "valid")
    out_h, out_w = expected.shape
    for row in {0, out_h - 1}:
        for col in {0, out_w - 1}:
            fig = figures.draw_shared_position(image, kernel, row, col)
            image_ax, _, output_ax, matrix_ax = fig.axes
            value = float(output_ax.get_title().split("= ")[1])
            assert value == pytest.approx(expected[row, col])
            index = row * out_w + col
            assert matrix_ax.get_title().startswith(
                f"row {row} * {out_w} + {col} = {index} of the {out_h * out_w} x {image.size}")
            # The outlined patch starts at (row, col) and has the kernel's size.
            outline = image_ax.patches[-1]
            assert outline.get_xy() == (col - 0.5, row - 0.5)
            assert (outline.get_height(), outline.get_width()) == kernel_shape
            fig.clf()


def test_draw_shared_position_highlights_the_row_that_computes_the_pixel():
    fig = figures.draw_shared_position(PI, LEFT_MINUS_RIGHT, 2, 1)
    matrix_ax = fig.axes[3]
    outline = matrix_ax.patches[-1]
    assert outline.get_xy()[1] == 9 - 0.5  # row 2 * 4 + 1
    assert conv_matrix(LEFT_MINUS_RIGHT, PI.shape)[9] @ PI.ravel() == 6


@pytest.mark.parametrize("row, col, error, message", [
    (4, 0, ValueError, "row must be below 4"),
    (0, 4, ValueError, "col must be below 4"),
    (-1, 0, ValueError, "row must be at least 0"),
    (0, 2.0, TypeError, "col must be an integer"),
])
def test_draw_shared_position_refuses_pixels_outside_the_output(row, col, error, message):
    with pytest.raises(error, match=message):
        figures.draw_shared_position(PI, LEFT_MINUS_RIGHT, row, col)


def test_draw_shared_position_refuses_a_kernel_larger_than_the_image():
    with pytest.raises(ValueError, match=r"the kernel \(2, 7\) must fit inside the image"):
        figures.draw_shared_position(PI, np.ones((2, 7)), 0, 0)


# --- the other figures of the lesson -------------------------------------------------------


@pytest.mark.parametrize("kernel_shape, input_shape, title", [
    ((3, 3), (6, 6), "16 x 36 matrix: 144 weighted entries, 9 distinct weights"),
    ((1, 1), (2, 3), "6 x 6 matrix: 6 weighted entries, 1 distinct weight"),
    ((3, 4), (3, 4), "1 x 12 matrix: 12 weighted entries, 12 distinct weights"),
    ((5, 5), (6, 6), "4 x 36 matrix: 100 weighted entries, 25 distinct weights"),
])
def test_draw_conv_matrix_titles_and_numbers(kernel_shape, input_shape, title):
    kernel = np.arange(1, np.prod(kernel_shape) + 1).reshape(kernel_shape)
    fig = figures.draw_conv_matrix(kernel, input_shape)
    ax = fig.axes[0]
    assert ax.get_title() == title
    matrix = conv_matrix(kernel, input_shape)
    assert len(ax.texts) == np.count_nonzero(matrix)  # small: every weight is written
    picture = ax.images[0].get_array()
    assert picture.shape[:2] == matrix.shape
    # Same weight, same colour; empty entries white.
    for number in range(1, kernel.size + 1):
        colours = picture[matrix == number]
        assert np.allclose(colours, colours[0])
    assert np.allclose(picture[matrix == 0], 1.0)


def test_draw_conv_matrix_large_matrices_skip_the_numbers():
    fig = figures.draw_conv_matrix(np.ones((3, 3)), (10, 10), row=63)
    assert len(fig.axes[0].texts) == 0
    assert fig.axes[0].patches[-1].get_xy() == (-0.5, 62.5)


@pytest.mark.parametrize("row", [-1, 16])
def test_draw_conv_matrix_refuses_a_row_outside_the_matrix(row):
    with pytest.raises(ValueError, match="row must be"):
        figures.draw_conv_matrix(np.ones((3, 3)), (6, 6), row=row)


def test_draw_conv_matrix_refuses_a_kernel_larger_than_the_input():
    with pytest.raises(ValueError, match="must fit inside the input"):
        figures.draw_conv_matrix(np.ones((3, 3)), (2, 6))


def test_draw_two_neurons_titles_the_two_outputs():
    fig = figures.draw_two_neurons(PI, LEFT_MINUS_RIGHT, (0, 0), (2, 1))
    assert fig.axes[2].get_title() == "a = y[0, 0] = -4,  b = y[2, 1] = 6"
    assert len(fig.axes[0].patches) == 2 and len(fig.axes[2].patches) == 2


def test_draw_two_neurons_at_opposite_corners_and_on_the_same_pixel():
    fig = figures.draw_two_neurons(PI, LEFT_MINUS_RIGHT, (0, 0), (3, 3))
    assert fig.axes[2].get_title() == "a = y[0, 0] = -4,  b = y[3, 3] = -12"
    fig = figures.draw_two_neurons(PI, LEFT_MINUS_RIGHT, (1, 2), (1, 2))
    assert fig.axes[2].get_title() == "a = y[1, 2] = 7,  b = y[1, 2] = 7"


@pytest.mark.parametrize("first, second, message", [
    ((4, 0), (0, 0), r"first\[0\] must be below 4"),
    ((0, 0), (0, 4), r"second\[1\] must be below 4"),
    ((0, -1), (0, 0), r"first\[1\] must be at least 0"),
])
def test_draw_two_neurons_refuses_positions_outside_the_output(first, second, message):
    with pytest.raises(ValueError, match=message):
        figures.draw_two_neurons(PI, LEFT_MINUS_RIGHT, first, second)
