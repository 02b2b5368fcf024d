"""The checkers of lesson 3 (the border problem): right answers pass, each known wrong one is named.

Bad answers of every kind (the stub, a crash, None, text, ...) are tried on
every checker by ``tests/test_checks_robustness.py``; here are the mistakes
a student of lesson 3 makes, each with the words its verdict must contain.
"""

import numpy as np
import pytest
from scipy.signal import convolve2d, correlate2d

from convlessons.checks import borders as checks

from .checker_cases import (
    assert_fails_with,
    assert_hidden_cases_catch_memorising,
    assert_passes,
    wrong,
)

# --- answers a student might write -------------------------------------------


def shape_right(image_shape, kernel_shape, mode):
    sizes = {"full": lambda n, k: n + k - 1, "same": lambda n, k: n,
             "valid": lambda n, k: n - k + 1}
    return tuple(sizes[mode](n, k) for n, k in zip(image_shape, kernel_shape, strict=True))


def shape_seed_mistake(image_shape, kernel_shape, mode):
    # The sources' n - (k + 1).
    if mode == "valid":
        return tuple(n - (k + 1) for n, k in zip(image_shape, kernel_shape, strict=True))
    return shape_right(image_shape, kernel_shape, mode)


def shape_swapped(image_shape, kernel_shape, mode):
    return shape_right(image_shape, kernel_shape, mode)[::-1]


def shape_as_floats(image_shape, kernel_shape, mode):
    return tuple(float(size) for size in shape_right(image_shape, kernel_shape, mode))


def shape_as_array(image_shape, kernel_shape, mode):
    return np.array(shape_right(image_shape, kernel_shape, mode))


def shape_full_forgotten(image_shape, kernel_shape, mode):
    # Treats "full" like "same".
    return tuple(image_shape) if mode != "valid" else shape_right(image_shape, kernel_shape, mode)


def shape_numpy_same(image_shape, kernel_shape, mode):
    # Lesson 1's NumPy rule for 'same', max(n, m), carried over to 2-D.
    if mode == "same":
        return tuple(max(n, k) for n, k in zip(image_shape, kernel_shape, strict=True))
    return shape_right(image_shape, kernel_shape, mode)


def shape_full_one_more(image_shape, kernel_shape, mode):
    if mode == "full":
        return tuple(n + k for n, k in zip(image_shape, kernel_shape, strict=True))
    return shape_right(image_shape, kernel_shape, mode)


def shape_valid_one_short(image_shape, kernel_shape, mode):
    if mode == "valid":
        return tuple(n - k for n, k in zip(image_shape, kernel_shape, strict=True))
    return shape_right(image_shape, kernel_shape, mode)


def correlate_loops(image, kernel, positions_past_n_minus_k=1):
    # range(n - k + 1) is right; the sources' range(n - k) misses the last row and column.
    rows = image.shape[0] - kernel.shape[0] + positions_past_n_minus_k
    cols = image.shape[1] - kernel.shape[1] + positions_past_n_minus_k
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            out[i, j] = np.sum(image[i : i + kernel.shape[0], j : j + kernel.shape[1]] * kernel)
    return out


def correlate_right(image, kernel):
    return correlate_loops(image, kernel)


def correlate_range_n_minus_k(image, kernel):
    return correlate_loops(image, kernel, positions_past_n_minus_k=0)


def correlate_misses_last_column(image, kernel):
    return correlate_right(image, kernel)[:, :-1]


def correlate_one_too_many(image, kernel):
    padded = np.pad(image.astype(float), ((0, 1), (0, 1)))
    return correlate_right(padded, kernel)


def correlate_flipped(image, kernel):
    return correlate_right(image, kernel[::-1, ::-1])


def correlate_zeros_like(image, kernel):
    rows = image.shape[0] - kernel.shape[0] + 1
    cols = image.shape[1] - kernel.shape[1] + 1
    out = np.zeros_like(image)[:rows, :cols]
    for i in range(rows):
        for j in range(cols):
            out[i, j] = np.sum(image[i : i + kernel.shape[0], j : j + kernel.shape[1]] * kernel)
    return out


