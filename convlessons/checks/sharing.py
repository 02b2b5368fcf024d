"""Checkers for the exercises of lesson 4, shared weights.

The expected values come from SciPy (``scipy.signal.correlate2d``), NumPy
(``numpy.roll``) or a formula written here, never from ``convlessons.sharing``,
``convlessons.images`` or ``convlessons.layers``, so a bug in the package
cannot make a wrong answer pass.

Shapes are ``(rows, columns)``: an image ``(H, W)``, a kernel ``(kh, kw)``,
the output of a valid layer ``(OH, OW) = (H - kh + 1, W - kw + 1)``.

Exercises: ``dense_weight_count``, ``conv_layer_loops``,
``shared_weight_matrix``, ``weight_counts``, ``shared_weight_gradient`` and
``commutes_with_shift``.

Examples
--------
>>> from convlessons.checks.sharing import check_dense_weight_count
>>> check_dense_weight_count(lambda input_shape, units, bias=True: 196608)
... # doctest: +ELLIPSIS
❌ dense_weight_count: not yet.
   case 1 of 10: on input_shape=(4,), units=3, bias=True you counted 196,608, expected 15.
   Hint: ...
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings

import numpy as np

from ._core import (
    ZEROS_LIKE_NOTE,
    CaseFailed,
    Verdict,
    as_float_array,
    block,
    first_wrong,
    input_lines,
    int_tuple,
    is_integer_array,
    mismatch_lines,
    quiet_call,
    report,
    run,
    same,
    scipy_signal,
    show,
    whole_number,
    wrong_shape_lines,
)

# --- shared helpers -------------------------------------------------------------


def _valid_correlation(image, kernel) -> np.ndarray:
    """SciPy's valid cross-correlation, computed in floats."""
    return scipy_signal().correlate2d(np.asarray(image, dtype=float),
                                      np.asarray(kernel, dtype=float), mode="valid")


# --- exercise 1: dense_weight_count -------------------------------------------------

_DENSE_HINT = ("Hint: each of the `units` neurons has one weight per input value, "
               "prod(input_shape) of them, plus one bias of its own when bias is True.")


def _wrapped_int32(value: int) -> int:
    """What ``value`` becomes in a 32-bit signed integer that wraps around."""
    return (value + 2**31) % 2**32 - 2**31


def _judge_dense(answer, input_shape, units, bias, description):
    inputs = math.prod(input_shape)  # Python ints: no overflow, however large
    weights = inputs * units
    expected = weights + (units if bias else 0)
    result = quiet_call(answer, (input_shape, units, bias), description,
                        ("input_shape", "units", "bias"))
    got = whole_number(result, description, "a number of parameters", float_hint=(
        "A float cannot be a count: use // rather than / if you divide, math.prod rather than "
        "np.prod on floats, or int(...) around the result."))
    if got == expected:
        return
    lines = [f"on {description} you counted {got:,}, expected {expected:,}."]
    summed = sum(input_shape) * units
    if bias and got == weights:
        lines.append("That is the number of weights alone: with bias=True every neuron also "
                     f"has a bias, {units:,} more parameters.")
    elif not bias and got == weights + units:
        lines.append("With bias=False the neurons have no bias: count the weights only.")
    elif bias and got == weights + 1:
        lines.append(f"Every neuron has its own bias: {units:,} biases, not 1.")
    elif got in (summed, summed + units):
        lines.append("You added up the sizes in input_shape; the number of input values is "
                     "their product (3 * 256 * 256 = 196,608 for a 3 x 256 x 256 image).")
    elif got == inputs + (1 if bias else 0) and units > 1:
        lines.append(f"That is the count for one neuron; there are {units:,} of them, each "
                     "with weights of its own.")
    elif got == _wrapped_int32(expected):
        lines.append(f"{expected:,} does not fit in a 32-bit integer, and NumPy's int32 "
                     "wraps around silently. Count with Python ints (math.prod, or int(...) "
                     "around each size) or with dtype=np.int64.")
    lines.append(_DENSE_HINT)
    raise CaseFailed(*lines)


def _dense_cases():
    half_of_224 = 224 * 224 * 3 // 2  # a hidden layer half the size of the input
    cases = [
        ((4,), 3, True),
        ((3, 256, 256), 1, False),  # one neuron on an RGB image: 196,608 weights
        ((3, 256, 256), 1, True),
        ((2, 3), 5, False),
        ((28, 28), 10, True),
        ((8, 8), 1, True),
        ((1,), 1, False),
        ((2, 2, 2, 2), 2, True),
        ((224, 224, 3), half_of_224, False),  # over 11 billion weights
        ((224, 224, 3), half_of_224, True),
    ]
    return [(shape, units, bias, f"input_shape={shape}, units={units}, bias={bias}")
            for shape, units, bias in cases]


