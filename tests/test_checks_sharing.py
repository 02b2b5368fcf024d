"""The lesson 4 checkers: right answers pass, wrong ones get a helpful verdict, never a crash."""

import math

import numpy as np
import pytest
from scipy.signal import convolve2d, correlate2d

from convlessons.checks import sharing as checks

from .checker_cases import (
    assert_fails_with,
    assert_hidden_cases_catch_memorising,
    assert_passes,
    crashes,
    forgot_return,
    not_done,
)

# --- answers a student might write -------------------------------------------


# Exercise 1: dense_weight_count


def dense_right(input_shape, units, bias=True):
    return math.prod(input_shape) * units + (units if bias else 0)


def dense_numpy(input_shape, units, bias=True):
    # np.prod returns a NumPy integer (int64): a whole number, accepted.
    return np.prod(input_shape, dtype=np.int64) * units + (units if bias else 0)


def dense_loops(input_shape, units, bias=True):
    inputs = 1
    for size in input_shape:
        inputs *= size
    total = 0
    for _ in range(units):
        total += inputs + (1 if bias else 0)
    return total


def dense_no_bias(input_shape, units, bias=True):
    return math.prod(input_shape) * units


def dense_always_bias(input_shape, units, bias=True):
    return math.prod(input_shape) * units + units


def dense_one_bias(input_shape, units, bias=True):
    return math.prod(input_shape) * units + (1 if bias else 0)


def dense_sums_the_shape(input_shape, units, bias=True):
    return sum(input_shape) * units + (units if bias else 0)


def dense_one_neuron(input_shape, units, bias=True):
    return math.prod(input_shape) + (1 if bias else 0)


def dense_float(input_shape, units, bias=True):
    return float(dense_right(input_shape, units, bias))


def dense_bias_required(input_shape, units, bias):
    return math.prod(input_shape) * units + (units if bias else 0)


def dense_bias_default_false(input_shape, units, bias=False):
    return math.prod(input_shape) * units + (units if bias else 0)


def dense_int32(input_shape, units, bias=True):
    with np.errstate(over="ignore"):
        weights = np.prod(input_shape, dtype=np.int32) * np.int32(units)
        return weights + np.int32(units if bias else 0)


# Exercise 2: conv_layer_loops