def correlate_accumulator_of_image_dtype(image, kernel):
    rows = image.shape[0] - kernel.shape[0] + 1
    cols = image.shape[1] - kernel.shape[1] + 1
    out = np.zeros((rows, cols), dtype=image.dtype)
    for i in range(rows):
        for j in range(cols):
            out[i, j] = np.sum(image[i : i + kernel.shape[0], j : j + kernel.shape[1]] * kernel)
    return out.astype(float)  # converted too late: the decimals are already gone


def correlate_in_place(image, kernel):
    image -= image.min()
    return correlate_right(image, kernel)


def touched_right(image_shape, kernel_shape):
    (rows, cols), (k_rows, k_cols) = image_shape, kernel_shape
    return rows * cols - max(rows - k_rows + 1, 0) * max(cols - k_cols + 1, 0)


def touched_unclamped(image_shape, kernel_shape):
    (rows, cols), (k_rows, k_cols) = image_shape, kernel_shape
    return rows * cols - (rows - k_rows + 1) * (cols - k_cols + 1)


def touched_counts_the_free_ones(image_shape, kernel_shape):
    (rows, cols), (k_rows, k_cols) = image_shape, kernel_shape
    return max(rows - k_rows + 1, 0) * max(cols - k_cols + 1, 0)


def touched_seed_mistake(image_shape, kernel_shape):
    (rows, cols), (k_rows, k_cols) = image_shape, kernel_shape
    return rows * cols - (rows - (k_rows + 1)) * (cols - (k_cols + 1))