def evaluate_dense_weight_count(answer) -> Verdict:
    """Check ``answer(input_shape, units, bias)``: the parameters of a dense layer.

    ``input_shape`` is a tuple of whole numbers (any length), ``units`` the
    number of neurons and ``bias`` a bool. The expected count is
    ``prod(input_shape) * units``, plus ``units`` when ``bias`` is True,
    computed with Python ints; the answer must be an int (NumPy integers
    are accepted, floats and bools are not). The cases include the course's
    numbers: 196,608 weights for one neuron on a 3 x 256 x 256 image, and
    11,329,339,392 for a hidden layer half the size of a 224 x 224 x 3 input.

    Examples
    --------
    >>> import math
    >>> evaluate_dense_weight_count(lambda shape, units, bias: math.prod(shape) * units).passed
    False
    >>> evaluate_dense_weight_count(
    ...     lambda shape, units, bias: math.prod(shape) * units + (units if bias else 0)).passed
    True
    """
    return run("dense_weight_count", answer, _dense_cases(), _judge_dense)


def check_dense_weight_count(answer) -> None:
    """Print the verdict of :func:`evaluate_dense_weight_count`.

    Examples
    --------
    >>> import math
    >>> check_dense_weight_count(lambda shape, units, bias: math.prod(shape) * units)
    ... # doctest: +ELLIPSIS
    ❌ dense_weight_count: not yet.
       case 1 of 10: on input_shape=(4,), units=3, bias=True you counted 12, expected 15.
       That is the number of weights alone: with bias=True every neuron also has a bias, ...
       Hint: ...
    """
    report(evaluate_dense_weight_count(answer))


# --- exercise 2: conv_layer_loops -----------------------------------------------------

_LAYER_HINT = ("Hint: neuron (i, j) computes sum(kernel * image[i : i + kh, j : j + kw]) + bias, "
               "the same kernel and the same bias for every neuron, for i in range(H - kh + 1) "
               "and j in range(W - kw + 1).")


def _judge_layer(answer, image, kernel, bias, description):
    correlation = _valid_correlation(image, kernel)
    expected = correlation + bias
    result = quiet_call(answer, (image, kernel, bias), description, ("image", "kernel", "bias"))
    got = as_float_array(result, description, _LAYER_HINT)
    shown = input_lines(image=image, kernel=kernel)
    if got.shape != expected.shape:
        lines = wrong_shape_lines(description, expected, got, shown)
        short = tuple(e - g for e, g in zip(expected.shape, got.shape, strict=False))
        if got.ndim == 2 and short in {(1, 1), (1, 0), (0, 1)}:
            lines.append("Your loops stop one position early: a kernel of k pixels fits at "
                         "n - k + 1 positions along n pixels, so loop over range(n - k + 1).")
        elif got.shape == image.shape:
            lines.append("Your output has the image's shape, but a neuron exists only where "
                         "its whole patch lies on the image (no padding here): "
                         "(H - kh + 1, W - kw + 1) neurons.")
        else:
            lines.append("Hint: there is one neuron per position of the kernel on the image: "
                         "(H - kh + 1, W - kw + 1) of them.")
        raise CaseFailed(*lines)
    if same(got, expected):
        return
    lines = mismatch_lines(description, expected, got, shown)
    flipped = _valid_correlation(image, kernel[::-1, ::-1])
    if bias != 0 and same(got, correlation):
        lines.append(f"You left out the bias: every neuron adds the same b = {bias} "
                     "after its weighted sum.")
    elif bias != 0 and same(got, correlation + kernel.size * bias):
        lines.append(f"You added the bias once per weight ({kernel.size} times); a neuron "
                     "adds it once, after the weighted sum.")
    elif same(got, flipped + bias) or same(got, flipped):
        lines.append("You flipped the kernel, as true convolution does. A layer does not: "
                     "each neuron multiplies its patch by the weights as they are, so what "
                     "deep-learning libraries call a convolution layer computes a "
                     "cross-correlation.")
    if is_integer_array(result):
        lines.append(ZEROS_LIKE_NOTE)
    lines.append(_LAYER_HINT)
    raise CaseFailed(*lines)


