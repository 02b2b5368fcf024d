"""The checkers of lesson 2 (kernels on images): right answers pass, wrong ones get a hint."""

import warnings

import numpy as np
import pytest
import scipy.signal

from convlessons.checks import images as checks

from .checker_cases import assert_fails_with, assert_passes, crashes, forgot_return, not_done

# --- answers a student might write -------------------------------------------


def convolve_right(image, kernel):
    image = np.asarray(image, dtype=float)
    flipped = np.asarray(kernel, dtype=float)[::-1, ::-1]
    kh, kw = flipped.shape
    rows, cols = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * flipped)
    return out


def convolve_scipy(image, kernel):
    return scipy.signal.convolve2d(image.astype(float), kernel, mode="valid")


def convolve_seed_off_by_one(image, kernel):
    # The seeds' loop: range(n - k) misses the last row and column.
    flipped = kernel[::-1, ::-1]
    kh, kw = kernel.shape
    out = np.zeros((image.shape[0] - kh, image.shape[1] - kw))
    for i in range(image.shape[0] - kh):
        for j in range(image.shape[1] - kw):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * flipped)
    return out


def convolve_no_flip(image, kernel):
    return convolve_right(image, kernel[::-1, ::-1])


def convolve_one_flip(image, kernel):
    return convolve_right(image, kernel[::-1])


