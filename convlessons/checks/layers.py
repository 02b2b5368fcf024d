"""Checkers for the exercises of lesson 6, layers as volumes.

The expected values come from SciPy (``scipy.signal.correlate2d``, summed
over the input channels) or from a count written here (the positions a kernel
takes, the pixels one output pixel depends on), never from
``convlessons.layers``, ``convlessons.borders`` or ``convlessons.sharing``, so
a bug in the package cannot make a wrong answer pass. SciPy is imported only
when a checker needs it; without it the verdict says so instead of raising.

Shapes follow PyTorch without the batch axis: a volume is ``(C, H, W)``
(channels, rows, columns), the weights of a layer ``(C_out, C_in, kH, kW)``
and its bias ``(C_out,)``.

Examples
--------
>>> from convlessons.checks.layers import check_conv_parameter_total
>>> check_conv_parameter_total(lambda c_in, c_out, k, bias=True: c_out * c_in * k * k)
... # doctest: +ELLIPSIS
❌ conv_parameter_total: not yet.
   case 1 of 10: on c_in=1, c_out=1, k=3 ... you answered 9, but the layer holds 10 numbers.
   You left out the biases: ...
"""

from __future__ import annotations

import numpy as np

from ._core import (
    CaseFailed,
    NotDone,
    Verdict,
    as_float_array,
    block,
    expect_value_error,
    first_wrong,
    is_whole,
    one_line,
    quiet_call,
    report,
    run,
    same,
    scipy_signal,
    whole_number,
)

# --- shared helpers -------------------------------------------------------------


def _text(value) -> str:
    """``repr(value)``, shortened: shapes and lists of shapes show as Python writes them."""
    text = repr(value)
    return text if len(text) <= 90 else text[:87] + "..."


