"""Lesson 10's checkers: right answers pass; each plausible wrong one fails, naming it."""

import numpy as np
import pytest
from scipy import signal

from convlessons import checks

from .checker_cases import assert_fails_with, assert_passes, memorising


def im2col_loops(image, kernel_shape):
    kh, kw = kernel_shape
    rows, cols = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = np.zeros((rows * cols, kh * kw))
    for i in range(rows):
        for j in range(cols):
            out[i * cols + j] = image[i : i + kh, j : j + kw].ravel()
    return out


def im2col_views(image, kernel_shape):
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel_shape)
    return windows.reshape(-1, kernel_shape[0] * kernel_shape[1]).astype(float)


def im2col_stops_early(image, kernel_shape):
    kh, kw = kernel_shape
    rows, cols = image.shape[0] - kh, image.shape[1] - kw  # range(n - k)
    out = np.zeros((rows * cols, kh * kw))
    for i in range(rows):
        for j in range(cols):
            out[i * cols + j] = image[i : i + kh, j : j + kw].ravel()
    return out


def im2col_transposed(image, kernel_shape):
    return im2col_loops(image, kernel_shape).T


def im2col_column_major_windows(image, kernel_shape):
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel_shape)
    return windows.transpose(0, 1, 3, 2).reshape(-1, kernel_shape[0] * kernel_shape[1]) * 1.0


def im2col_pixels_by_column(image, kernel_shape):
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel_shape)
    return windows.transpose(1, 0, 2, 3).reshape(-1, kernel_shape[0] * kernel_shape[1]) * 1.0


def im2col_swapped_shape(image, kernel_shape):
    return im2col_loops(image, kernel_shape[::-1])


def im2col_integer_dtype(image, kernel_shape):
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel_shape)
    return windows.reshape(-1, kernel_shape[0] * kernel_shape[1]).copy()


def im2col_three_axes(image, kernel_shape):
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel_shape)
    return windows.reshape(windows.shape[0] * windows.shape[1], *kernel_shape) * 1.0


def im2col_only_the_first_case(image, kernel_shape):
    first = np.array([[1.0, 2, 4, 5], [2, 3, 5, 6], [4, 5, 7, 8], [5, 6, 8, 9]])
    return first


def correlate_right(image, kernel):
    matrix = im2col_loops(image, kernel.shape)
    return (matrix @ kernel.ravel()).reshape(image.shape[0] - kernel.shape[0] + 1,
                                             image.shape[1] - kernel.shape[1] + 1)


def correlate_flipped(image, kernel):
    return correlate_right(image, kernel[::-1, ::-1])


def correlate_transposed(image, kernel):
    return correlate_right(image, kernel).T


def correlate_integer_output(image, kernel):
    return correlate_right(image, kernel).astype(image.dtype)


def correlate_kernel_ravelled_by_columns(image, kernel):
    matrix = im2col_loops(image, kernel.shape)
    return (matrix @ kernel.T.ravel()).reshape(image.shape[0] - kernel.shape[0] + 1,
                                               image.shape[1] - kernel.shape[1] + 1)


@pytest.mark.parametrize("evaluate, answer", [
    (checks.evaluate_im2col, im2col_loops),
    (checks.evaluate_im2col, im2col_views),
    (checks.evaluate_correlate_with_im2col, correlate_right),
    (checks.evaluate_correlate_with_im2col,
     lambda image, kernel: signal.correlate2d(image, kernel, "valid").astype(float)),
])
def test_right_answers_pass_the_visible_and_the_hidden_cases(evaluate, answer):
    assert_passes(evaluate(answer), min_cases=4)
    assert_passes(evaluate(answer, hidden_seed=2026), min_cases=9)