def _layer_cases():
    rng = np.random.default_rng(41)
    cases = [
        (np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 1.0, 3.0, 1.0], [2.0, 1.0, 0.0, 2.0]]),
         np.array([[1.0, 2.0], [0.0, -1.0]]), 0.5, "the example above"),
        (np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]]), np.array([[2.0]]), -1.0,
         "a 1 x 1 kernel"),
        (np.array([[1.0, 2.0, 0.0], [3.0, -1.0, 2.0], [0.0, 1.0, 1.0]]),
         np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]), 0.25,
         "a kernel as large as the image: a single neuron"),
        (np.array([[3.0, 1.0, 4.0, 1.0, 5.0, 9.0]]), np.array([[1.0, -1.0, 2.0]]), 2.0,
         "a single row"),
        (rng.normal(size=(4, 6)).round(2), rng.normal(size=(2, 3)).round(2), 0.0,
         "a non-square kernel, no bias"),
        (np.array([[10, 20, 30, 40], [50, 60, 70, 80], [90, 100, 110, 120]], dtype=np.uint8),
         np.array([[1, -1], [1, -1]]), 3, "integer pixels (uint8) and an integer bias"),
        (rng.normal(size=(6, 6)).round(2), rng.normal(size=(3, 3)).round(2), -0.7,
         "a 3 x 3 kernel"),
        (rng.normal(size=(7, 7)).round(2), rng.normal(size=(4, 4)).round(2), 1.5,
         "an even-sized kernel"),
    ]
    return [(image, kernel, bias,
             f"a {image.shape[0]} x {image.shape[1]} image, a {kernel.shape[0]} x "
             f"{kernel.shape[1]} kernel and bias={bias} ({label})")
            for image, kernel, bias, label in cases]


def evaluate_conv_layer_loops(answer) -> Verdict:
    """Check ``answer(image, kernel, bias)``: a shared-weight layer, against SciPy.

    ``image`` has shape (H, W), ``kernel`` (kh, kw) with kh <= H and kw <= W,
    ``bias`` is a number. The result must equal
    ``scipy.signal.correlate2d(image, kernel, mode="valid") + bias`` computed
    in floats, shape (H - kh + 1, W - kw + 1), and the inputs must not be
    modified.

    Examples
    --------
    >>> from scipy.signal import correlate2d
    >>> evaluate_conv_layer_loops(lambda image, kernel, bias: correlate2d(image, kernel, "valid")
    ...                           + bias).passed
    True
    >>> evaluate_conv_layer_loops(lambda image, kernel, bias: correlate2d(image, kernel, "valid")
    ...                           ).passed
    False
    """
    return run("conv_layer_loops", answer, _layer_cases(), _judge_layer)


def check_conv_layer_loops(answer) -> None:
    """Print the verdict of :func:`evaluate_conv_layer_loops`.

    Examples
    --------
    >>> from scipy.signal import convolve2d
    >>> check_conv_layer_loops(lambda image, kernel, bias: convolve2d(image, kernel, "valid")
    ...                        + bias)  # doctest: +ELLIPSIS
    ❌ conv_layer_loops: not yet.
       case 1 of 8: on a 3 x 4 image, a 2 x 2 kernel and bias=0.5 (the example above):
       ...
       You flipped the kernel, as true convolution does. A layer does not: ...
       ...
    """
    report(evaluate_conv_layer_loops(answer))


# --- exercise 3: shared_weight_matrix -------------------------------------------------

_MATRIX_HINT = ("Hint: row i * OW + j (output pixel (i, j)) holds kernel[a, b] in column "
                "(i + a) * W + (j + b) (input pixel (i + a, j + b)) and zeros elsewhere.")


def _matrix_from_scipy(kernel, input_shape) -> np.ndarray:
    """Column p is the layer's output (raveled) for the image with a single 1 at pixel p.

    The layer is linear, so this matrix does to every image what
    ``correlate2d(image, kernel, "valid")`` does.
    """
    height, width = input_shape
    columns = []
    for pixel in range(height * width):
        one_hot = np.zeros(height * width)
        one_hot[pixel] = 1.0
        columns.append(_valid_correlation(one_hot.reshape(height, width), kernel).ravel())
    return np.stack(columns, axis=1)


def _laid_out(kernel, input_shape, row_of, col_of) -> np.ndarray:
    """A matrix with kernel[a, b] at [row_of(i, j), col_of(i + a, j + b)]: layouts to spot."""
    (height, width), (kh, kw) = input_shape, kernel.shape
    out_h, out_w = height - kh + 1, width - kw + 1
    matrix = np.zeros((out_h * out_w, height * width))
    for i in range(out_h):
        for j in range(out_w):
            for a in range(kh):
                for b in range(kw):
                    matrix[row_of(i, j), col_of(i + a, j + b)] = kernel[a, b]
    return matrix


