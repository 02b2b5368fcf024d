"""The lesson 6 checkers: right answers pass, wrong ones get a helpful verdict, never a crash."""

import inspect

import numpy as np
import pytest
from scipy.signal import convolve2d, correlate2d

from convlessons.checks import layers as checks

from .checker_cases import (
    assert_fails_with,
    assert_hidden_cases_catch_memorising,
    assert_passes,
    crashes,
    forgot_return,
    not_done,
)

# --- answers a student might write -------------------------------------------


# exercise 1: conv_forward_loops


def conv_loops(x, weight, bias, *, dtype=float, columns_axis=2):
    """The layer with loops; dtype and columns_axis make two mistakes: an accumulator of
    the input's dtype (dtype=x.dtype) and the columns counted from the rows (axis 1)."""
    c_out, _, k_rows, k_cols = weight.shape
    rows, cols = x.shape[1] - k_rows + 1, x.shape[columns_axis] - k_cols + 1
    out = np.zeros((c_out, rows, cols), dtype=dtype)
    for o in range(c_out):
        for i in range(rows):
            for j in range(cols):
                out[o, i, j] = np.sum(x[:, i : i + k_rows, j : j + k_cols] * weight[o]) + bias[o]
    return out


def conv_right(x, weight, bias):
    return conv_loops(x, weight, bias)


def conv_scipy(x, weight, bias):
    return np.array([sum(correlate2d(x[c], weight[o, c], "valid") for c in range(x.shape[0]))
                     + bias[o] for o in range(weight.shape[0])])


def conv_einsum(x, weight, bias):
    windows = np.lib.stride_tricks.sliding_window_view(x, weight.shape[2:], axis=(1, 2))
    return np.einsum("cijab,ocab->oij", windows, weight) + np.asarray(bias)[:, None, None]


def conv_no_bias(x, weight, bias):
    return conv_right(x, weight, np.zeros(weight.shape[0]))


def conv_flipped(x, weight, bias):
    return conv_right(x, weight[:, :, ::-1, ::-1], bias)


def conv_convolve2d(x, weight, bias):
    return np.array([sum(convolve2d(x[c], weight[o, c], "valid") for c in range(x.shape[0]))
                     + bias[o] for o in range(weight.shape[0])])


def conv_channels_not_summed(x, weight, bias):
    return np.array([[correlate2d(x[c], weight[o, c], "valid") + bias[o]
                      for c in range(x.shape[0])] for o in range(weight.shape[0])])


def conv_one_map(x, weight, bias):
    return conv_right(x, weight, bias)[0]


def conv_per_input_channel(x, weight, bias):
    # Loops over the input channels for the output: shape (C_in, ...), noticed when C_in != C_out.
    if x.shape[0] == weight.shape[0]:
        return conv_right(x, weight, bias)
    return conv_right(x, weight, bias)[[0] * x.shape[0]]


def conv_bias_per_channel(x, weight, bias):
    return conv_right(x, weight, bias * x.shape[0])


def conv_mean(x, weight, bias):
    return conv_right(x, weight, np.zeros(weight.shape[0])) / x.shape[0] + bias[:, None, None]


def conv_first_channel(x, weight, bias):
    return conv_right(x[:1], weight[:, :1], bias)


def conv_weight_axes_swapped(x, weight, bias):
    # weight[c, o] instead of weight[o, c]: an IndexError when C_in != C_out.
    c_out, c_in, k_rows, k_cols = weight.shape
    rows, cols = x.shape[1] - k_rows + 1, x.shape[2] - k_cols + 1
    out = np.zeros((c_out, rows, cols))
    for o in range(c_out):
        for c in range(c_in):
            out[o] += correlate2d(x[c], weight[c, o], "valid")
        out[o] += bias[o]
    return out


def conv_range_n_minus_k(x, weight, bias):
    return conv_right(x, weight, bias)[:, :-1, :-1]


def conv_rows_for_columns(x, weight, bias):
    return conv_loops(x, weight, bias, columns_axis=1)


def conv_keeps_dtype(x, weight, bias):
    return conv_right(x, weight, bias).astype(x.dtype)


def conv_accumulator_of_input_dtype(x, weight, bias):
    return conv_loops(x, weight, bias, dtype=x.dtype)


