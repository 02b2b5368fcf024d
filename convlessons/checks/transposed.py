"""Checkers for the exercises of lesson 8, transposed convolution.

The expected values are computed here, from the definition (each input sample
stamps the kernel, scaled, ``stride`` places after the previous one) or from
the gradient of ``numpy.correlate``, never from ``convlessons.layers``, so a
bug in the package cannot make a wrong answer pass.

Examples
--------
>>> from convlessons.checks.transposed import check_transposed_output_size
>>> check_transposed_output_size(lambda i, k, s, p, op: i * s)  # doctest: +ELLIPSIS
❌ transposed_output_size: not yet.
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
    integer_result_suspects,
    named_case,
    run,
    show,
    whole_number,
)

# --- exercise 1: the output size -------------------------------------------------------

_SIZE_HINT = ("Hint: the stamps of i input pixels start s apart, so the last starts at "
              "(i - 1)·s and reaches k - 1 further; that makes (i - 1)·s + k pixels. Then cut "
              "p from each side and add op at the end: (i - 1)·s - 2p + k + op.")


def _transposed_size(i, k, s, p, op):
    return (i - 1) * s - 2 * p + (k - 1) + op + 1


def _size_suspects(i, k, s, p, op):
    right = _transposed_size(i, k, s, p, op)
    return [
        Suspect((i + 2 * p - k) // s + 1,
                "That is the size of the ordinary (forward) convolution, which goes down; "
                "the transposed one goes back up: (i - 1)·s - 2p + k + op."),
        Suspect(right + 4 * p, "You added the padding; a transposed convolution cuts p "
                               "pixels from each side of its result: - 2p."),
        Suspect(right - op, "You left out output_padding: it adds op pixels at the end."),
        Suspect(right + s, "i·s is one stride too many: i stamps have only i - 1 gaps "
                           "between them, so the last starts at (i - 1)·s."),
        Suspect(right - 1, "You are one short: (i - 1)·s + k - 1 is the index of the last "
                           "pixel the stamps reach; the number of pixels is one more."),
        Suspect(i * s, "i·s is the size only when the kernel equals the stride and there is "
                       "no padding; count the stamps: (i - 1)·s - 2p + k + op."),
        Suspect(right + p, "You cut p pixels once; padding is cut from both sides: - 2p."),
    ]


def _judge_size(answer, i, k, s, p, op, description):
    expected = _transposed_size(i, k, s, p, op)
    result = call(answer, (i, k, s, p, op), description)
    got = whole_number(result, description, "a number of pixels")
    if got != expected:
        raise CaseFailed(f"on {description} your function returned {got}, expected {expected}.",
                         diagnose(got, _size_suspects(i, k, s, p, op), _SIZE_HINT))


def _size_case(i, k, s, p, op):
    return named_case(i=i, k=k, s=s, p=p, op=op)


_SIZE_CASES = [
    _size_case(2, 3, 1, 0, 0),    # 4: a transposed convolution of stride 1 grows by k - 1
    _size_case(3, 3, 2, 0, 0),    # 7
    _size_case(6, 3, 2, 0, 1),    # 14: output padding picks 14 over 13
    _size_case(4, 4, 2, 1, 0),    # 8: the "double it" layer
    _size_case(5, 3, 1, 1, 0),    # 5: stride 1, padding 1 keeps the size
    _size_case(1, 1, 1, 0, 0),    # 1
    _size_case(3, 2, 3, 0, 2),    # 10: stride larger than the kernel
    _size_case(7, 5, 3, 2, 1),    # 20
    _size_case(10, 1, 4, 0, 3),   # 40
    _size_case(4, 7, 2, 3, 1),    # 8
]


def _random_sizes(rng):
    cases = []
    while len(cases) < 8:
        i, k, s = int(rng.integers(1, 21)), int(rng.integers(1, 8)), int(rng.integers(1, 5))
        p, op = int(rng.integers(0, k)), int(rng.integers(0, s))
        if _transposed_size(i, k, s, p, op) >= 1:
            cases.append(_size_case(i, k, s, p, op))
    return cases


def evaluate_transposed_output_size(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(i, k, s, p, op)``: the output size of a 1-D transposed convolution.

    ``i`` input pixels (>= 1), kernel ``k`` (>= 1), stride ``s`` (>= 1),
    padding ``p`` (0 <= p < k), output padding ``op`` (0 <= op < s); dilation 1.
    The answer must be the int ``(i - 1) s - 2 p + k + op``, at least 1 in every case.

    Examples
    --------
    >>> evaluate_transposed_output_size(lambda i, k, s, p, op: (i - 1) * s - 2 * p + k + op).passed
    True
    >>> evaluate_transposed_output_size(lambda i, k, s, p, op: (i - 1) * s + k).passed
    False
    """
    return run("transposed_output_size", answer, _SIZE_CASES, _judge_size,
               hidden=hidden_cases(hidden_seed, _random_sizes))


check_transposed_output_size = checker(evaluate_transposed_output_size)


# --- exercise 2: the stamps in a loop --------------------------------------------------