def convolve_uint8_output(image, kernel):
    # The uint8 trap: the output array inherits the image's dtype.
    flipped = kernel[::-1, ::-1]
    kh, kw = kernel.shape
    out = np.zeros_like(image, shape=(image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * flipped)
    return out


def convolve_uint8_arithmetic(image, kernel):
    # Overflow: products and sums computed in uint8.
    return convolve_right(image, kernel).astype(image.dtype)


def convolve_flips_kernel_in_place(image, kernel):
    kernel[:] = kernel[::-1, ::-1]
    return convolve_no_flip(image, kernel)


def returns_text(*args):
    return "an image"


def returns_ragged(*args):
    return [[1, 2], [3]]


def normalise_right(kernel):
    total = kernel.sum()
    if total == 0:
        raise ValueError("the kernel's entries sum to 0, so it cannot be scaled to sum to 1")
    return kernel / total


def normalise_in_place(kernel):
    kernel /= kernel.sum()
    return kernel


def normalise_without_check(kernel):
    return kernel / kernel.sum()


def normalise_silent_error(kernel):
    if kernel.sum() == 0:
        raise ValueError()
    return kernel / kernel.sum()


def normalise_wrong_error(kernel):
    if kernel.sum() == 0:
        raise ZeroDivisionError("division by zero")
    return kernel / kernel.sum()


def normalise_not_proportional(kernel):
    # Sums to 1, but by adding rather than scaling.
    if kernel.sum() == 0:
        raise ValueError("sum is 0")
    return kernel - (kernel.sum() - 1) / kernel.size


def uint8_right(values):
    return np.clip(np.round(values), 0, 255).astype(np.uint8)


def uint8_rint_first(values):
    return np.rint(np.clip(values, 0, 255)).astype(np.uint8)


def display_right(result):
    result = np.asarray(result, dtype=float)
    largest = np.abs(result).max()
    if largest == 0:
        return np.full(result.shape, 0.5)
    return 0.5 + 0.5 * result / largest


def display_in_place(result):
    result /= 2 * np.abs(result).max()
    result += 0.5
    return result


PREWITT_Y = [[-1, -1, -1], [0, 0, 0], [1, 1, 1]]
SOBEL_Y = [[-1.0, -2, -1], [0, 0, 0], [1, 2, 1]]
HORIZONTAL_EDGE_KERNELS = [
    SOBEL_Y,
    PREWITT_Y,
    np.negative(SOBEL_Y),
    np.array(SOBEL_Y) / 8,
    np.array(PREWITT_Y)[::-1] * 3,
    [[0, 0, 0], [0, -1, 0], [0, 1, 0]],  # a plain vertical difference
    [[1, 1, 1], [-2, -2, -2], [1, 1, 1]],  # a horizontal line detector also sees edges
    ((-1, -2, -1), (0, 0, 0), (1, 2, 1)),  # a tuple is fine
]

RIGHT_ANSWERS = [
    (checks.evaluate_convolve2d_loops, convolve_right),
    (checks.evaluate_convolve2d_loops, convolve_scipy),
    (checks.evaluate_normalise_blur, normalise_right),
    (checks.evaluate_horizontal_edge_kernel, lambda: SOBEL_Y),
    (checks.evaluate_to_uint8, uint8_right),
    (checks.evaluate_to_uint8, uint8_rint_first),
    (checks.evaluate_display_signed, display_right),
]


@pytest.mark.parametrize("evaluate, answer", RIGHT_ANSWERS)
def test_right_answers_pass(evaluate, answer):
    assert_passes(evaluate(answer), min_cases=7)


@pytest.mark.parametrize("kernel", HORIZONTAL_EDGE_KERNELS, ids=range(len(HORIZONTAL_EDGE_KERNELS)))
def test_many_horizontal_edge_kernels_pass(kernel):
    verdict = checks.evaluate_horizontal_edge_kernel(lambda: kernel)
    assert verdict.passed, verdict.message


@pytest.mark.parametrize(
    "kernel, expected_words",
    [
        (np.array(SOBEL_Y).T, ["vertical edge", "every column"]),  # Sobel x: the other direction
        ([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], ["vertical edge", "column"]),  # Laplacian
        ([[2, -1, -1], [-1, 2, -1], [-1, -1, 2]], ["horizontal edge", "strong"]),  # diagonal
        (np.full((3, 3), 1 / 9), ["flat image", "add up to 0"]),  # box blur
        ([[0, 0, 0], [0, 1, 0], [0, 0, 0]], ["flat image"]),  # identity
        (np.zeros((3, 3)), ["horizontal edge", "0 everywhere", "strong response"]),
        ([[-1, -2, -1], [0, 0, 0], [1, 2, 2]], ["flat image", "add up to 0"]),  # a typo
        ([[-1, 1], [-1, 1]], ["shape (2, 2)", "3 x 3"]),
        (np.ones((5, 5)), ["shape (5, 5)"]),
        ([1, 0, -1], ["shape (3,)"]),
        ("sobel", ["not a 3 x 3"]),
        ([[1, 2, 3], [4, 5], [6]], ["not a 3 x 3"]),
        ([[np.nan, 0, 0], [0, 0, 0], [0, 0, 0]], ["nan or inf"]),
    ],
)
def test_kernels_that_do_not_find_horizontal_edges(kernel, expected_words):
    assert_fails_with(checks.evaluate_horizontal_edge_kernel(lambda: kernel), expected_words)


@pytest.mark.parametrize(
    "evaluate, answer, expected_words",
    [
        (checks.evaluate_convolve2d_loops, convolve_seed_off_by_one,
         ["case 1 ", "expected shape (2, 2)", "n - k + 1", "range(H - kh + 1)"]),
        (checks.evaluate_convolve2d_loops, convolve_no_flip, ["cross-correlation", "[::-1, ::-1]"]),
        (checks.evaluate_convolve2d_loops, convolve_one_flip, ["both axes"]),
        (checks.evaluate_convolve2d_loops, convolve_uint8_output,
         ["uint8 image", "dtype uint8", "float array"]),
        (checks.evaluate_convolve2d_loops, convolve_uint8_arithmetic, ["uint8"]),
        (checks.evaluate_convolve2d_loops, convolve_flips_kernel_in_place,
         ["changed its input kernel", "copy"]),
        (checks.evaluate_convolve2d_loops, lambda image, kernel: image,
         ["(H - kh + 1, W - kw + 1)"]),
        (checks.evaluate_convolve2d_loops, forgot_return, ["returned None", "return"]),
        (checks.evaluate_convolve2d_loops, not_done, ["not done yet", "NotImplementedError"]),
        (checks.evaluate_convolve2d_loops, crashes, ["raised IndexError"]),
        (checks.evaluate_convolve2d_loops, returns_text, ["expected an array of numbers"]),
        (checks.evaluate_convolve2d_loops, returns_ragged, ["expected an array of numbers"]),
        (checks.evaluate_normalise_blur, normalise_in_place, ["changed its input kernel", "copy"]),
        (checks.evaluate_normalise_blur, normalise_without_check,
         ["case 8 of 8", "sum to 0", "instead of raising ValueError"]),
        (checks.evaluate_normalise_blur, normalise_silent_error, ["without a message"]),
        (checks.evaluate_normalise_blur, normalise_wrong_error,
         ["ZeroDivisionError", "expected a ValueError"]),
        (checks.evaluate_normalise_blur, normalise_not_proportional, ["same proportions"]),
        (checks.evaluate_normalise_blur, lambda kernel: kernel / kernel.max(),
         ["sums to 4, not 1", "largest entry"]),
        (checks.evaluate_normalise_blur, lambda kernel: kernel / kernel.size,
         ["number of entries"]),
        (checks.evaluate_normalise_blur, lambda kernel: kernel[:1] / kernel.sum(),
         ["expected shape (3, 3)"]),
        (checks.evaluate_normalise_blur, not_done, ["not done yet"]),
        (checks.evaluate_normalise_blur, returns_text, ["expected an array of numbers"]),
        (checks.evaluate_to_uint8, lambda values: values.astype(np.uint8), ["np.clip"]),
        (checks.evaluate_to_uint8, lambda values: np.clip(values, 0, 255).astype(np.uint8),
         ["np.round", "decimals"]),
        (checks.evaluate_to_uint8, lambda values: np.clip(np.round(values), 0, 255),
         ["dtype float64", "astype(np.uint8)"]),
        (checks.evaluate_to_uint8, lambda values: np.clip(np.round(values), 0, 255).tolist(),
         ["a list", "uint8"]),
        (checks.evaluate_to_uint8, lambda values: uint8_right(values).ravel(),
         ["expected shape (1, 4)"]),
        (checks.evaluate_to_uint8, not_done, ["not done yet"]),
        (checks.evaluate_display_signed, lambda r: (r - r.min()) / (r.max() - r.min()),
         ["case 2 ", "min..max", "0.5"]),
        (checks.evaluate_display_signed, lambda r: 0.5 + 0.5 * r / np.abs(r).max(),
         ["nan", "0.5 everywhere"]),
        (checks.evaluate_display_signed, lambda r: np.abs(r) / np.abs(r).max(), ["keep the sign"]),
        (checks.evaluate_display_signed, display_in_place, ["changed its input result"]),
        (checks.evaluate_display_signed, lambda r: display_right(r)[0], ["expected shape"]),
        (checks.evaluate_display_signed, crashes, ["raised IndexError"]),
        (checks.evaluate_display_signed, not_done, ["not done yet"]),
    ],
)
def test_wrong_answers_get_a_helpful_verdict(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)


def test_warnings_from_an_answer_do_not_leak_into_the_notebook():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not checks.evaluate_normalise_blur(normalise_without_check).passed
        assert not checks.evaluate_display_signed(lambda r: 0.5 + 0.5 * r / np.abs(r).max()).passed
        assert not checks.evaluate_convolve2d_loops(
            lambda image, kernel: image[:1, :1] * np.uint8(200) * np.uint8(200)).passed


def test_messages_show_matrices_one_row_per_line():
    message = checks.evaluate_convolve2d_loops(convolve_no_flip).message
    assert "   expected:\n     [[ 7., 10.],\n      [16., 19.]]" in message
    assert all(line.startswith("   ") for line in message.splitlines()[1:]), message

