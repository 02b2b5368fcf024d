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
   case 1 of 12: on input_shape=(4,), units=3, bias=True you counted 196,608, expected 15.
   Hint: ...
"""

from __future__ import annotations

import math

import numpy as np

from ._core import (
    FLIPPED_HINT,
    STOPS_EARLY_HINT,
    CaseFailed,
    Suspect,
    Verdict,
    call,
    checker,
    compare,
    diagnose,
    first_wrong,
    hidden_cases,
    input_lines,
    int_tuple,
    integer_result_suspects,
    named_case,
    random_pixels,
    random_shape,
    run,
    same,
    scipy_signal,
    shape_hint,
    show,
    whole_number,
    window_that_fits,
)

# --- shared helpers -------------------------------------------------------------


def _valid_correlation(image, kernel) -> np.ndarray:
    """SciPy's valid cross-correlation, computed in floats."""
    return scipy_signal().correlate2d(np.asarray(image, dtype=float),
                                      np.asarray(kernel, dtype=float), mode="valid")


# --- exercise 1: dense_weight_count -------------------------------------------------

_DENSE_HINT = ("Hint: each of the `units` neurons has one weight per input value, "
               "prod(input_shape) of them, plus one bias of its own when bias is True.")

_BIAS_DEFAULT_HINT = ("The caller may leave bias out, and then it is True: write the "
                      "argument as the task gives it, def dense_weight_count(input_shape, "
                      "units, bias=True).")


def _wrapped_int32(value: int) -> int:
    """What ``value`` becomes in a 32-bit signed integer that wraps around."""
    return (value + 2**31) % 2**32 - 2**31


def _judge_dense(answer, input_shape, units, bias, description):
    # bias None: the case leaves the argument out, so the default (True) applies.
    args = (input_shape, units) if bias is None else (input_shape, units, bias)
    with_bias = bias is None or bias
    inputs = math.prod(input_shape)  # Python ints: no overflow, however large
    weights = inputs * units
    expected = weights + (units if with_bias else 0)
    result = call(answer, args, description, ("input_shape", "units", "bias")[: len(args)],
                  explain=lambda crash: [_BIAS_DEFAULT_HINT] if bias is None
                  and "TypeError" in crash else [])
    got = whole_number(result, description, "a number of parameters", float_hint=(
        "A float cannot be a count: use // rather than / if you divide, math.prod rather than "
        "np.prod on floats, or int(...) around the result."))
    if got == expected:
        return
    summed = sum(input_shape) * units
    suspects = [
        Suspect(weights if bias is None else None, _BIAS_DEFAULT_HINT),
        Suspect(weights if with_bias else None,
                "That is the number of weights alone: with bias=True every neuron also "
                f"has a bias, {units:,} more parameters."),
        Suspect(None if with_bias else weights + units,
                "With bias=False the neurons have no bias: count the weights only."),
        Suspect(weights + 1 if with_bias else None,
                f"Every neuron has its own bias: {units:,} biases, not 1."),
        *(Suspect(value, "You added up the sizes in input_shape; the number of input values "
                         "is their product (3 * 256 * 256 = 196,608 for a 3 x 256 x 256 "
                         "image).") for value in (summed, summed + units)),
        Suspect(inputs + (1 if with_bias else 0) if units > 1 else None,
                f"That is the count for one neuron; there are {units:,} of them, each with "
                "weights of its own."),
        Suspect(_wrapped_int32(expected),
                f"{expected:,} does not fit in a 32-bit integer, and NumPy's int32 wraps "
                "around silently. Count with Python ints (math.prod, or int(...) around each "
                "size) or with dtype=np.int64."),
    ]
    advice = diagnose(got, suspects)
    raise CaseFailed(f"on {description} you counted {got:,}, expected {expected:,}.",
                     *([advice] if advice else []), _DENSE_HINT)


def _dense_description(shape, units, bias) -> str:
    if bias is None:
        return f"input_shape={shape}, units={units} (bias left out)"
    return f"input_shape={shape}, units={units}, bias={bias}"


