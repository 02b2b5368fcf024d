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
   case 1 of 11: on c_in=1, c_out=1, k=3 ... you answered 9, but the layer holds 10 numbers.
   You left out the biases: ...
"""

from __future__ import annotations

import numpy as np

from ._core import (
    STOPS_EARLY_HINT,
    CaseFailed,
    Suspect,
    Verdict,
    call,
    checker,
    compare,
    diagnose,
    expect_value_error,
    hidden_cases,
    input_lines,
    is_whole,
    named_case,
    run,
    scipy_signal,
    show,
    whole_number,
    window_that_fits,
)

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


def _conv_suspects(x, weight, bias) -> list[Suspect]:
    """The layers a student computes by mistake, each with the hint that names it."""
    maps = _channel_maps(x, weight)
    along = bias[:, None, None]
    c_out, c_in = weight.shape[:2]
    right = maps.sum(axis=1) + along
    return [
        Suspect(right[:, :-1, :-1], STOPS_EARLY_HINT),
        Suspect(right[:, :, : x.shape[1] - weight.shape[3] + 1] if x.shape[1] < x.shape[2]
                else None,
                "Your result has too few columns: the columns count W - kW + 1 positions, "
                "with W = x.shape[2]; you used the number of rows, x.shape[1]."),
        Suspect(maps + along[:, None],
                "You kept one feature map per filter and input channel: add the C_in maps "
                "of each filter into one, so that the output has C_out channels."),
        Suspect(right[0], "You returned a single feature map: a layer has one output channel "
                          "per filter, shape (C_out, H - kH + 1, W - kW + 1)."),
        Suspect(maps.sum(axis=1), "You forgot the bias: add bias[o] to every pixel of output "
                                  "channel o."),
        Suspect(lambda: _channel_maps(x, weight, flip=True).sum(axis=1) + along,
                "You flipped the kernels: that is convolution. A convolutional layer computes "
                "a cross-correlation: each kernel is laid on its channel as it is."),
        Suspect(maps.sum(axis=1) + c_in * along,
                "You added the bias once per input channel; a filter has one bias, added once "
                "to its summed feature map."),
        Suspect(maps.mean(axis=1) + along,
                "You averaged the input channels' maps; a filter adds them up (sum, not mean)."),
        Suspect(maps[:, 0] + along,
                "Only input channel 0 counts in your result: each filter lays one kernel on "
                "every input channel, and the maps of all channels are added."),
        Suspect(lambda: (_channel_maps(x, np.transpose(weight, (1, 0, 2, 3))).sum(axis=1)
                         + along) if c_in == c_out else None,
                "You used weight[c, o] where weight[o, c] belongs. " + _WEIGHT_AXES),
        Suspect(lambda: right[np.zeros(c_in, dtype=int)] if c_in != c_out else None,
                "Your result has one channel per input channel (C_in), but a layer has one "
                "output channel per filter: C_out = weight.shape[0]."),
    ]


def _judge_conv(answer, x, weight, bias, description):
    floats = x.astype(float), weight.astype(float), bias.astype(float)
    result = call(answer, (x, weight, bias), description, ("x", "weight", "bias"),
                  explain=lambda crash: [_WEIGHT_AXES])
    compare(result, _channel_maps(*floats[:2]).sum(axis=1) + floats[2][:, None, None],
            description, _CONV_HINT, kind="f", suspects=lambda: _conv_suspects(*floats),
            inputs=lambda: input_lines(x=x, weight=weight, bias=bias))


def _conv_case(x, weight, bias, label):
    return (x, weight, bias, f"x of shape {x.shape} ({x.dtype}), weight of shape "
            f"{weight.shape} ({weight.dtype}) and bias {show(bias, inline=True)} ({label})")


def _random_layers(rng):
    """Three layers of random shapes: float, integer pixels with float weights, C_in == C_out."""
    cases = []
    for kind in ("floats", "integer pixels, float weights", "as many channels out as in"):
        c_in, rows, cols = rng.integers(1, 5), rng.integers(2, 8), rng.integers(2, 8)
        c_out = c_in if kind.startswith("as many") else rng.integers(1, 5)
        shape = (c_out, c_in, *window_that_fits(rng, (rows, cols)))
        x = (rng.integers(0, 10, size=(c_in, rows, cols)) if kind.startswith("integer")
             else rng.normal(size=(c_in, rows, cols)).round(2))
        cases.append(_conv_case(x, rng.normal(size=shape).round(2),
                                rng.normal(size=c_out).round(2), f"hidden: {kind}"))
    return cases


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

    return [_conv_case(*case) for case in [
        (example_x, example_w, np.array([1.0, 0.5]), "the example above"),
        (ints(1, 4, 5), ints(1, 1, 3, 3), np.array([0.25]), "a grayscale image and one filter"),
        (rng.integers(0, 10, size=(2, 4, 4)), np.array([[[[0.5, 0.25], [-0.5, 0.1]]] * 2]),
         np.array([0.0]), "integer pixels (int) and float weights"),
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
    ]]


def evaluate_conv_forward_loops(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(x, weight, bias)``: a convolutional layer's forward pass, against SciPy.

    ``x`` has shape (C_in, H, W), ``weight`` (C_out, C_in, kH, kW) with
    kH <= H and kW <= W, ``bias`` (C_out,); ``x`` may hold integers. The
    result must be a new float array of shape (C_out, H - kH + 1, W - kW + 1)
    whose channel ``o`` is ``bias[o]`` plus the sum over ``c`` of
    ``scipy.signal.correlate2d(x[c], weight[o, c], mode="valid")`` (no
    padding, stride 1, no flip), and the inputs must not be modified.

    Examples
    --------
    >>> from scipy.signal import correlate2d
    >>> def layer(x, weight, bias):
    ...     return np.array([sum(correlate2d(x[c], weight[o, c], "valid")
    ...                          for c in range(x.shape[0])) + bias[o]
    ...                      for o in range(weight.shape[0])], dtype=float)
    >>> evaluate_conv_forward_loops(layer).passed
    True
    >>> evaluate_conv_forward_loops(lambda x, weight, bias: x).passed
    False
    """
    return run("conv_forward_loops", answer, _conv_cases(), _judge_conv,
               hidden=hidden_cases(hidden_seed, _random_layers))