def conv_integer_output(x, weight, bias):
    return conv_right(x, weight, bias).astype(int)


def conv_in_place(x, weight, bias):
    x -= 1
    return conv_right(x + 1, weight, bias)


# exercise 2: conv_parameter_total


def parameters_right(c_in, c_out, k, bias=True):
    return c_out * (c_in * k * k + (1 if bias else 0))


def parameters_no_bias(c_in, c_out, k, bias=True):
    return c_out * c_in * k * k


def parameters_bias_always(c_in, c_out, k, bias=True):
    return c_out * (c_in * k * k + 1)


def parameters_bias_per_kernel(c_in, c_out, k, bias=True):
    return c_out * c_in * (k * k + int(bias))


def parameters_one_kernel_per_filter(c_in, c_out, k, bias=True):
    return c_out * (k * k + int(bias))


def parameters_k_not_squared(c_in, c_out, k, bias=True):
    return c_out * (c_in * k + int(bias))


def parameters_roles_swapped(c_in, c_out, k, bias=True):
    return c_in * (c_out * k * k + int(bias))


def parameters_float(c_in, c_out, k, bias=True):
    return float(parameters_right(c_in, c_out, k, bias))


def parameters_no_default(c_in, c_out, k, bias):
    return parameters_right(c_in, c_out, k, bias)


# exercise 3: output_size_or_error


def size_right(i, f, p, s):
    room = i + 2 * p - f
    if room < 0:
        raise ValueError(f"a kernel of {f} does not fit in {i + 2 * p} pixels")
    if room % s:
        raise ValueError(f"stride {s} does not divide the room {room}")
    return room // s + 1


def size_by_counting(i, f, p, s):
    starts = list(range(0, i + 2 * p - f + 1, s))
    if not starts or starts[-1] + f != i + 2 * p:
        raise ValueError("the kernel does not end on the last pixel")
    return len(starts)


def size_floor(i, f, p, s):
    return (i - f + 2 * p) // s + 1


def size_padding_once(i, f, p, s):
    if i + 2 * p < f or (i + 2 * p - f) % s:
        raise ValueError("does not fit")
    return (i - f + p) // s + 1


def size_no_plus_one(i, f, p, s):
    if i + 2 * p < f or (i + 2 * p - f) % s:
        raise ValueError("does not fit")
    return (i - f + 2 * p) // s


def size_no_stride(i, f, p, s):
    if i + 2 * p < f or (i + 2 * p - f) % s:
        raise ValueError("does not fit")
    return i - f + 2 * p + 1


def size_true_division(i, f, p, s):
    if i + 2 * p < f or (i + 2 * p - f) % s:
        raise ValueError("does not fit")
    return (i - f + 2 * p) / s + 1


def size_misses_too_large_kernel(i, f, p, s):
    if (i + 2 * p - f) % s:
        raise ValueError("does not fit")
    return (i + 2 * p - f) // s + 1


def size_silent_error(i, f, p, s):
    if i + 2 * p < f or (i + 2 * p - f) % s:
        raise ValueError()
    return (i + 2 * p - f) // s + 1


def size_refuses_f_above_i(i, f, p, s):
    # Refuses a kernel larger than the input, forgetting that the padding makes room.
    if f > i or (i + 2 * p - f) % s:
        raise ValueError("does not fit")
    return (i + 2 * p - f) // s + 1


def size_divides_without_padding(i, f, p, s):
    if i + 2 * p < f or (i - f) % s:
        raise ValueError("does not fit")
    return (i + 2 * p - f) // s + 1


def size_refuses_exact_fit(i, f, p, s):
    # Asks for room to move: refuses a kernel exactly as large as the padded input.
    if i + 2 * p <= f or (i + 2 * p - f) % s:
        raise ValueError("does not fit")
    return (i + 2 * p - f) // s + 1


def size_wrong_exception(i, f, p, s):
    if i + 2 * p < f or (i + 2 * p - f) % s:
        raise TypeError("does not fit")
    return (i + 2 * p - f) // s + 1


def size_always_raises(i, f, p, s):
    raise ValueError("never fits")


def size_returns_none_on_error(i, f, p, s):
    if i + 2 * p < f or (i + 2 * p - f) % s:
        return None
    return (i + 2 * p - f) // s + 1


