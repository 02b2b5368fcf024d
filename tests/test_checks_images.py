"""The checkers of lesson 2 (kernels on images): right answers pass, each known wrong one is named.

Bad answers of every kind (the stub, a crash, None, text, ...) are tried on
every checker by ``tests/test_checks_robustness.py``; here are the mistakes
a student of lesson 2 makes, each with the words its verdict must contain.
"""

import warnings

import numpy as np
import pytest
import scipy.signal

from convlessons.checks import images as checks

from .checker_cases import (
    assert_fails_with,
    assert_hidden_cases_catch_memorising,
    assert_passes,
    wrong,
)

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


def convolve_allocates_right_loops_short(image, kernel):
    flipped = np.asarray(kernel, dtype=float)[::-1, ::-1]
    kh, kw = kernel.shape
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(out.shape[0] - 1):
        for j in range(out.shape[1] - 1):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * flipped)
    return out


def convolve_output_of_input_dtype_cast_at_the_end(image, kernel):
    # np.zeros_like(image) keeps an integer image's dtype; .astype(float) comes too late.
    return convolve_uint8_output(image, kernel).astype(float)


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


def normalise_returns_input_when_done(kernel):
    if kernel.sum() == 1:
        return kernel  # already normalised: but the caller's array comes back
    return normalise_right(kernel)


def normalise_integer_division(kernel):
    if kernel.sum() == 0:
        raise ValueError("sum is 0")
    return kernel // kernel.sum() if kernel.dtype.kind == "i" else kernel / kernel.sum()


def normalise_fills_zeros_like(kernel):
    if kernel.sum() == 0:
        raise ValueError("sum is 0")
    out = np.zeros_like(kernel)
    out[...] = kernel / kernel.sum()
    return out


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


def display_divides_by_max(result):
    result = np.asarray(result, dtype=float)
    if not result.any():
        return np.full(result.shape, 0.5)
    return 0.5 + 0.5 * result / result.max()


def display_zeros_like(result):
    out = np.zeros_like(result)
    out[...] = display_right(result)
    return out


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
    (checks.evaluate_convolve2d_loops, convolve_right),  # the solution notebook's answer
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
    assert_passes(evaluate(answer, hidden_seed=11), min_cases=10)


@pytest.mark.parametrize("kernel", HORIZONTAL_EDGE_KERNELS, ids=range(len(HORIZONTAL_EDGE_KERNELS)))
def test_many_horizontal_edge_kernels_pass(kernel):
    for seed in (None, 1, 2):
        verdict = checks.evaluate_horizontal_edge_kernel(lambda: kernel, hidden_seed=seed)
        assert verdict.passed, verdict.message