check_conv_forward_loops = checker(evaluate_conv_forward_loops)


# --- exercise 2: conv_parameter_total -----------------------------------------------


def _judge_parameters(answer, args, description):
    c_in, c_out, k, *rest = args
    bias = rest[0] if rest else True
    b = 1 if bias else 0
    expected = c_out * (c_in * k * k + b)
    got = whole_number(call(answer, args, description), description,
                       "a number of parameters")
    if got == expected:
        return
    raise CaseFailed(
        f"on {description} you answered {got}, but the layer holds {expected} numbers.",
        diagnose(got, [
            Suspect(c_out * c_in * k * k if bias else None,
                    "You left out the biases: each of the c_out filters has one bias."),
            Suspect(c_out * (c_in * k * k + 1) if not bias else None,
                    "With bias=False the layer has no biases at all: count only the weights."),
            Suspect(c_out * c_in * (k * k + b),
                    "You gave every kernel its own bias, but a filter has one bias for all its "
                    "c_in kernels: c_out biases in all."),
            Suspect(c_out * (k * k + b),
                    "You counted one k x k kernel per filter, but a filter holds one kernel per "
                    "input channel: c_in * k * k weights."),
            Suspect(c_out * (c_in * k + b),
                    "You counted k weights per kernel; a k x k kernel holds k * k."),
            Suspect(c_in * (c_out * k * k + b),
                    "The biases belong to the output channels: one per filter, c_out of them, "
                    "not c_in."),
        ], "Hint: the weights have shape (c_out, c_in, k, k), and with bias=True there is one "
           "bias per output channel, shape (c_out,)."))