def _layout_mistake(got, kernel, input_shape) -> str | None:
    """Which common layout mistake ``got`` (the right shape) matches, if any."""
    (height, width), (kh, kw) = input_shape, kernel.shape
    out_h, out_w = height - kh + 1, width - kw + 1

    def by_rows(i, j):
        return i * out_w + j

    def by_columns(i, j):
        return j * out_h + i

    mistakes = [
        (lambda r, c: r * width + c, by_rows, None, "flip"),
        (lambda r, c: r * out_w + c, by_rows, kernel,
         "Your column for input pixel (r, c) uses the output's width: it is r * W + c, with "
         "the width W of the input, because x.ravel() numbers the input's pixels."),
        (lambda r, c: c * height + r, by_rows, kernel,
         "You numbered the input's pixels column by column; x.ravel() numbers them row by "
         "row: pixel (r, c) is column r * W + c."),
        (lambda r, c: r * width + c, by_columns, kernel,
         "You numbered the output pixels column by column; out.ravel() numbers them row by "
         "row: output pixel (i, j) is row i * OW + j."),
        (lambda r, c: c * height + r, by_columns, kernel,
         "You numbered pixels column by column; ravel() numbers them row by row: input pixel "
         "(r, c) is column r * W + c and output pixel (i, j) is row i * OW + j."),
    ]
    for col_of, row_of, used, message in mistakes:
        if used is None:  # the flipped kernel, laid out correctly
            if same(got, _laid_out(kernel[::-1, ::-1], input_shape, row_of, col_of)):
                return ("Each row holds the kernel flipped, as true convolution would. The "
                        "layer's neurons use the weights as they are (cross-correlation).")
        elif same(got, _laid_out(used, input_shape, row_of, col_of)):
            return message
    return None


def _judge_matrix(answer, kernel, input_shape, description):
    expected = _matrix_from_scipy(kernel, input_shape)
    (height, width), (kh, kw) = input_shape, kernel.shape
    out_h, out_w = height - kh + 1, width - kw + 1
    result = quiet_call(answer, (kernel, input_shape), description, ("kernel", "input_shape"))
    got = as_float_array(result, description, _MATRIX_HINT)
    if got.shape != expected.shape:
        lines = [f"on {description}: expected a matrix of shape {expected.shape}, "
                 f"{out_h * out_w} rows (one per output pixel) and {height * width} columns "
                 f"(one per input pixel); yours has shape {got.shape}."]
        if got.shape == expected.T.shape:
            lines.append("Rows and columns are swapped: the matrix multiplies x.ravel(), so it "
                         "needs one column per input pixel and one row per output pixel.")
        elif got.shape == (out_h, out_w, height, width):
            lines.append("Reshape it into a 2-D matrix: matrix.reshape(OH * OW, H * W).")
        lines.append(_MATRIX_HINT)
        raise CaseFailed(*lines)
    if same(got, expected):
        return
    row = first_wrong(got, expected)[0]
    i, j = divmod(row, out_w)
    lines = [f"on {description}:", *block("kernel:", kernel),
             f"row {row} of the matrix is the neuron of output pixel ({i}, {j}). Its weights, "
             f"shown as an image of shape ({height}, {width}) with row.reshape(H, W), should "
             f"be the kernel placed at ({i}, {j}):",
             *block("expected:", expected[row].reshape(height, width)),
             *block("got:     ", got[row].reshape(height, width))]
    mistake = _layout_mistake(got, kernel, input_shape)
    if mistake:
        lines.append(mistake)
    lines.append(_MATRIX_HINT)
    raise CaseFailed(*lines)


def _matrix_cases():
    rng = np.random.default_rng(43)
    cases = [
        (np.array([[1.0, 2.0], [3.0, 4.0]]), (3, 3), "the example above"),
        (np.array([[1.0, 2.0]]), (1, 3), "a single row"),
        (np.array([[5.0]]), (2, 3), "a 1 x 1 kernel"),
        (np.array([[1.0, -1.0], [2.0, 0.5]]), (2, 2), "a kernel as large as the input"),
        (np.array([[1.0], [-1.0]]), (4, 2), "a column kernel"),
        (rng.normal(size=(2, 3)).round(2), (4, 5), "a non-square kernel on a wide input"),
        (np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]]), (5, 4), "integer weights"),
        (rng.normal(size=(3, 3)).round(2), (5, 6), "random weights"),
    ]
    return [(kernel, shape, f"a {kernel.shape[0]} x {kernel.shape[1]} kernel, "
             f"input_shape={shape} ({label})") for kernel, shape, label in cases]