def _dense_cases():
    half_of_224 = 224 * 224 * 3 // 2  # a hidden layer half the size of the input
    cases = [
        ((4,), 3, True),
        ((4,), 3, None),  # bias left out: the default, True, applies
        ((3, 256, 256), 1, False),  # one neuron on an RGB image: 196,608 weights
        ((3, 256, 256), 1, True),
        ((2, 3), 5, False),
        ((28, 28), 10, True),
        ((8, 8), 1, True),
        ((1,), 1, False),
        ((2, 2, 2, 2), 2, True),
        ((28, 28), 10, None),
        ((224, 224, 3), half_of_224, False),  # over 11 billion weights
        ((224, 224, 3), half_of_224, True),
    ]
    return [(shape, units, bias, _dense_description(shape, units, bias))
            for shape, units, bias in cases]


def _make_dense(rng):
    cases = []
    for _ in range(6):
        shape = random_shape(rng, 1, 300, dims=rng.integers(1, 5))
        units = int(rng.integers(2, 5000))
        bias = [True, False, None][rng.integers(3)]
        cases.append((shape, units, bias, _dense_description(shape, units, bias)))
    return cases


def evaluate_dense_weight_count(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(input_shape, units, bias=True)``: the parameters of a dense layer.

    ``input_shape`` is a tuple of whole numbers (any length), ``units`` the
    number of neurons and ``bias`` a bool, True when the caller leaves it
    out (some cases do). The expected count is ``prod(input_shape) *
    units``, plus ``units`` when ``bias`` is True, computed with Python
    ints; the answer must be an int (NumPy integers are accepted, floats and
    bools are not). The cases include the course's numbers: 196,608 weights
    for one neuron on a 3 x 256 x 256 image, and 11,329,339,392 for a hidden
    layer half the size of a 224 x 224 x 3 input.

    Examples
    --------
    >>> import math
    >>> evaluate_dense_weight_count(
    ...     lambda shape, units, bias=True: math.prod(shape) * units + (units if bias else 0)
    ... ).passed
    True
    >>> check_dense_weight_count(lambda shape, units, bias: math.prod(shape) * units + units
    ...                          * bias)  # doctest: +ELLIPSIS
    ❌ dense_weight_count: not yet.
       case 2 of 12: on input_shape=(4,), units=3 (bias left out) your function raised ...
       The caller may leave bias out, and then it is True: ...
    """
    return run("dense_weight_count", answer, _dense_cases(), _judge_dense,
               hidden=hidden_cases(hidden_seed, _make_dense))


check_dense_weight_count = checker(evaluate_dense_weight_count)


# --- exercise 2: conv_layer_loops -----------------------------------------------------

_LAYER_HINT = ("Hint: neuron (i, j) computes sum(kernel * image[i : i + kh, j : j + kw]) + bias, "
               "the same kernel and the same bias for every neuron, for i in range(H - kh + 1) "
               "and j in range(W - kw + 1).")

_LAYER_FLIPPED_HINT = ("You flipped the kernel, as true convolution does. A layer does not: "
                       "each neuron multiplies its patch by the weights as they are, so what "
                       "deep-learning libraries call a convolution layer computes a "
                       "cross-correlation. " + FLIPPED_HINT)


def _judge_layer(answer, image, kernel, bias, description):
    correlation = _valid_correlation(image, kernel)
    expected = correlation + bias
    result = call(answer, (image, kernel, bias), description, ("image", "kernel", "bias"))
    flipped = _valid_correlation(image, kernel[::-1, ::-1])
    image_f = np.asarray(image, dtype=float)
    suspects = [
        Suspect(correlation if bias != 0 else None,
                f"You left out the bias: every neuron adds the same b = {bias} after its "
                "weighted sum."),
        Suspect(correlation + kernel.size * bias if bias != 0 and kernel.size > 1 else None,
                f"You added the bias once per weight ({kernel.size} times); a neuron adds it "
                "once, after the weighted sum."),
        Suspect(flipped + bias, _LAYER_FLIPPED_HINT),
        Suspect(flipped, _LAYER_FLIPPED_HINT),
        Suspect(lambda: _valid_correlation(image, kernel.T) + bias,
                "You swapped the kernel's axes: kernel[a, b] multiplies image[i + a, j + b], "
                "a the row offset and b the column offset."),
        *integer_result_suspects(expected, image),
        *(Suspect(expected[: expected.shape[0] - rows, : expected.shape[1] - cols],
                  STOPS_EARLY_HINT) for rows, cols in ((1, 1), (1, 0), (0, 1))),
        Suspect(lambda: scipy_signal().correlate2d(image_f, kernel, mode="same") + bias,
                "Your output has the image's shape, but a neuron exists only where its whole "
                "patch lies on the image (no padding here): (H - kh + 1, W - kw + 1) neurons."),
    ]
    compare(result, expected, description, _LAYER_HINT, kind="f", suspects=suspects,
            inputs=lambda: input_lines(image=image, kernel=kernel))


def _layer_description(image, kernel, bias, label):
    return (f"a {image.shape[0]} x {image.shape[1]} image, a {kernel.shape[0]} x "
            f"{kernel.shape[1]} kernel and bias={bias} ({label})")


def _layer_cases():
    rng = np.random.default_rng(41)
    cases = [
        (np.array([[1.0, 2.0, 0.0, 1.0], [0.0, 1.0, 3.0, 1.0], [2.0, 1.0, 0.0, 2.0]]),
         np.array([[1.0, 2.0], [0.0, -1.0]]), 0.5, "the example above"),
        (np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]]), np.array([[2.0]]), -1.0,
         "a 1 x 1 kernel"),
        (np.array([[3, 0, 1, 2], [1, 5, 2, 0], [4, 1, 0, 3]]),
         np.array([[0.5, -0.25], [0.75, 0.1]]), 0.3, "integer pixels, a float kernel"),
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
    return [(image, kernel, bias, _layer_description(image, kernel, bias, label))
            for image, kernel, bias, label in cases]


def _make_layer(rng):
    cases = []
    for _ in range(6):
        shape = random_shape(rng, 1, 9)
        kernel_shape = window_that_fits(rng, shape)
        image = random_pixels(rng, shape)
        kernel = rng.normal(size=kernel_shape).round(2)
        bias = round(float(rng.normal()), 2)
        cases.append((image, kernel, bias,
                      _layer_description(image, kernel, bias, f"random {image.dtype} pixels")))
    return cases


def evaluate_conv_layer_loops(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(image, kernel, bias)``: a shared-weight layer, against SciPy.

    ``image`` has shape (H, W), ``kernel`` (kh, kw) with kh <= H and kw <= W,
    ``bias`` is a number; the pixels may be integers and the kernel floats.
    The result must be a new float array equal to
    ``scipy.signal.correlate2d(image, kernel, mode="valid") + bias`` computed
    in floats, shape (H - kh + 1, W - kw + 1), and the inputs must not be
    modified.

    Examples
    --------
    >>> from scipy.signal import correlate2d
    >>> def layer(image, kernel, bias):
    ...     return correlate2d(image.astype(float), kernel, "valid") + bias
    >>> evaluate_conv_layer_loops(layer).passed
    True
    >>> check_conv_layer_loops(lambda image, kernel, bias: layer(image, kernel[::-1, ::-1], bias))
    ... # doctest: +ELLIPSIS
    ❌ conv_layer_loops: not yet.
       case 1 of 9: on a 3 x 4 image, a 2 x 2 kernel and bias=0.5 (the example above):
       ...
       You flipped the kernel, as true convolution does. A layer does not: ...
    """
    return run("conv_layer_loops", answer, _layer_cases(), _judge_layer,
               hidden=hidden_cases(hidden_seed, _make_layer))


check_conv_layer_loops = checker(evaluate_conv_layer_loops)


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


def _laid_out(kernel, input_shape, rows_by_column: bool, columns_by_column: bool,
              column_width: int | None = None) -> np.ndarray:
    """The layer's matrix with the pixels numbered in another order: the layouts to spot.

    Output pixel (i, j) is row ``j * OH + i`` when ``rows_by_column`` (else
    ``i * OW + j``); input pixel (r, c) is column ``c * H + r`` when
    ``columns_by_column`` (else ``r * column_width + c``, ``W`` by default).
    """
    (height, width), (kh, kw) = input_shape, kernel.shape
    out_h, out_w = height - kh + 1, width - kw + 1
    column_width = width if column_width is None else column_width
    matrix = np.zeros((out_h * out_w, height * width))
    for i, j, a, b in np.ndindex(out_h, out_w, kh, kw):
        row = j * out_h + i if rows_by_column else i * out_w + j
        r, c = i + a, j + b
        column = c * height + r if columns_by_column else r * column_width + c
        matrix[row, column] = kernel[a, b]
    return matrix


def _layout_suspects(kernel, input_shape):
    out_w = input_shape[1] - kernel.shape[1] + 1
    return [
        Suspect(lambda: _laid_out(kernel[::-1, ::-1], input_shape, False, False),
                "Each row holds the kernel flipped, as true convolution would. The layer's "
                "neurons use the weights as they are (cross-correlation)."),
        Suspect(lambda: _laid_out(kernel, input_shape, False, False, out_w),
                "Your column for input pixel (r, c) uses the output's width: it is r * W + c, "
                "with the width W of the input, because x.ravel() numbers the input's pixels."),
        Suspect(lambda: _laid_out(kernel, input_shape, False, True),
                "You numbered the input's pixels column by column; x.ravel() numbers them row "
                "by row: pixel (r, c) is column r * W + c."),
        Suspect(lambda: _laid_out(kernel, input_shape, True, False),
                "You numbered the output pixels column by column; out.ravel() numbers them "
                "row by row: output pixel (i, j) is row i * OW + j."),
        Suspect(lambda: _laid_out(kernel, input_shape, True, True),
                "You numbered pixels column by column; ravel() numbers them row by row: input "
                "pixel (r, c) is column r * W + c and output pixel (i, j) is row i * OW + j."),
    ]


def _judge_matrix(answer, kernel, input_shape, description):
    expected = _matrix_from_scipy(kernel, input_shape)
    (height, width), (kh, kw) = input_shape, kernel.shape
    out_h, out_w = height - kh + 1, width - kw + 1
    result = call(answer, (kernel, input_shape), description, ("kernel", "input_shape"))
    if not (isinstance(result, np.ndarray) and result.dtype.kind == "f"
            and result.shape == expected.shape):
        compare(result, expected, f"{description}, a matrix of {out_h * out_w} rows (one per "
                f"output pixel) and {height * width} columns (one per input pixel)",
                _MATRIX_HINT, kind="f", suspects=[
                    Suspect(expected.T, "Rows and columns are swapped: the matrix multiplies "
                                        "x.ravel(), so it needs one column per input pixel "
                                        "and one row per output pixel."),
                    Suspect(expected.reshape(out_h, out_w, height, width),
                            "Reshape it into a 2-D matrix: matrix.reshape(OH * OW, H * W)."),
                ])
        return
    if same(result, expected):
        return
    # A row of the matrix is best read as the image of one neuron's weights.
    row = first_wrong(result, expected)[0]
    i, j = divmod(row, out_w)
    advice = diagnose(result, _layout_suspects(kernel, input_shape), _MATRIX_HINT)
    raise CaseFailed(f"on {description}:", show(kernel, "kernel:"),
                     f"row {row} of the matrix is the neuron of output pixel ({i}, {j}). Its "
                     f"weights, shown as an image of shape ({height}, {width}) with "
                     f"row.reshape(H, W), should be the kernel placed at ({i}, {j}):",
                     show(expected[row].reshape(height, width), "expected:"),
                     show(result[row].reshape(height, width), "got:     "), advice)


def _matrix_description(kernel, shape, label):
    return f"a {kernel.shape[0]} x {kernel.shape[1]} kernel, input_shape={shape} ({label})"


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
    return [(kernel, shape, _matrix_description(kernel, shape, label))
            for kernel, shape, label in cases]


def _make_matrix(rng):
    cases = []
    for _ in range(5):
        shape = random_shape(rng, 1, 7)
        kernel_shape = window_that_fits(rng, shape)
        kernel = (rng.integers(-4, 5, size=kernel_shape) if rng.integers(2)
                  else rng.normal(size=kernel_shape).round(2))
        cases.append((kernel, shape, _matrix_description(kernel, shape, "random weights")))
    return cases


def evaluate_shared_weight_matrix(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(kernel, input_shape)``: the dense matrix of a shared-weight layer.

    ``kernel`` has shape (kh, kw) (floats or integers) and ``input_shape`` is
    (H, W) with kh <= H and kw <= W. The answer must return a new float
    matrix M of shape (OH * OW, H * W) with ``M @ x.ravel() ==
    correlate2d(x, kernel, "valid").ravel()`` for every image x of that
    shape. The checker builds the expected matrix from SciPy, one column per
    input pixel (the output for an image with a single 1 at that pixel),
    which is exactly that condition, since the layer is linear.

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
    return run("shared_weight_matrix", answer, _matrix_cases(), _judge_matrix,
               hidden=hidden_cases(hidden_seed, _make_matrix))


check_shared_weight_matrix = checker(evaluate_shared_weight_matrix)


# --- exercise 4: weight_counts --------------------------------------------------------

_COUNTS_HINT = ("Hint: the layer has (H - kh + 1) * (W - kw + 1) neurons, one per output pixel. "
                "A dense layer would connect each of them to all H * W input pixels; the "
                "shared-weight layer connects each to kh * kw pixels, and all of them use the "
                "same kh * kw weights.")


def _judge_counts(answer, input_shape, kernel_shape, description):
    (height, width), (kh, kw) = input_shape, kernel_shape
    neurons = (height - kh + 1) * (width - kw + 1)
    pixels = height * width
    expected = (neurons * pixels, neurons * kh * kw, kh * kw)
    result = call(answer, (input_shape, kernel_shape), description,
                  ("input_shape", "kernel_shape"))
    got = int_tuple(result, 3, description,
                    "a tuple of three whole numbers (dense, connections, shared), such as "
                    "(72, 24, 4)", noun="counts", arrays=False)
    if got == expected:
        return
    dense, connections, shared = got
    if dense != expected[0]:
        advice = diagnose(dense, [
            Suspect(pixels * pixels,
                    "dense: the layer has (H - kh + 1)(W - kw + 1) outputs, not H * W; a dense "
                    "layer with the same outputs has one weight per (output, input) pair, as "
                    "many as the entries of the matrix of exercise 3."),
            *(Suspect(value, "dense: every output pixel has its own weight for every input "
                             "pixel: multiply the two numbers.")
              for value in (pixels + neurons, pixels)),
        ], "dense: count the entries of the layer's matrix, one row per output pixel and one "
           "column per input pixel.")
    elif connections != expected[1]:
        advice = diagnose(connections, [
            Suspect(pixels * kh * kw,
                    "connections: only (H - kh + 1)(W - kw + 1) neurons exist, one per position "
                    "of the kernel on the input, not one per input pixel."),
            Suspect(neurons, "connections: each neuron is connected to the kh * kw pixels of "
                             "its patch."),
        ], "connections: count the entries of the matrix that hold a kernel weight, kh * kw "
           "in each row.")
    else:
        advice = diagnose(shared, [
            Suspect(kh * kw + 1, "shared: count the weights only, without the bias.")],
            "shared: all the neurons use the same kernel: how many different weights does "
            "it hold?")
    raise CaseFailed(f"on {description} you answered {got}, expected {expected}.", advice,
                     _COUNTS_HINT)


def _make_counts(rng):
    cases = []
    for _ in range(6):
        height, width = random_shape(rng, 1, 400)
        kernel = window_that_fits(rng, (min(height, 9), min(width, 9)))
        cases.append(named_case(input_shape=(height, width), kernel_shape=kernel))
    return cases


def evaluate_weight_counts(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(input_shape, kernel_shape)``: three counts of weights, a tuple of ints.

    For a single-channel, valid, shared-weight layer from an input (H, W)
    with a kernel (kh, kw), the answer must return the tuple ``(dense,
    connections, shared)``: the weights of a dense layer with the same input
    and output, ``OH * OW * H * W``; the input-output pairs that are
    connected, ``OH * OW * kh * kw``; and the distinct weights, ``kh * kw``
    (no bias). A list or an array of the right numbers is not a tuple.

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
    shapes = [((3, 4), (2, 2)), ((5, 5), (3, 3)), ((224, 224), (3, 3)), ((8, 8), (8, 8)),
              ((7, 5), (1, 1)), ((6, 9), (2, 4)), ((1, 10), (1, 3)), ((256, 256), (5, 5))]
    cases = [named_case(input_shape=i, kernel_shape=k) for i, k in shapes]
    return run("weight_counts", answer, cases, _judge_counts,
               hidden=hidden_cases(hidden_seed, _make_counts))


check_weight_counts = checker(evaluate_weight_counts)


# --- exercise 5: shared_weight_gradient -----------------------------------------------

_GRADIENT_HINT = ("Hint: weight kernel[a, b] meets pixel image[i + a, j + b] at every output "
                  "position (i, j), so its gradient is the sum over all positions of "
                  "grad_out[i, j] * image[i + a, j + b]: a valid cross-correlation of the "
                  "image with grad_out.")

_GRADIENT_FLIPPED_HINT = ("Your gradient is flipped: a weight of the layer is not flipped, so "
                          "weight (0, 0) meets the top-left pixel of every patch. Correlate "
                          "the image with grad_out (no flip), in that order.")


def _judge_gradient(answer, image, grad_out, description):
    expected = _valid_correlation(image, grad_out)
    result = call(answer, (image, grad_out), description, ("image", "grad_out"))
    image_f = np.asarray(image, dtype=float)
    kh, kw = expected.shape
    per_weight = ("The gradient has one entry per weight: the kernel's shape, (H - OH + 1, "
                  "W - OW + 1) for an image (H, W) and grad_out (OH, OW).")
    hint = shape_hint(result, {shape: per_weight for shape in (grad_out.shape, image.shape)
                               if shape != expected.shape}, _GRADIENT_HINT)
    compare(result, expected, description, hint, kind="f",
            inputs=lambda: input_lines(image=image, grad_out=grad_out), suspects=[
                Suspect(expected[::-1, ::-1], _GRADIENT_FLIPPED_HINT),
                Suspect(lambda: scipy_signal().convolve2d(image_f, grad_out, mode="valid"),
                        _GRADIENT_FLIPPED_HINT),
                Suspect(expected / grad_out.size if grad_out.size > 1 else None,
                        "You averaged over the positions. Each use of the weight adds its own "
                        "term to the loss, so the gradients of all positions add up: sum "
                        "them."),
                Suspect(grad_out[0, 0] * image_f[:kh, :kw] if grad_out.size > 1 else None,
                        "That is the gradient from output position (0, 0) alone. The weight "
                        "is used at every position: add up the contributions of all of them."),
                *integer_result_suspects(expected, image),
            ])


def _gradient_description(image, grad_out, label):
    kh, kw = image.shape[0] - grad_out.shape[0] + 1, image.shape[1] - grad_out.shape[1] + 1
    return (f"a {image.shape[0]} x {image.shape[1]} image and grad_out {grad_out.shape[0]} x "
            f"{grad_out.shape[1]}, so a {kh} x {kw} kernel ({label})")


def _gradient_cases():
    rng = np.random.default_rng(45)
    nine = np.arange(1.0, 10.0).reshape(3, 3)
    cases = [
        (nine, np.array([[1.0, 0.0], [0.0, 0.0]]), "only output (0, 0) matters"),
        (nine, np.ones((2, 2)), "every output counts once"),
        (rng.normal(size=(5, 5)).round(2), rng.normal(size=(3, 3)).round(2), "random values"),
        (np.array([[1.0, -2.0, 0.5, 3.0], [2.0, 0.0, 1.0, -1.0], [0.0, 4.0, -3.0, 1.0]]),
         np.array([[2.0]]), "a single output: the kernel is as large as the image"),
        (np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), np.array([[0.5, -0.25], [0.1, 1.5]]),
         "integer pixels, a float grad_out"),
        (np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), np.array([[1.0, -1.0, 0.5],
                                                                 [2.0, 0.0, -2.0]]),
         "grad_out as large as the image: a 1 x 1 kernel"),
        (rng.normal(size=(4, 6)).round(2), rng.normal(size=(2, 3)).round(2),
         "a non-square kernel"),
        (rng.integers(0, 256, size=(5, 4)).astype(np.uint8), rng.normal(size=(3, 2)).round(2),
         "integer pixels (uint8)"),
        (rng.normal(size=(6, 7)).round(2), rng.normal(size=(4, 4)).round(2), "random values"),
    ]
    return [(image, grad_out, _gradient_description(image, grad_out, label))
            for image, grad_out, label in cases]


def _make_gradient(rng):
    cases = []
    for _ in range(6):
        shape = random_shape(rng, 1, 9)
        grad_shape = window_that_fits(rng, shape)
        image = random_pixels(rng, shape)
        grad_out = rng.normal(size=grad_shape).round(2)
        cases.append((image, grad_out, _gradient_description(
            image, grad_out, f"random {image.dtype} pixels")))
    return cases


def evaluate_shared_weight_gradient(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(image, grad_out)``: the gradient of the loss w.r.t. a shared kernel.

    The layer is ``out = correlate2d(image, kernel, "valid") (+ bias)``, with
    ``image`` of shape (H, W) (floats or integers) and ``grad_out`` =
    dL/d(out), floats of shape (OH, OW). The answer must return dL/d(kernel),
    a new float array of shape (H - OH + 1, W - OW + 1): ``sum over (i, j)
    of grad_out[i, j] * image[i + a, j + b]``, which the checker computes as
    ``scipy.signal.correlate2d(image, grad_out, "valid")`` in floats.

    Examples
    --------
    >>> from scipy.signal import correlate2d
    >>> def gradient(image, g):
    ...     return correlate2d(image.astype(float), g, "valid")
    >>> evaluate_shared_weight_gradient(gradient).passed
    True
    >>> check_shared_weight_gradient(lambda image, g: gradient(image, g) / g.size)
    ... # doctest: +ELLIPSIS
    ❌ shared_weight_gradient: not yet.
       case 1 of 9: on a 3 x 3 image and grad_out 2 x 2, so a 2 x 2 kernel ...
       ...
       You averaged over the positions. ...
    """
    return run("shared_weight_gradient", answer, _gradient_cases(), _judge_gradient,
               hidden=hidden_cases(hidden_seed, _make_gradient))


check_shared_weight_gradient = checker(evaluate_shared_weight_gradient)


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


_ZERO_PADDED = "the same 3 x 3 correlation with zero padding (mode='same')"

_SHIFT_LAYERS = [
    (_circular_layer, "a 3 x 3 correlation with circular padding (boundary='wrap')", (1, 2)),
    (_circular_relu_layer, "a 3 x 3 blur with circular padding, a bias of -0.1, then ReLU",
     (2, -1)),
    (_zero_padded_layer, _ZERO_PADDED, (1, 2)),
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


def _both_orders(layer, image, shift):
    """The layer of the shifted image, and the shifted output of the layer (circular shifts)."""
    return layer(_roll(image, shift)), _roll(layer(image), shift)


def _commutes(layer, image, shift) -> bool:
    """Shift then layer equals layer then shift, both circular shifts along rows and columns."""
    return bool(np.allclose(*_both_orders(layer, image, shift)))


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

_INTERIOR_HINT = ("You compared the interior only. The task compares the whole arrays: here "
                  "the two orders differ on border pixels alone, and the border counts too.")


def _answers(answer, cases) -> tuple:
    """The answer's bools on every case (None for a case where it does not give one)."""
    answers = []
    for layer, _, image, shift, _ in cases:
        try:
            result = answer(layer, image.copy(), shift)
        except Exception:  # a crash on another case is reported when that case runs
            result = None
        answers.append(bool(result) if isinstance(result, (bool, np.bool_)) else None)
    return tuple(answers)


def _pattern(mistake, cases) -> tuple:
    """What ``mistake`` answers on every case."""
    return tuple(bool(mistake(layer, image, shift)) for layer, _, image, shift, _ in cases)


def _judge_commutes(answer, layer, name, image, shift, description, cases):
    orders = _both_orders(layer, image, shift)
    expected = bool(np.allclose(*orders))
    result = call(answer, (layer, image, shift), description, ("layer", "image", "shift"))
    if not isinstance(result, (bool, np.bool_)):
        what = (f"an array of shape {result.shape}" if isinstance(result, np.ndarray)
                else f"{show(result, inline=True)} ({type(result).__name__})")
        raise CaseFailed(
            f"on {description} your function returned {what}; expected True or False.",
            "Compare the two arrays into one answer: np.allclose(a, b), or (a == b).all(), "
            "returns a single bool; a == b alone compares pixel by pixel.",
        )
    if bool(result) == expected:
        return
    # One case cannot tell the misconceptions apart (on a shared-weight layer they all
    # answer False); their answers on all the cases can.
    suspects = [Suspect(lambda mistake=mistake: _pattern(mistake, cases), hint)
                for mistake, hint in _COMMUTE_MISTAKES]
    differs = ~np.isclose(*orders)
    border_only = result and not differs[1:-1, 1:-1].any()
    advice = _INTERIOR_HINT if border_only else diagnose(_answers(answer, cases), suspects)
    raise CaseFailed(
        f"on {description} you answered {bool(result)}, expected {expected}: "
        f"layer(np.roll(image, {shift}, axis=(0, 1))) "
        + ("equals" if expected else "differs from")
        + f" np.roll(layer(image), {shift}, axis=(0, 1)).",
        *([advice] if advice else []),
        "Hint: shift the image with np.roll(image, shift, axis=(0, 1)), apply the layer; apply "
        "the layer to the image, shift its output the same way; return whether the two agree "
        "(np.allclose).")


def _framed(rng, size) -> np.ndarray:
    """A random image inside a frame of zeros one pixel wide."""
    image = np.zeros((size, size))
    image[1:-1, 1:-1] = rng.normal(size=(size - 2, size - 2)).round(2)
    return image


def _commutes_cases():
    rng = np.random.default_rng(46)
    cases = [(layer, name, rng.normal(size=(6, 6)).round(2), shift)
             for layer, name, shift in _SHIFT_LAYERS]
    # Zero padding again, on an image framed by zeros: a shift of one row brings content to
    # the edge, and the two orders then differ on the border row alone.
    cases.append((_zero_padded_layer, _ZERO_PADDED + ", an image framed by zeros",
                  _framed(rng, 6), (1, 0)))
    return [(layer, name, image, shift, f"layer={name}, shift={shift}")
            for layer, name, image, shift in cases]


def _make_commutes(rng):
    cases = []
    for _ in range(8):
        layer, name, _ = _SHIFT_LAYERS[rng.integers(len(_SHIFT_LAYERS))]
        size = int(rng.integers(4, 9))
        shift = tuple(int(step) for step in rng.integers(-size + 1, size, size=2))
        image = rng.normal(size=(size, size)).round(2)
        if layer is _zero_padded_layer and rng.integers(2):
            image, shift = _framed(rng, size), [(1, 0), (0, -1), (-1, 0), (0, 1)][
                rng.integers(4)]
            name += ", an image framed by zeros"
        cases.append((layer, name, image, shift, f"layer={name}, shift={shift}, a {size} x "
                      f"{size} image"))
    return cases


def evaluate_commutes_with_shift(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(layer, image, shift)``: does shifting commute with the layer?

    ``layer`` maps an (H, W) array to an (H, W) array, ``image`` is a square
    array, ``shift`` a pair ``(rows, columns)`` of ints. The answer must
    return a bool: whether ``layer(np.roll(image, shift, axis=(0, 1)))``
    equals ``np.roll(layer(image), shift, axis=(0, 1))`` (``np.allclose``),
    over the whole arrays. The layers include shared-weight ones with
    circular padding (True), with zero padding (False: the border, in one
    case the border pixels only), unshared weights, ReLU, the transpose and
    flips, for which the answer depends on the shift.

    Examples
    --------
    >>> def commutes(layer, image, shift):
    ...     first = layer(np.roll(image, shift, axis=(0, 1)))
    ...     return np.allclose(first, np.roll(layer(image), shift, axis=(0, 1)))
    >>> evaluate_commutes_with_shift(commutes).passed
    True
    >>> check_commutes_with_shift(lambda layer, image, shift: True)  # doctest: +ELLIPSIS
    ❌ commutes_with_shift: not yet.
       case 3 of 12: on layer=the same 3 x 3 correlation with zero padding ... answered True, ...
       ...
    """
    visible = _commutes_cases()
    hidden = hidden_cases(hidden_seed, _make_commutes)
    cases = [*visible, *hidden]

    def judge(answer, *case):
        _judge_commutes(answer, *case, cases)

    return run("commutes_with_shift", answer, visible, judge, hidden=hidden)


check_commutes_with_shift = checker(evaluate_commutes_with_shift)