_PARAMETER_NAMES = ("c_in", "c_out", "k", "bias")


def _parameter_case(args, label):
    text = ", ".join(f"{name}={value}" for name, value in zip(_PARAMETER_NAMES, args,
                                                              strict=False))
    return (args, f"{text} ({label})")


def _random_parameter_layers(rng):
    """Layers of random sizes: with the default bias, with bias=True and with bias=False."""
    def sizes():
        return int(rng.integers(1, 300)), int(rng.integers(1, 300)), int(rng.integers(1, 12))

    return [_parameter_case(sizes(), "hidden: the default bias"),
            _parameter_case((*sizes(), True), "hidden: bias=True"),
            _parameter_case((*sizes(), False), "hidden: bias=False")]


def evaluate_conv_parameter_total(answer, *, hidden_seed=None) -> Verdict:
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
    ✅ conv_parameter_total: all 11 cases pass.
    """
    return run("conv_parameter_total", answer, [_parameter_case(*layer) for layer in [
        ((1, 1, 3), "one 3 x 3 filter on a grayscale image"),
        ((1, 6, 5), "six 5 x 5 filters on a grayscale image"),
        ((64, 128, 3), "128 filters on 64 channels"),
        ((3, 64, 3), "VGG-16's first layer"),
        ((3, 64, 3, False), "VGG-16's first layer without biases"),
        ((3, 64, 3, True), "VGG-16's first layer, bias=True said"),
        ((3, 1, 3), "one 3 x 3 filter on an RGB image"),
        ((3, 96, 11), "AlexNet's first layer: 96 filters of 11 x 11"),
        ((256, 64, 1), "1 x 1 kernels"),
        ((16, 32, 5, False), "no biases"),
        ((512, 512, 3), "a deep layer of VGG-16"),
    ]], _judge_parameters, hidden=hidden_cases(hidden_seed, _random_parameter_layers))


check_conv_parameter_total = checker(evaluate_conv_parameter_total)


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

    def explain(crash):
        if "raised ValueError" not in crash:
            return []
        # Refusing i < f, or s not dividing i - f, forgets the 2P pixels of padding.
        padding = (["The padding counts: the kernel must fit in the padded input, "
                    "I + 2P pixels, and S must divide I + 2P - F, not I - F."]
                   if p and (i < f or (i - f) % s) else [])
        return [f"But this configuration fits: the kernel starts at {_starts(room, s)}, and "
                f"the last position ends exactly on the last of the {i + 2 * p} pixels of the "
                "padded input.", *padding, _SIZE_HINT]

    result = call(answer, args, description, ("i", "f", "p", "s"), explain=explain)
    got = whole_number(result, description, "an output size")
    if got == expected:
        return
    raise CaseFailed(
        f"on {description} you answered {got}, but the kernel takes {expected} positions: "
        f"it starts at {_starts(room, s)}.",
        *[hint for hint in [diagnose(got, [
            Suspect((i - f + p) // s + 1, "Padding P is added on each side: the padded input "
                                          "has I + 2P pixels."),
            Suspect(room // s, "You forgot the + 1: the kernel's first position counts too."),
            Suspect(room + 1, "You left out the stride: the kernel moves S pixels per step."),
            Suspect((i - f) // s + 1, "You left out the padding: it adds 2P pixels, P on each "
                                      "side."),
        ])] if hint], _SIZE_HINT)


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
    lines = [f"on {description} your function returned {show(result, inline=True)} instead "
             "of raising ValueError.", impossible]
    if room >= 0 and is_whole(result) and result == room // s + 1:
        lines.append(f"{result} is the floor that PyTorch computes silently, dropping the "
                     "pixels the kernel never reaches; this exercise asks you to refuse.")
    raise CaseFailed(*lines, hint)


def _random_sizes(rng):
    """One configuration of each kind: fits, fits only thanks to the padding, stride
    does not divide the room, kernel larger than the padded input."""
    def draw(low, high):
        return int(rng.integers(low, high + 1))

    f, s, positions, p = draw(1, 7), draw(1, 4), draw(2, 9), draw(0, 3)
    i = f + (positions - 1) * s - 2 * p
    fits = (i, f, p, s) if i >= 1 else (i + 2 * p, f, 0, s)
    i, p = draw(1, 6), draw(1, 3)
    f = draw(i + 1, i + 2 * p)
    padded_only = (i, f, p, max(i + 2 * p - f, 1))
    f, s = draw(1, 7), draw(2, 5)
    uneven = (f + draw(1, 4) * s + draw(1, s - 1), f, 0, s)
    i, p = draw(1, 8), draw(0, 2)
    too_large = (i, i + 2 * p + draw(1, 4), p, draw(1, 3))
    return [named_case("hidden", i=i, f=f, p=p, s=s)
            for i, f, p, s in (fits, padded_only, uneven, too_large)]


def evaluate_output_size_or_error(answer, *, hidden_seed=None) -> Verdict:
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
    ✅ output_size_or_error: all 17 cases pass.
    """
    sizes = [
        (13, 3, 0, 2, "the worked example"),
        (5, 3, 0, 1),
        (5, 3, 1, 1, "padding keeps the size"),
        (10, 3, 0, 2, "the impossible configuration"),
        (7, 3, 0, 2),
        (32, 5, 2, 1),
        (227, 11, 0, 4, "an 11 x 11 kernel, stride 4"),
        (8, 2, 0, 2),
        (6, 4, 0, 3, "the stride overshoots"),
        (3, 3, 0, 5, "the kernel as large as the input"),
        (2, 5, 0, 1, "a kernel larger than the input"),
        (3, 5, 1, 1, "a kernel larger than the input, but not than the padded input"),
        (3, 7, 1, 1, "a kernel larger than the padded input"),
        (4, 6, 2, 2, "the padding makes room for two positions"),
        (11, 4, 1, 3),
        (9, 3, 1, 2),
        (1, 1, 0, 1, "a single pixel"),
    ]
    cases = [named_case(*label, i=i, f=f, p=p, s=s) for i, f, p, s, *label in sizes]
    return run("output_size_or_error", answer, cases, _judge_size,
               hidden=hidden_cases(hidden_seed, _random_sizes))