def evaluate_shared_weight_matrix(answer) -> Verdict:
    """Check ``answer(kernel, input_shape)``: the dense matrix of a shared-weight layer.

    ``kernel`` has shape (kh, kw) and ``input_shape`` is (H, W) with kh <= H
    and kw <= W. The answer must return the matrix M of shape
    (OH * OW, H * W) with ``M @ x.ravel() == correlate2d(x, kernel,
    "valid").ravel()`` for every image x of that shape. The checker builds
    the expected matrix from SciPy, one column per input pixel (the output
    for an image with a single 1 at that pixel), which is exactly that
    condition, since the layer is linear.

    Examples
    --------
    >>> def matrix(kernel, input_shape):
    ...     (h, w), (kh, kw) = input_shape, kernel.shape
    ...     m = np.zeros(((h - kh + 1) * (w - kw + 1), h * w))
    ...     for i in range(h - kh + 1):
    ...         for j in range(w - kw + 1):
    ...             place = np.zeros((h, w))
    ...             place[i : i + kh, j : j + kw] = kernel
    ...             m[i * (w - kw + 1) + j] = place.ravel()
    ...     return m
    >>> evaluate_shared_weight_matrix(matrix).passed
    True
    >>> evaluate_shared_weight_matrix(lambda kernel, shape: matrix(kernel, shape).T).passed
    False
    """
    return run("shared_weight_matrix", answer, _matrix_cases(), _judge_matrix)


def check_shared_weight_matrix(answer) -> None:
    """Print the verdict of :func:`evaluate_shared_weight_matrix`.

    Examples
    --------
    >>> check_shared_weight_matrix(lambda kernel, shape: np.eye(4, 9))  # doctest: +ELLIPSIS
    ❌ shared_weight_matrix: not yet.
       case 1 of 8: on a 2 x 2 kernel, input_shape=(3, 3) (the example above):
       kernel: [[1., 2.],
                [3., 4.]]
       row 0 of the matrix is the neuron of output pixel (0, 0). Its weights, ...
       expected: [[1., 2., 0.],
                  [3., 4., 0.],
                  [0., 0., 0.]]
       got:      [[1., 0., 0.],
                  [0., 0., 0.],
                  [0., 0., 0.]]
       Hint: row i * OW + j (output pixel (i, j)) holds kernel[a, b] in column ...
    """
    report(evaluate_shared_weight_matrix(answer))


# --- exercise 4: weight_counts --------------------------------------------------------

_COUNTS_HINT = ("Hint: the layer has (H - kh + 1) * (W - kw + 1) neurons, one per output pixel. "
                "A dense layer would connect each of them to all H * W input pixels; the "
                "shared-weight layer connects each to kh * kw pixels, and all of them use the "
                "same kh * kw weights.")


def _judge_counts(answer, input_shape, kernel_shape, description):
    (height, width), (kh, kw) = input_shape, kernel_shape
    neurons = (height - kh + 1) * (width - kw + 1)
    expected = (neurons * height * width, neurons * kh * kw, kh * kw)
    result = quiet_call(answer, (input_shape, kernel_shape), description,
                        ("input_shape", "kernel_shape"))
    got = int_tuple(result, 3, description,
                    "three whole numbers (dense, connections, shared), such as (72, 24, 4)",
                    noun="counts", arrays=False)
    if got == expected:
        return
    dense, connections, shared = got
    lines = [f"on {description} you answered {got}, expected {expected}."]
    pixels = height * width
    if dense != expected[0]:
        if dense == pixels * pixels:
            lines.append("dense: the layer has (H - kh + 1)(W - kw + 1) outputs, not H * W; "
                         "a dense layer with the same outputs has one weight per (output, "
                         "input) pair, as many as the entries of the matrix of exercise 3.")
        elif dense == pixels + neurons or dense == pixels:
            lines.append("dense: every output pixel has its own weight for every input "
                         "pixel: multiply the two numbers.")
        else:
            lines.append("dense: count the entries of the layer's matrix, one row per output "
                         "pixel and one column per input pixel.")
    elif connections != expected[1]:
        if connections == pixels * kh * kw:
            lines.append("connections: only (H - kh + 1)(W - kw + 1) neurons exist, one per "
                         "position of the kernel on the input, not one per input pixel.")
        elif connections == neurons:
            lines.append("connections: each neuron is connected to the kh * kw pixels of its "
                         "patch.")
        else:
            lines.append("connections: count the entries of the matrix that hold a kernel "
                         "weight, kh * kw in each row.")
    elif shared == kh * kw + 1:
        lines.append("shared: count the weights only, without the bias.")
    else:
        lines.append("shared: all the neurons use the same kernel: how many different "
                     "weights does it hold?")
    lines.append(_COUNTS_HINT)
    raise CaseFailed(*lines)