def layer_right(image, kernel, bias):
    (height, width), (kh, kw) = image.shape, kernel.shape
    out = np.zeros((height - kh + 1, width - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel) + bias
    return out


def layer_scipy(image, kernel, bias):
    return correlate2d(image.astype(float), kernel, "valid") + bias


def layer_no_bias(image, kernel, bias):
    return layer_right(image, kernel, 0.0)


def layer_bias_per_weight(image, kernel, bias):
    (height, width), (kh, kw) = image.shape, kernel.shape
    out = np.zeros((height - kh + 1, width - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel + bias)
    return out


def layer_flipped(image, kernel, bias):
    return layer_right(image, kernel[::-1, ::-1], bias)


def layer_kernel_axes_swapped(image, kernel, bias):
    (height, width), (kh, kw) = image.shape, kernel.shape
    out = np.zeros((height - kh + 1, width - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = sum(kernel[b, a] * image[i + a, j + b]
                            for a in range(kh) for b in range(kw)) + bias
    return out


def layer_off_by_one(image, kernel, bias):
    return layer_right(image, kernel, bias)[:-1, :-1]


def layer_same_size(image, kernel, bias):
    return correlate2d(image.astype(float), kernel, "same") + bias


def layer_zeros_like(image, kernel, bias):
    (height, width), (kh, kw) = image.shape, kernel.shape
    out = np.zeros_like(image)[: height - kh + 1, : width - kw + 1]
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel) + bias
    return out


def layer_input_dtype(image, kernel, bias):
    # The accumulator takes the image's dtype: integer pixels and a float kernel truncate.
    (height, width), (kh, kw) = image.shape, kernel.shape
    out = np.zeros((height - kh + 1, width - kw + 1), dtype=image.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel) + bias
    return out


def layer_truncated_then_float(image, kernel, bias):
    return layer_input_dtype(image, kernel, bias).astype(float)


def layer_in_place(image, kernel, bias):
    image += 1
    return layer_right(image, kernel, bias)


# Exercise 3: shared_weight_matrix


def matrix_right(kernel, input_shape):
    (height, width), (kh, kw) = input_shape, kernel.shape
    out_h, out_w = height - kh + 1, width - kw + 1
    matrix = np.zeros((out_h * out_w, height * width))
    for i in range(out_h):
        for j in range(out_w):
            for a in range(kh):
                for b in range(kw):
                    matrix[i * out_w + j, (i + a) * width + (j + b)] = kernel[a, b]
    return matrix


def matrix_by_basis(kernel, input_shape):
    # Another right answer: column p is the output for a single 1 at pixel p.
    height, width = input_shape
    columns = [correlate2d(np.eye(1, height * width, p).reshape(height, width), kernel,
                           "valid").ravel() for p in range(height * width)]
    return np.stack(columns, axis=1)


def matrix_layout(kernel, input_shape, row_of, col_of):
    (height, width), (kh, kw) = input_shape, kernel.shape
    out_h, out_w = height - kh + 1, width - kw + 1
    matrix = np.zeros((out_h * out_w, height * width))
    for i in range(out_h):
        for j in range(out_w):
            for a in range(kh):
                for b in range(kw):
                    matrix[row_of(i, j, out_h, out_w),
                           col_of(i + a, j + b, height, width, out_w)] = kernel[a, b]
    return matrix


def matrix_output_width(kernel, input_shape):
    return matrix_layout(kernel, input_shape, lambda i, j, oh, ow: i * ow + j,
                         lambda r, c, h, w, ow: r * ow + c)


def matrix_fortran_columns(kernel, input_shape):
    return matrix_layout(kernel, input_shape, lambda i, j, oh, ow: i * ow + j,
                         lambda r, c, h, w, ow: c * h + r)


def matrix_fortran_rows(kernel, input_shape):
    return matrix_layout(kernel, input_shape, lambda i, j, oh, ow: j * oh + i,
                         lambda r, c, h, w, ow: r * w + c)


def matrix_fortran_both(kernel, input_shape):
    return matrix_layout(kernel, input_shape, lambda i, j, oh, ow: j * oh + i,
                         lambda r, c, h, w, ow: c * h + r)


def matrix_transposed(kernel, input_shape):
    return matrix_right(kernel, input_shape).T


def matrix_four_axes(kernel, input_shape):
    (height, width), (kh, kw) = input_shape, kernel.shape
    return matrix_right(kernel, input_shape).reshape(height - kh + 1, width - kw + 1,
                                                     height, width)


def matrix_flipped(kernel, input_shape):
    return matrix_right(kernel[::-1, ::-1], input_shape)


def matrix_kernel_dtype(kernel, input_shape):
    return matrix_right(kernel, input_shape).astype(kernel.dtype)


def matrix_in_place(kernel, input_shape):
    kernel *= 2
    return matrix_right(kernel / 2, input_shape)


# Exercise 4: weight_counts


def counts_right(input_shape, kernel_shape):
    (height, width), (kh, kw) = input_shape, kernel_shape
    neurons = (height - kh + 1) * (width - kw + 1)
    return neurons * height * width, neurons * kh * kw, kh * kw


def counts_with(index, value):
    def answer(input_shape, kernel_shape):
        counts = list(counts_right(input_shape, kernel_shape))
        counts[index] = value(input_shape, kernel_shape)
        return tuple(counts)

    return answer


def pixels(shape):
    return shape[0] * shape[1]


counts_dense_squared = counts_with(0, lambda i, k: pixels(i) ** 2)
counts_dense_sum = counts_with(0, lambda i, k: pixels(i) + counts_right(i, k)[0] // pixels(i))
counts_connections_per_pixel = counts_with(1, lambda i, k: pixels(i) * pixels(k))
counts_connections_neurons = counts_with(1, lambda i, k: counts_right(i, k)[1] // pixels(k))
counts_shared_with_bias = counts_with(2, lambda i, k: pixels(k) + 1)
counts_shared_is_connections = counts_with(2, lambda i, k: counts_right(i, k)[1])


def counts_floats(input_shape, kernel_shape):
    return tuple(float(count) for count in counts_right(input_shape, kernel_shape))


# Exercise 5: shared_weight_gradient


def gradient_right(image, grad_out):
    (height, width), (out_h, out_w) = image.shape, grad_out.shape
    kh, kw = height - out_h + 1, width - out_w + 1
    gradient = np.zeros((kh, kw))
    for i in range(out_h):
        for j in range(out_w):
            gradient += grad_out[i, j] * image[i : i + kh, j : j + kw]
    return gradient


def gradient_scipy(image, grad_out):
    return correlate2d(image.astype(float), grad_out, "valid")


def gradient_convolution(image, grad_out):
    return convolve2d(image.astype(float), grad_out, "valid")


def gradient_swapped_arguments(image, grad_out):
    # SciPy swaps the inputs in mode "valid", which turns the correlation around.
    return correlate2d(grad_out, image.astype(float), "valid")


def gradient_image_dtype(image, grad_out):
    (height, width), (out_h, out_w) = image.shape, grad_out.shape
    kh, kw = height - out_h + 1, width - out_w + 1
    gradient = np.zeros((kh, kw), dtype=image.dtype)
    for i in range(out_h):
        for j in range(out_w):
            gradient += grad_out[i, j] * image[i : i + kh, j : j + kw]
    return gradient


def gradient_element_by_element_in_image_dtype(image, grad_out):
    (height, width), (out_h, out_w) = image.shape, grad_out.shape
    gradient = np.zeros((height - out_h + 1, width - out_w + 1), dtype=image.dtype)
    for a in range(gradient.shape[0]):
        for b in range(gradient.shape[1]):
            gradient[a, b] = np.sum(grad_out * image[a : a + out_h, b : b + out_w])
    return gradient.astype(float)


def gradient_mean(image, grad_out):
    return gradient_right(image, grad_out) / grad_out.size


def gradient_first_position(image, grad_out):
    kh = image.shape[0] - grad_out.shape[0] + 1
    kw = image.shape[1] - grad_out.shape[1] + 1
    return grad_out[0, 0] * image[:kh, :kw].astype(float)


def gradient_of_the_output(image, grad_out):
    return grad_out * 1.0


def gradient_total(image, grad_out):
    return float(gradient_right(image, grad_out).sum())


# Exercise 6: commutes_with_shift


def commutes_right(layer, image, shift):
    first = layer(np.roll(image, shift, axis=(0, 1)))
    return np.allclose(first, np.roll(layer(image), shift, axis=(0, 1)))


def commutes_python_bool(layer, image, shift):
    rows, cols = shift
    first = layer(np.roll(np.roll(image, rows, axis=0), cols, axis=1))
    after = np.roll(np.roll(layer(image), rows, axis=0), cols, axis=1)
    return bool(np.all(np.abs(first - after) < 1e-9))


def commutes_invariance(layer, image, shift):
    return np.allclose(layer(np.roll(image, shift, axis=(0, 1))), layer(image))


def commutes_backwards(layer, image, shift):
    first = layer(np.roll(image, shift, axis=(0, 1)))
    return np.allclose(first, np.roll(layer(image), (-shift[0], -shift[1]), axis=(0, 1)))


def commutes_no_axis(layer, image, shift):
    return np.allclose(layer(np.roll(image, shift)), np.roll(layer(image), shift))


def commutes_pixelwise(layer, image, shift):
    return layer(np.roll(image, shift, axis=(0, 1))) == np.roll(layer(image), shift, axis=(0, 1))


def commutes_interior(layer, image, shift):
    first = layer(np.roll(image, shift, axis=(0, 1)))
    after = np.roll(layer(image), shift, axis=(0, 1))
    return np.allclose(first[1:-1, 1:-1], after[1:-1, 1:-1])


def commutes_interior_two_pixels(layer, image, shift):
    first = layer(np.roll(image, shift, axis=(0, 1)))
    after = np.roll(layer(image), shift, axis=(0, 1))
    return np.allclose(first[2:-2, 2:-2], after[2:-2, 2:-2])


def commutes_writes_image(layer, image, shift):
    image[0, 0] = 99.0
    return commutes_right(layer, image, shift)


RIGHT_ANSWERS = [
    (checks.evaluate_dense_weight_count, dense_right),
    (checks.evaluate_dense_weight_count, dense_numpy),
    (checks.evaluate_dense_weight_count, dense_loops),
    (checks.evaluate_conv_layer_loops, layer_right),
    (checks.evaluate_conv_layer_loops, layer_scipy),
    (checks.evaluate_shared_weight_matrix, matrix_right),
    (checks.evaluate_shared_weight_matrix, matrix_by_basis),
    (checks.evaluate_weight_counts, counts_right),
    (checks.evaluate_weight_counts, lambda i, k: tuple(np.int64(c) for c in counts_right(i, k))),
    (checks.evaluate_shared_weight_gradient, gradient_right),
    (checks.evaluate_shared_weight_gradient, gradient_scipy),
    (checks.evaluate_commutes_with_shift, commutes_right),
    (checks.evaluate_commutes_with_shift, commutes_python_bool),
    (checks.evaluate_commutes_with_shift,
     lambda layer, image, shift: np.array_equal(layer(np.roll(image, shift, axis=(0, 1))),
                                                np.roll(layer(image), shift, axis=(0, 1)))),
]


@pytest.mark.parametrize("evaluate, answer", RIGHT_ANSWERS)
def test_right_answers_pass(evaluate, answer):
    assert_passes(evaluate(answer), min_cases=8)


@pytest.mark.parametrize(
    "evaluate, answer, expected_words",
    [
        (checks.evaluate_dense_weight_count, dense_no_bias,
         ["case 1", "counted 12, expected 15", "bias=True every neuron also has a bias"]),
        (checks.evaluate_dense_weight_count, dense_always_bias,
         ["case 3", "196,609, expected 196,608", "bias=False"]),
        (checks.evaluate_dense_weight_count, dense_bias_required,
         ["case 2", "bias left out", "raised TypeError", "bias=True"]),
        (checks.evaluate_dense_weight_count, dense_bias_default_false,
         ["case 2", "bias left out", "counted 12, expected 15", "then it is True"]),
        (checks.evaluate_dense_weight_count, dense_one_bias, ["3 biases, not 1"]),
        (checks.evaluate_dense_weight_count, dense_sums_the_shape,
         ["case 3", "product", "196,608"]),
        (checks.evaluate_dense_weight_count, dense_one_neuron, ["one neuron", "3 of them"]),
        (checks.evaluate_dense_weight_count, dense_float, ["case 1", "whole number", "float"]),
        (checks.evaluate_dense_weight_count, lambda s, u, b=True: True, ["whole number"]),
        (checks.evaluate_dense_weight_count, dense_int32,
         ["case 11", "11,329,339,392", "32-bit", "math.prod"]),
        (checks.evaluate_dense_weight_count, lambda input_shape, units: 0,
         ["raised TypeError"]),
        (checks.evaluate_dense_weight_count, not_done, ["not done yet", "NotImplementedError"]),
        (checks.evaluate_dense_weight_count, forgot_return, ["returned None"]),
        (checks.evaluate_conv_layer_loops, layer_no_bias,
         ["case 1", "left out the bias", "b = 0.5"]),
        (checks.evaluate_conv_layer_loops, layer_bias_per_weight,
         ["case 1", "once per weight (4 times)"]),
        (checks.evaluate_conv_layer_loops, layer_flipped,
         ["case 1", "flipped the kernel", "cross-correlation"]),
        (checks.evaluate_conv_layer_loops, layer_kernel_axes_swapped,
         ["case 1", "swapped the kernel's axes"]),
        (checks.evaluate_conv_layer_loops, layer_off_by_one,
         ["expected shape (2, 3)", "one position short", "n - k + 1 positions"]),
        (checks.evaluate_conv_layer_loops, layer_same_size, ["image's shape", "no padding"]),
        (checks.evaluate_conv_layer_loops, layer_zeros_like,
         ["case 3", "dtype int64", "a float array", "np.zeros(shape)"]),
        (checks.evaluate_conv_layer_loops, layer_input_dtype,
         ["case 3", "integer pixels, a float kernel", "dtype int64", "np.zeros(shape)"]),
        (checks.evaluate_conv_layer_loops, lambda image, kernel, bias:
         correlate2d(image, kernel, "valid") + bias,
         ["case 7", "integer bias", "dtype int64", "a float array"]),
        (checks.evaluate_conv_layer_loops, layer_truncated_then_float,
         ["case 3", "truncated", "dtype=x.dtype"]),
        (checks.evaluate_conv_layer_loops, layer_in_place, ["changed its input image", "copy"]),
        (checks.evaluate_conv_layer_loops, crashes, ["raised IndexError"]),
        (checks.evaluate_conv_layer_loops, lambda image, kernel, bias: "done",
         ["returned a str", "a float array"]),
        (checks.evaluate_shared_weight_matrix, matrix_transposed,
         ["shape (4, 9)", "swapped"]),
        (checks.evaluate_shared_weight_matrix, matrix_four_axes, ["reshape(OH * OW, H * W)"]),
        (checks.evaluate_shared_weight_matrix, matrix_flipped,
         ["case 1", "output pixel (0, 0)", "flipped"]),
        (checks.evaluate_shared_weight_matrix, matrix_output_width,
         ["case 1", "output pixel (0, 0)", "the width W of the input"]),
        (checks.evaluate_shared_weight_matrix, matrix_fortran_columns,
         ["case 1", "numbered the input's pixels column by column"]),
        (checks.evaluate_shared_weight_matrix, matrix_fortran_rows,
         ["case 1", "numbered the output pixels column by column"]),
        (checks.evaluate_shared_weight_matrix, matrix_fortran_both,
         ["case 1", "numbered pixels column by column"]),
        (checks.evaluate_shared_weight_matrix, matrix_in_place, ["changed its input kernel"]),
        (checks.evaluate_shared_weight_matrix, matrix_kernel_dtype,
         ["case 7", "integer weights", "dtype int64", "a float array", "np.zeros(shape)"]),
        (checks.evaluate_shared_weight_matrix, lambda kernel, shape: [[1, 2], [3]],
         ["returned a list", "a float array"]),
        (checks.evaluate_shared_weight_matrix, lambda kernel, shape: matrix_right(kernel, shape)
         .tolist(), ["case 1", "returned a list", "a float array"]),
        (checks.evaluate_weight_counts, counts_dense_squared,
         ["case 1", "(144, 24, 4), expected (72, 24, 4)", "not H * W"]),
        (checks.evaluate_weight_counts, counts_dense_sum, ["multiply the two numbers"]),
        (checks.evaluate_weight_counts, counts_connections_per_pixel,
         ["case 1", "not one per input pixel"]),
        (checks.evaluate_weight_counts, counts_connections_neurons, ["kh * kw pixels"]),
        (checks.evaluate_weight_counts, counts_shared_with_bias, ["without the bias"]),
        (checks.evaluate_weight_counts, counts_shared_is_connections,
         ["how many different weights"]),
        (checks.evaluate_weight_counts, counts_floats, ["whole numbers"]),
        (checks.evaluate_weight_counts, lambda i, k: (72, 24), ["three whole numbers"]),
        (checks.evaluate_weight_counts, lambda i, k: np.array(counts_right(i, k)),
         ["three whole numbers"]),
        (checks.evaluate_weight_counts, lambda i, k: list(counts_right(i, k)),
         ["case 1", "(list)", "Return a tuple"]),
        (checks.evaluate_shared_weight_gradient, gradient_convolution,
         ["case 1", "flipped", "no flip"]),
        (checks.evaluate_shared_weight_gradient, gradient_swapped_arguments,
         ["case 1", "flipped", "in that order"]),
        (checks.evaluate_shared_weight_gradient, gradient_mean, ["case 1", "averaged"]),
        (checks.evaluate_shared_weight_gradient, gradient_image_dtype,
         ["case 5", "integer pixels, a float grad_out", "Cannot cast", "np.zeros(shape)"]),
        (checks.evaluate_shared_weight_gradient, gradient_element_by_element_in_image_dtype,
         ["case 5", "truncated", "dtype=x.dtype"]),
        (checks.evaluate_shared_weight_gradient, gradient_first_position,
         ["case 2", "output position (0, 0) alone"]),
        (checks.evaluate_shared_weight_gradient, gradient_of_the_output,
         ["case 1", "sum over all positions"]),
        (checks.evaluate_shared_weight_gradient, gradient_total,
         ["returned a float", "a float array (numpy.ndarray)"]),
        (checks.evaluate_shared_weight_gradient, lambda image, grad_out: image * 1.0,
         ["case 1", "expected shape (2, 2)", "one entry per weight"]),
        (checks.evaluate_shared_weight_gradient, crashes, ["raised IndexError"]),
        (checks.evaluate_commutes_with_shift, lambda layer, image, shift: True,
         ["case 3", "zero padding", "answered True, expected False"]),
        (checks.evaluate_commutes_with_shift, lambda layer, image, shift: False,
         ["case 1", "answered False, expected True"]),
        (checks.evaluate_commutes_with_shift, commutes_invariance,
         ["case 1", "invariance", "shift the layer's output too"]),
        (checks.evaluate_commutes_with_shift, commutes_backwards,
         ["same direction"]),
        (checks.evaluate_commutes_with_shift, commutes_no_axis, ["axis=(0, 1)", "flattens"]),
        (checks.evaluate_commutes_with_shift, commutes_pixelwise,
         ["an array of shape (6, 6)", "expected True or False", "np.allclose"]),
        (checks.evaluate_commutes_with_shift, lambda layer, image, shift: "yes",
         ["expected True or False"]),
        (checks.evaluate_commutes_with_shift, commutes_interior,
         ["case 12", "framed by zeros", "answered True, expected False", "interior only",
          "differ on border pixels alone"]),
        (checks.evaluate_commutes_with_shift, commutes_interior_two_pixels,
         ["answered True, expected False", "interior only"]),
        (checks.evaluate_commutes_with_shift, commutes_writes_image,
         ["changed its input image"]),
    ],
)
def test_wrong_answers_get_a_helpful_verdict(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)


RIGHT_BY_EXERCISE = [
    (checks.evaluate_dense_weight_count, dense_right),
    (checks.evaluate_conv_layer_loops, layer_right),
    (checks.evaluate_shared_weight_matrix, matrix_right),
    (checks.evaluate_weight_counts, counts_right),
    (checks.evaluate_shared_weight_gradient, gradient_right),
    (checks.evaluate_commutes_with_shift, commutes_right),
]


@pytest.mark.parametrize("evaluate, right", RIGHT_BY_EXERCISE)
def test_hidden_cases_pass_the_right_answer_and_fail_one_that_memorises(evaluate, right):
    assert_hidden_cases_catch_memorising(evaluate, right)


def test_the_course_numbers_are_among_the_cases():
    expected = {dense_right(shape, units, True if bias is None else bias)
                for shape, units, bias, _ in checks._dense_cases()}
    assert {196_608, 11_329_339_392} <= expected
    counts = checks.evaluate_weight_counts(counts_right)
    assert counts.passed and counts_right((224, 224), (3, 3)) == (2_472_873_984, 443_556, 9)


def test_the_matrix_oracle_does_what_the_layer_does():
    rng = np.random.default_rng(0)
    for kernel, shape, _ in checks._matrix_cases():
        matrix = checks._matrix_from_scipy(kernel, shape)
        for _ in range(3):
            x = rng.normal(size=shape)
            assert np.allclose(matrix @ x.ravel(), correlate2d(x, kernel, "valid").ravel())


def test_the_gradient_oracle_matches_finite_differences():
    # L(kernel) = sum(grad_out * correlate2d(image, kernel, "valid")) has dL/dkernel = the oracle.
    rng = np.random.default_rng(1)
    for image, grad_out, _ in checks._gradient_cases():
        image = image.astype(float)
        kernel = rng.normal(size=(image.shape[0] - grad_out.shape[0] + 1,
                                  image.shape[1] - grad_out.shape[1] + 1))
        numeric = np.zeros_like(kernel)
        step = 1e-6
        for index in np.ndindex(kernel.shape):
            bump = np.zeros_like(kernel)
            bump[index] = step
            plus = np.sum(grad_out * correlate2d(image, kernel + bump, "valid"))
            minus = np.sum(grad_out * correlate2d(image, kernel - bump, "valid"))
            numeric[index] = (plus - minus) / (2 * step)
        assert np.allclose(numeric, correlate2d(image, grad_out, "valid"), rtol=1e-5, atol=1e-4)


def test_commuting_cases_cover_both_answers_and_shift_dependent_layers():
    results = [checks._commutes(layer, image, shift)
               for layer, _, image, shift, _ in checks._commutes_cases()]
    assert results == [True, True, False, True, False, True, False, True, True, False, True,
                       False]


def test_the_framed_case_differs_on_the_border_alone():
    layer, _, image, shift, _ = checks._commutes_cases()[-1]
    differs = ~np.isclose(layer(np.roll(image, shift, axis=(0, 1))),
                          np.roll(layer(image), shift, axis=(0, 1)))
    assert differs.any() and not differs[1:-1, 1:-1].any()


def test_messages_are_indented_lines_that_show_2d_arrays_row_by_row():
    message = checks.evaluate_shared_weight_matrix(matrix_output_width).message
    lines = message.splitlines()
    assert all(line.startswith("   ") for line in lines[1:]), message
    assert "   kernel: [[1., 2.]," in lines
    assert "            [3., 4.]]" in lines