@pytest.mark.parametrize(
    "kernel, expected_words",
    [
        (np.array(SOBEL_Y).T, ["vertical edge", "every column"]),  # Sobel x: the other direction
        ([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], ["vertical edge", "column"]),  # Laplacian
        ([[2, -1, -1], [-1, 2, -1], [-1, -1, 2]], ["horizontal edge", "strong"]),  # diagonal
        ([[0, 1, 2], [-1, 0, 1], [-2, -1, 0]], ["vertical edge", "column"]),  # the other diagonal
        (np.full((3, 3), 1 / 9), ["flat image", "add up to 0"]),  # box blur
        ([[0, 0, 0], [0, 1, 0], [0, 0, 0]], ["flat image"]),  # identity
        (np.zeros((3, 3)), ["horizontal edge", "0 everywhere", "strong response"]),
        ([[-1, -2, -1], [0, 0, 0], [1, 2, 2]], ["flat image", "add up to 0"]),  # a typo
        (np.array(SOBEL_Y).astype(np.uint8), ["dtype uint8", "no negative numbers", "255"]),
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


WRONG_ANSWERS = [
    # exercise 1: convolve2d_loops
    wrong("range(n - k)", checks.evaluate_convolve2d_loops, convolve_seed_off_by_one,
          ["case 1 ", "expected shape (2, 2)", "one position short", "n - k + 1"]),
    wrong("right shape, loops one short", checks.evaluate_convolve2d_loops,
          convolve_allocates_right_loops_short, ["last row and column are 0", "range(n - k)"]),
    wrong("no flip", checks.evaluate_convolve2d_loops, convolve_no_flip,
          ["That is correlation", "[::-1, ::-1]"]),
    wrong("one flip", checks.evaluate_convolve2d_loops, convolve_one_flip, ["both axes"]),
    wrong("output of the image's dtype", checks.evaluate_convolve2d_loops,
          convolve_uint8_output, ["image of dtype uint8", "dtype uint8", "np.zeros(shape)"]),
    wrong("output of the image's dtype, cast at the end", checks.evaluate_convolve2d_loops,
          convolve_output_of_input_dtype_cast_at_the_end,
          ["image of dtype uint8", "truncated", "np.zeros(shape)"]),
    wrong("uint8 arithmetic", checks.evaluate_convolve2d_loops, convolve_uint8_arithmetic,
          ["dtype uint8", "float array"]),
    wrong("int64 image, float kernel, int output", checks.evaluate_convolve2d_loops,
          lambda image, kernel: (convolve_right(image, kernel).astype(image.dtype)
                                 if image.dtype == np.int64 else convolve_right(image, kernel)),
          ["image of dtype int64", "dtype int64", "np.zeros(shape)"]),
    wrong("flips the kernel in place", checks.evaluate_convolve2d_loops,
          convolve_flips_kernel_in_place, ["changed its input kernel", "copy"]),
    wrong("returns the image", checks.evaluate_convolve2d_loops, lambda image, kernel: image,
          ["returned its argument image itself", "new array"]),
    wrong("mode full", checks.evaluate_convolve2d_loops,
          lambda image, kernel: scipy.signal.convolve2d(image.astype(float), kernel),
          ["(H - kh + 1, W - kw + 1)"]),
    wrong("a list", checks.evaluate_convolve2d_loops,
          lambda image, kernel: convolve_right(image, kernel).tolist(), ["a list", "float array"]),
    # exercise 2: normalise_blur
    wrong("in place", checks.evaluate_normalise_blur, normalise_in_place,
          ["changed its input kernel", "copy"]),
    wrong("no ValueError", checks.evaluate_normalise_blur, normalise_without_check,
          ["case 9 of 9", "sum to 0", "instead of raising ValueError"]),
    wrong("ValueError without a message", checks.evaluate_normalise_blur,
          normalise_silent_error, ["without a message"]),
    wrong("ZeroDivisionError", checks.evaluate_normalise_blur, normalise_wrong_error,
          ["ZeroDivisionError", "expected a ValueError"]),
    wrong("shifted, not scaled", checks.evaluate_normalise_blur, normalise_not_proportional,
          ["same proportions", "scale every entry"]),
    wrong("divides by the largest", checks.evaluate_normalise_blur,
          lambda kernel: kernel / kernel.max(), ["largest entry", "kernel.sum()"]),
    wrong("divides by the size", checks.evaluate_normalise_blur,
          lambda kernel: kernel / kernel.size, ["number of entries"]),
    wrong("wrong shape", checks.evaluate_normalise_blur,
          lambda kernel: kernel[:1] / kernel.sum(), ["expected shape (3, 3)"]),
    wrong("returns the kernel when it sums to 1", checks.evaluate_normalise_blur,
          normalise_returns_input_when_done,
          ["already sums to 1", "returned its argument kernel itself", "new array"]),
    wrong("integer division", checks.evaluate_normalise_blur, normalise_integer_division,
          ["kernel of dtype int64", "dtype int64", "float array"]),
    wrong("np.zeros_like", checks.evaluate_normalise_blur, normalise_fills_zeros_like,
          ["kernel of dtype int64", "float array"]),
    # exercise 4: to_uint8
    wrong("astype only", checks.evaluate_to_uint8, lambda values: values.astype(np.uint8),
          ["np.clip", "wraps", "np.round"]),
    wrong("no rounding", checks.evaluate_to_uint8,
          lambda values: np.clip(values, 0, 255).astype(np.uint8), ["np.round", "decimals"]),
    wrong("no clipping", checks.evaluate_to_uint8,
          lambda values: np.round(values).astype(np.uint8), ["np.clip", "wraps"]),
    wrong("np.ceil", checks.evaluate_to_uint8,
          lambda values: np.clip(np.ceil(values), 0, 255).astype(np.uint8), ["np.ceil"]),
    wrong("clips to 256", checks.evaluate_to_uint8,
          lambda values: np.clip(np.round(values), 0, 256).astype(np.uint8), ["256"]),
    wrong("floats", checks.evaluate_to_uint8, lambda values: np.clip(np.round(values), 0, 255),
          ["dtype float64", "astype(np.uint8)"]),
    wrong("a list", checks.evaluate_to_uint8,
          lambda values: np.clip(np.round(values), 0, 255).tolist(), ["a list", "uint8"]),
    wrong("flattened", checks.evaluate_to_uint8, lambda values: uint8_right(values).ravel(),
          ["expected shape (1, 4)"]),
    wrong("2-D only", checks.evaluate_to_uint8,
          lambda values: uint8_right(np.atleast_2d(values)), ["values=[ 12.4, 270. , -8. ]"]),
    wrong("rounds in place", checks.evaluate_to_uint8,
          lambda values: np.clip(np.round(values, out=values), 0, 255).astype(np.uint8),
          ["changed its input values"]),
    # exercise 5: display_signed
    wrong("min..max stretch", checks.evaluate_display_signed,
          lambda r: (r - r.min()) / (r.max() - r.min()), ["case 2 ", "min..max", "0.5"]),
    wrong("divides by 0", checks.evaluate_display_signed,
          lambda r: 0.5 + 0.5 * r / np.abs(r).max(), ["nan", "0.5 everywhere"]),
    wrong("np.abs", checks.evaluate_display_signed, lambda r: np.abs(r) / np.abs(r).max(),
          ["keep the sign"]),
    wrong("divides by the largest value", checks.evaluate_display_signed,
          display_divides_by_max, ["largest value", "np.abs(result).max()"]),
    wrong("forgets the 0.5", checks.evaluate_display_signed,
          lambda r: 0.5 * r / np.abs(r).max(), ["-0.5..0.5", "add 0.5"]),
    wrong("forgets to halve", checks.evaluate_display_signed,
          lambda r: (r + np.abs(r).max()) / np.abs(r).max(), ["0 to 2", "halve"]),
    wrong("in place", checks.evaluate_display_signed, display_in_place,
          ["changed its input result"]),
    wrong("np.zeros_like", checks.evaluate_display_signed, display_zeros_like,
          ["result of dtype int64", "float array"]),
    wrong("wrong shape", checks.evaluate_display_signed, lambda r: display_right(r)[0],
          ["expected shape"]),
]


@pytest.mark.parametrize("evaluate, answer, expected_words", WRONG_ANSWERS)
def test_wrong_answers_get_a_verdict_that_names_the_mistake(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)


@pytest.mark.parametrize("evaluate, right", [
    (checks.evaluate_convolve2d_loops, convolve_right),
    (checks.evaluate_normalise_blur, normalise_right),
    (checks.evaluate_to_uint8, uint8_right),
    (checks.evaluate_display_signed, display_right),
], ids=lambda value: getattr(value, "__name__", ""))
def test_hidden_cases_fail_an_answer_that_memorises_the_visible_ones(evaluate, right):
    assert_hidden_cases_catch_memorising(evaluate, right)


def test_horizontal_edge_kernel_has_hidden_images_too():
    # horizontal_edge_kernel takes no argument, so there is nothing to memorise: its hidden
    # cases are other test images, and a kernel is still judged by what it does on them.
    visible = checks.evaluate_horizontal_edge_kernel(lambda: SOBEL_Y)
    hidden = checks.evaluate_horizontal_edge_kernel(lambda: SOBEL_Y, hidden_seed=5)
    assert visible.cases == 7 and hidden.passed and hidden.cases == 13
    box = checks.evaluate_horizontal_edge_kernel(lambda: np.ones((3, 3)), hidden_seed=5)
    assert "case 1 of 13" in box.message


def test_warnings_from_an_answer_do_not_leak_into_the_notebook():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not checks.evaluate_normalise_blur(normalise_without_check).passed
        assert not checks.evaluate_display_signed(lambda r: 0.5 + 0.5 * r / np.abs(r).max()).passed
        assert not checks.evaluate_convolve2d_loops(
            lambda image, kernel: image[:1, :1] * np.uint8(200) * np.uint8(200)).passed


def test_messages_show_matrices_one_row_per_line():
    message = checks.evaluate_convolve2d_loops(convolve_no_flip).message
    assert "   expected: [[ 7., 10.],\n              [16., 19.]]" in message
    assert all(line.startswith("   ") for line in message.splitlines()[1:]), message