def _as_shape(value) -> tuple[int, ...] | None:
    """``value`` as a tuple of Python ints (a shape), or None if it is not one."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list, np.ndarray)):
        return None
    try:
        items = list(value)
    except TypeError:  # a 0-d array
        return None
    if not all(is_whole(item) for item in items):
        return None
    return tuple(int(item) for item in items)


# --- exercise 1: conv_forward_loops -----------------------------------------------

_CONV_HINT = ("Hint: out[o, i, j] = bias[o] + the sum over c, a, b of "
              "x[c, i + a, j + b] * weight[o, c, a, b]: the window x[:, i : i + kH, j : j + kW] "
              "times weight[o], all summed, plus bias[o].")

_WEIGHT_AXES = ("Remember: weight has shape (C_out, C_in, kH, kW), so weight[o, c] is the "
                "kernel that filter o lays on input channel c, and x[c] is channel c of x.")


def _channel_maps(x, weight, flip=False) -> np.ndarray:
    """``maps[o, c]``: kernel ``weight[o, c]`` correlated with channel ``x[c]`` (SciPy)."""
    signal = scipy_signal()
    operation = signal.convolve2d if flip else signal.correlate2d
    return np.array([[operation(x[c], weight[o, c], mode="valid")
                      for c in range(weight.shape[1])] for o in range(weight.shape[0])])


def _conv_shape_hint(got_shape, x, weight) -> str:
    c_out, c_in, kh, kw = weight.shape
    rows, cols = x.shape[1] - kh + 1, x.shape[2] - kw + 1
    if got_shape == (c_out, c_in, rows, cols):
        return ("You kept one feature map per filter and input channel: add the C_in maps "
                "of each filter into one, so that the output has C_out channels.")
    if got_shape == (rows, cols):
        return ("You returned a single feature map: a layer has one output channel per "
                "filter, shape (C_out, H - kH + 1, W - kW + 1).")
    if got_shape == (c_in, rows, cols):
        return ("Your result has one channel per input channel (C_in), but a layer has one "
                "output channel per filter: C_out = weight.shape[0].")
    if len(got_shape) == 3 and got_shape[0] == c_out and (
        got_shape[1:] in {(rows - 1, cols - 1), (rows - 1, cols), (rows, cols - 1)}
    ):
        return ("Your loops stop one position early: along n pixels a k-pixel kernel fits "
                "at n - k + 1 positions, range(n - k + 1).")
    return ("Hint: the output has one channel per filter and one pixel per position of the "
            "kernel: shape (C_out, H - kH + 1, W - kW + 1).")


def _conv_value_hint(got, x, weight, bias) -> str | None:
    """What a wrong result of the right shape is, when it is a common mistake."""
    maps = _channel_maps(x, weight)
    along = bias[:, None, None]
    c_out, c_in = weight.shape[:2]
    suspects = [
        (maps.sum(axis=1), "You forgot the bias: add bias[o] to every pixel of output "
                           "channel o."),
        (_channel_maps(x, weight, flip=True).sum(axis=1) + along,
         "You flipped the kernels: that is convolution. A convolutional layer computes a "
         "cross-correlation: each kernel is laid on its channel as it is."),
        (maps.sum(axis=1) + c_in * along,
         "You added the bias once per input channel; a filter has one bias, added once "
         "to its summed feature map."),
        (maps.mean(axis=1) + along,
         "You averaged the input channels' maps; a filter adds them up (sum, not mean)."),
        (maps[:, 0] + along,
         "Only input channel 0 counts in your result: each filter lays one kernel on every "
         "input channel, and the maps of all channels are added."),
    ]
    if c_in == c_out:
        swapped = np.transpose(weight, (1, 0, 2, 3))
        suspects.append((_channel_maps(x, swapped).sum(axis=1) + along,
                         "You used weight[c, o] where weight[o, c] belongs. " + _WEIGHT_AXES))
    for value, hint in suspects:
        if np.allclose(got, value, rtol=1e-6, atol=1e-9):
            return hint
    return None


def _judge_conv(answer, x, weight, bias, description):
    expected = _channel_maps(x.astype(float), weight.astype(float)).sum(axis=1) \
        + bias.astype(float)[:, None, None]
    try:
        result = quiet_call(answer, (x, weight, bias), description, ("x", "weight", "bias"))
    except NotDone:
        raise
    except CaseFailed as failure:
        if "raised" in failure.lines[0]:
            raise CaseFailed(*failure.lines, _WEIGHT_AXES) from None
        raise
    got = as_float_array(result, description, _CONV_HINT)
    if got.shape != expected.shape:
        raise CaseFailed(
            f"on {description}:",
            f"expected shape {expected.shape}, your result has shape {got.shape}.",
            _conv_shape_hint(got.shape, x, weight),
        )
    if same(got, expected):
        return
    o, i, j = first_wrong(got, expected)
    lines = [f"on {description}:"]
    if expected.size <= 24:
        lines += [*block("expected:", expected, skip_blank_rows=True),
                  *block("got:     ", got, skip_blank_rows=True)]
    lines.append(f"the first difference is in output channel {o}, row {i}, column {j}: "
                 f"expected {expected[o, i, j]:.4g}, got {got[o, i, j]:.4g}.")
    if isinstance(result, np.ndarray) and result.dtype.kind in "iu":
        lines.append(f"Your result holds integers ({result.dtype}): build the output with "
                     "np.zeros(shape), which is float, not np.zeros_like(x).")
    else:
        known = _conv_value_hint(got, x.astype(float), weight.astype(float),
                                 bias.astype(float))
        if known:
            lines.append(known)
    lines.append(_CONV_HINT)
    raise CaseFailed(*lines)


def _conv_cases():
    rng = np.random.default_rng(61)
    example_x = np.array([[[1.0, 2, 3], [4, 5, 6], [7, 8, 9]],
                          [[1.0, 0, 0], [0, 1, 0], [0, 0, 1]]])
    example_w = np.array([[[[1.0, 0], [0, 1]], [[1.0, 1], [1, 1]]],
                          [[[0.0, 1], [0, 0]], [[0.0, 0], [0, 0]]]])

    def ints(*shape):
        return rng.integers(-3, 4, size=shape).astype(float)

    def floats(*shape):
        return rng.normal(size=shape).round(2)

    volumes = [
        (example_x, example_w, np.array([1.0, 0.5]), "the example above"),
        (ints(1, 4, 5), ints(1, 1, 3, 3), np.array([0.25]),
         "a grayscale image and one filter"),
        (ints(1, 5, 5), ints(3, 1, 2, 2), np.array([1.0, -1.0, 0.0]),
         "one input channel, three filters"),
        (ints(3, 5, 6), ints(1, 3, 3, 3), np.array([-0.5]), "an RGB image and one filter"),
        (floats(3, 6, 7), floats(2, 3, 2, 3), np.array([0.1, 0.2]), "2 x 3 kernels"),
        (floats(4, 3, 5), floats(2, 4, 1, 1), np.array([0.0, 1.0]),
         "1 x 1 kernels, which only mix the channels"),
        (floats(2, 3, 4), floats(3, 2, 3, 4), floats(3), "kernels as large as the image"),
        (rng.integers(0, 256, size=(3, 4, 4)).astype(np.uint8),
         rng.integers(-2, 3, size=(2, 3, 2, 2)), np.array([1.0, -2.0]),
         "integer pixels (uint8) and integer weights"),
        (floats(5, 8, 9), floats(4, 5, 3, 2), floats(4), "5 channels in, 4 out"),
    ]
    return [(x, weight, bias, f"x of shape {x.shape}, weight of shape {weight.shape} and "
             f"bias {one_line(bias)} ({label})") for x, weight, bias, label in volumes]


def evaluate_conv_forward_loops(answer) -> Verdict:
    """Check ``answer(x, weight, bias)``: a convolutional layer's forward pass, against SciPy.

    ``x`` has shape (C_in, H, W), ``weight`` (C_out, C_in, kH, kW) with
    kH <= H and kW <= W, ``bias`` (C_out,). The result must be a float array
    of shape (C_out, H - kH + 1, W - kW + 1) whose channel ``o`` is
    ``bias[o]`` plus the sum over ``c`` of
    ``scipy.signal.correlate2d(x[c], weight[o, c], mode="valid")`` (no
    padding, stride 1, no flip), and the inputs must not be modified.

    Examples
    --------
    >>> from scipy.signal import correlate2d
    >>> def layer(x, weight, bias):
    ...     return np.array([sum(correlate2d(x[c], weight[o, c], "valid")
    ...                          for c in range(x.shape[0])) + bias[o]
    ...                      for o in range(weight.shape[0])])
    >>> evaluate_conv_forward_loops(layer).passed
    True
    >>> evaluate_conv_forward_loops(lambda x, weight, bias: x).passed
    False
    """
    return run("conv_forward_loops", answer, _conv_cases(), _judge_conv)


def check_conv_forward_loops(answer) -> None:
    """Print the verdict of :func:`evaluate_conv_forward_loops`.

    Examples
    --------
    >>> from scipy.signal import correlate2d
    >>> def no_bias(x, weight, bias):
    ...     return np.array([sum(correlate2d(x[c], weight[o, c], "valid")
    ...                          for c in range(x.shape[0])) for o in range(weight.shape[0])])
    >>> check_conv_forward_loops(no_bias)  # doctest: +ELLIPSIS
    ❌ conv_forward_loops: not yet.
       case 1 of 9: on x of shape (2, 3, 3), weight of shape (2, 2, 2, 2) and bias ...
       expected: [[[ 9. , 10. ],
       ...
       You forgot the bias: add bias[o] to every pixel of output channel o.
       Hint: ...
    """
    report(evaluate_conv_forward_loops(answer))


# --- exercise 2: conv_parameter_total -----------------------------------------------


def _judge_parameters(answer, args, description):
    c_in, c_out, k, *rest = args
    bias = rest[0] if rest else True
    b = 1 if bias else 0
    expected = c_out * (c_in * k * k + b)
    result = quiet_call(answer, args, description)
    got = whole_number(result, description, "a number of parameters", inline=True)
    if got == expected:
        return
    lines = [f"on {description} you answered {got}, but the layer holds {expected} numbers."]
    suspects = [
        (c_out * c_in * k * k if bias else None,
         "You left out the biases: each of the c_out filters has one bias."),
        (c_out * (c_in * k * k + 1) if not bias else None,
         "With bias=False the layer has no biases at all: count only the weights."),
        (c_out * c_in * (k * k + b),
         "You gave every kernel its own bias, but a filter has one bias for all its "
         "c_in kernels: c_out biases in all."),
        (c_out * (k * k + b),
         "You counted one k x k kernel per filter, but a filter holds one kernel per input "
         "channel: c_in * k * k weights."),
        (c_out * (c_in * k + b),
         "You counted k weights per kernel; a k x k kernel holds k * k."),
        (c_in * (c_out * k * k + b),
         "The biases belong to the output channels: one per filter, c_out of them, not c_in."),
    ]
    found = [hint for value, hint in suspects if value == got]
    lines += found[:2] or [
        "Hint: the weights have shape (c_out, c_in, k, k), and with bias=True there is one "
        "bias per output channel, shape (c_out,)."]
    raise CaseFailed(*lines)


def evaluate_conv_parameter_total(answer) -> Verdict:
    """Check ``answer(c_in, c_out, k, bias=True)``: the parameters of a convolutional layer.

    The expected count is ``c_out * (c_in * k * k + 1)`` with a bias and
    ``c_out * c_in * k * k`` without, as an int; cases without the fourth
    argument rely on the default ``bias=True``.

    Examples
    --------
    >>> evaluate_conv_parameter_total(lambda c_in, c_out, k, bias=True: c_in * k * k).passed
    False
    >>> check_conv_parameter_total(lambda c_in, c_out, k, bias=True:
    ...                            c_out * (c_in * k * k + int(bias)))
    ✅ conv_parameter_total: all 10 cases pass.
    """
    layers = [
        ((1, 1, 3), "one 3 x 3 filter on a grayscale image"),
        ((1, 6, 5), "six 5 x 5 filters on a grayscale image"),
        ((64, 128, 3), "128 filters on 64 channels"),
        ((3, 64, 3), "VGG-16's first layer"),
        ((3, 64, 3, False), "VGG-16's first layer without biases"),
        ((3, 1, 3), "one 3 x 3 filter on an RGB image"),
        ((3, 96, 11), "AlexNet's first layer: 96 filters of 11 x 11"),
        ((256, 64, 1), "1 x 1 kernels"),
        ((16, 32, 5, False), "no biases"),
        ((512, 512, 3), "a deep layer of VGG-16"),
    ]
    names = ("c_in", "c_out", "k", "bias")
    cases = [(args, ", ".join(f"{name}={value}" for name, value in zip(names, args,
                                                                       strict=False))
              + f" ({label})") for args, label in layers]
    return run("conv_parameter_total", answer, cases, _judge_parameters)


def check_conv_parameter_total(answer) -> None:
    """Print the verdict of :func:`evaluate_conv_parameter_total`."""
    report(evaluate_conv_parameter_total(answer))


# --- exercise 3: output_size_or_error -----------------------------------------------


def _starts(room: int, s: int) -> str:
    """The kernel's first positions, as a short text: 0, 2, 4, 6."""
    positions = list(range(0, room + 1, s))
    if len(positions) > 6:
        return ", ".join(map(str, positions[:3])) + ", ..., " + str(positions[-1])
    return ", ".join(map(str, positions))


def _judge_size(answer, i, f, p, s, description):
    padded = i + 2 * p
    room = padded - f  # how far the kernel travels after its first position
    # The positions the kernel takes: it fits when the last one ends on the last pixel.
    starts = range(0, room + 1, s)
    fits = len(starts) > 0 and starts[-1] + f == padded
    if fits:
        _judge_size_fits(answer, (i, f, p, s), len(starts), room, description)
    else:
        _judge_size_raises(answer, (i, f, p, s), room, description)


_SIZE_HINT = ("Hint: O = (I - F + 2P) / S + 1: after its first position the kernel has "
              "I + 2P - F pixels of room, and it takes one more position every S pixels.")


def _judge_size_fits(answer, args, expected, room, description):
    i, f, p, s = args
    try:
        result = quiet_call(answer, args, description, ("i", "f", "p", "s"))
    except NotDone:
        raise
    except CaseFailed as failure:
        if "raised ValueError" in failure.lines[0]:
            raise CaseFailed(
                failure.lines[0],
                f"But this configuration fits: the kernel starts at {_starts(room, s)}, and "
                f"the last position ends exactly on the last of the {i + 2 * p} pixels of the "
                "padded input.",
                _SIZE_HINT) from None
        raise
    got = whole_number(result, description, "an output size", inline=True)
    if got == expected:
        return
    lines = [f"on {description} you answered {got}, but the kernel takes {expected} "
             f"positions: it starts at {_starts(room, s)}."]
    suspects = [
        ((i - f + p) // s + 1, "Padding P is added on each side: the padded input has "
                               "I + 2P pixels."),
        (room // s, "You forgot the + 1: the kernel's first position counts too."),
        (room + 1, "You left out the stride: the kernel moves S pixels per step."),
        ((i - f) // s + 1, "You left out the padding: it adds 2P pixels, P on each side."),
    ]
    lines += [hint for value, hint in suspects if value == got][:1]
    lines.append(_SIZE_HINT)
    raise CaseFailed(*lines)


def _judge_size_raises(answer, args, room, description):
    i, f, p, s = args
    padded = i + 2 * p
    if room < 0:
        why = (f"the kernel spans {f} pixels but the padded input has only {padded}: "
               "it fits nowhere.")
    else:
        starts = range(0, room + 1, s)
        left = padded - (starts[-1] + f)
        missed = "the last pixel is" if left == 1 else f"the last {left} pixels are"
        why = (f"the kernel starts at {_starts(room, s)}; the last position ends at pixel "
               f"{starts[-1] + f - 1} of 0 to {padded - 1}, so {missed} never covered.")
    hint = ("Hint: raise ValueError('...') with a sentence that says why, when the kernel is "
            "larger than the padded input or when S does not divide I + 2P - F.")
    impossible = f"This configuration is impossible: {why}"
    raised, result = expect_value_error(
        answer, args, description,
        "stride 2 does not fit: the last pixel is never covered", impossible, hint)
    if raised:
        return
    lines = [f"on {description} your function returned {one_line(result)} instead of "
             "raising ValueError.", impossible]
    if room >= 0 and is_whole(result) and result == room // s + 1:
        lines.append(f"{result} is the floor that PyTorch computes silently, dropping the "
                     "pixels the kernel never reaches; this exercise asks you to refuse.")
    lines.append(hint)
    raise CaseFailed(*lines)


def evaluate_output_size_or_error(answer) -> Verdict:
    """Check ``answer(i, f, p, s)``: a layer's output size, or a ValueError if it cannot fit.

    ``i`` is the input size along one axis, ``f`` the kernel size, ``p`` the
    padding on each side and ``s`` the stride. The expected size is the
    number of positions the kernel takes, ``(i - f + 2p) / s + 1``, when the
    last one ends exactly on the last pixel of the padded input; otherwise
    (the kernel larger than the padded input, or ``s`` not dividing
    ``i + 2p - f``) the answer must raise ``ValueError`` with a message.

    Examples
    --------
    >>> evaluate_output_size_or_error(lambda i, f, p, s: (i - f + 2 * p) // s + 1).passed
    False
    >>> def size(i, f, p, s):
    ...     if i + 2 * p < f or (i + 2 * p - f) % s:
    ...         raise ValueError("the kernel does not fit")
    ...     return (i + 2 * p - f) // s + 1
    >>> check_output_size_or_error(size)
    ✅ output_size_or_error: all 15 cases pass.
    """
    configurations = [
        ((13, 3, 0, 2), "the worked example"),
        ((5, 3, 0, 1), ""),
        ((5, 3, 1, 1), "padding keeps the size"),
        ((10, 3, 0, 2), "the impossible configuration"),
        ((7, 3, 0, 2), ""),
        ((32, 5, 2, 1), ""),
        ((227, 11, 0, 4), "an 11 x 11 kernel, stride 4"),
        ((8, 2, 0, 2), ""),
        ((6, 4, 0, 3), "the stride overshoots"),
        ((3, 3, 0, 5), "the kernel as large as the input"),
        ((2, 5, 0, 1), "a kernel larger than the input"),
        ((3, 7, 1, 1), "a kernel larger than the padded input"),
        ((11, 4, 1, 3), ""),
        ((9, 3, 1, 2), ""),
        ((1, 1, 0, 1), "a single pixel"),
    ]
    cases = []
    for (i, f, p, s), label in configurations:
        text = f"i={i}, f={f}, p={p}, s={s}" + (f" ({label})" if label else "")
        cases.append((i, f, p, s, text))
    return run("output_size_or_error", answer, cases, _judge_size)


def check_output_size_or_error(answer) -> None:
    """Print the verdict of :func:`evaluate_output_size_or_error`.

    Examples
    --------
    >>> check_output_size_or_error(lambda i, f, p, s: (i - f + 2 * p) // s + 1)
    ... # doctest: +ELLIPSIS
    ❌ output_size_or_error: not yet.
       case 4 of 15: on i=10, f=3, p=0, s=2 (...) your function returned 4 instead of ...
       This configuration is impossible: the kernel starts at 0, 2, 4, 6; ...
       4 is the floor that PyTorch computes silently, ...
       Hint: ...
    """
    report(evaluate_output_size_or_error(answer))


# --- exercise 4: stack_shapes ------------------------------------------------------


def _positions(n: int, k: int, s: int, p: int) -> int:
    """How many positions a k-pixel window takes on n pixels padded by p, s apart."""
    return len(range(0, n + 2 * p - k + 1, s))


def _next_shape(shape, layer):
    kind = layer[0]
    if kind == "conv":
        _, out_channels, k, s, p = layer
        return (out_channels, _positions(shape[1], k, s, p), _positions(shape[2], k, s, p))
    if kind == "pool":
        k = layer[1]
        return (shape[0], _positions(shape[1], k, k, 0), _positions(shape[2], k, k, 0))
    if kind == "flatten":
        return (int(np.prod(shape)),)
    return tuple(shape)  # relu: value by value


def _ceil_size(n, k, s, p):
    return -(-(n + 2 * p - k) // s) + 1


def _stack_hint(layer, before, expected, got) -> str:
    """Why ``got`` (a shape) differs from ``expected`` after ``layer``."""
    kind = layer[0]
    if kind == "flatten":
        if len(got) == 2 and got[0] == before[0]:
            return ("Flatten turns the whole volume into one vector: all three axes, "
                    "C * H * W numbers, shape (C * H * W,).")
        return "Hint: flatten gives shape (C * H * W,), a tuple with one number."
    if kind == "relu":
        return "ReLU works value by value: it does not change the shape."
    if kind == "pool":
        k = layer[1]
        n = before[1]
        if len(got) == 3 and got[0] != before[0]:
            return ("Pooling works on each channel on its own: the number of channels does "
                    "not change.")
        if len(got) == 3 and got[1] == n - k + 1:
            return (f"You slid the {k} x {k} window one pixel at a time; here the stride "
                    "equals the kernel size, so the windows do not overlap: "
                    "floor((n - k) / k) + 1.")
        if len(got) == 3 and got[1] == _ceil_size(n, k, k, 0):
            return ("You rounded up; a window that would hang over the edge is not taken: "
                    "floor((n - k) / k) + 1.")
        return "Hint: pooling keeps the channels and takes floor((n - k) / k) + 1 per axis."
    _, out_channels, k, s, p = layer
    n = before[1]
    if len(got) == 3 and got[0] == before[0] != out_channels:
        return (f"A convolutional layer with {out_channels} filters gives {out_channels} "
                "output channels, whatever the depth of its input.")
    if len(got) == 3 and got[0] == out_channels:
        if got[1] == (n + p - k) // s + 1:
            return "Padding is added on each side: n + 2p pixels."
        if got[1] == n + 2 * p - k + 1 and s > 1:
            return f"You left out the stride: the kernel moves {s} pixels per step."
        if got[1] == _ceil_size(n, k, s, p):
            return ("You rounded up; as in PyTorch, the last pixels that do not make a whole "
                    "step are dropped: floor((n + 2p - k) / s) + 1.")
    return ("Hint: a conv layer gives out_channels channels and floor((n + 2p - k) / s) + 1 "
            "pixels per axis.")


def _judge_stack(answer, input_shape, layers, description):
    expected = []
    shape = input_shape
    for layer in layers:
        shape = _next_shape(shape, layer)
        expected.append(shape)
    result = quiet_call(answer, (input_shape, layers), description,
                        ("input_shape", "layers"))
    wanted = (f"a list of {len(layers)} shapes, one per layer, such as "
              f"{_text(expected[:2])}")
    if _as_shape(result) and layers:
        raise CaseFailed(
            f"on {description} your function returned {_text(result)}; expected {wanted}.",
            "Return the shape after every layer, not only the last one.",
        )
    if isinstance(result, (str, bytes)) or not isinstance(result, (list, tuple)):
        raise CaseFailed(f"on {description} your function returned {_text(result)} "
                         f"({type(result).__name__}); expected {wanted}.")
    if len(result) != len(layers):
        raise CaseFailed(
            f"on {description} your function returned {len(result)} shapes for "
            f"{len(layers)} layers; expected {wanted}.",
            "One shape per layer, the input's shape not included.",
        )
    before = input_shape
    for number, (layer, want, item) in enumerate(zip(layers, expected, result, strict=True),
                                                 start=1):
        got = _as_shape(item)
        if got is None:
            lines = [f"on {description}, after layer {number}, {layer!r}, your shape is "
                     f"{_text(item)} ({type(item).__name__}); expected {want}."]
            if is_whole(item):
                lines.append("A shape is a tuple even when it has one axis: (400,), not 400.")
            else:
                lines.append("A shape is a tuple of whole numbers (int): use // to divide.")
            raise CaseFailed(*lines)
        if got != want:
            raise CaseFailed(
                f"on {description}, after layer {number}, {layer!r}:",
                f"the volume {before} becomes {want}, but you have {got}.",
                _stack_hint(layer, before, want, got),
            )
        before = want


def evaluate_stack_shapes(answer) -> Verdict:
    """Check ``answer(input_shape, layers)``: the shape after every layer of a small stack.

    ``input_shape`` is ``(C, H, W)``; each layer is a tuple:
    ``("conv", out_channels, kernel_size, stride, padding)``,
    ``("pool", kernel_size)`` (stride = kernel size, no padding),
    ``("relu",)`` or ``("flatten",)``. The answer must return a list with the
    shape after each layer: ``(C, H, W)`` tuples, then ``(C * H * W,)`` after
    flatten. Sizes are counted as the positions each window takes, the floor
    ``floor((n + 2p - k) / s) + 1`` that PyTorch applies.

    Examples
    --------
    >>> evaluate_stack_shapes(lambda input_shape, layers: [input_shape] * len(layers)).passed
    False
    """
    stacks = [
        ((1, 28, 28), [("conv", 6, 5, 1, 2), ("relu",), ("pool", 2), ("conv", 16, 5, 1, 0),
                       ("relu",), ("pool", 2), ("flatten",)], "the example above"),
        ((1, 8, 8), [("conv", 8, 3, 1, 1), ("relu",), ("pool", 2), ("flatten",)],
         "a handwritten digit"),
        ((3, 224, 224), [("conv", 64, 3, 1, 1), ("conv", 64, 3, 1, 1), ("pool", 2),
                         ("conv", 128, 3, 1, 1)], "the start of VGG-16"),
        ((4, 7, 7), [("pool", 2)], "pooling an odd size"),
        ((3, 32, 48), [("conv", 8, 3, 2, 1), ("flatten",)], "a wide image, stride 2"),
        ((1, 10, 10), [("conv", 2, 3, 2, 0)], "a stride that does not fit: floor"),
        ((2, 3, 4), [("flatten",)], "flatten alone"),
        ((3, 227, 227), [("conv", 96, 11, 4, 0), ("relu",), ("conv", 256, 5, 1, 2)],
         "11 x 11 kernels, stride 4"),
        ((16, 9, 9), [("conv", 32, 1, 1, 0), ("pool", 3), ("conv", 8, 3, 1, 0)],
         "down to 1 x 1"),
        ((5, 6, 6), [], "no layers at all"),
    ]
    cases = [(shape, layers, f"input_shape={shape} and {len(layers)} "
              f"{'layer' if len(layers) == 1 else 'layers'} ({label})")
             for shape, layers, label in stacks]
    return run("stack_shapes", answer, cases, _judge_stack)


def check_stack_shapes(answer) -> None:
    """Print the verdict of :func:`evaluate_stack_shapes`.

    Examples
    --------
    >>> def keeps_channels(input_shape, layers):
    ...     shapes, (c, h, w) = [], input_shape
    ...     for layer in layers:
    ...         if layer[0] == "conv":
    ...             h = (h + 2 * layer[4] - layer[2]) // layer[3] + 1
    ...             w = (w + 2 * layer[4] - layer[2]) // layer[3] + 1
    ...         elif layer[0] == "pool":
    ...             h, w = h // layer[1], w // layer[1]
    ...         shapes.append((c * h * w,) if layer[0] == "flatten" else (c, h, w))
    ...     return shapes
    >>> check_stack_shapes(keeps_channels)  # doctest: +ELLIPSIS
    ❌ stack_shapes: not yet.
       case 1 of 10: on input_shape=(1, 28, 28) and 7 layers (the example above), after layer 1, ...
       the volume (1, 28, 28) becomes (6, 28, 28), but you have (1, 28, 28).
       A convolutional layer with 6 filters gives 6 output channels, ...
    """
    report(evaluate_stack_shapes(answer))


# --- exercise 5: receptive_field ---------------------------------------------------


def _seen_pixels(layers) -> int:
    """Input pixels one output pixel depends on, along one axis, followed layer by layer.

    From the output back to the input: pixels ``first..last`` of a layer's
    output come from pixels ``first * s`` to ``last * s + d * (k - 1)`` of its input.
    """
    first = last = 0
    for k, s, d in reversed(layers):
        first, last = first * s, last * s + d * (k - 1)
    return last - first + 1


def _judge_field(answer, layers, description):
    expected = _seen_pixels(layers)
    result = quiet_call(answer, (layers,), description, ("layers",))
    got = whole_number(result, description, "a width in pixels", inline=True)
    if got == expected:
        return
    lines = [f"on {description} you answered {got}, but one output pixel sees {expected} "
             "input pixels along each axis."]
    spans = [d * (k - 1) + 1 for k, s, d in layers]
    jumps = [int(np.prod([s for _, s, _ in layers[:n]], dtype=np.int64))
             for n in range(len(layers))]
    suspects = [
        (expected * expected, "That is the area: the question asks for the width along one "
                              "axis."),
        (1 + sum(span - 1 for span in spans),
         "You left out the strides: after a layer with stride s, one step of the next "
         "layer moves s times further on the input."),
        (1 + sum((k - 1) * jump for (k, _, _), jump in zip(layers, jumps, strict=True)),
         "You left out the dilation: a kernel of k taps, d apart, spans d * (k - 1) + 1 "
         "pixels."),
        (1 + sum((span - 1) * jump * s for span, jump, (_, s, _)
                 in zip(spans, jumps, layers, strict=True)),
         "You multiplied in each layer's own stride too; a layer's step on the input "
         "depends only on the strides of the layers before it."),
        (sum(k for k, _, _ in layers) if layers else None,
         "You added the kernel sizes, but neighbouring windows overlap: each layer adds "
         "k - 1 pixels, not k (two 3 x 3 layers see 5 pixels, not 6)."),
    ]
    lines += [hint for value, hint in suspects if value == got][:1]
    lines.append("Hint: start from 1 pixel; each layer adds (d * (k - 1)) times the product "
                 "of the strides of the layers before it.")
    raise CaseFailed(*lines)


def evaluate_receptive_field(answer) -> Verdict:
    """Check ``answer(layers)``: how many input pixels one output pixel sees, along one axis.

    ``layers`` is a list of ``(kernel_size, stride, dilation)`` triples, from
    the input to the output. The expected width is found by following one
    output pixel back through the layers: pixels ``a..b`` of a layer's output
    depend on pixels ``a * s`` to ``b * s + d * (k - 1)`` of its input.

    Examples
    --------
    >>> evaluate_receptive_field(lambda layers: 1 + sum(k - 1 for k, s, d in layers)).passed
    False
    >>> def field(layers):
    ...     width, step = 1, 1
    ...     for k, s, d in layers:
    ...         width, step = width + d * (k - 1) * step, step * s
    ...     return width
    >>> check_receptive_field(field)
    ✅ receptive_field: all 12 cases pass.
    """
    stacks = [
        ([(3, 1, 1), (3, 1, 1)], "the example above"),
        ([(3, 1, 1)], "a single layer"),
        ([(3, 1, 1)] * 3, "three 3 x 3 layers"),
        ([(3, 1, 2)], "one dilated kernel"),
        ([(3, 2, 1), (3, 1, 1)], "a stride first"),
        ([(3, 1, 1), (3, 2, 1)], "a stride last"),
        ([(2, 2, 1)] * 3, "three 2 x 2 poolings"),
        ([(1, 1, 1)], "a 1 x 1 kernel"),
        ([(3, 1, 1), (3, 1, 2), (3, 1, 4)], "dilations 1, 2, 4"),
        ([(7, 2, 1), (3, 2, 1), (3, 1, 1), (3, 1, 1)], "the start of ResNet-18"),
        ([(5, 1, 1), (2, 2, 1)], ""),
        ([], "no layers: a pixel sees itself"),
    ]
    cases = [(layers, f"layers={layers}" + (f" ({label})" if label else ""))
             for layers, label in stacks]
    return run("receptive_field", answer, cases, _judge_field)


def check_receptive_field(answer) -> None:
    """Print the verdict of :func:`evaluate_receptive_field`."""
    report(evaluate_receptive_field(answer))
