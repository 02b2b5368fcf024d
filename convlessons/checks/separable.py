"""Checkers for the exercises of lesson 9, cheaper layers.

The expected values are computed here (``numpy.einsum`` for the 1 x 1
convolution, the counts and the walk back through the layers written out),
never with ``convlessons.separable`` or ``convlessons.layers``.

Examples
--------
>>> from convlessons.checks.separable import check_separable_costs
>>> check_separable_costs(lambda c_in, c_out, k, h, w: (c_in * c_out * k * k, 0))
... # doctest: +ELLIPSIS
❌ separable_costs: not yet.
   case 1 of ...
"""

from __future__ import annotations

import numpy as np

from ._core import (
    CaseFailed,
    Suspect,
    Verdict,
    call,
    checker,
    compare,
    diagnose,
    hidden_cases,
    int_tuple,
    integer_result_suspects,
    named_case,
    random_shape,
    run,
    show,
)

# --- exercise 1: the 1 x 1 convolution ---------------------------------------------------

_WEIGHT_AXES = ("Remember: weight has shape (O, C): weight[o, c] is what input channel c "
                "adds to output channel o (not weight[c, o]), and x[c] is channel c of x.")

_POINTWISE_HINT = ("Hint: out[o, i, j] = sum over c of weight[o, c] * x[c, i, j]: with "
                   "x as a (C, H * W) matrix, that is weight @ x.reshape(C, -1), reshaped to "
                   "(O, H, W).")


def _pointwise_suspects(x, weight, expected, x_given):
    return [
        Suspect(lambda: np.einsum("co,chw->ohw", weight, x)
                if weight.shape[0] == weight.shape[1] else None,
                "You used weight[c, o] where weight[o, c] belongs. " + _WEIGHT_AXES),
        Suspect(lambda: np.einsum("oc,chw->hwo", weight, x),
                "Your result has the channels last, (H, W, O); the layers use channels first: "
                "(O, H, W). Move the axis (np.moveaxis) or reshape the matrix product."),
        Suspect(lambda: np.einsum("oc,chw->ochw", weight, x),
                "You kept one map per output and input channel: add the C products of each "
                "output channel (the sum over c)."),
        Suspect(lambda: np.einsum("o,hw->ohw", weight[:, 0], x[0]),
                "Only input channel 0 counts in your result: a 1 x 1 filter mixes all C "
                "channels of the pixel."),
        *integer_result_suspects(expected, x_given),
    ]


def _judge_pointwise(answer, x, weight, description):
    x_float, weight_float = x.astype(float), weight.astype(float)
    expected = np.einsum("oc,chw->ohw", weight_float, x_float)
    result = call(answer, (x, weight), description, ("x", "weight"),
                  explain=lambda crash: [_WEIGHT_AXES])
    compare(result, expected, description, _POINTWISE_HINT, kind="f",
            suspects=lambda: _pointwise_suspects(x_float, weight_float, expected, x))


def _pointwise_case(x, weight):
    note = " (x of integer dtype)" if x.dtype.kind in "iu" else ""
    return x, weight, f"x of shape {x.shape}{note}, weight {show(weight, inline=True)}"


def _pointwise_cases():
    rng = np.random.default_rng(91)
    cases = [
        (np.array([[[1.0, 2.0], [3.0, 4.0]], [[10.0, 20.0], [30.0, 40.0]]]),
         np.array([[1.0, 0.0], [1.0, 1.0], [0.5, -0.1]])),           # the example: 2 -> 3
        (np.arange(12.0).reshape(3, 2, 2), np.array([[1.0, 1.0, 1.0]])),  # sum of channels
        (rng.normal(size=(2, 3, 4)).round(2), np.array([[0.0, 1.0], [1.0, 0.0]])),  # a swap
        (rng.normal(size=(1, 3, 3)).round(2), np.array([[2.0], [-1.0]])),
        (rng.integers(0, 10, size=(3, 2, 3)), np.array([[0.5, 0.25, 0.25]])),  # integers
        (rng.normal(size=(4, 2, 5)).round(2), rng.normal(size=(4, 4)).round(2)),
        (rng.normal(size=(3, 1, 1)).round(2), rng.normal(size=(5, 3)).round(2)),  # one pixel
    ]
    return [_pointwise_case(*case) for case in cases]