_STAMP_HINT = ("Hint: start from np.zeros((len(x) - 1) * s + len(w)) and, for every i, add "
               "x[i] * w to out[i * s : i * s + len(w)] (+=, not =): overlapping stamps add up.")


def _stamped(x, w, s, *, flip=False, overwrite=False):
    """The stamps of ``x`` with kernel ``w``, stride ``s``, and the ways to get them wrong."""
    kernel = w[::-1] if flip else w
    out = np.zeros((len(x) - 1) * s + len(w))
    for i, value in enumerate(x):
        if overwrite:
            out[i * s : i * s + len(w)] = value * kernel
        else:
            out[i * s : i * s + len(w)] += value * kernel
    return out


def _by_gradient(x, w, s):
    """The oracle: the gradient of y -> x · correlate(y, w, stride s) with respect to y."""
    length = (len(x) - 1) * s + len(w)
    columns = np.zeros((len(x), length))  # row i: the weights output i of the correlation uses
    for i in range(len(x)):
        columns[i, i * s : i * s + len(w)] = w
    return columns.T @ x


def _stamp_suspects(x, w, s, expected):
    xf, wf = x.astype(float), w.astype(float)
    return [
        Suspect(lambda: _stamped(xf, wf, s, flip=True),
                "You flipped the kernel: each input pixel stamps w as it is (the transposed "
                "convolution of a correlation layer uses the same weights, unflipped)."),
        Suspect(lambda: _stamped(xf, wf, s, overwrite=True),
                "Where two stamps overlap, your result keeps only the later one: add them "
                "(out[...] += x[i] * w), do not assign."),
        Suspect(lambda: _stamped(xf, wf, 1) if s > 1 else None,
                "Your stamps are 1 apart; they must be s apart: input pixel i starts at i * s."),
        *integer_result_suspects(expected, x),
        Suspect(lambda: np.correlate(xf, wf, "valid") if len(x) >= len(w) else None,
                "That is the ordinary correlation, which goes down; the transposed one goes "
                "back up, to (len(x) - 1) * s + len(w) samples."),
    ]


def _judge_stamps(answer, x, w, s, description):
    expected = _by_gradient(x.astype(float), w.astype(float), s)
    result = call(answer, (x, w, s), description, ("x", "w", "s"))
    hint = f"{_STAMP_HINT} Here that is {len(expected)} samples."
    compare(result, expected, description, hint, kind="f",
            suspects=lambda: _stamp_suspects(x, w, s, expected))


def _stamp_case(x, w, s):
    note = " (x of integer dtype)" if x.dtype.kind in "iu" else ""
    return x, w, s, f"x={show(x, inline=True)}, w={show(w, inline=True)}, s={s}{note}"


def _stamp_cases():
    rng = np.random.default_rng(8)
    cases = [
        (np.array([1.0, 2.0]), np.array([1.0, 10.0]), 2),          # [1, 10, 2, 20]
        (np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0, 1.0]), 2),  # [1, 1, 3, 2, 5, 3, 3]
        (np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0]), 1),       # [1, 4, 7, 6]
        (np.array([1.0, -1.0]), np.array([2.0, 1.0]), 3),           # a gap: [2, 1, 0, -2, -1]
        (np.array([5.0]), np.array([1.0, -1.0, 2.0]), 2),           # one stamp
        (np.array([3, 1, 2]), np.array([0.5, 0.25, 0.5]), 2),      # integer x, float w
        (np.array([2, 4]), np.array([0.3, 0.7, 0.3, 0.1]), 1),
        (rng.normal(size=5).round(2), rng.normal(size=3).round(2), 2),
        (rng.normal(size=4).round(2), rng.normal(size=4).round(2), 2),
        (rng.normal(size=6).round(2), rng.normal(size=2).round(2), 3),
    ]
    return [_stamp_case(*case) for case in cases]


def _random_stamps(rng):
    cases = []
    for _ in range(8):
        n, k, s = int(rng.integers(1, 8)), int(rng.integers(1, 6)), int(rng.integers(1, 4))
        x = rng.integers(-5, 6, size=n) if rng.random() < 0.4 else rng.normal(size=n).round(2)
        cases.append(_stamp_case(x, rng.normal(size=k).round(2), s))
    return cases