# exercise 4: stack_shapes


def stack_right(input_shape, layers):
    channels, rows, cols = input_shape
    shapes = []
    for layer in layers:
        if layer[0] == "conv":
            _, channels, k, s, p = layer
            rows, cols = (rows + 2 * p - k) // s + 1, (cols + 2 * p - k) // s + 1
        elif layer[0] == "pool":
            k = layer[1]
            rows, cols = (rows - k) // k + 1, (cols - k) // k + 1
        if layer[0] == "flatten":
            shapes.append((channels * rows * cols,))
        else:
            shapes.append((channels, rows, cols))
    return shapes


def stack_variant(*, keep_channels=False, pool_stride_1=False, round_up=False,
                  padding_once=False, flatten=None, ignore_stride=False, pool_channels=False):
    def answer(input_shape, layers):
        channels, rows, cols = input_shape

        def size(n, k, s, p):
            room = n + (p if padding_once else 2 * p) - k
            return (-(-room // s) if round_up else room // s) + 1

        shapes = []
        for layer in layers:
            if layer[0] == "conv":
                _, out, k, s, p = layer
                s = 1 if ignore_stride else s
                rows, cols = size(rows, k, s, p), size(cols, k, s, p)
                channels = channels if keep_channels else out
            elif layer[0] == "pool":
                k = layer[1]
                if pool_stride_1:
                    rows, cols = rows - k + 1, cols - k + 1
                else:
                    rows, cols = size(rows, k, k, 0), size(cols, k, k, 0)
                channels = 2 * channels if pool_channels else channels
            if layer[0] == "flatten":
                shapes.append({None: (channels * rows * cols,), "int": channels * rows * cols,
                               "2d": (channels, rows * cols)}[flatten])
            else:
                shapes.append((channels, rows, cols))
        return shapes

    return answer


# exercise 5: receptive_field


def field_right(layers):
    width, step = 1, 1
    for k, s, d in layers:
        width += d * (k - 1) * step
        step *= s
    return width


def field_backwards(layers):
    # Another right answer: follow one output pixel back to the input.
    first = last = 0
    for k, s, d in reversed(layers):
        first, last = first * s, last * s + d * (k - 1)
    return last - first + 1


def field_no_stride(layers):
    return 1 + sum(d * (k - 1) for k, s, d in layers)


def field_no_dilation(layers):
    width, step = 1, 1
    for k, s, _ in layers:
        width += (k - 1) * step
        step *= s
    return width


def field_own_stride(layers):
    width, step = 1, 1
    for k, s, d in layers:
        step *= s
        width += d * (k - 1) * step
    return width


def field_sum_of_kernels(layers):
    return sum(k for k, s, d in layers)


def field_area(layers):
    return field_right(layers) ** 2


RIGHT_ANSWERS = [
    (checks.evaluate_conv_forward_loops, conv_right),
    (checks.evaluate_conv_forward_loops, conv_scipy),
    (checks.evaluate_conv_forward_loops, conv_einsum),
    (checks.evaluate_conv_parameter_total, parameters_right),
    (checks.evaluate_conv_parameter_total,
     lambda c_in, c_out, k, bias=True: np.int64(parameters_right(c_in, c_out, k, bias))),
    (checks.evaluate_output_size_or_error, size_right),
    (checks.evaluate_output_size_or_error, size_by_counting),
    (checks.evaluate_stack_shapes, stack_right),
    (checks.evaluate_receptive_field, field_right),
    (checks.evaluate_receptive_field, field_backwards),
]


@pytest.mark.parametrize("evaluate, answer", RIGHT_ANSWERS)
def test_right_answers_pass(evaluate, answer):
    assert_passes(evaluate(answer), min_cases=9)


@pytest.mark.parametrize("evaluate, answer", RIGHT_ANSWERS)
def test_right_answers_pass_every_grader_seed(evaluate, answer):
    # The hidden cases are drawn at random: whatever the seed, they stay within the task.
    for seed in range(20):
        assert_passes(evaluate(answer, hidden_seed=seed), min_cases=10)


@pytest.mark.parametrize(
    "evaluate, answer, expected_words",
    [
        (checks.evaluate_conv_forward_loops, conv_no_bias,
         ["case 1 of 10", "forgot the bias", "[[[ 9. , 10. ],"]),
        (checks.evaluate_conv_forward_loops, conv_flipped, ["flipped", "cross-correlation"]),
        (checks.evaluate_conv_forward_loops, conv_convolve2d, ["flipped"]),
        (checks.evaluate_conv_forward_loops, conv_channels_not_summed,
         ["expected shape (2, 2, 2)", "shape (2, 2, 2, 2)", "add the C_in maps"]),
        (checks.evaluate_conv_forward_loops, conv_one_map,
         ["your result has shape (2, 2)", "single feature map"]),
        (checks.evaluate_conv_forward_loops, conv_per_input_channel,
         ["case 3", "one channel per input channel", "weight.shape[0]"]),
        (checks.evaluate_conv_forward_loops, conv_bias_per_channel,
         ["once per input channel"]),
        (checks.evaluate_conv_forward_loops, conv_mean, ["sum, not mean"]),
        (checks.evaluate_conv_forward_loops, conv_first_channel, ["Only input channel 0"]),
        (checks.evaluate_conv_forward_loops, conv_weight_axes_swapped,
         ["case 1", "weight[c, o]", "(C_out, C_in, kH, kW)"]),
        (checks.evaluate_conv_forward_loops,
         lambda x, weight, bias: conv_weight_axes_swapped(x, weight, bias)
         if x.shape[0] != weight.shape[0] else conv_right(x, weight, bias),
         ["raised IndexError", "weight[o, c] is the kernel"]),
        (checks.evaluate_conv_forward_loops, conv_range_n_minus_k,
         ["one position short", "n - k + 1 positions"]),
        (checks.evaluate_conv_forward_loops, conv_rows_for_columns,
         ["case 2", "expected shape (1, 2, 3)", "you used the number of rows, x.shape[1]"]),
        (checks.evaluate_conv_forward_loops, conv_keeps_dtype,
         ["case 3", "dtype int64", "the task asks for a float array", "np.zeros(shape)"]),
        (checks.evaluate_conv_forward_loops, conv_accumulator_of_input_dtype,
         ["case 3", "integer pixels (int) and float weights", "dtype int64",
          "np.zeros(n, dtype=x.dtype)"]),
        (checks.evaluate_conv_forward_loops, conv_integer_output,
         ["case 1", "dtype int64", "truncated"]),
        (checks.evaluate_conv_forward_loops,
         lambda x, weight, bias: conv_right(x, weight, bias).tolist(),
         ["case 1", "returned a list", "a float array (numpy.ndarray)"]),
        (checks.evaluate_conv_forward_loops, conv_in_place, ["changed its input x", "copy"]),
        (checks.evaluate_conv_forward_loops, lambda x, weight, bias: "done",
         ["returned a str", "a float array"]),
        (checks.evaluate_conv_forward_loops, not_done, ["not done yet", "NotImplementedError"]),
        (checks.evaluate_conv_parameter_total, parameters_no_bias,
         ["case 1 of 11", "answered 9", "holds 10", "left out the biases"]),
        (checks.evaluate_conv_parameter_total, parameters_bias_always,
         ["bias=False", "no biases at all"]),
        (checks.evaluate_conv_parameter_total, parameters_bias_per_kernel,
         ["its own bias", "c_out biases"]),
        (checks.evaluate_conv_parameter_total, parameters_one_kernel_per_filter,
         ["one kernel per input channel"]),
        (checks.evaluate_conv_parameter_total, parameters_k_not_squared, ["k * k"]),
        (checks.evaluate_conv_parameter_total, parameters_roles_swapped,
         ["belong to the output channels"]),
        (checks.evaluate_conv_parameter_total, parameters_float, ["whole number", "//"]),
        (checks.evaluate_conv_parameter_total, lambda c_in, c_out, k, bias=True: True,
         ["whole number"]),
        (checks.evaluate_conv_parameter_total, parameters_no_default,
         ["raised TypeError", "bias"]),
        (checks.evaluate_conv_parameter_total, forgot_return, ["returned None"]),
        (checks.evaluate_output_size_or_error, size_floor,
         ["case 4", "i=10, f=3, p=0, s=2", "instead of raising ValueError",
          "starts at 0, 2, 4, 6", "the last pixel is never covered", "PyTorch"]),
        (checks.evaluate_output_size_or_error, size_padding_once, ["on each side", "I + 2P"]),
        (checks.evaluate_output_size_or_error, size_no_plus_one,
         ["case 1", "answered 5", "+ 1"]),
        (checks.evaluate_output_size_or_error, size_no_stride, ["left out the stride"]),
        (checks.evaluate_output_size_or_error, size_true_division, ["whole number"]),
        (checks.evaluate_output_size_or_error, size_misses_too_large_kernel,
         ["i=2, f=5", "returned -2", "fits nowhere"]),
        (checks.evaluate_output_size_or_error, size_refuses_f_above_i,
         ["case 12", "i=3, f=5, p=1, s=1", "this configuration fits", "The padding counts"]),
        (checks.evaluate_output_size_or_error, size_divides_without_padding,
         ["case 15", "i=11, f=4, p=1, s=3", "this configuration fits",
          "S must divide I + 2P - F, not I - F"]),
        (checks.evaluate_output_size_or_error, size_refuses_exact_fit,
         ["case 10", "the kernel as large as the input", "this configuration fits"]),
        (checks.evaluate_output_size_or_error, size_silent_error, ["without a message"]),
        (checks.evaluate_output_size_or_error, size_wrong_exception,
         ["raised TypeError", "expected a ValueError"]),
        (checks.evaluate_output_size_or_error, size_always_raises,
         ["case 1", "raised ValueError: never fits", "this configuration fits"]),
        (checks.evaluate_output_size_or_error, size_returns_none_on_error,
         ["returned None instead of raising ValueError"]),
        (checks.evaluate_output_size_or_error, not_done, ["not done yet"]),
        (checks.evaluate_stack_shapes, stack_variant(keep_channels=True),
         ["after layer 1", "becomes (6, 28, 28), but you have (1, 28, 28)", "6 filters"]),
        (checks.evaluate_stack_shapes, stack_variant(pool_stride_1=True),
         ["after layer 3", "(6, 27, 27)", "do not overlap"]),
        (checks.evaluate_stack_shapes, stack_variant(round_up=True),
         ["case 4", "(4, 4, 4)", "rounded up"]),
        (checks.evaluate_stack_shapes, stack_variant(padding_once=True), ["on each side"]),
        (checks.evaluate_stack_shapes, stack_variant(ignore_stride=True),
         ["case 5", "left out the stride"]),
        (checks.evaluate_stack_shapes, stack_variant(pool_channels=True),
         ["each channel on its own"]),
        (checks.evaluate_stack_shapes, stack_variant(flatten="int"),
         ["after layer 7", "400 (int)", "(400,), not 400"]),
        (checks.evaluate_stack_shapes, stack_variant(flatten="2d"),
         ["(16, 25)", "all three axes"]),
        (checks.evaluate_stack_shapes, lambda shape, layers: stack_right(shape, layers)[-1],
         ["returned (400,)", "every layer"]),
        (checks.evaluate_stack_shapes, lambda shape, layers: stack_right(shape, layers)[:-1],
         ["6 shapes for 7 layers"]),
        (checks.evaluate_stack_shapes,
         lambda shape, layers: [tuple(float(n) for n in s) for s in stack_right(shape, layers)],
         ["(6.0, 28.0, 28.0)", "whole numbers"]),
        (checks.evaluate_stack_shapes,
         lambda shape, layers: [list(s) for s in stack_right(shape, layers)],
         ["case 1", "after layer 1", "[6, 28, 28] (list)", "A shape is a tuple"]),
        (checks.evaluate_stack_shapes,
         lambda shape, layers: [np.array(s) for s in stack_right(shape, layers)],
         ["case 1", "(ndarray)", "A shape is a tuple"]),
        (checks.evaluate_stack_shapes, lambda shape, layers: tuple(stack_right(shape, layers)),
         ["case 1", "(tuple); expected a list of 7 shapes", "shapes.append"]),
        (checks.evaluate_stack_shapes, lambda shape, layers: "shapes",
         ["'shapes' (str)", "expected a list"]),
        (checks.evaluate_stack_shapes, not_done, ["not done yet"]),
        (checks.evaluate_receptive_field, field_no_stride, ["case 5", "left out the strides"]),
        (checks.evaluate_receptive_field, field_no_dilation,
         ["case 4", "left out the dilation", "d * (k - 1) + 1"]),
        (checks.evaluate_receptive_field, field_own_stride, ["own stride"]),
        (checks.evaluate_receptive_field, field_sum_of_kernels,
         ["case 1", "answered 6", "overlap"]),
        (checks.evaluate_receptive_field, field_area, ["answered 25", "the area"]),
        (checks.evaluate_receptive_field, lambda layers: float(field_right(layers)),
         ["whole number"]),
        (checks.evaluate_receptive_field, crashes, ["raised IndexError"]),
    ],
)
def test_wrong_answers_get_a_helpful_verdict(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)


def test_expected_values_do_not_come_from_the_package():
    source = inspect.getsource(checks)
    assert "from .." not in source and "import convlessons" not in source
    assert "from ._core import" in source


def test_the_hand_examples_of_the_notebook():
    # The numbers the exercise notebook asks the student to check by hand.
    x = np.array([[[1.0, 2, 3], [4, 5, 6], [7, 8, 9]], [[1.0, 0, 0], [0, 1, 0], [0, 0, 1]]])
    weight = np.array([[[[1.0, 0], [0, 1]], [[1.0, 1], [1, 1]]],
                       [[[0.0, 1], [0, 0]], [[0.0, 0], [0, 0]]]])
    expected = np.array([[[9.0, 10], [14, 17]], [[2.5, 3.5], [5.5, 6.5]]])
    np.testing.assert_allclose(conv_scipy(x, weight, np.array([1.0, 0.5])), expected)
    assert parameters_right(1, 1, 3) == 10 and parameters_right(3, 64, 3) == 1792
    assert parameters_right(3, 64, 3, bias=False) == 1728
    assert size_right(13, 3, 0, 2) == 6
    with pytest.raises(ValueError):
        size_right(10, 3, 0, 2)
    assert stack_right((1, 28, 28), [("conv", 6, 5, 1, 2), ("relu",), ("pool", 2),
                                     ("conv", 16, 5, 1, 0), ("relu",), ("pool", 2),
                                     ("flatten",)]) == [
        (6, 28, 28), (6, 28, 28), (6, 14, 14), (16, 10, 10), (16, 10, 10), (16, 5, 5), (400,)]
    assert field_right([(3, 1, 1), (3, 1, 1)]) == 5
    assert field_right([(3, 1, 2)]) == 5
    assert field_right([(3, 2, 1), (3, 1, 1)]) == 7


def test_conv_checker_agrees_with_the_package_reference():
    # The package is never the oracle, but the two must agree.
    from convlessons.layers import conv2d_reference

    assert checks.evaluate_conv_forward_loops(
        lambda x, weight, bias: conv2d_reference(x, weight, bias)).passed


# The first right answer of each exercise (reversed, so that the first one is kept).
MEMORISED = dict(reversed(RIGHT_ANSWERS))


@pytest.mark.parametrize("evaluate, right", MEMORISED.items(),
                         ids=lambda x: getattr(x, "__name__", ""))
def test_hidden_cases_fail_an_answer_that_memorised_the_visible_ones(evaluate, right):
    assert_hidden_cases_catch_memorising(evaluate, right)


@pytest.mark.parametrize("seed", range(30))
def test_hidden_cases_are_of_the_promised_kinds(seed):
    # Each draw of output_size_or_error holds a fit, a fit thanks to the padding
    # (i < f <= i + 2p), a stride that does not divide the room, and a kernel too large.
    fits, padded, uneven, large = checks._random_sizes(np.random.default_rng(seed))
    assert size_right(*fits[:4]) >= 2
    i, f, p, s, _ = padded
    assert i < f <= i + 2 * p and size_right(i, f, p, s) >= 1
    for i, f, p, s, _ in (uneven, large):
        with pytest.raises(ValueError):
            size_right(i, f, p, s)
    # Each layer draw holds integer pixels with float weights.
    layers = checks._random_layers(np.random.default_rng(seed))
    assert layers[1][0].dtype.kind == "i" and layers[1][1].dtype.kind == "f"