def touched_half_kernel_each_side(image_shape, kernel_shape):
    (rows, cols), (k_rows, k_cols) = image_shape, kernel_shape
    free_rows = max(rows - 2 * (k_rows // 2), 0)
    free_cols = max(cols - 2 * (k_cols // 2), 0)
    return rows * cols - free_rows * free_cols


def touched_float(image_shape, kernel_shape):
    return float(touched_right(image_shape, kernel_shape))


def replicate_right(image, width):
    rows = np.clip(np.arange(-width, image.shape[0] + width), 0, image.shape[0] - 1)
    cols = np.clip(np.arange(-width, image.shape[1] + width), 0, image.shape[1] - 1)
    return image[np.ix_(rows, cols)].astype(float)


def replicate_slices(image, width):
    # Another right answer: the middle first, then rows, then columns (corners come along).
    out = np.zeros((image.shape[0] + 2 * width, image.shape[1] + 2 * width))
    out[width : width + image.shape[0], width : width + image.shape[1]] = image
    out[:width] = out[width]
    out[width + image.shape[0] :] = out[width + image.shape[0] - 1]
    out[:, :width] = out[:, [width]]
    out[:, width + image.shape[1] :] = out[:, [width + image.shape[1] - 1]]
    return out


def replicate_zeros(image, width):
    return np.pad(image, width)


def replicate_symmetric(image, width):
    return np.pad(image.astype(float), width, mode="symmetric")


def replicate_one_side(image, width):
    return np.pad(image, ((width, 0), (width, 0)), mode="edge")


def replicate_returns_image_for_width_0(image, width):
    if width == 0:
        return image
    return replicate_right(image, width)


def replicate_keeps_dtype(image, width):
    return np.pad(image, width, mode="edge")


def replicate_empty_corners(image, width):
    rows, cols = image.shape
    out = np.zeros((rows + 2 * width, cols + 2 * width))
    out[width : width + rows, width : width + cols] = image
    out[:width, width : width + cols] = image[0]
    out[width + rows :, width : width + cols] = image[-1]
    out[width : width + rows, :width] = image[:, :1]
    out[width : width + rows, width + cols :] = image[:, -1:]
    return out


def replicate_in_place(image, width):
    image[0, 0] = -1
    return np.pad(image, width, mode="edge")


NUMPY_NAMES = {"zeros": "constant", "reflect": "reflect", "symmetric": "symmetric",
               "replicate": "edge", "circular": "wrap"}


def mode_right(name):
    return NUMPY_NAMES[name]


def mode_mirrors_swapped(name):
    return {**NUMPY_NAMES, "reflect": "symmetric", "symmetric": "reflect"}[name]


def mode_torch_names(name):
    return {**NUMPY_NAMES, "replicate": "replicate"}[name]


def mode_empty_for_zeros(name):
    return {**NUMPY_NAMES, "zeros": "empty"}[name]


def same_padding_right(kernel_size):
    return kernel_size // 2, (kernel_size - 1) // 2


def same_padding_torch_side(kernel_size):
    # correlate2d's (and PyTorch's) split: right for correlation, shifted for convolve2d.
    return (kernel_size - 1) // 2, kernel_size // 2


def same_padding_halves(kernel_size):
    return kernel_size // 2, kernel_size // 2


def same_padding_floats(kernel_size):
    return (kernel_size - 1) / 2, (kernel_size - 1) / 2


def same_padding_up_to_eight(kernel_size):
    # Memorised for the sizes the notebook names, 1 to 8.
    return {1: (0, 0), 2: (1, 0), 3: (1, 1), 4: (2, 1), 5: (2, 2), 6: (3, 2), 7: (3, 3),
            8: (4, 3)}[kernel_size]


def same_padding_one_number(kernel_size):
    return kernel_size // 2


def same_padding_negative(kernel_size):
    return -1, kernel_size


RIGHT_ANSWERS = [
    (checks.evaluate_output_shape, shape_right),  # the solution notebook's answers
    (checks.evaluate_output_shape,
     lambda i, k, mode: convolve2d(np.zeros(i), np.ones(k), mode).shape),
    (checks.evaluate_correlate_valid_loops, correlate_right),
    (checks.evaluate_correlate_valid_loops,
     lambda image, kernel: correlate2d(image.astype(float), kernel, "valid")),
    (checks.evaluate_touched_by_padding, touched_right),
    (checks.evaluate_touched_by_padding, lambda i, k: np.int64(touched_right(i, k))),
    (checks.evaluate_pad_replicate, replicate_right),
    (checks.evaluate_pad_replicate, replicate_slices),
    (checks.evaluate_pad_replicate,
     lambda image, width: np.pad(image.astype(float), width, mode="edge")),
    (checks.evaluate_numpy_pad_mode, mode_right),
    (checks.evaluate_same_padding, same_padding_right),
]


@pytest.mark.parametrize("evaluate, answer", RIGHT_ANSWERS)
def test_right_answers_pass(evaluate, answer):
    assert_passes(evaluate(answer), min_cases=5)
    assert_passes(evaluate(answer, hidden_seed=11), min_cases=10)


WRONG_ANSWERS = [
    # exercise 1: output_shape
    wrong("n - (k + 1)", checks.evaluate_output_shape, shape_seed_mistake,
          ["mode='valid'", "n - (k + 1)", "n - k + 1"]),
    wrong("n - k", checks.evaluate_output_shape, shape_valid_one_short,
          ["n - k per axis, one short"]),
    wrong("axes swapped", checks.evaluate_output_shape, shape_swapped, ["swapped"]),
    wrong("floats", checks.evaluate_output_shape, shape_as_floats, ["whole numbers", "//"]),
    wrong("a list", checks.evaluate_output_shape,
          lambda i, k, mode: list(shape_right(i, k, mode)), ["(list)", "Return a tuple"]),
    wrong("an array", checks.evaluate_output_shape, shape_as_array,
          ["(ndarray)", "Return a tuple"]),
    wrong("full like same", checks.evaluate_output_shape, shape_full_forgotten,
          ["mode='full'", "n + k - 1"]),
    wrong("full n + k", checks.evaluate_output_shape, shape_full_one_more,
          ["n + k per axis, one too many"]),
    wrong("NumPy's 1-D same", checks.evaluate_output_shape, shape_numpy_same,
          ["kernel_shape=(5, 5), mode='same'", "max(n, k)", "image's shape"]),
    wrong("a number", checks.evaluate_output_shape, lambda i, k, mode: 3, ["expected a pair"]),
    wrong("text", checks.evaluate_output_shape, lambda i, k, mode: "3x3", ["expected a pair"]),
    wrong("three numbers", checks.evaluate_output_shape, lambda i, k, mode: (3, 3, 1),
          ["expected a pair"]),
    wrong("a bool", checks.evaluate_output_shape, lambda i, k, mode: (True, 3),
          ["whole numbers"]),
    # exercise 2: correlate_valid_loops
    wrong("range(n - k)", checks.evaluate_correlate_valid_loops, correlate_range_n_minus_k,
          ["last row and the last column", "n - k + 1", "expected shape (2, 3)"]),
    wrong("misses the last column", checks.evaluate_correlate_valid_loops,
          correlate_misses_last_column, ["miss the last column", "range(n - k)"]),
    wrong("one too many", checks.evaluate_correlate_valid_loops, correlate_one_too_many,
          ["expected shape", "n - k + 1"]),
    wrong("flipped", checks.evaluate_correlate_valid_loops, correlate_flipped,
          ["You flipped the kernel", "only convolution"]),
    wrong("np.zeros_like", checks.evaluate_correlate_valid_loops, correlate_zeros_like,
          ["case 7", "uint8", "np.zeros(shape)"]),
    wrong("accumulator of the image's dtype", checks.evaluate_correlate_valid_loops,
          correlate_accumulator_of_image_dtype,
          ["case 7", "image of dtype uint8", "truncated", "np.zeros(shape)"]),
    wrong("SciPy on integers", checks.evaluate_correlate_valid_loops,
          lambda image, kernel: correlate2d(image, kernel, "valid"),
          ["case 7", "dtype int64", "float array"]),
    wrong("in place", checks.evaluate_correlate_valid_loops, correlate_in_place,
          ["changed its input image", "copy"]),
    # exercise 3: touched_by_padding
    wrong("unclamped", checks.evaluate_touched_by_padding, touched_unclamped,
          ["case 9", "larger than the image", "max(n - k + 1, 0)"]),
    wrong("the free ones", checks.evaluate_touched_by_padding, touched_counts_the_free_ones,
          ["see only the image", "asks for the others"]),
    wrong("n - (k + 1)", checks.evaluate_touched_by_padding, touched_seed_mistake,
          ["n - (k + 1)"]),
    wrong("k // 2 on each side", checks.evaluate_touched_by_padding,
          touched_half_kernel_each_side, ["kernel_shape=(2, 2)", "even kernel", "unevenly"]),
    wrong("a float", checks.evaluate_touched_by_padding, touched_float, ["whole number"]),
    wrong("a bool", checks.evaluate_touched_by_padding, lambda i, k: True, ["whole number"]),
    # exercise 4: pad_replicate
    wrong("zeros", checks.evaluate_pad_replicate, replicate_zeros,
          ["zero padding", "nearest image pixel"]),
    wrong("symmetric", checks.evaluate_pad_replicate, replicate_symmetric, ["'symmetric'"]),
    wrong("reflect", checks.evaluate_pad_replicate,
          lambda image, width: np.pad(image, width, "reflect"), ["'reflect'"]),
    wrong("wrap", checks.evaluate_pad_replicate,
          lambda image, width: np.pad(image, width, "wrap"),
          ["'reflect'", "mode 'wrap' gives the same frame"]),
    wrong("one side", checks.evaluate_pad_replicate, replicate_one_side,
          ["expected shape (4, 4)", "H + 2 * width"]),
    wrong("empty corners", checks.evaluate_pad_replicate, replicate_empty_corners,
          ["corner blocks are 0"]),
    wrong("integer result", checks.evaluate_pad_replicate, replicate_keeps_dtype,
          ["(integer pixels) (image of dtype int64)", "float array"]),
    wrong("the image back for width 0", checks.evaluate_pad_replicate,
          replicate_returns_image_for_width_0,
          ["width=0", "returned its argument image itself", "new array"]),
    wrong("in place", checks.evaluate_pad_replicate, replicate_in_place,
          ["changed its input image"]),
    wrong("the image itself", checks.evaluate_pad_replicate, lambda image, width: image,
          ["returned its argument image itself", "new array"]),
    # exercise 5: numpy_pad_mode
    wrong("mirrors swapped", checks.evaluate_numpy_pad_mode, mode_mirrors_swapped,
          ["name='reflect'", "two mirror modes", "not repeated"]),
    wrong("PyTorch's names", checks.evaluate_numpy_pad_mode, mode_torch_names,
          ["'replicate'", "does not accept", "help(np.pad)"]),
    wrong("our names", checks.evaluate_numpy_pad_mode, lambda name: name, ["does not accept"]),
    wrong("a function", checks.evaluate_numpy_pad_mode, lambda name: np.pad, ["a string"]),
    wrong("mean", checks.evaluate_numpy_pad_mode, lambda name: "mean",
          ["np.pad([1., 2., 3., 4.], 2"]),
    wrong("empty for zeros", checks.evaluate_numpy_pad_mode, mode_empty_for_zeros,
          ["name='zeros'", "'empty'", "uninitialised"]),
    # exercise 6: same_padding
    wrong("correlation's side", checks.evaluate_same_padding, same_padding_torch_side,
          ["kernel_size=2", "moved 1 pixel up and to the left", "before"]),
    wrong("k // 2 twice", checks.evaluate_same_padding, same_padding_halves,
          ["kernel_size=2", "adds 2 pixels", "k - 1 = 1"]),
    wrong("floats", checks.evaluate_same_padding, same_padding_floats, ["whole numbers"]),
    wrong("one number", checks.evaluate_same_padding, same_padding_one_number,
          ["expected a pair"]),
    wrong("a list", checks.evaluate_same_padding, lambda k: [k // 2, (k - 1) // 2],
          ["(list)", "Return a tuple"]),
    wrong("negative", checks.evaluate_same_padding, same_padding_negative, ["negative"]),
    wrong("no padding", checks.evaluate_same_padding, lambda k: (0, 0),
          ["kernel_size=3", "adds 0 pixels"]),
    wrong("huge", checks.evaluate_same_padding, lambda k: (10**9, 10**9), ["adds 2000000000"]),
]


@pytest.mark.parametrize("evaluate, answer, expected_words", WRONG_ANSWERS)
def test_wrong_answers_get_a_verdict_that_names_the_mistake(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)


@pytest.mark.parametrize("evaluate, right", [
    (checks.evaluate_output_shape, shape_right),
    (checks.evaluate_correlate_valid_loops, correlate_right),
    (checks.evaluate_touched_by_padding, touched_right),
    (checks.evaluate_pad_replicate, replicate_right),
    (checks.evaluate_same_padding, same_padding_right),
], ids=lambda value: getattr(value, "__name__", ""))
def test_hidden_cases_fail_an_answer_that_memorises_the_visible_ones(evaluate, right):
    assert_hidden_cases_catch_memorising(evaluate, right)


def test_same_padding_hidden_cases_go_past_the_notebooks_sizes():
    assert checks.evaluate_same_padding(same_padding_up_to_eight).passed
    hidden = checks.evaluate_same_padding(same_padding_up_to_eight, hidden_seed=1)
    assert "case 9 of 13" in hidden.message and "raised KeyError" in hidden.message


def test_numpy_pad_mode_hidden_cases_try_other_rows_and_widths():
    # The five names are all visible, so a table of them is the right answer, not a
    # memorised one; the hidden cases pad other rows by other widths.
    assert checks.evaluate_numpy_pad_mode(mode_right, hidden_seed=3).cases == 10
    verdict = checks.evaluate_numpy_pad_mode(lambda name: "constant", hidden_seed=3)
    assert "case 2 of 10" in verdict.message


def test_an_integer_image_with_a_float_kernel_is_a_visible_case():
    # An accumulator of the image's dtype truncates each sum only where the kernel is float.
    verdict = checks.evaluate_correlate_valid_loops(
        lambda image, kernel: correlate_accumulator_of_image_dtype(image, kernel)
        if image.dtype == np.int64 else correlate_right(image, kernel))
    assert "case 8" in verdict.message and "image of dtype int64" in verdict.message
    assert "truncated" in verdict.message


def test_messages_are_indented_lines_that_show_2d_arrays_row_by_row():
    message = checks.evaluate_correlate_valid_loops(correlate_range_n_minus_k).message
    lines = message.splitlines()
    assert all(line.startswith("   ") for line in lines[1:]), message
    assert "   expected shape (2, 3): [[11., 15., 19.]," in lines
    assert "                           [27., 31., 35.]]" in lines