def evaluate_conv_transpose1d_loops(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(x, w, s)``: a 1-D transposed convolution written with a loop.

    ``x`` has shape (n,), n >= 1, integer or float; ``w`` (k,), float, k >= 1;
    ``s`` an int >= 1. No padding, no output padding. The result must be a new
    float array of shape ((n - 1) s + k,): input sample ``i`` adds ``x[i] * w``
    at positions ``i s`` to ``i s + k - 1``. Neither input may be modified.

    Examples
    --------
    >>> def stamps(x, w, s):
    ...     out = np.zeros((len(x) - 1) * s + len(w))
    ...     for i in range(len(x)):
    ...         out[i * s : i * s + len(w)] += x[i] * w
    ...     return out
    >>> evaluate_conv_transpose1d_loops(stamps).passed
    True
    """
    return run("conv_transpose1d_loops", answer, _stamp_cases(), _judge_stamps,
               hidden=hidden_cases(hidden_seed, _random_stamps))


check_conv_transpose1d_loops = checker(evaluate_conv_transpose1d_loops)


# --- exercise 3: zeros inserted, then padded -------------------------------------------

_SPREAD_HINT = ("Hint: put x into np.zeros((len(x) - 1) * s + 1) at every s-th place "
                "(spread[::s] = x), then pad k - 1 - p zeros on each side.")


def _spread(x, s, before, after, *, trailing=0):
    out = np.zeros((len(x) - 1) * s + 1 + trailing)
    out[::s][: len(x)] = x
    return np.pad(out, (before, after))


def _spread_suspects(x, s, k, p):
    border = k - 1 - p
    return [
        Suspect(lambda: _spread(x, s, border, border, trailing=s - 1) if s > 1 else None,
                "You put s - 1 zeros after the last sample too: zeros go only *between* "
                "neighbouring samples, so the spread has (len(x) - 1) * s + 1 samples."),
        Suspect(lambda: _spread(x, s + 1, border, border) if len(x) > 1 else None,
                "You inserted s zeros between neighbours; s - 1 make the samples s apart."),
        Suspect(lambda: _spread(x, s, k - 1, k - 1) if p else None,
                "You padded by k - 1 on each side; the transposed convolution's padding p "
                "cuts its result, so pad by k - 1 - p."),
        Suspect(lambda: _spread(x, s, p, p) if p not in (0, border) else None,
                "You padded by p; the zero-insertion view pads by k - 1 - p (the kernel must "
                "be able to hang k - 1 samples over each end, minus the p that are cut)."),
        Suspect(lambda: _spread(x, s, border, 0) if border else None,
                "You padded only the start: pad k - 1 - p zeros on both sides."),
        Suspect(lambda: _spread(x, s, 0, 0) if border else None,
                "You inserted the zeros but did not pad: add k - 1 - p zeros on each side."),
    ]


def _judge_spread(answer, x, s, k, p, description):
    border = k - 1 - p
    expected = _spread(x.astype(float), s, border, border)
    result = call(answer, (x, s, k, p), description, ("x", "s", "k", "p"))
    compare(result, expected, description, _SPREAD_HINT, kind="f",
            suspects=lambda: _spread_suspects(x.astype(float), s, k, p))


def _spread_case(x, s, k, p):
    return x, s, k, p, f"x={show(x, inline=True)}, s={s}, k={k}, p={p}"


def _spread_cases():
    rng = np.random.default_rng(83)
    cases = [
        (np.array([1.0, 2.0, 3.0]), 2, 4, 1),   # [0, 0, 1, 0, 2, 0, 3, 0, 0]
        (np.array([1.0, 2.0]), 2, 3, 0),        # [0, 0, 1, 0, 2, 0, 0]
        (np.array([1.0, 2.0, 3.0]), 2, 3, 1),   # [0, 1, 0, 2, 0, 3, 0]
        (np.array([4.0, -1.0]), 3, 2, 0),       # [0, 4, 0, 0, -1, 0]
        (np.array([5.0]), 2, 3, 0),             # a single sample: no zeros inserted
        (np.array([1.0, 2.0, 3.0]), 1, 3, 0),   # stride 1: nothing inserted
        (np.array([1.0, 1.0]), 2, 3, 2),        # p = k - 1: no padding at all
        (np.array([2, 7, 1]), 2, 4, 1),         # integers
        (rng.normal(size=4).round(2), 3, 5, 2),
        (rng.normal(size=5).round(2), 2, 4, 0),
    ]
    return [_spread_case(*case) for case in cases]


def _random_spreads(rng):
    cases = []
    for _ in range(8):
        n, s, k = int(rng.integers(1, 7)), int(rng.integers(1, 5)), int(rng.integers(1, 6))
        x = rng.integers(-9, 10, size=n) if rng.random() < 0.3 else rng.normal(size=n).round(2)
        cases.append(_spread_case(x, s, k, int(rng.integers(0, k))))
    return cases


def evaluate_insert_zeros(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(x, s, k, p)``: the input of the zero-insertion view (transposed conv).

    ``x`` has shape (n,), n >= 1, integer or float; ``s`` >= 1 the stride, ``k`` >= 1 the
    kernel size, ``0 <= p < k`` the padding. The result must be a new float array: ``x``
    with ``s - 1`` zeros between neighbouring samples, then ``k - 1 - p`` zeros on each
    side, shape ``((n - 1) s + 1 + 2 (k - 1 - p),)``.

    Examples
    --------
    >>> def spread(x, s, k, p):
    ...     out = np.zeros((len(x) - 1) * s + 1)
    ...     out[::s] = x
    ...     return np.pad(out, k - 1 - p)
    >>> evaluate_insert_zeros(spread).passed
    True
    """
    return run("insert_zeros", answer, _spread_cases(), _judge_spread,
               hidden=hidden_cases(hidden_seed, _random_spreads))


check_insert_zeros = checker(evaluate_insert_zeros)