def evaluate_weight_counts(answer) -> Verdict:
    """Check ``answer(input_shape, kernel_shape)``: three counts of weights, as ints.

    For a single-channel, valid, shared-weight layer from an input (H, W)
    with a kernel (kh, kw), the answer must return ``(dense, connections,
    shared)``: the weights of a dense layer with the same input and output,
    ``OH * OW * H * W``; the input-output pairs that are connected,
    ``OH * OW * kh * kw``; and the distinct weights, ``kh * kw`` (no bias).

    Examples
    --------
    >>> def counts(input_shape, kernel_shape):
    ...     (h, w), (kh, kw) = input_shape, kernel_shape
    ...     neurons = (h - kh + 1) * (w - kw + 1)
    ...     return neurons * h * w, neurons * kh * kw, kh * kw
    >>> evaluate_weight_counts(counts).passed
    True
    >>> check_weight_counts(lambda input_shape, kernel_shape: (144, 36, 4))  # doctest: +ELLIPSIS
    ❌ weight_counts: not yet.
       case 1 of 8: on input_shape=(3, 4), kernel_shape=(2, 2) you answered (144, 36, 4), ...
       dense: the layer has (H - kh + 1)(W - kw + 1) outputs, not H * W; ...
       Hint: ...
    """
    shapes = [
        ((3, 4), (2, 2)),
        ((5, 5), (3, 3)),
        ((224, 224), (3, 3)),
        ((8, 8), (8, 8)),
        ((7, 5), (1, 1)),
        ((6, 9), (2, 4)),
        ((1, 10), (1, 3)),
        ((256, 256), (5, 5)),
    ]
    cases = [(i, k, f"input_shape={i}, kernel_shape={k}") for i, k in shapes]
    return run("weight_counts", answer, cases, _judge_counts)


def check_weight_counts(answer) -> None:
    """Print the verdict of :func:`evaluate_weight_counts`."""
    report(evaluate_weight_counts(answer))


# --- exercise 5: shared_weight_gradient -----------------------------------------------

_GRADIENT_HINT = ("Hint: weight kernel[a, b] meets pixel image[i + a, j + b] at every output "
                  "position (i, j), so its gradient is the sum over all positions of "
                  "grad_out[i, j] * image[i + a, j + b]: a valid cross-correlation of the "
                  "image with grad_out.")


def _judge_gradient(answer, image, grad_out, description):
    expected = _valid_correlation(image, grad_out)
    result = quiet_call(answer, (image, grad_out), description, ("image", "grad_out"))
    got = as_float_array(result, description, _GRADIENT_HINT)
    shown = input_lines(image=image, grad_out=grad_out)
    if got.shape != expected.shape:
        lines = wrong_shape_lines(description, expected, got, shown)
        if got.shape in (grad_out.shape, image.shape):
            lines.append("The gradient has one entry per weight: the kernel's shape, "
                         "(H - OH + 1, W - OW + 1) for an image (H, W) and grad_out (OH, OW).")
        else:
            lines.append("Hint: the gradient has the kernel's shape, "
                         "(H - OH + 1, W - OW + 1).")
        raise CaseFailed(*lines)
    if same(got, expected):
        return
    lines = mismatch_lines(description, expected, got, shown)
    kh, kw = expected.shape
    first_only = grad_out[0, 0] * np.asarray(image, dtype=float)[:kh, :kw]
    if same(got, expected[::-1, ::-1]) or same(
            got, scipy_signal().convolve2d(np.asarray(image, dtype=float), grad_out, mode="valid")):
        lines.append("Your gradient is flipped: a weight of the layer is not flipped, so "
                     "weight (0, 0) meets the top-left pixel of every patch. Correlate the "
                     "image with grad_out (no flip), in that order.")
    elif same(got * grad_out.size, expected):
        lines.append("You averaged over the positions. Each use of the weight adds its own "
                     "term to the loss, so the gradients of all positions add up: sum them.")
    elif same(got, first_only):
        lines.append("That is the gradient from output position (0, 0) alone. The weight is "
                     "used at every position: add up the contributions of all of them.")
    lines.append(_GRADIENT_HINT)
    raise CaseFailed(*lines)


def _gradient_cases():
    rng = np.random.default_rng(45)
    nine = np.arange(1.0, 10.0).reshape(3, 3)
    cases = [
        (nine, np.array([[1.0, 0.0], [0.0, 0.0]]), "only output (0, 0) matters"),
        (nine, np.ones((2, 2)), "every output counts once"),
        (rng.normal(size=(5, 5)).round(2), rng.normal(size=(3, 3)).round(2), "random values"),
        (np.array([[1.0, -2.0, 0.5, 3.0], [2.0, 0.0, 1.0, -1.0], [0.0, 4.0, -3.0, 1.0]]),
         np.array([[2.0]]), "a single output: the kernel is as large as the image"),
        (np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), np.array([[1.0, -1.0, 0.5],
                                                                 [2.0, 0.0, -2.0]]),
         "grad_out as large as the image: a 1 x 1 kernel"),
        (rng.normal(size=(4, 6)).round(2), rng.normal(size=(2, 3)).round(2),
         "a non-square kernel"),
        (rng.integers(0, 256, size=(5, 4)).astype(np.uint8), rng.normal(size=(3, 2)).round(2),
         "integer pixels (uint8)"),
        (rng.normal(size=(6, 7)).round(2), rng.normal(size=(4, 4)).round(2), "random values"),
    ]
    result = []
    for image, grad_out, label in cases:
        kh, kw = image.shape[0] - grad_out.shape[0] + 1, image.shape[1] - grad_out.shape[1] + 1
        result.append((image, grad_out,
                       f"a {image.shape[0]} x {image.shape[1]} image and grad_out "
                       f"{grad_out.shape[0]} x {grad_out.shape[1]}, so a {kh} x {kw} kernel "
                       f"({label})"))
    return result


