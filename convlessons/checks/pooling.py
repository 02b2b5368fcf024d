"""Checkers for the exercises of lesson 5, pooling.

The expected values come from NumPy (``sliding_window_view`` and ``max``,
``argmax`` on each window, ``np.kron``) or from a formula written here, never
from ``convlessons.pooling``, so a bug in the package cannot make a wrong
answer pass.

Shapes are ``(rows, columns)``: an input ``(H, W)``, square windows of
``k x k`` pixels. Without padding, a window that would hang over the edge is
not pooled: along an axis of ``i`` pixels there are ``floor((i - k) / s) + 1``
windows, and the rows and columns after the last window are left out.

Examples
--------
>>> from convlessons.checks.pooling import check_pool_output_size
>>> check_pool_output_size(lambda i, k, s: i // s)  # doctest: +ELLIPSIS
❌ pool_output_size: not yet.
   case 3 of 14: on i=5, k=3, s=1 (overlapping windows) you answered 5, but 3 windows fit.
   i // s counts the windows only when they tile the input exactly ...
   ...
"""

from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._core import (
    INTEGER_RESULT_HINT,
    CaseFailed,
    Suspect,
    Verdict,
    call,
    checker,
    compare,
    diagnose,
    hidden_cases,
    input_lines,
    named_case,
    random_pixels,
    random_shape,
    run,
    shape_hint,
    show,
    whole_number,
)

# --- shared helpers -------------------------------------------------------------


def _count(size: int, k: int, stride: int) -> int:
    """Windows of ``k`` pixels, ``stride`` apart, that fit along ``size`` pixels."""
    return (size - k) // stride + 1


def _describe(x: np.ndarray, **numbers) -> str:
    rows, cols = x.shape
    details = ", ".join(f"{name}={value}" for name, value in numbers.items())
    return f"a {rows} x {cols} input, {details}"


# --- exercise 1: pool_output_size ---------------------------------------------------

_SIZE_HINT = ("Hint: the first window starts at 0 and the last one at the largest multiple "
              "of s that is at most i - k: that is (i - k) // s steps, plus 1 for the first "
              "window.")


