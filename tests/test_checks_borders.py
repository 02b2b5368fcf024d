"""The lesson 3 checkers: right answers pass, wrong ones get a helpful verdict, never a crash."""

import numpy as np
import pytest
from scipy.signal import convolve2d, correlate2d

from convlessons.checks import borders as checks

from .checker_cases import assert_fails_with, assert_passes, crashes, forgot_return, not_done

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


def correlate_right(image, kernel):
    rows = image.shape[0] - kernel.shape[0] + 1
    cols = image.shape[1] - kernel.shape[1] + 1
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            out[i, j] = np.sum(image[i : i + kernel.shape[0], j : j + kernel.shape[1]] * kernel)
    return out


def correlate_range_n_minus_k(image, kernel):
    # The sources' loop: range(n - k) misses the last row and column.
    rows = image.shape[0] - kernel.shape[0]
    cols = image.shape[1] - kernel.shape[1]
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            out[i, j] = np.sum(image[i : i + kernel.shape[0], j : j + kernel.shape[1]] * kernel)
    return out


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
    return np.pad(image, width, mode="symmetric")


def replicate_one_side(image, width):
    return np.pad(image, ((width, 0), (width, 0)), mode="edge")


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


def same_padding_right(kernel_size):
    return kernel_size // 2, (kernel_size - 1) // 2


def same_padding_torch_side(kernel_size):
    # correlate2d's (and PyTorch's) split: right for correlation, shifted for convolve2d.
    return (kernel_size - 1) // 2, kernel_size // 2


def same_padding_halves(kernel_size):
    return kernel_size // 2, kernel_size // 2


def same_padding_floats(kernel_size):
    return (kernel_size - 1) / 2, (kernel_size - 1) / 2


def same_padding_one_number(kernel_size):
    return kernel_size // 2


def same_padding_negative(kernel_size):
    return -1, kernel_size