def evaluate_shared_weight_gradient(answer) -> Verdict:
    """Check ``answer(image, grad_out)``: the gradient of the loss w.r.t. a shared kernel.

    The layer is ``out = correlate2d(image, kernel, "valid") (+ bias)``, with
    ``image`` of shape (H, W) and ``grad_out`` = dL/d(out) of shape (OH, OW).
    The answer must return dL/d(kernel), of shape (H - OH + 1, W - OW + 1):
    ``sum over (i, j) of grad_out[i, j] * image[i + a, j + b]``, which the
    checker computes as ``scipy.signal.correlate2d(image, grad_out, "valid")``
    in floats.

    Examples
    --------
    >>> from scipy.signal import correlate2d
    >>> evaluate_shared_weight_gradient(lambda image, g: correlate2d(image, g, "valid")).passed
    True
    >>> check_shared_weight_gradient(lambda image, g: correlate2d(image, g, "valid") / g.size)
    ... # doctest: +ELLIPSIS
    ❌ shared_weight_gradient: not yet.
       case 1 of 8: on a 3 x 3 image and grad_out 2 x 2, so a 2 x 2 kernel ...
       ...
       You averaged over the positions. ...
       Hint: ...
    """
    return run("shared_weight_gradient", answer, _gradient_cases(), _judge_gradient)


def check_shared_weight_gradient(answer) -> None:
    """Print the verdict of :func:`evaluate_shared_weight_gradient`."""
    report(evaluate_shared_weight_gradient(answer))


# --- exercise 6: commutes_with_shift --------------------------------------------------

_EDGE_3X3 = np.array([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]])
_BLUR_3X3 = np.array([[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]]) / 16


def _circular_layer(x):
    """A shared 3 x 3 kernel with circular padding: the image wraps around."""
    return scipy_signal().correlate2d(x, _EDGE_3X3, mode="same", boundary="wrap")


def _circular_relu_layer(x):
    """Circular correlation, a bias, then ReLU."""
    blurred = scipy_signal().correlate2d(x, _BLUR_3X3, mode="same", boundary="wrap")
    return np.maximum(blurred - 0.1, 0.0)


def _zero_padded_layer(x):
    """The same kernel with zero padding: the border breaks exact equivariance."""
    return scipy_signal().correlate2d(x, _EDGE_3X3, mode="same", boundary="fill")


def _unshared_layer(x):
    """A different weight at every pixel (a locally connected 1 x 1 layer): no sharing."""
    return x * np.linspace(0.5, 2.0, x.size).reshape(x.shape)


def _squares(x):
    return x**2


def _transpose(x):
    return x.T.copy()


def _upside_down(x):
    return x[::-1].copy()


def _largest_everywhere(x):
    return np.full(x.shape, x.max())


_SHIFT_LAYERS = [
    (_circular_layer, "a 3 x 3 correlation with circular padding (boundary='wrap')", (1, 2)),
    (_circular_relu_layer, "a 3 x 3 blur with circular padding, a bias of -0.1, then ReLU",
     (2, -1)),
    (_zero_padded_layer, "the same 3 x 3 correlation with zero padding (mode='same')", (1, 2)),
    (_squares, "every pixel squared", (3, 1)),
    (_unshared_layer, "a different weight for every pixel (no sharing)", (0, 1)),
    (_unshared_layer, "a different weight for every pixel (no sharing)", (0, 0)),
    (_transpose, "the transpose, x.T", (1, 2)),
    (_transpose, "the transpose, x.T", (2, 2)),
    (_upside_down, "turning the image upside down, x[::-1]", (0, 3)),
    (_upside_down, "turning the image upside down, x[::-1]", (1, 0)),
    (_largest_everywhere, "the image's largest value at every pixel", (2, 3)),
]


def _roll(array, shift):
    return np.roll(array, shift, axis=(0, 1))


def _commutes(layer, image, shift) -> bool:
    """Shift then layer equals layer then shift, both circular shifts along rows and columns."""
    return bool(np.allclose(layer(_roll(image, shift)), _roll(layer(image), shift)))