check_output_size_or_error = checker(evaluate_output_size_or_error)


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


def _stack_hint(layer, before, got) -> str:
    """Why ``got`` (a shape) differs from the shape ``layer`` makes of ``before``."""
    kind, n = layer[0], before[-1]
    if kind == "flatten":
        return diagnose(got, [Suspect((before[0], int(np.prod(before[1:]))),
                                      "Flatten turns the whole volume into one vector: all "
                                      "three axes, C * H * W numbers, shape (C * H * W,).")],
                        "Hint: flatten gives shape (C * H * W,), a tuple with one number.")
    if kind == "relu":
        return "ReLU works value by value: it does not change the shape."
    if len(got) != 3:
        return "Hint: a conv or pool layer gives a volume, (C, H, W)."
    if kind == "pool":
        k = layer[1]
        if got[0] != before[0]:
            return ("Pooling works on each channel on its own: the number of channels does "
                    "not change.")
        return diagnose(got[2], [
            Suspect(n - k + 1, f"You slid the {k} x {k} window one pixel at a time; here the "
                               "stride equals the kernel size, so the windows do not overlap: "
                               "floor((n - k) / k) + 1."),
            Suspect(_ceil_size(n, k, k, 0), "You rounded up; a window that would hang over "
                                            "the edge is not taken: floor((n - k) / k) + 1."),
        ], "Hint: pooling keeps the channels and takes floor((n - k) / k) + 1 per axis.")
    _, out_channels, k, s, p = layer
    if got[0] == before[0] != out_channels:
        return (f"A convolutional layer with {out_channels} filters gives {out_channels} "
                "output channels, whatever the depth of its input.")
    return diagnose(got[2], [
        Suspect((n + p - k) // s + 1, "Padding is added on each side: n + 2p pixels."),
        Suspect(n + 2 * p - k + 1 if s > 1 else None,
                f"You left out the stride: the kernel moves {s} pixels per step."),
        Suspect(_ceil_size(n, k, s, p),
                "You rounded up; as in PyTorch, the last pixels that do not make a whole step "
                "are dropped: floor((n + 2p - k) / s) + 1."),
    ], "Hint: a conv layer gives out_channels channels and floor((n + 2p - k) / s) + 1 "
       "pixels per axis.")


def _as_shape(value) -> tuple[int, ...] | None:
    """``value``'s items as Python ints (a shape), or None if it is not a sequence of ints."""
    if isinstance(value, (tuple, list)) or (isinstance(value, np.ndarray) and value.ndim == 1):
        items = list(value)
    else:
        return None
    if not all(is_whole(item) for item in items):
        return None
    return tuple(int(item) for item in items)


_SHAPE_HINT = ("A shape is a tuple, as NumPy's .shape: append (channels, rows, cols), not a "
               "list or an array.")


def _judge_stack(answer, input_shape, layers, description):
    expected = []
    shape = input_shape
    for layer in layers:
        shape = _next_shape(shape, layer)
        expected.append(shape)
    result = call(answer, (input_shape, layers), description, ("input_shape", "layers"))
    # Shapes show as Python writes them (repr): whether they are tuples is the point here.
    wanted = f"a list of {len(layers)} shapes, one per layer, such as {expected[:2]!r}"
    if _as_shape(result) is not None and layers:
        raise CaseFailed(
            f"on {description} your function returned {result!r}; expected {wanted}.",
            "Return the shape after every layer, not only the last one.")
    if not isinstance(result, list):
        raise CaseFailed(f"on {description} your function returned {show(result, inline=True)}"
                         f" ({type(result).__name__}); expected {wanted}.",
                         "Collect the shapes in a list: shapes = [], then "
                         "shapes.append(shape) after each layer.")
    if len(result) != len(layers):
        raise CaseFailed(
            f"on {description} your function returned {len(result)} shapes for "
            f"{len(layers)} layers; expected {wanted}.",
            "One shape per layer, the input's shape not included.")
    before = input_shape
    for number, (layer, want, item) in enumerate(zip(layers, expected, result, strict=True),
                                                 start=1):
        where = f"on {description}, after layer {number}, {layer!r},"
        got = _as_shape(item)
        if got is None or not isinstance(item, tuple):
            hint = ("A shape is a tuple even when it has one axis: (400,), not 400."
                    if is_whole(item) else _SHAPE_HINT if got is not None
                    else "A shape is a tuple of whole numbers (int): use // to divide.")
            raise CaseFailed(f"{where} your shape is {item!r} "
                             f"({type(item).__name__}); expected {want}.", hint)
        if got != want:
            raise CaseFailed(f"{where} the volume {before} becomes {want}, but you have {got}.",
                             _stack_hint(layer, before, got))
        before = want


def _random_stack(rng):
    """A random stack of conv, pool, relu and flatten layers on a random volume."""
    shape = (int(rng.integers(1, 5)), int(rng.integers(8, 40)), int(rng.integers(8, 40)))
    layers, current = [], shape
    for _ in range(int(rng.integers(2, 6))):
        k, padding, layer = int(rng.integers(1, 6)), int(rng.integers(0, 2)), rng.choice(3)
        if layer == 0 and k <= min(current[1:]) + 2 * padding:  # the kernel must fit
            new = ("conv", int(rng.integers(1, 65)), k, int(rng.integers(1, 4)), padding)
        elif layer == 1 and min(current[1:]) >= 2:
            new = ("pool", int(rng.integers(2, min(current[1:]) + 1)))
        else:
            new = ("relu",)
        layers.append(new)
        current = _next_shape(current, new)
    layers.append(("flatten",))
    return [(shape, layers, f"input_shape={shape} and {len(layers)} layers (hidden): "
             f"{layers}")]


def evaluate_stack_shapes(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(input_shape, layers)``: the shape after every layer of a small stack.

    ``input_shape`` is ``(C, H, W)``; each layer is a tuple:
    ``("conv", out_channels, kernel_size, stride, padding)``,
    ``("pool", kernel_size)`` (stride = kernel size, no padding),
    ``("relu",)`` or ``("flatten",)``. The answer must return a list with the
    shape after each layer, as tuples of ints: ``(C, H, W)``, then
    ``(C * H * W,)`` after flatten. Sizes are counted as the positions each
    window takes, the floor ``floor((n + 2p - k) / s) + 1`` that PyTorch applies.

    Examples
    --------
    >>> evaluate_stack_shapes(lambda input_shape, layers: [input_shape] * len(layers)).passed
    False
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
       A convolutional layer with 6 filters gives 6 output channels, ...
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
    return run("stack_shapes", answer, cases, _judge_stack,
               hidden=hidden_cases(hidden_seed, _random_stack))


check_stack_shapes = checker(evaluate_stack_shapes)


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
    got = whole_number(call(answer, (layers,), description, ("layers",)), description,
                       "a width in pixels")
    if got == expected:
        return
    spans = [d * (k - 1) + 1 for k, s, d in layers]
    jumps = [int(np.prod([s for _, s, _ in layers[:n]], dtype=np.int64))
             for n in range(len(layers))]
    known = diagnose(got, [
        Suspect(expected * expected, "That is the area: the question asks for the width along "
                                     "one axis."),
        Suspect(1 + sum(span - 1 for span in spans),
                "You left out the strides: after a layer with stride s, one step of the next "
                "layer moves s times further on the input."),
        Suspect(1 + sum((k - 1) * jump for (k, _, _), jump in zip(layers, jumps, strict=True)),
                "You left out the dilation: a kernel of k taps, d apart, spans d * (k - 1) + 1 "
                "pixels."),
        Suspect(1 + sum((span - 1) * jump * s for span, jump, (_, s, _)
                        in zip(spans, jumps, layers, strict=True)),
                "You multiplied in each layer's own stride too; a layer's step on the input "
                "depends only on the strides of the layers before it."),
        Suspect(sum(k for k, _, _ in layers) if layers else None,
                "You added the kernel sizes, but neighbouring windows overlap: each layer adds "
                "k - 1 pixels, not k (two 3 x 3 layers see 5 pixels, not 6)."),
    ])
    raise CaseFailed(f"on {description} you answered {got}, but one output pixel sees "
                     f"{expected} input pixels along each axis.", *([known] if known else []),
                     "Hint: start from 1 pixel; each layer adds (d * (k - 1)) times the "
                     "product of the strides of the layers before it.")


def _random_fields(rng):
    """Two random stacks of (kernel_size, stride, dilation) layers, strides and dilations > 1."""
    def layer():
        return int(rng.integers(1, 8)), int(rng.integers(1, 4)), int(rng.integers(1, 4))

    return [named_case("hidden", layers=[layer() for _ in range(int(rng.integers(2, 6)))])
            for _ in range(2)]


def evaluate_receptive_field(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(layers)``: how many input pixels one output pixel sees, along one axis.

    ``layers`` is a list of ``(kernel_size, stride, dilation)`` triples, from
    the input to the output. The expected width, an int, is found by
    following one output pixel back through the layers: pixels ``a..b`` of a
    layer's output depend on pixels ``a * s`` to ``b * s + d * (k - 1)`` of its input.

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
    return run("receptive_field", answer, [named_case(label, layers=layers)
                                           for layers, label in stacks], _judge_field,
               hidden=hidden_cases(hidden_seed, _random_fields))


check_receptive_field = checker(evaluate_receptive_field)