RIGHT_ANSWERS = [
    (checks.evaluate_output_shape, shape_right),
    (checks.evaluate_output_shape, lambda i, k, mode: list(shape_right(i, k, mode))),
    (checks.evaluate_output_shape, shape_as_array),
    (checks.evaluate_output_shape,
     lambda i, k, mode: convolve2d(np.zeros(i), np.ones(k), mode).shape),
    (checks.evaluate_correlate_valid_loops, correlate_right),
    (checks.evaluate_correlate_valid_loops, lambda image, kernel: correlate2d(image, kernel,
                                                                             "valid")),
    (checks.evaluate_touched_by_padding, touched_right),
    (checks.evaluate_touched_by_padding, lambda i, k: np.int64(touched_right(i, k))),
    (checks.evaluate_pad_replicate, replicate_right),
    (checks.evaluate_pad_replicate, replicate_slices),
    (checks.evaluate_pad_replicate, lambda image, width: np.pad(image, width, mode="edge")),
    (checks.evaluate_numpy_pad_mode, mode_right),
    (checks.evaluate_same_padding, same_padding_right),
    (checks.evaluate_same_padding, lambda k: [k // 2, (k - 1) // 2]),
]


@pytest.mark.parametrize("evaluate, answer", RIGHT_ANSWERS)
def test_right_answers_pass(evaluate, answer):
    assert_passes(evaluate(answer), min_cases=5)


@pytest.mark.parametrize(
    "evaluate, answer, expected_words",
    [
        (checks.evaluate_output_shape, shape_seed_mistake,
         ["mode='valid'", "n - (k + 1)", "n - k + 1"]),
        (checks.evaluate_output_shape, shape_swapped, ["swapped"]),
        (checks.evaluate_output_shape, shape_as_floats, ["whole numbers", "//"]),
        (checks.evaluate_output_shape, shape_full_forgotten, ["mode='full'", "n + k - 1"]),
        (checks.evaluate_output_shape, lambda i, k, mode: 3, ["expected a pair"]),
        (checks.evaluate_output_shape, lambda i, k, mode: "3x3", ["expected a pair"]),
        (checks.evaluate_output_shape, lambda i, k, mode: (3, 3, 1), ["expected a pair"]),
        (checks.evaluate_output_shape, lambda i, k, mode: (True, 3), ["whole numbers"]),
        (checks.evaluate_output_shape, not_done, ["not done yet", "NotImplementedError"]),
        (checks.evaluate_output_shape, forgot_return, ["returned None"]),
        (checks.evaluate_correlate_valid_loops, correlate_range_n_minus_k,
         ["last row and the last column", "range(n - k + 1)", "expected shape (2, 3)"]),
        (checks.evaluate_correlate_valid_loops, correlate_misses_last_column,
         ["miss the last column"]),
        (checks.evaluate_correlate_valid_loops, correlate_one_too_many,
         ["expected shape", "n - k + 1"]),
        (checks.evaluate_correlate_valid_loops, correlate_flipped, ["flipped", "convolution"]),
        (checks.evaluate_correlate_valid_loops, correlate_zeros_like,
         ["case 7", "uint8", "np.zeros(shape)"]),
        (checks.evaluate_correlate_valid_loops, correlate_in_place,
         ["changed its input image", "copy"]),
        (checks.evaluate_correlate_valid_loops, crashes, ["raised IndexError"]),
        (checks.evaluate_correlate_valid_loops, lambda image, kernel: "done",
         ["expected an array of numbers"]),
        (checks.evaluate_correlate_valid_loops, lambda image, kernel: [[1, 2], [3]],
         ["expected an array of numbers"]),
        (checks.evaluate_correlate_valid_loops, not_done, ["not done yet"]),
        (checks.evaluate_touched_by_padding, touched_unclamped,
         ["case 9", "larger than the image", "max(n - k + 1, 0)"]),
        (checks.evaluate_touched_by_padding, touched_counts_the_free_ones,
         ["see only the image", "asks for the others"]),
        (checks.evaluate_touched_by_padding, touched_seed_mistake, ["n - (k + 1)"]),
        (checks.evaluate_touched_by_padding, touched_float, ["whole number"]),
        (checks.evaluate_touched_by_padding, lambda i, k: True, ["whole number"]),
        (checks.evaluate_touched_by_padding, forgot_return, ["returned None"]),
        (checks.evaluate_pad_replicate, replicate_zeros, ["zero padding", "nearest image pixel"]),
        (checks.evaluate_pad_replicate, replicate_symmetric, ["'symmetric'"]),
        (checks.evaluate_pad_replicate, lambda image, width: np.pad(image, width, "reflect"),
         ["'reflect'"]),
        (checks.evaluate_pad_replicate, lambda image, width: np.pad(image, width, "wrap"),
         ["'reflect'", "mode 'wrap' gives the same frame"]),
        (checks.evaluate_pad_replicate, replicate_one_side,
         ["expected shape (4, 4)", "H + 2 * width"]),
        (checks.evaluate_pad_replicate, replicate_in_place, ["changed its input image"]),
        (checks.evaluate_pad_replicate, lambda image, width: image,
         ["returned its argument image itself", "new array"]),
        (checks.evaluate_pad_replicate, crashes, ["raised IndexError"]),
        (checks.evaluate_numpy_pad_mode, mode_mirrors_swapped,
         ["name='reflect'", "two mirror modes", "not repeated"]),
        (checks.evaluate_numpy_pad_mode, mode_torch_names,
         ["'replicate'", "does not accept", "help(np.pad)"]),
        (checks.evaluate_numpy_pad_mode, lambda name: name, ["does not accept"]),
        (checks.evaluate_numpy_pad_mode, lambda name: np.pad, ["a string"]),
        (checks.evaluate_numpy_pad_mode, lambda name: "mean", ["np.pad([1, 2, 3, 4], 2"]),
        (checks.evaluate_numpy_pad_mode, not_done, ["not done yet"]),
        (checks.evaluate_same_padding, same_padding_torch_side,
         ["kernel_size=2", "moved 1 pixel up and to the left", "before"]),
        (checks.evaluate_same_padding, same_padding_halves,
         ["kernel_size=2", "adds 2 pixels", "k - 1 = 1"]),
        (checks.evaluate_same_padding, same_padding_floats, ["whole numbers"]),
        (checks.evaluate_same_padding, same_padding_one_number, ["expected a pair"]),
        (checks.evaluate_same_padding, same_padding_negative, ["negative"]),
        (checks.evaluate_same_padding, lambda k: (0, 0), ["kernel_size=3", "adds 0 pixels"]),
        (checks.evaluate_same_padding, lambda k: (10**9, 10**9), ["adds 2000000000"]),
        (checks.evaluate_same_padding, forgot_return, ["returned None"]),
    ],
)
def test_wrong_answers_get_a_helpful_verdict(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)


def test_messages_are_indented_lines_that_show_2d_arrays_row_by_row():
    message = checks.evaluate_correlate_valid_loops(correlate_range_n_minus_k).message
    lines = message.splitlines()
    assert all(line.startswith("   ") for line in lines[1:]), message
    assert "   expected shape (2, 3): [[11., 15., 19.]," in lines
    assert "                           [27., 31., 35.]]" in lines