#: What a common misconception answers on a case, and the hint that goes with it.
_COMMUTE_MISTAKES = [
    (lambda layer, image, shift: np.allclose(layer(_roll(image, shift)), layer(image)),
     "You compared layer(shifted image) with layer(image), unshifted: that asks whether the "
     "output stays put (invariance). Equivariance means the output moves with the input: "
     "shift the layer's output too."),
    (lambda layer, image, shift: np.allclose(layer(_roll(image, shift)),
                                             _roll(layer(image), (-shift[0], -shift[1]))),
     "You shifted the layer's output the other way. Shift it by the same shift as the image, "
     "in the same direction."),
    (lambda layer, image, shift: np.allclose(layer(np.roll(image, shift)),
                                             np.roll(layer(image), shift)),
     "np.roll(image, shift) without axis flattens the image and moves it along the flat "
     "order: pass axis=(0, 1) so that shift[0] moves rows and shift[1] moves columns."),
]


def _commutes_mistake(answer) -> str | None:
    """The hint for the misconception whose answers on every case are the student's, if any.

    One case cannot tell the misconceptions apart (on a shared-weight layer
    they all answer False); their answers on all the cases can.
    """
    cases = _commutes_cases()
    answers = []
    # The answer runs again on every case: silence its warnings and anything it prints.
    with warnings.catch_warnings(), np.errstate(all="ignore"), \
            contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        for layer, _, image, shift, _ in cases:
            try:
                result = answer(layer, image.copy(), shift)
            except Exception:  # a crash on another case is reported when that case runs
                result = None
            answers.append(bool(result) if isinstance(result, (bool, np.bool_)) else None)
        for mistake, hint in _COMMUTE_MISTAKES:
            if answers == [bool(mistake(layer, image, shift))
                           for layer, _, image, shift, _ in cases]:
                return hint
    return None


def _judge_commutes(answer, layer, name, image, shift, description):
    expected = _commutes(layer, image, shift)
    result = quiet_call(answer, (layer, image, shift), description, ("layer", "image", "shift"))
    if not isinstance(result, (bool, np.bool_)):
        what = (f"an array of shape {result.shape}" if isinstance(result, np.ndarray)
                else f"{show(result)} ({type(result).__name__})")
        raise CaseFailed(
            f"on {description} your function returned {what}; expected True or False.",
            "Compare the two arrays into one answer: np.allclose(a, b), or (a == b).all(), "
            "returns a single bool; a == b alone compares pixel by pixel.",
        )
    if bool(result) == expected:
        return
    lines = [f"on {description} you answered {bool(result)}, expected {expected}: "
             f"layer(np.roll(image, {shift}, axis=(0, 1))) "
             + ("equals" if expected else "differs from")
             + f" np.roll(layer(image), {shift}, axis=(0, 1))."]
    mistake = _commutes_mistake(answer)
    if mistake:
        lines.append(mistake)
    lines.append("Hint: shift the image with np.roll(image, shift, axis=(0, 1)), apply the "
                 "layer; apply the layer to the image, shift its output the same way; return "
                 "whether the two agree (np.allclose).")
    raise CaseFailed(*lines)


def _commutes_cases():
    rng = np.random.default_rng(46)
    cases = []
    for layer, name, shift in _SHIFT_LAYERS:
        image = rng.normal(size=(6, 6)).round(2)
        cases.append((layer, name, image, shift, f"layer={name}, shift={shift}"))
    return cases


def evaluate_commutes_with_shift(answer) -> Verdict:
    """Check ``answer(layer, image, shift)``: does shifting commute with the layer?

    ``layer`` maps an (H, W) array to an (H, W) array, ``image`` is a 6 x 6
    array, ``shift`` a pair ``(rows, columns)`` of ints. The answer must
    return a bool: whether ``layer(np.roll(image, shift, axis=(0, 1)))``
    equals ``np.roll(layer(image), shift, axis=(0, 1))`` (``np.allclose``).
    The layers include shared-weight ones with circular padding (True), with
    zero padding (False: the border), unshared weights, ReLU, the transpose
    and flips, for which the answer depends on the shift.

    Examples
    --------
    >>> def commutes(layer, image, shift):
    ...     first = layer(np.roll(image, shift, axis=(0, 1)))
    ...     return np.allclose(first, np.roll(layer(image), shift, axis=(0, 1)))
    >>> evaluate_commutes_with_shift(commutes).passed
    True
    >>> check_commutes_with_shift(lambda layer, image, shift: True)  # doctest: +ELLIPSIS
    ❌ commutes_with_shift: not yet.
       case 3 of 11: on layer=the same 3 x 3 correlation with zero padding ... answered True, ...
       ...
    """
    return run("commutes_with_shift", answer, _commutes_cases(), _judge_commutes)


def check_commutes_with_shift(answer) -> None:
    """Print the verdict of :func:`evaluate_commutes_with_shift`."""
    report(evaluate_commutes_with_shift(answer))