def _random_pointwise(rng):
    cases = []
    for _ in range(6):
        c, o, h, w = random_shape(rng, 1, 6, dims=4)
        x = rng.integers(-5, 6, size=(c, h, w)) if rng.random() < 0.3 else \
            rng.normal(size=(c, h, w)).round(2)
        cases.append(_pointwise_case(x, rng.normal(size=(o, c)).round(2)))
    return cases


def evaluate_pointwise_conv(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(x, weight)``: a 1 x 1 convolution, a dense layer at every pixel.

    ``x`` has shape (C, H, W), integer or float; ``weight`` (O, C), float; no
    bias. The result must be a new float array of shape (O, H, W) with
    ``out[o, i, j] = sum over c of weight[o, c] x[c, i, j]``.

    Examples
    --------
    >>> evaluate_pointwise_conv(lambda x, w: np.einsum("oc,chw->ohw", w, x * 1.0)).passed
    True
    """
    return run("pointwise_conv", answer, _pointwise_cases(), _judge_pointwise,
               hidden=hidden_cases(hidden_seed, _random_pointwise))


check_pointwise_conv = checker(evaluate_pointwise_conv)


# --- exercise 2: what a depthwise-separable layer costs ------------------------------------

_COST_HINT = ("Hint: the depthwise layer has one k x k kernel per input channel, c_in·k·k "
              "weights; the pointwise layer c_out·c_in. Each weight is used once per output "
              "pixel, h·w times.")


def _cost_suspects(c_in, c_out, k, h, w):
    depthwise, pointwise = c_in * k * k, c_in * c_out
    pixels = h * w
    right = depthwise + pointwise
    return [
        Suspect((c_in * c_in * k * k + pointwise, pixels * (c_in * c_in * k * k + pointwise)),
                "Your depthwise layer is a full convolution (c_in·c_in·k·k): depthwise means "
                "one k x k kernel per channel, c_in·k·k weights."),
        Suspect((depthwise, pixels * depthwise),
                "You left out the pointwise 1 x 1 layer (c_in·c_out weights), which mixes the "
                "channels."),
        Suspect((pointwise, pixels * pointwise),
                "You left out the depthwise k x k layer (c_in·k·k weights)."),
        Suspect((right, right), "Your multiplications equal the weights: every weight is used "
                                "at each of the h·w output pixels."),
        Suspect((right + c_in + c_out, pixels * right),
                "You counted the biases; this exercise counts weights only."),
        Suspect((depthwise + c_out * c_out, pixels * (depthwise + c_out * c_out)),
                "The pointwise layer maps c_in channels to c_out: c_out·c_in weights, not "
                "c_out·c_out."),
    ]


def _judge_costs(answer, c_in, c_out, k, h, w, description):
    weights = c_in * k * k + c_in * c_out
    expected = (weights, h * w * weights)
    result = call(answer, (c_in, c_out, k, h, w), description)
    got = int_tuple(result, 2, description, "a pair (parameters, multiplications) of ints",
                    noun="counts")
    if got != expected:
        raise CaseFailed(f"on {description} your function returned {got}, expected {expected}.",
                         diagnose(got, _cost_suspects(c_in, c_out, k, h, w), _COST_HINT))


def _cost_case(c_in, c_out, k, h, w):
    return named_case(c_in=c_in, c_out=c_out, k=k, h=h, w=w)


_COST_CASES = [_cost_case(*case) for case in [
    (32, 64, 3, 8, 8),     # the lesson's example: 2336 weights
    (3, 3, 3, 1, 1),
    (1, 1, 1, 1, 1),
    (16, 8, 5, 4, 6),      # fewer outputs than inputs, a wide kernel, a rectangle
    (64, 128, 3, 14, 14),
    (8, 8, 1, 2, 3),       # k = 1: the depthwise layer is a per-channel scale
    (128, 32, 7, 7, 7),
]]


def _random_costs(rng):
    return [_cost_case(*(int(n) for n in (rng.integers(1, 257), rng.integers(1, 257),
                                          rng.choice([1, 3, 5, 7]), rng.integers(1, 65),
                                          rng.integers(1, 65)))) for _ in range(6)]


def evaluate_separable_costs(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(c_in, c_out, k, h, w)``: the cost of a depthwise-separable layer.

    A depthwise ``k x k`` convolution (``groups = c_in``) then a pointwise
    1 x 1 convolution to ``c_out`` channels, producing ``h x w`` maps;
    weights only, no biases. The answer must be the tuple of ints
    ``(parameters, multiplications)``.

    Examples
    --------
    >>> evaluate_separable_costs(lambda a, b, k, h, w: (a * k * k + a * b,
    ...                                                 h * w * (a * k * k + a * b))).passed
    True
    """
    return run("separable_costs", answer, _COST_CASES, _judge_costs,
               hidden=hidden_cases(hidden_seed, _random_costs))


check_separable_costs = checker(evaluate_separable_costs)


# --- exercise 3: which input pixels one output pixel reads ----------------------------------

_WINDOW_HINT = ("Hint: walk from the output back to the input, last layer first. A layer's "
                "output pixels first..last read its input pixels first·s - p .. "
                "last·s - p + d·(k - 1).")


def _walk(layers, index, *, forward=False, padding=True, dilation=True, stride=True):
    first = last = index
    for k, s, d, p in (layers if forward else reversed(layers)):
        s, d, p = (s if stride else 1), (d if dilation else 1), (p if padding else 0)
        first, last = first * s - p, last * s - p + d * (k - 1)
    return first, last


def _window_suspects(layers, index):
    return [
        Suspect(_walk(layers, index, forward=True),
                "You went through the layers from the input side; to find what an output "
                "pixel reads, walk back from the last layer to the first."),
        Suspect(_walk(layers, index, padding=False),
                "You left out the padding: a layer with padding p reads from i·s - p, so the "
                "window starts p pixels earlier (negative indices are padding)."),
        Suspect(_walk(layers, index, dilation=False),
                "You left out the dilation: a kernel of k taps d apart spans d·(k - 1) + 1 "
                "pixels."),
        Suspect(_walk(layers, index, stride=False),
                "You left out the strides: pixel i of a strided layer starts at i·s of its "
                "input."),
    ]


def _judge_window(answer, layers, index, description):
    expected = _walk(layers, index)
    result = call(answer, (list(layers), index), description)
    got = int_tuple(result, 2, description, "a pair (first, last) of ints", noun="indices")
    if got != expected:
        raise CaseFailed(f"on {description} your function returned {got}, expected {expected}.",
                         diagnose(got, _window_suspects(layers, index), _WINDOW_HINT))


def _window_case(layers, index):
    return tuple(layers), index, f"layers={list(layers)}, i={index}"


_WINDOW_CASES = [_window_case(*case) for case in [
    ([(3, 1, 1, 1), (3, 1, 1, 1)], 4),            # two 3 x 3 layers: (2, 6)
    ([(3, 1, 1, 0)], 0),                          # one layer, no padding: (0, 2)
    ([], 3),                                      # no layer: the pixel itself
    ([(3, 2, 1, 1), (3, 1, 1, 1)], 2),            # a stride before: (1, 7)
    ([(3, 1, 2, 2), (3, 1, 4, 4)], 5),            # dilations 2 and 4: (-1, 11)
    ([(3, 1, 1, 1), (3, 2, 1, 0)], 1),            # the stride in the last layer: (1, 5)
    ([(5, 2, 1, 2), (3, 2, 1, 1), (3, 1, 2, 2)], 3),
    ([(1, 1, 1, 0), (1, 2, 1, 0)], 3),            # 1 x 1 kernels: (6, 6)
]]


def _random_windows(rng):
    cases = []
    for _ in range(6):
        layers = []
        for _ in range(int(rng.integers(1, 4))):
            k, d = int(rng.choice([1, 2, 3, 5])), int(rng.integers(1, 4))
            layers.append((k, int(rng.integers(1, 3)), d, int(rng.integers(0, d * (k - 1) + 1))))
        cases.append(_window_case(layers, int(rng.integers(0, 8))))
    return cases


def evaluate_receptive_window(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(layers, i)``: the first and last input pixel that output pixel ``i`` reads.

    ``layers`` is a list of ``(kernel_size, stride, dilation, padding)`` tuples
    of ints from the input side to the output side (possibly empty); ``i >= 0``.
    Along one axis, the answer is the tuple ``(first, last)`` of input indices
    (negative or past the end where the window covers padding).

    Examples
    --------
    >>> def window(layers, i):
    ...     first = last = i
    ...     for k, s, d, p in reversed(layers):
    ...         first, last = first * s - p, last * s - p + d * (k - 1)
    ...     return first, last
    >>> evaluate_receptive_window(window).passed
    True
    """
    return run("receptive_window", answer, _WINDOW_CASES, _judge_window,
               hidden=hidden_cases(hidden_seed, _random_windows))


check_receptive_window = checker(evaluate_receptive_window)