def _judge_size(answer, i, k, s, description):
    expected = _count(i, k, s)
    result = call(answer, (i, k, s), description, ("i", "k", "s"))
    got = whole_number(result, description, "a number of windows",
                       hint="Use // rather than / to divide, or int(...) around the result.")
    if got == expected:
        return
    advice = diagnose(got, [
        Suspect(math.ceil((i - k) / s) + 1,
                "You rounded up: the last of your windows would hang over the edge of the "
                "input. Without padding such a window is not pooled; the leftover pixels are "
                "dropped (rounding up is PyTorch's ceil_mode=True, not its default)."),
        Suspect(i // s, "i // s counts the windows only when they tile the input exactly "
                        "(k == s and i a multiple of s); here they overlap or leave pixels "
                        "out."),
        Suspect(i - k + 1, "i - k + 1 is the number of positions with stride 1; with stride s "
                           "only every s-th of them is used."),
        *(Suspect(value, "Mind the brackets: divide the i - k pixels the window can move by "
                         "s, then add 1 for the first window, which needs no step at all. "
                         "(i - k + 1) // s and (i - (k + 1)) // s + 1 both miss a window "
                         "here.")
          for value in ((i - k + 1) // s, (i - (k + 1)) // s + 1)),
    ])
    raise CaseFailed(f"on {description} you answered {got}, but {expected} windows fit.",
                     *([advice] if advice else []), _SIZE_HINT)


def _make_size(rng):
    cases = []
    for _ in range(8):
        i = int(rng.integers(1, 300))
        k = int(rng.integers(1, min(i, 9) + 1))
        cases.append(named_case(i=i, k=k, s=int(rng.integers(1, 9))))
    return cases


def evaluate_pool_output_size(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(i, k, s)``: how many windows of ``k`` pixels, stride ``s``, fit in ``i``.

    The expected value is ``floor((i - k) / s) + 1`` for whole numbers
    ``1 <= k <= i`` and ``s >= 1``, returned as an ``int``.

    Examples
    --------
    >>> evaluate_pool_output_size(lambda i, k, s: (i - k) // s + 1).passed
    True
    >>> check_pool_output_size(lambda i, k, s: (i - k) / s + 1)  # doctest: +ELLIPSIS
    ❌ pool_output_size: not yet.
       case 1 of 14: on i=4, k=2, s=2 (the example above) your function returned 2.0 ...
       Use // rather than / to divide, or int(...) around the result.
    """
    sizes = [
        (4, 2, 2, "the example above"),
        (28, 2, 2, "a 28-pixel image, 2 x 2 windows"),
        (5, 3, 1, "overlapping windows"),
        (5, 2, 2, "one pixel left over"),
        (7, 3, 2, "overlapping windows, stride 2"),
        (13, 3, 2, ""),
        (10, 3, 2, "the last pixel left over"),
        (7, 2, 3, "a stride larger than the window"),
        (8, 8, 1, "one window as large as the input"),
        (8, 8, 3, "one window as large as the input"),
        (9, 1, 1, "windows of one pixel"),
        (9, 1, 4, "windows of one pixel, stride 4"),
        (224, 3, 2, ""),
        (6, 4, 5, "a stride longer than the input"),
    ]
    cases = [named_case(label, i=i, k=k, s=s) for i, k, s, label in sizes]
    return run("pool_output_size", answer, cases, _judge_size,
               hidden=hidden_cases(hidden_seed, _make_size))


check_pool_output_size = checker(evaluate_pool_output_size)


# --- exercise 2: max_pool_loops -------------------------------------------------------

_MAX_POOL_HINT = ("Hint: out[i, j] is the largest value of the k x k window whose top-left "
                  "pixel is x[i * stride, j * stride], for (H - k) // stride + 1 values of i "
                  "and (W - k) // stride + 1 values of j.")


def _max_pool(x: np.ndarray, k: int, stride: int) -> np.ndarray:
    return sliding_window_view(x, (k, k))[::stride, ::stride].max(axis=(2, 3))


def _windows_max(x: np.ndarray, k: int, step: int, rows: int, cols: int) -> np.ndarray | None:
    """The largest value of windows (i, j) starting at (i * step, j * step), cut at the edge.

    It reproduces loops with the wrong counts or steps; None when one of
    those windows would lie wholly outside ``x``.
    """
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            window = x[i * step : i * step + k, j * step : j * step + k]
            if window.size == 0:
                return None
            out[i, j] = window.max()
    return out


def _judge_max_pool(answer, x, k, stride, description):
    x_f = x.astype(float)
    expected = _max_pool(x_f, k, stride)
    result = call(answer, (x, k, stride), description, ("x", "k", "stride"))
    (height, width), (rows, cols) = x.shape, expected.shape
    short = (len(range(0, height - k, stride)), len(range(0, width - k, stride)))
    compare(result, expected, description, _MAX_POOL_HINT,
            inputs=lambda: input_lines(x=x), suspects=[
                Suspect(lambda: _max_pool(x_f, k, k) if stride != k else None,
                        "Your windows step by k pixels: that is stride = k. Use the stride "
                        "argument, which may be smaller (overlapping windows) or larger."),
                Suspect(lambda: _windows_max(x_f, k, stride, math.ceil((height - k) / stride)
                                             + 1, math.ceil((width - k) / stride) + 1),
                        "You have one window too many: it would hang over the edge of the "
                        "input. Without padding that window is not pooled; round down, (H - k) "
                        "// stride + 1 (rounding up is PyTorch's ceil_mode=True)."),
                Suspect(lambda: _windows_max(x_f, k, stride, height // stride,
                                             width // stride),
                        "H // stride counts the windows only when they tile the input exactly; "
                        "the count is (H - k) // stride + 1 (Exercise 1)."),
                Suspect(lambda: _windows_max(x_f, k, stride, *short),
                        "Your loops stop one window early. The last window starts at the "
                        "largest multiple of stride that is at most H - k, and must be "
                        "included: range(0, H - k + 1, stride), not range(0, H - k, stride)."),
                Suspect(lambda: _windows_max(x_f, k, 1, rows, cols),
                        "Your window (i, j) starts at x[i, j]: the windows move one pixel at a "
                        "time. They must start at x[i * stride, j * stride]."),
                Suspect(np.maximum(expected, 0.0),
                        "Where every value of a window is negative you return 0: you started "
                        "the running maximum at 0. Start it at the window's first value (or "
                        "-np.inf), or use window.max()."),
                Suspect(lambda: sliding_window_view(x_f, (k, k))[::stride, ::stride]
                        .mean(axis=(2, 3)),
                        "That is the mean of each window, average pooling. Max pooling keeps "
                        "the largest value."),
                Suspect(np.trunc(expected), INTEGER_RESULT_HINT),
            ])


def _max_pool_cases():
    rng = np.random.default_rng(5)
    example = np.array([[3, 1, 0, 2], [4, 6, 5, 1], [2, 0, 7, 3], [1, 8, 2, 2]], dtype=float)
    inputs = [
        (example, 2, 2, "the example above"),
        (example, 2, 1, "overlapping windows"),
        (rng.normal(size=(5, 5)).round(2), 3, 1, "overlapping windows"),
        (rng.normal(size=(6, 7)).round(2), 3, 2, "the last row left over"),
        (rng.normal(size=(5, 8)).round(2), 2, 2, "the last row left over"),
        (rng.normal(size=(7, 7)).round(2), 2, 3, "a stride larger than the window"),
        (rng.normal(size=(3, 4)).round(2), 1, 1, "windows of one pixel"),
        (rng.normal(size=(5, 6)).round(2), 1, 2, "windows of one pixel, stride 2"),
        (-rng.uniform(1, 9, size=(4, 6)).round(1), 2, 2, "only negative values"),
        (rng.normal(size=(3, 3)).round(2), 3, 1, "one window as large as the input"),
        (np.array([[3.0, 9.0, 4.0, 1.0, 5.0, 2.0, 6.0]]), 1, 3, "a single row"),
        (np.array([[10, 200, 30, 40], [50, 60, 250, 80], [90, 100, 110, 120],
                   [0, 255, 5, 6]], dtype=np.uint8), 2, 2, "integer pixels (uint8)"),
    ]
    return [(x, k, stride, f"{_describe(x, k=k, stride=stride)} ({label})")
            for x, k, stride, label in inputs]


def _make_max_pool(rng):
    cases = []
    for _ in range(6):
        height, width = random_shape(rng, 1, 10)
        k = int(rng.integers(1, min(height, width) + 1))
        stride = int(rng.integers(1, 5))
        x = random_pixels(rng, (height, width), all_negative=True)
        cases.append((x, k, stride, f"{_describe(x, k=k, stride=stride)} (random {x.dtype})"))
    return cases


def evaluate_max_pool_loops(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(x, k, stride)``: max pooling of a 2-D array, without padding.

    ``x`` has shape (H, W), floats or integers; ``k`` and ``stride`` are ints
    with ``k <= H`` and ``k <= W``; the result must be a new array equal to
    ``sliding_window_view(x, (k, k))[::stride, ::stride].max(axis=(2, 3))``,
    of shape ``((H - k) // stride + 1, (W - k) // stride + 1)``, and ``x``
    must not be modified.

    Examples
    --------
    >>> from numpy.lib.stride_tricks import sliding_window_view
    >>> evaluate_max_pool_loops(
    ...     lambda x, k, stride: sliding_window_view(x, (k, k))[::stride, ::stride].max(axis=(2, 3))
    ... ).passed
    True
    >>> check_max_pool_loops(lambda x, k, stride: x[::stride, ::stride])  # doctest: +ELLIPSIS
    ❌ max_pool_loops: not yet.
       case 1 of 12: on a 4 x 4 input, k=2, stride=2 (the example above):
       x: [[3., 1., 0., 2.],
           [4., 6., 5., 1.],
       ...
    """
    return run("max_pool_loops", answer, _max_pool_cases(), _judge_max_pool,
               hidden=hidden_cases(hidden_seed, _make_max_pool))


check_max_pool_loops = checker(evaluate_max_pool_loops)


# --- exercise 3: max_pool_backward ------------------------------------------------------

_MAX_BACKWARD_HINT = ("Hint: start from zeros of x's shape; for each window (i, j), find the "
                      "position of its first maximum (np.argmax of the window, then divmod by "
                      "k) and add grad_out[i, j] there, at row i * k + a, column j * k + b.")


def _route(x: np.ndarray, grad_out: np.ndarray, k: int, rule: str) -> np.ndarray:
    """The gradient of max pooling (stride k) under a rule for the winners of a window.

    ``"first"``: the first maximum in reading order (the convention); ``"last"``:
    the last one; ``"every"``: every tied maximum; ``"mark"``: the first maximum
    gets 1 whatever ``grad_out`` says; ``"spread"``: every pixel gets 1 / k².
    """
    grad = np.zeros(x.shape)
    for i in range(grad_out.shape[0]):
        for j in range(grad_out.shape[1]):
            window = x[i * k : (i + 1) * k, j * k : (j + 1) * k]
            flat = window.ravel()
            target = grad[i * k : (i + 1) * k, j * k : (j + 1) * k]  # a view into grad
            if rule == "every":
                target[window == window.max()] += grad_out[i, j]
            elif rule == "spread":
                target += grad_out[i, j] / k**2
            else:
                if rule == "last":
                    winner = flat.size - 1 - np.argmax(flat[::-1])
                else:
                    winner = np.argmax(flat)
                a, b = divmod(int(winner), k)
                target[a, b] += 1.0 if rule == "mark" else grad_out[i, j]
    return grad


def _judge_max_backward(answer, x, grad_out, k, description):
    x_f = x.astype(float)
    expected = _route(x_f, grad_out, k, "first")
    result = call(answer, (x, grad_out, k), description, ("x", "grad_out", "k"))
    hint = shape_hint(result, {
        grad_out.shape: "That is the shape of grad_out. The gradient is taken with respect to "
                        "x, so it has one value per pixel of x. " + _MAX_BACKWARD_HINT,
        (grad_out.shape[0] * k, grad_out.shape[1] * k):
            "The gradient has x's shape, including the rows and columns that no window "
            "covers: they do not reach the output, so their gradient is 0. "
            + _MAX_BACKWARD_HINT,
    }, _MAX_BACKWARD_HINT)
    compare(result, expected, description, hint, kind="f",
            inputs=lambda: input_lines(x=x, grad_out=grad_out), suspects=[
                Suspect(lambda: _route(x_f, grad_out, k, "every"),
                        "On a tie you gave the gradient to every maximum of the window, so the "
                        "window passes on more gradient than it received. Only the first "
                        "maximum in reading order (the one np.argmax returns) gets it."),
                Suspect(lambda: _route(x_f, grad_out, k, "last"),
                        "On a tie you gave the gradient to the last maximum of the window; the "
                        "convention is the first one in reading order, the one np.argmax "
                        "returns (use >, not >=, if you compare values one by one)."),
                Suspect(lambda: _route(x_f, grad_out, k, "spread"),
                        "You spread grad_out[i, j] evenly over the window: that is the "
                        "gradient of average pooling. Max pooling's output depends on one "
                        "pixel only."),
                Suspect(lambda: _route(x_f, grad_out, k, "mark"),
                        "You marked the maxima with 1: multiply by grad_out[i, j], the "
                        "gradient that arrives at that output pixel."),
                Suspect(np.trunc(expected), INTEGER_RESULT_HINT),
            ])


def _max_backward_cases():
    rng = np.random.default_rng(15)
    example = np.array([[3, 1, 0, 2], [4, 6, 5, 1], [2, 0, 7, 3], [1, 8, 2, 2]], dtype=float)
    inputs = [
        (example, np.array([[1.0, 2.0], [3.0, 4.0]]), 2, "the example above"),
        (np.array([[1.0, 3.0], [4.0, 2.0]]), np.array([[10.0]]), 2, "a single window"),
        (np.array([[2.0, 5.0, 0.0, 0.0], [5.0, 1.0, 0.0, 0.0]]), np.array([[1.5, -2.0]]), 2,
         "ties: the first maximum in reading order"),
        (rng.normal(size=(6, 6)).round(2), rng.normal(size=(2, 2)).round(2), 3, "3 x 3 windows"),
        (rng.normal(size=(5, 7)).round(2), rng.normal(size=(2, 3)).round(2), 2,
         "the last row and column left over"),
        (rng.normal(size=(3, 4)).round(2), rng.normal(size=(3, 4)).round(2), 1,
         "windows of one pixel"),
        (np.array([[1, 7, 3, 3], [2, 4, 9, 0], [5, 5, 6, 1], [5, 0, 2, 8]]),
         np.array([[0.5, 0.25], [-1.5, 0.75]]), 2, "integer pixels, a tie, fractional grad_out"),
        (np.maximum(rng.normal(size=(4, 6)), 0).round(2), rng.normal(size=(2, 3)).round(2), 2,
         "after a ReLU: windows of zeros tie"),
        (-rng.uniform(1, 9, size=(6, 4)).round(1), rng.normal(size=(3, 2)).round(2), 2,
         "only negative values"),
        (rng.normal(size=(3, 3)).round(2), np.array([[2.5]]), 3,
         "one window as large as the input"),
    ]
    return [(x, g, k, f"{_describe(x, k=k)} ({label})") for x, g, k, label in inputs]


def _make_max_backward(rng):
    cases = []
    for _ in range(6):
        height, width = random_shape(rng, 1, 10)
        k = int(rng.integers(1, min(height, width) + 1))
        x = random_pixels(rng, (height, width), all_negative=True)
        grad_out = rng.normal(size=(height // k, width // k)).round(2)
        cases.append((x, grad_out, k, f"{_describe(x, k=k)} (random {x.dtype})"))
    return cases


def evaluate_max_pool_backward(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(x, grad_out, k)``: the gradient of max pooling with stride ``k``.

    ``x`` has shape (H, W), floats or integers, and ``grad_out`` (floats)
    shape ``(H // k, W // k)``, the gradient with respect to the pooled
    output. The result is a new float array of the shape of ``x``: 0
    everywhere except, for each window, at its first maximum in reading
    order (``np.argmax`` of the flattened window), which receives
    ``grad_out[i, j]``. Rows and columns that no window covers get 0. The
    expected result is computed here with ``np.argmax`` window by window.

    Examples
    --------
    >>> def spread(x, grad_out, k):
    ...     return np.kron(grad_out, np.ones((k, k))) / k**2
    >>> check_max_pool_backward(spread)  # doctest: +ELLIPSIS
    ❌ max_pool_backward: not yet.
       case 1 of 10: on a 4 x 4 input, k=2 (the example above):
       ...
       You spread grad_out[i, j] evenly over the window: that is the gradient of average ...
    """
    return run("max_pool_backward", answer, _max_backward_cases(), _judge_max_backward,
               hidden=hidden_cases(hidden_seed, _make_max_backward))


check_max_pool_backward = checker(evaluate_max_pool_backward)


# --- exercise 4: avg_pool_backward --------------------------------------------------------

_AVG_BACKWARD_HINT = ("Hint: out[i, j] is the sum of its k * k pixels divided by k * k, so "
                      "each of them receives grad_out[i, j] / (k * k); the pixels that no "
                      "window covers receive 0. The result has shape input_shape.")


def _judge_avg_backward(answer, grad_out, k, input_shape, description):
    grad_f = np.asarray(grad_out, dtype=float)
    covered = np.kron(grad_f, np.ones((k, k))) / k**2
    expected = np.zeros(input_shape)
    expected[: covered.shape[0], : covered.shape[1]] = covered
    result = call(answer, (grad_out, k, input_shape), description,
                  ("grad_out", "k", "input_shape"))
    compare(result, expected, description, _AVG_BACKWARD_HINT, kind="f",
            inputs=lambda: input_lines(grad_out=grad_out), suspects=[
                Suspect(expected * k**2 if k > 1 else None,
                        "Your values are k * k times too large: each window's gradient is "
                        "copied to all its pixels, which is the gradient of sum pooling. The "
                        "mean divides by k * k, and so does its gradient."),
                Suspect(expected * k if k > 1 else None,
                        "Your values are k times too large: a k x k window holds k * k "
                        "pixels, so divide by k * k, not by k."),
                Suspect(covered if covered.shape != expected.shape else None,
                        "You covered only the pixels inside the windows. The gradient has the "
                        "input's shape, input_shape: the rows and columns that no window "
                        "covers get 0."),
                Suspect(np.trunc(expected), INTEGER_RESULT_HINT),
            ])


def _avg_case(grad_out, k, shape, label):
    return (grad_out, k, shape,
            f"grad_out of shape {grad_out.shape}, k={k}, input_shape={shape} ({label})")


def _avg_backward_cases():
    rng = np.random.default_rng(25)
    inputs = [
        (np.array([[4.0, 8.0]]), 2, (2, 4), "the example above"),
        (np.array([[4.0, 8.0]]), 2, (3, 5), "a row and a column that no window covers"),
        (np.array([[9.0]]), 3, (3, 3), "a single window"),
        (rng.normal(size=(2, 3)).round(2), 3, (6, 9), "3 x 3 windows"),
        (rng.normal(size=(3, 4)).round(2), 1, (3, 4), "windows of one pixel"),
        (rng.normal(size=(3, 2)).round(2), 2, (7, 5), "the last row and column left over"),
        (np.array([[1, 2], [3, 4]]), 2, (4, 4), "an integer grad_out"),
        (rng.normal(size=(2, 2)).round(2), 4, (11, 9), "4 x 4 windows, three rows left over"),
    ]
    return [_avg_case(*case) for case in inputs]


def _make_avg_backward(rng):
    cases = []
    for _ in range(6):
        height, width = random_shape(rng, 1, 12)
        k = int(rng.integers(1, min(height, width) + 1))
        shape = (height // k, width // k)
        grad_out = (rng.integers(-9, 10, size=shape) if rng.integers(2)
                    else rng.normal(size=shape).round(2))
        cases.append(_avg_case(grad_out, k, (height, width), f"random {grad_out.dtype}"))
    return cases


def evaluate_avg_pool_backward(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(grad_out, k, input_shape)``: the gradient of average pooling, stride ``k``.

    ``grad_out`` (floats or integers) has shape ``(H // k, W // k)`` for
    ``input_shape = (H, W)``. The expected result, a new float array of
    shape ``input_shape``, is ``np.kron(grad_out, np.ones((k, k))) / k**2``
    in the part the windows cover and 0 in the rows and columns after it.

    Examples
    --------
    >>> def right(grad_out, k, input_shape):
    ...     grad = np.zeros(input_shape)
    ...     rows, cols = grad_out.shape
    ...     grad[: rows * k, : cols * k] = np.kron(grad_out, np.ones((k, k))) / k**2
    ...     return grad
    >>> check_avg_pool_backward(right)
    ✅ avg_pool_backward: all 8 cases pass.
    >>> evaluate_avg_pool_backward(lambda g, k, shape: np.kron(g, np.ones((k, k)))).passed
    False
    """
    return run("avg_pool_backward", answer, _avg_backward_cases(), _judge_avg_backward,
               hidden=hidden_cases(hidden_seed, _make_avg_backward))


check_avg_pool_backward = checker(evaluate_avg_pool_backward)


# --- exercise 5: pooled_map_unchanged -------------------------------------------------------


def _pooled_peak(shape, position, k) -> np.ndarray:
    """Max pooling (stride k) of a map of zeros with a single 1 at ``position``."""
    feature = np.zeros(shape)
    feature[position] = 1.0
    return _max_pool(feature, k, k)


def _where(shape, position, k) -> str:
    rows, cols = _count(shape[0], k, k), _count(shape[1], k, k)
    r, c = position
    left_out = [f"{name} {index}" for name, index, windows in
                (("row", r, rows), ("column", c, cols)) if index >= windows * k]
    if left_out:
        return f"{position}, in {' and '.join(left_out)}, which no window covers"
    return f"{position}, in window {(r // k, c // k)}"


def _judge_unchanged(answer, shape, position, shift, k, description):
    moved = (position[0] + shift[0], position[1] + shift[1])
    expected = bool(np.array_equal(_pooled_peak(shape, position, k),
                                   _pooled_peak(shape, moved, k)))
    result = call(answer, (shape, position, shift, k), description,
                  ("shape", "position", "shift", "k"))
    if not isinstance(result, (bool, np.bool_)):
        raise CaseFailed(
            f"on {description} your function returned {show(result, inline=True)} "
            f"({type(result).__name__}); expected True or False.",
            "A comparison such as a == b gives a bool; return that.",
        )
    if bool(result) == expected:
        return
    lines = [f"on {description} you answered {bool(result)}, but the pooled map "
             + ("stays the same." if expected else "changes."),
             f"The peak moves from {_where(shape, position, k)},",
             f"to {_where(shape, moved, k)}."]
    if expected and "no window" in _where(shape, position, k):
        lines.append("No window sees the peak, before or after the move: the pooled map is "
                     "all zeros both times. Pooling without padding drops the rows and "
                     "columns after the last window.")
    elif expected:
        lines.append("The peak stays inside its window, and max pooling keeps only the "
                     "largest value of a window, not where in the window it is.")
    elif "no window" in _where(shape, moved, k):
        lines.append("The peak leaves the part of the map that the windows cover, so the "
                     "pooled map loses it.")
    else:
        lines.append("The peak crosses into another window: its value moves to another "
                     "pixel of the pooled map. Max pooling forgives only the moves that stay "
                     "inside a window, however small the move.")
    lines.append("Hint: compare the window that holds the peak before and after the move, "
                 "(r // k, c // k), or say that no window holds it when r or c lies beyond "
                 "the last window ((H - k) // k + 1 windows of k pixels per axis).")
    raise CaseFailed(*lines)


def _make_unchanged(rng):
    cases = []
    for _ in range(8):
        shape = random_shape(rng, 2, 12)
        k = int(rng.integers(1, min(shape) + 1))
        position = tuple(int(rng.integers(size)) for size in shape)
        moved = tuple(int(rng.integers(size)) for size in shape)
        shift = (moved[0] - position[0], moved[1] - position[1])
        if rng.integers(2):  # a small move, which often stays inside its window
            shift = tuple(int(np.clip(p + rng.integers(-2, 3), 0, size - 1)) - p
                          for p, size in zip(position, shape, strict=True))
        cases.append(named_case(shape=shape, position=position, shift=shift, k=k))
    return cases


def evaluate_pooled_map_unchanged(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(shape, position, shift, k)``: does a move leave the max-pooled map as it is?

    A feature map of ``shape`` (H, W) holds zeros and a single 1 at
    ``position`` (r, c); it is max-pooled with k x k windows and stride k.
    The answer must be ``True`` exactly when moving the 1 by ``shift``
    (dr, dc), to a position inside the map, gives the same pooled map. The
    expected answer comes from pooling both maps here with NumPy.

    Examples
    --------
    >>> evaluate_pooled_map_unchanged(lambda shape, position, shift, k: True).passed
    False
    >>> check_pooled_map_unchanged(
    ...     lambda shape, position, shift, k: position[1] // k == (position[1] + shift[1]) // k
    ... )  # doctest: +ELLIPSIS
    ❌ pooled_map_unchanged: not yet.
       case 4 of 17: on shape=(6, 6), position=(3, 3), shift=(1, 0), k=2 you answered True, ...
       The peak moves from (3, 3), in window (1, 1),
       to (4, 3), in window (2, 1).
       ...
    """
    moves = [
        ((6, 6), (2, 2), (0, 1), 2, "the first example above"),
        ((6, 6), (2, 2), (0, -1), 2, "the second example above"),
        ((6, 6), (2, 2), (1, 1), 2, ""),
        ((6, 6), (3, 3), (1, 0), 2, ""),
        ((6, 6), (2, 2), (0, 0), 2, "no move at all"),
        ((9, 9), (3, 4), (2, 1), 3, "3 x 3 windows"),
        ((9, 9), (3, 5), (0, 1), 3, "3 x 3 windows"),
        ((6, 6), (2, 3), (0, 1), 1, "windows of one pixel"),
        ((8, 8), (5, 2), (-2, 0), 2, ""),
        ((7, 7), (1, 1), (-1, -1), 3, ""),
        ((5, 5), (3, 1), (1, 0), 2, "the last row is left over"),
        ((5, 7), (1, 5), (0, 1), 2, "the last column is left over"),
        ((5, 6), (4, 1), (0, 2), 2, "the last row is left over"),
        ((7, 7), (6, 6), (0, -1), 3, "the last row and column are left over"),
        ((6, 5), (1, 4), (1, 0), 2, "the last column is left over"),
        ((6, 5), (2, 4), (0, -1), 2, "the last column is left over"),
        ((8, 8), (4, 4), (3, 3), 4, "4 x 4 windows"),
    ]
    cases = [named_case(label, shape=shape, position=position, shift=shift, k=k)
             for shape, position, shift, k, label in moves]
    return run("pooled_map_unchanged", answer, cases, _judge_unchanged,
               hidden=hidden_cases(hidden_seed, _make_unchanged))


check_pooled_map_unchanged = checker(evaluate_pooled_map_unchanged)