@pytest.mark.parametrize("evaluate, answer, words", [
    (checks.evaluate_im2col, im2col_stops_early, ["expected shape", "range(n - k)"]),
    (checks.evaluate_im2col, im2col_transposed, ["transposed", "ROW per output pixel"]),
    (checks.evaluate_im2col, im2col_column_major_windows, ["column by column", "row by row"]),
    (checks.evaluate_im2col, im2col_pixels_by_column, ["column order", "row i * cols + j"]),
    (checks.evaluate_im2col, im2col_swapped_shape, ["swapped kH and kW"]),
    (checks.evaluate_im2col, im2col_integer_dtype, ["case 4", "dtype int64", "np.zeros(shape)"]),
    (checks.evaluate_im2col, im2col_three_axes, ["expected shape (4, 4)"]),
    (checks.evaluate_im2col, im2col_only_the_first_case, ["case 2"]),
    (checks.evaluate_correlate_with_im2col, correlate_flipped, ["flipped the kernel"]),
    (checks.evaluate_correlate_with_im2col, correlate_transposed, ["transposed"]),
    (checks.evaluate_correlate_with_im2col, correlate_integer_output, ["case 3", "integers"]),
    (checks.evaluate_correlate_with_im2col, correlate_kernel_ravelled_by_columns,
     ["case 4", "swapped the kernel's axes"]),
])
def test_wrong_answers_fail_with_a_hint_that_names_the_mistake(evaluate, answer, words):
    assert_fails_with(evaluate(answer), words)


@pytest.mark.parametrize("evaluate, right", [
    (checks.evaluate_im2col, im2col_loops),
    (checks.evaluate_correlate_with_im2col, correlate_right),
])
def test_an_answer_memorising_the_visible_cases_fails_on_the_hidden_ones(evaluate, right):
    memorised = memorising(evaluate, right)
    assert evaluate(memorised).passed
    verdict = evaluate(memorised, hidden_seed=7)
    assert not verdict.passed and "KeyError" in verdict.message


def shift_add_right(image, kernel):
    rows, cols = image.shape[0] - kernel.shape[0] + 1, image.shape[1] - kernel.shape[1] + 1
    out = np.zeros((rows, cols))
    for a in range(kernel.shape[0]):
        for b in range(kernel.shape[1]):
            out += kernel[a, b] * image[a : a + rows, b : b + cols]
    return out


def shift_add_stops_early(image, kernel):
    rows, cols = image.shape[0] - kernel.shape[0], image.shape[1] - kernel.shape[1]
    out = np.zeros((rows, cols))
    for a in range(kernel.shape[0]):
        for b in range(kernel.shape[1]):
            out += kernel[a, b] * image[a : a + rows, b : b + cols]
    return out


def shift_add_integer_accumulator(image, kernel):
    rows, cols = image.shape[0] - kernel.shape[0] + 1, image.shape[1] - kernel.shape[1] + 1
    out = np.zeros((rows, cols), dtype=image.dtype)
    for a in range(kernel.shape[0]):
        for b in range(kernel.shape[1]):
            out = out + kernel[a, b] * image[a : a + rows, b : b + cols]
            out = out.astype(image.dtype)
    return out


def shift_add_flipped(image, kernel):
    return shift_add_right(image, kernel[::-1, ::-1])


def shift_add_swapped_axes(image, kernel):
    return shift_add_right(image, kernel.T)  # kernel rows and columns swapped


@pytest.mark.parametrize("answer, words", [
    (shift_add_stops_early, ["expected shape", "one position short"]),
    (shift_add_integer_accumulator, ["case 3", "int64", "np.zeros(shape)"]),
    (shift_add_flipped, ["flipped the kernel"]),
    (shift_add_swapped_axes, ["case 2", "swapped the kernel's axes"]),
    (lambda image, kernel: image, ["returned its argument image itself"]),
])
def test_shift_add_wrong_answers_fail_with_a_hint_that_names_the_mistake(answer, words):
    assert_fails_with(checks.evaluate_correlate_shift_add(answer), words)


def test_shift_add_right_answer_passes_visible_and_hidden_cases():
    assert_passes(checks.evaluate_correlate_shift_add(shift_add_right), min_cases=4)
    assert_passes(checks.evaluate_correlate_shift_add(shift_add_right, hidden_seed=3),
                  min_cases=9)
